package dev.parley.search.indexing;

import dev.parley.common.id.Ts;
import dev.parley.common.json.SlackJson;
import dev.parley.messaging.client.MessagingClient;
import dev.parley.search.IndexedMessage;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Turns messages, as a {@code message} event carries them or as the store holds them, into the documents the index
 * keeps: what is searched (text, blocks and attachments with Slack's markup reduced to words), who is mentioned,
 * whether it links, its thread, reactions and pin, and the files it shares. Channel records (joins, topic changes, …) and the tombstones of
 * deleted thread parents are not documents.
 */
final class MessageDocuments {

    /** Subtypes of what people and bots write; any other subtype is a channel record or a tombstone. */
    private static final Set<String> INDEXED_SUBTYPES = Set.of("thread_broadcast", "bot_message", "me_message",
            "file_share");
    /** Slack's {@code <…>} tokens: mentions, channel links, special mentions, links with or without labels. */
    private static final Pattern ANGLE = Pattern.compile("<([^<>|]*)(?:\\|([^<>]*))?>");
    private static final Pattern USER_MENTION = Pattern.compile("<@([UWB][A-Z0-9]+)(?:\\|[^>]*)?>");
    /** Emphasis markers at a word's edge: *bold*, _italic_, ~strike~, `code`, and code fences. */
    private static final Pattern EMPHASIS = Pattern.compile("```|(?<![\\p{L}\\p{N}])[*_~`]+|[*_~`]+(?![\\p{L}\\p{N}])");
    /** Keys of block and attachment JSON whose string values are what a reader sees. */
    private static final Set<String> TEXT_KEYS = Set.of("text", "pretext", "title", "value", "footer", "author_name",
            "alt_text", "fallback");
    private static final Set<String> LINK_KEYS = Set.of("url", "title_link", "from_url", "original_url", "image_url");

    private MessageDocuments() {
    }

    /** A poison event: one whose message cannot be read as a document; retrying it can never succeed. */
    static final class Unreadable extends RuntimeException {
        Unreadable(String message) {
            super(message);
        }
    }

    /** The document of a message a {@code message} event carries, or empty for a channel record. */
    static Optional<IndexedMessage> fromEvent(String workspaceId, String channelId, JsonNode message) {
        if (!message.isObject()) {
            throw new Unreadable("the event carries no message object");
        }
        String ts = message.path("ts").asString(null);
        String threadTs = message.path("thread_ts").asString(null);
        return document(workspaceId, channelId, ts, threadTs, message.path("user").asString(null),
                message.path("bot_id").asString(null), message.path("subtype").asString(null),
                message.path("text").asString(""), message.path("blocks"), message.path("attachments"), List.of(),
                false, fileIds(message.path("files")));
    }

    /** The ids of the files an event's message shares; a deleted file's tombstone is no longer a file of it. */
    private static List<String> fileIds(JsonNode files) {
        List<String> ids = new ArrayList<>();
        for (JsonNode file : files.values()) {
            if (file.path("id").isString() && !"tombstone".equals(file.path("mode").asString(""))) {
                ids.add(file.path("id").asString());
            }
        }
        return ids;
    }

    /** The document of a stored message, or empty for a channel record or a tombstone. */
    static Optional<IndexedMessage> fromStored(MessagingClient.StoredMessage m) {
        return document(m.workspaceId(), m.channelId(), m.ts(), m.threadTs(), m.userId(), m.botId(), m.subtype(),
                m.text(), json(m.blocks()), json(m.attachments()), m.reactions(), m.pinned(), m.fileIds());
    }

    private static JsonNode json(String text) {
        return text == null ? tools.jackson.databind.node.MissingNode.getInstance() : SlackJson.tree(text);
    }

    private static Optional<IndexedMessage> document(String workspaceId, String channelId, String ts, String threadTs,
                                                     String userId, String botId, String subtype, String text,
                                                     JsonNode blocks, JsonNode attachments, List<String> reactions,
                                                     boolean pinned, List<String> fileIds) {
        long micros = Ts.parse(ts).orElseThrow(() -> new Unreadable("the message has no valid ts: " + ts));
        if (threadTs != null && Ts.parse(threadTs).isEmpty()) {
            throw new Unreadable("the message has an invalid thread_ts: " + threadTs);
        }
        if (subtype != null && !INDEXED_SUBTYPES.contains(subtype)) {
            return Optional.empty();
        }
        text = text == null ? "" : text;
        Set<String> mentions = new LinkedHashSet<>();
        Matcher mention = USER_MENTION.matcher(text);
        while (mention.find()) {
            mentions.add(mention.group(1));
        }
        boolean[] link = {text.contains("<http://") || text.contains("<https://") || text.contains("<mailto:")};
        StringBuilder search = new StringBuilder(words(text));
        for (JsonNode json : List.of(blocks, attachments)) {
            List<String> texts = new ArrayList<>();
            walk(json, texts, mentions, link);
            for (String t : texts) {
                search.append('\n').append(words(t));
            }
        }
        return Optional.of(new IndexedMessage(workspaceId, channelId, ts, micros, threadTs, userId, botId, subtype,
                text, search.toString().strip(), List.copyOf(mentions), reactions, link[0], fileIds, pinned));
    }

    /** Collects the visible strings of block or attachment JSON, the users its rich text mentions, and its links. */
    private static void walk(JsonNode node, List<String> texts, Set<String> mentions, boolean[] link) {
        if (node.isArray()) {
            for (JsonNode child : node.values()) {
                walk(child, texts, mentions, link);
            }
        } else if (node.isObject()) {
            String type = node.path("type").asString("");
            if ("user".equals(type) && node.path("user_id").isString()) {
                mentions.add(node.path("user_id").asString());
            }
            if ("link".equals(type)) {
                link[0] = true;
            }
            boolean hasOwnText = node.has("text") || node.has("pretext") || node.has("title");
            for (var field : node.properties()) {
                JsonNode value = field.getValue();
                if (value.isString()) {
                    // An attachment's fallback repeats its other text; alone, it is all there is to search.
                    if (TEXT_KEYS.contains(field.getKey()) && !(field.getKey().equals("fallback") && hasOwnText)) {
                        texts.add(value.asString());
                    } else if (LINK_KEYS.contains(field.getKey()) && !value.asString().isEmpty()) {
                        link[0] = true;
                    }
                } else {
                    walk(value, texts, mentions, link);
                }
            }
        }
    }

    /**
     * Slack mrkdwn reduced to the words a reader sees: {@code <@U1>} drops out (mentions are their own field),
     * {@code <@U1|ann>}, {@code <#C1|general>} and {@code <!subteam^S1|@team>} leave their label,
     * {@code <http://x|label>} its label and address, {@code <!here>} its word, emphasis markers and HTML escapes go.
     */
    static String words(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        Matcher angle = ANGLE.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (angle.find()) {
            String target = angle.group(1);
            String label = angle.group(2);
            String replacement;
            if (target.startsWith("@") || target.startsWith("#")) {
                replacement = label == null ? "" : strip(label, "@#");
            } else if (target.startsWith("!")) {
                String special = target.substring(1);
                int caret = special.indexOf('^');
                replacement = label != null ? strip(label, "@") : caret < 0 ? special : "";
            } else if (target.startsWith("mailto:")) {
                replacement = label != null ? label : target.substring("mailto:".length());
            } else {
                replacement = label == null || label.equals(target) ? target : label + " " + target;
            }
            angle.appendReplacement(out, Matcher.quoteReplacement(" " + replacement + " "));
        }
        angle.appendTail(out);
        String plain = EMPHASIS.matcher(out).replaceAll(" ");
        plain = plain.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
        return plain.replaceAll("[ \\t]+", " ").strip();
    }

    private static String strip(String label, String leading) {
        int i = 0;
        while (i < label.length() && leading.indexOf(label.charAt(i)) >= 0) {
            i++;
        }
        return label.substring(i);
    }
}
