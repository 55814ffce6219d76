package dev.parley.messaging.message;

import dev.parley.common.api.SlackApiException;
import dev.parley.common.json.SlackJson;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * What one message may carry, with Slack's errors: text up to {@link #MAX_TEXT} characters ({@code msg_too_long}),
 * at most {@link BlockKit#MAX_BLOCKS} valid Block Kit blocks ({@code invalid_blocks}, {@code msg_blocks_too_long}),
 * and at most {@link #MAX_ATTACHMENTS} attachments ({@code too_many_attachments}, {@code invalid_attachments}); the
 * files it shares, from the files service, are at most {@link #MAX_FILES} Slack file objects with distinct ids
 * ({@code invalid_arguments}). The size caps bound what any one message costs to store, page and deliver.
 */
final class MessageContent {

    static final int MAX_TEXT = 40_000;
    /** Slack refuses long blocks with {@code msg_blocks_too_long} without saying where; this is our line. */
    static final int MAX_BLOCKS_CHARS = 50_000;
    static final int MAX_ATTACHMENTS = 100;
    static final int MAX_ATTACHMENTS_CHARS = 100_000;
    /** More than one upload call ever shares, with room for each object's thumbnails and previews. */
    static final int MAX_FILES = 100;
    static final int MAX_FILES_CHARS = 500_000;

    private MessageContent() {
    }

    /** A new message (post or ephemeral): something to show, within the limits. */
    static void checkNew(String text, String blocks, String attachments) {
        checkNew(text, blocks, attachments, null);
    }

    /** A new message that may share files: those alone are something to show, as an upload without a comment. */
    static void checkNew(String text, String blocks, String attachments, String files) {
        if (files != null) {
            checkFiles(files);
        } else if ((text == null || text.isBlank()) && blocks == null && attachments == null) {
            throw new SlackApiException("no_text");
        }
        check(text, blocks, attachments);
    }

    /**
     * What the files service shares: a non-empty JSON array of file objects, each with its own {@code F…} id. Their
     * other fields are the files service's to shape; they are shown as given.
     */
    static void checkFiles(String files) {
        if (files.length() > MAX_FILES_CHARS) {
            throw new SlackApiException("invalid_arguments");
        }
        JsonNode tree = parse(files, "invalid_arguments");
        if (!tree.isArray() || tree.isEmpty() || tree.size() > MAX_FILES
                || !BlockKit.shapeProblems(tree, "/files", null).isEmpty()) {
            throw new SlackApiException("invalid_arguments");
        }
        Set<String> ids = new HashSet<>();
        for (JsonNode file : tree.values()) {
            if (!isFile(file) || !ids.add(file.path("id").asString())) {
                throw new SlackApiException("invalid_arguments");
            }
        }
    }

    /** A Slack file object (or a deleted file's tombstone): an object with an {@code F…} id. */
    static boolean isFile(JsonNode file) {
        return file.isObject() && file.path("id").isString() && file.path("id").asString().matches("F[A-Z0-9]{1,23}");
    }

    /** Any of the parts of a message that are given, within the limits. */
    static void check(String text, String blocks, String attachments) {
        if (text != null && text.length() > MAX_TEXT) {
            throw new SlackApiException("msg_too_long");
        }
        if (blocks != null) {
            checkBlocks(blocks);
        }
        if (attachments != null) {
            checkAttachments(attachments);
        }
    }

    private static void checkBlocks(String blocks) {
        if (blocks.length() > MAX_BLOCKS_CHARS) {
            throw new SlackApiException("msg_blocks_too_long");
        }
        JsonNode tree = parse(blocks, "invalid_blocks");
        List<String> problems = BlockKit.problems(tree, "/blocks");
        if (!problems.isEmpty()) {
            throw refused("invalid_blocks", problems);
        }
    }

    private static void checkAttachments(String attachments) {
        if (attachments.length() > MAX_ATTACHMENTS_CHARS) {
            throw refused("invalid_attachments",
                    List.of("must be less than " + (MAX_ATTACHMENTS_CHARS + 1) + " characters [json-pointer:/attachments]"));
        }
        JsonNode tree = parse(attachments, "invalid_attachments");
        if (!tree.isArray()) {
            throw refused("invalid_attachments", List.of("must be an array [json-pointer:/attachments]"));
        }
        if (tree.size() > MAX_ATTACHMENTS) {
            throw new SlackApiException("too_many_attachments");
        }
        for (int i = 0; i < tree.size(); i++) {
            JsonNode attachment = tree.get(i);
            if (!attachment.isObject()) {
                throw refused("invalid_attachments", List.of("must be an object [json-pointer:/attachments/" + i + "]"));
            }
            List<String> problems = new java.util.ArrayList<>();
            if (attachment.has("blocks")) {
                problems.addAll(BlockKit.problems(attachment.get("blocks"), "/attachments/" + i + "/blocks"));
            }
            // The rest of an attachment (fields, actions, …) may not nest or grow arrays beyond what a block may.
            problems.addAll(BlockKit.shapeProblems(attachment, "/attachments/" + i, "blocks"));
            if (!problems.isEmpty()) {
                throw refused("invalid_attachments", problems);
            }
        }
    }

    private static JsonNode parse(String json, String error) {
        try {
            return SlackJson.tree(json);
        } catch (RuntimeException e) {
            throw new SlackApiException(error);
        }
    }

    /** Slack's error with its detail: {@code errors} and {@code response_metadata.messages}. */
    private static SlackApiException refused(String error, List<String> problems) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("errors", problems);
        detail.put("response_metadata", Map.of("messages", problems.stream().map(p -> "[ERROR] " + p).toList()));
        return new SlackApiException(error, detail);
    }
}
