package dev.parley.messaging.message;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Slack's Block Kit rules for the blocks of a message: the known block types with their required fields and length
 * limits, and a bound on every string, array and level of nesting inside a block. Problems are reported as Slack
 * words them, {@code "<problem> [json-pointer:/blocks/0/text]"}, the first few of them.
 */
final class BlockKit {

    static final int MAX_BLOCKS = 50;
    /** Slack's limit on a text field of a block; any other string inside a block is held to it too. */
    static final int MAX_STRING = 3000;
    static final int MAX_BLOCK_ID = 255;
    static final int MAX_MARKDOWN = 12_000;
    /** Arrays inside a block (options, rich text runs, table rows) and levels of nesting, beyond Slack's own. */
    static final int MAX_ARRAY = 1000;
    static final int MAX_DEPTH = 12;
    private static final int MAX_PROBLEMS = 10;

    private static final Set<String> TEXT_TYPES = Set.of("plain_text", "mrkdwn");
    /** What a rich text block holds: these containers, whose elements are inline ones (a list's are sections). */
    private static final Set<String> RICH_TEXT_CONTAINERS =
            Set.of("rich_text_section", "rich_text_list", "rich_text_preformatted", "rich_text_quote");
    private static final Set<String> RICH_TEXT_INLINE =
            Set.of("text", "link", "emoji", "user", "usergroup", "channel", "team", "broadcast", "date", "color");
    private static final Map<String, Set<String>> REQUIRED = Map.ofEntries(
            Map.entry("section", Set.of()),
            Map.entry("divider", Set.of()),
            Map.entry("header", Set.of("text")),
            Map.entry("context", Set.of("elements")),
            Map.entry("actions", Set.of("elements")),
            Map.entry("image", Set.of("alt_text")),
            Map.entry("rich_text", Set.of("elements")),
            Map.entry("input", Set.of("label", "element")),
            Map.entry("file", Set.of("external_id", "source")),
            Map.entry("video", Set.of("alt_text", "title", "thumbnail_url", "video_url")),
            Map.entry("markdown", Set.of("text")),
            Map.entry("call", Set.of("call_id")),
            Map.entry("table", Set.of("rows")));

    private final List<String> problems = new ArrayList<>();
    private final boolean boundStrings;

    private BlockKit() {
        this(true);
    }

    private BlockKit(boolean boundStrings) {
        this.boundStrings = boundStrings;
    }

    /**
     * The problems of something else a message carries (an attachment) with the array and nesting bounds of a block,
     * counted from {@code pointer}, leaving out its field {@code skip}; its strings have limits of their own.
     */
    static List<String> shapeProblems(JsonNode node, String pointer, String skip) {
        BlockKit check = new BlockKit(false);
        check.bounded(node, pointer, 0, skip);
        return List.copyOf(check.problems);
    }

    /** The problems of a blocks array found at {@code pointer} ({@code /blocks}, {@code /attachments/0/blocks}). */
    static List<String> problems(JsonNode blocks, String pointer) {
        BlockKit check = new BlockKit();
        check.blocks(blocks, pointer);
        return List.copyOf(check.problems);
    }

    private void blocks(JsonNode blocks, String pointer) {
        if (!blocks.isArray()) {
            problem("must be an array", pointer);
            return;
        }
        if (blocks.size() > MAX_BLOCKS) {
            problem("no more than " + MAX_BLOCKS + " items allowed", pointer);
            return;
        }
        for (int i = 0; i < blocks.size() && problems.size() < MAX_PROBLEMS; i++) {
            block(blocks.get(i), pointer + "/" + i);
        }
    }

