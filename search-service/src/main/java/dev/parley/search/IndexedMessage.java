package dev.parley.search;

import java.util.List;
import java.util.Objects;

/**
 * One message as the index holds it: what queries match and filter on, and what a search match shows. The indexing
 * pipeline derives every field from the message, so adapters store and match them and decide nothing.
 *
 * @param ts          the message's Slack ts ({@code "1732281600.000100"}); with workspace and channel, the key
 * @param tsMicros    the same instant in epoch microseconds: what {@code before:}/{@code after:} and time sorting use
 * @param threadTs    the ts of the thread's parent, for a parent with replies and for each reply; else null
 * @param userId      the author (a bot's user for bot posts); null for messages without one
 * @param botId       the posting bot's id, else null
 * @param subtype     Slack's subtype ({@code bot_message}, {@code thread_broadcast}, …), null for a plain message
 * @param text        the message text as posted (Slack mrkdwn, with {@code <@U…>} mentions): what a match shows
 * @param searchText  the words that are searched: the text, and the text of blocks and attachments, markup removed
 * @param mentions    the users the message mentions, for {@code to:}
 * @param reactions   the names of the emoji it carries, without colons
 * @param hasLink     whether it links anywhere
 * @param fileIds     the files shared with it
 * @param pinned      whether it is pinned in its channel
 */
public record IndexedMessage(String workspaceId, String channelId, String ts, long tsMicros, String threadTs,
                             String userId, String botId, String subtype, String text, String searchText,
                             List<String> mentions, List<String> reactions, boolean hasLink, List<String> fileIds,
                             boolean pinned) {

    public IndexedMessage {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(channelId, "channelId");
        Objects.requireNonNull(ts, "ts");
        text = text == null ? "" : text;
        searchText = searchText == null ? text : searchText;
        mentions = mentions == null ? List.of() : List.copyOf(mentions);
        reactions = reactions == null ? List.of() : List.copyOf(reactions);
        fileIds = fileIds == null ? List.of() : List.copyOf(fileIds);
    }

    public Key key() {
        return new Key(workspaceId, channelId, ts);
    }

    /** Whether it is part of a thread: a parent with replies, or a reply. */
    public boolean inThread() {
        return threadTs != null;
    }

    /** What identifies a message in the index. */
    public record Key(String workspaceId, String channelId, String ts) {

        public Key {
            Objects.requireNonNull(workspaceId, "workspaceId");
            Objects.requireNonNull(channelId, "channelId");
            Objects.requireNonNull(ts, "ts");
        }

        /** One string for the key, unique across workspaces: the document id. */
        public String id() {
            return workspaceId + ":" + channelId + ":" + ts;
        }
    }
}