    private void block(JsonNode block, String at) {
        if (!block.isObject()) {
            problem("must be an object", at);
            return;
        }
        JsonNode typeNode = block.get("type");
        if (typeNode == null || !typeNode.isString()) {
            problem("missing required field: type", at);
            return;
        }
        String type = typeNode.asString();
        Set<String> required = REQUIRED.get(type);
        if (required == null) {
            problem("unsupported block type: " + type, at + "/type");
            return;
        }
        for (String field : required.stream().sorted().toList()) {
            if (block.get(field) == null || block.get(field).isNull()) {
                problem("missing required field: " + field, at);
            }
        }
        if (block.has("block_id")) {
            string(block.get("block_id"), at + "/block_id", MAX_BLOCK_ID);
        }
        switch (type) {
            case "section" -> {
                if (!block.has("text") && !block.has("fields")) {
                    problem("missing required field: text", at);
                }
                optionalText(block, "text", at, MAX_STRING, false);
                if (block.has("fields")) {
                    items(block.get("fields"), at + "/fields", 1, 10, (f, p) -> text(f, p, 2000, false));
                }
                if (block.has("accessory")) {
                    element(block.get("accessory"), at + "/accessory");
                }
            }
            case "header" -> optionalText(block, "text", at, 150, true);
            case "context" -> items(block.get("elements"), at + "/elements", 1, 10, (e, p) -> {
                if (e.isObject() && "image".equals(e.path("type").asString(""))) {
                    image(e, p);
                } else {
                    text(e, p, MAX_STRING, false);
                }
            });
            case "actions" -> items(block.get("elements"), at + "/elements", 1, 25, this::element);
            case "image" -> image(block, at);
            case "rich_text" -> items(block.get("elements"), at + "/elements", 1, MAX_ARRAY, this::richTextContainer);
            case "input" -> {
                optionalText(block, "label", at, 2000, true);
                optionalText(block, "hint", at, 2000, true);
                if (block.has("element")) {
                    element(block.get("element"), at + "/element");
                }
            }
            case "video" -> {
                optionalText(block, "title", at, 199, true);
                optionalText(block, "description", at, MAX_STRING, true);
                if (block.has("author_name")) {
                    string(block.get("author_name"), at + "/author_name", 49);
                }
            }
            case "markdown" -> {
                if (block.has("text")) {
                    string(block.get("text"), at + "/text", MAX_MARKDOWN);
                }
            }
            case "table" -> items(block.get("rows"), at + "/rows", 1, 100, (row, p) -> {
                if (!row.isArray()) {
                    problem("must be an array", p);
                }
            });
            default -> {
                // divider, file, call: their required fields are all they need
            }
        }
        // Whatever else the block holds is bounded too; the markdown block's text has a limit of its own.
        bounded(block, at, 0, "markdown".equals(type) ? "text" : null);
    }

    private void image(JsonNode image, String at) {
        if (!image.has("image_url") && !image.has("slack_file")) {
            problem("missing required field: image_url", at);
        }
        if (!image.has("alt_text")) {
            problem("missing required field: alt_text", at);
        } else {
            string(image.get("alt_text"), at + "/alt_text", 2000);
        }
        optionalText(image, "title", at, 2000, true);
    }

    /** An interactive or rich-text element: an object with a type, whose texts are text objects. */
    private void element(JsonNode element, String at) {
        if (!element.isObject()) {
            problem("must be an object", at);
            return;
        }
        if (!element.path("type").isString()) {
            problem("missing required field: type", at);
        }
    }

    /**
     * One element of a rich text block, in Slack's structure: a section, list, preformatted or quote, whose elements
     * are inline (text, link, emoji, mentions, …); a list holds sections. Containers never nest any deeper.
     */
    private void richTextContainer(JsonNode element, String at) {
        if (!richTextElement(element, at, RICH_TEXT_CONTAINERS)) {
            return;
        }
        if (element.get("elements") == null || element.get("elements").isNull()) {
            problem("missing required field: elements", at);
            return;
        }
        boolean list = "rich_text_list".equals(element.path("type").asString());
        items(element.get("elements"), at + "/elements", 0, MAX_ARRAY, list
                ? (section, p) -> {
                    if (richTextElement(section, p, Set.of("rich_text_section"))) {
                        items(section.get("elements"), p + "/elements", 0, MAX_ARRAY, this::richTextInline);
                    }
                }
                : this::richTextInline);
    }

    private void richTextInline(JsonNode element, String at) {
        if (richTextElement(element, at, RICH_TEXT_INLINE) && element.has("elements")) {
            problem("unsupported field: elements", at + "/elements");
        }
    }

    /** An object whose type is one of {@code allowed}; false, with the problem noted, when it is not. */
    private boolean richTextElement(JsonNode element, String at, Set<String> allowed) {
        if (!element.isObject()) {
            problem("must be an object", at);
            return false;
        }
        JsonNode type = element.get("type");
        if (type == null || !type.isString()) {
            problem("missing required field: type", at);
            return false;
        }
        if (!allowed.contains(type.asString())) {
            problem("unsupported type: " + type.asString(), at + "/type");
            return false;
        }
        return true;
    }

    private void optionalText(JsonNode parent, String field, String at, int max, boolean plainOnly) {
        JsonNode value = parent.get(field);
        if (value != null && !value.isNull()) {
            text(value, at + "/" + field, max, plainOnly);
        }
    }

    /** A text object: {@code {"type": "plain_text"|"mrkdwn", "text": "..."}} with 1 to {@code max} characters. */
    private void text(JsonNode text, String at, int max, boolean plainOnly) {
        if (!text.isObject()) {
            problem("must be a text object", at);
            return;
        }
        String type = text.path("type").asString("");
        if (plainOnly ? !type.equals("plain_text") : !TEXT_TYPES.contains(type)) {
            problem(plainOnly ? "must be a plain_text text object" : "must be a plain_text or mrkdwn text object", at + "/type");
        }
        JsonNode value = text.get("text");
        if (value == null || !value.isString()) {
            problem("missing required field: text", at);
            return;
        }
        if (value.asString().isEmpty()) {
            problem("must be more than 0 characters", at + "/text");
        }
        string(value, at + "/text", max);
    }

    private void string(JsonNode value, String at, int max) {
        if (!value.isString()) {
            problem("must be a string", at);
        } else if (value.asString().length() > max) {
            problem("must be less than " + (max + 1) + " characters", at);
        }
    }

    private interface Item {
        void check(JsonNode item, String at);
    }

    private void items(JsonNode array, String at, int min, int max, Item each) {
        if (array == null || array.isNull()) {
            return; // reported as a missing required field
        }
        if (!array.isArray()) {
            problem("must be an array", at);
            return;
        }
        if (array.size() < min) {
            problem("must have at least " + min + " item" + (min == 1 ? "" : "s"), at);
        } else if (array.size() > max) {
            problem("no more than " + max + " items allowed", at);
            return;
        }
        for (int i = 0; i < array.size() && problems.size() < MAX_PROBLEMS; i++) {
            each.check(array.get(i), at + "/" + i);
        }
    }

    /** Every string, array and level below a block within the general bounds; {@code skip} is checked elsewhere. */
    private void bounded(JsonNode node, String at, int depth, String skip) {
        if (problems.size() >= MAX_PROBLEMS) {
            return;
        }
        if (depth > MAX_DEPTH) {
            problem("nested too deeply", at);
        } else if (node.isString()) {
            if (boundStrings && node.asString().length() > MAX_STRING) {
                problem("must be less than " + (MAX_STRING + 1) + " characters", at);
            }
        } else if (node.isArray()) {
            if (node.size() > MAX_ARRAY) {
                problem("no more than " + MAX_ARRAY + " items allowed", at);
                return;
            }
            for (int i = 0; i < node.size(); i++) {
                bounded(node.get(i), at + "/" + i, depth + 1, null);
            }
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (!field.getKey().equals(skip)) {
                    bounded(field.getValue(), at + "/" + field.getKey(), depth + 1, null);
                }
            }
        }
    }

    private void problem(String what, String at) {
        String problem = what + " [json-pointer:" + at + "]";
        if (problems.size() < MAX_PROBLEMS && !problems.contains(problem)) {
            problems.add(problem);
        }
    }
}
