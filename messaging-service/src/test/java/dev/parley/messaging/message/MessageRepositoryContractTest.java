package dev.parley.messaging.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.common.testing.TestStore;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The message store on every relational store adapter: timeline, threads, mentions, edits, unread counts. */
abstract class MessageRepositoryContractTest {

    protected abstract TestStore createStore();

    private TestStore store;
    private MessageRepository messages;

    @BeforeEach
    void open() {
        store = createStore();
        messages = new MessageRepository(store.dataSource());
    }

    @AfterEach
    void close() {
        store.close();
    }

    private Message post(long ts, String user, String text, Long threadTs, boolean broadcast) {
        Message m = new Message("T1", "C1", ts, user, broadcast ? "thread_broadcast" : null, text, null, null, null, null,
                threadTs, broadcast, Message.ThreadSummary.NONE, null);
        store.tx().executeWithoutResult(s -> {
            messages.insert(m, dev.parley.messaging.mention.Mentions.parse(text));
            if (threadTs != null) {
                messages.refreshThread("T1", "C1", threadTs);
            }
        });
        return m;
    }

    private List<Message> history(String workspace, String channel, long low, long high, int limit) {
        return messages.history(workspace, channel, low, high, limit, Long.MAX_VALUE).messages();
    }

    @Test
    void historyShowsTopLevelMessagesAndBroadcastRepliesNewestFirst() {
        post(100, "U1", "parent", null, false);
        post(200, "U2", "reply", 100L, false);
        post(300, "U3", "broadcast", 100L, true);
        post(400, "U1", "later", null, false);

        assertThat(history("T1", "C1", 0, Long.MAX_VALUE, 10)).extracting(Message::ts).containsExactly(400L, 300L, 100L);
        assertThat(history("T1", "C1", 150, 399, 10)).extracting(Message::ts).containsExactly(300L);
        assertThat(history("T1", "C1", 0, Long.MAX_VALUE, 2)).extracting(Message::ts).containsExactly(400L, 300L);
        assertThat(history("T2", "C1", 0, Long.MAX_VALUE, 10)).as("another workspace").isEmpty();
    }

    @Test
    void aPageStopsWhereItsContentPassesTheBoundButAlwaysHoldsOneMessage() {
        post(100, "U1", "a".repeat(1000), null, false);
        post(200, "U1", "b".repeat(1000), null, false);
        post(300, "U1", "c".repeat(1000), null, false);
        post(400, "U1", "d".repeat(5000), null, false);
        int each = 1000 + MessageRepository.FIXED_CHARS;

        MessageRepository.Slice all = messages.history("T1", "C1", 0, Long.MAX_VALUE, 10, Long.MAX_VALUE);
        assertThat(all.messages()).extracting(Message::ts).containsExactly(400L, 300L, 200L, 100L);
        assertThat(all.more()).isFalse();
        MessageRepository.Slice one = messages.history("T1", "C1", 0, Long.MAX_VALUE, 10, 10);
        assertThat(one.messages()).extracting(Message::ts).containsExactly(400L);
        assertThat(one.more()).isTrue();
        MessageRepository.Slice older = messages.history("T1", "C1", 0, 399, 10, 2L * each);
        assertThat(older.messages()).extracting(Message::ts).containsExactly(300L, 200L);
        assertThat(older.more()).isTrue();
        MessageRepository.Slice counted = messages.history("T1", "C1", 0, 399, 3, Long.MAX_VALUE);
        assertThat(counted.messages()).hasSize(3);
        assertThat(counted.more()).as("nothing after the last").isFalse();

        post(500, "U1", "parent", null, false);
        post(600, "U2", "e".repeat(1000), 500L, false);
        post(700, "U2", "f".repeat(1000), 500L, false);
        MessageRepository.Slice replies = messages.replies("T1", "C1", 500, 0, Long.MAX_VALUE, 10, each);
        assertThat(replies.messages()).extracting(Message::ts).containsExactly(600L);
        assertThat(replies.more()).isTrue();
    }

    @Test
    void aParentSummarisesItsThread() {
        post(100, "U1", "parent", null, false);
        post(200, "U2", "r1", 100L, false);
        post(300, "U3", "r2", 100L, false);
        post(400, "U2", "r3", 100L, false);

        Message parent = messages.find("T1", "C1", 100).orElseThrow();
        assertThat(parent.thread()).isEqualTo(new Message.ThreadSummary(3, List.of("U2", "U3"), 2, 400));
        assertThat(messages.replies("T1", "C1", 100, 0, Long.MAX_VALUE, 10, Long.MAX_VALUE).messages()).extracting(Message::text)
                .containsExactly("r1", "r2", "r3");

        store.tx().executeWithoutResult(s -> {
            messages.delete("T1", "C1", 400);
            messages.refreshThread("T1", "C1", 100);
        });
        assertThat(messages.find("T1", "C1", 100).orElseThrow().thread())
                .isEqualTo(new Message.ThreadSummary(2, List.of("U2", "U3"), 2, 300));
    }

    @Test
    void mentionsAreStoredWithTheMessageAndFollowItsEdits() {
        Message m = post(100, "U1", "hey <@U2> <!here>", null, false);
        assertThat(messages.mentions("T1", "C1", 100)).containsExactlyInAnyOrder("user:U2", "here");

        Message edited = m.edited("now <!channel>", null, null, new Message.Edit("U1", 200));
        store.tx().executeWithoutResult(s -> messages.update(edited, List.of("channel")));

        assertThat(messages.mentions("T1", "C1", 100)).containsExactly("channel");
        Message read = messages.find("T1", "C1", 100).orElseThrow();
        assertThat(read.text()).isEqualTo("now <!channel>");
        assertThat(read.edited()).isEqualTo(new Message.Edit("U1", 200));
    }

    @Test
    void textOfTheLongestAllowedLengthAndAnyScriptRoundTrips() {
        String text = "héllo 👋 中文 ".repeat(4000).substring(0, MessageService.MAX_TEXT);
        post(100, "U1", text, null, false);
        assertThat(messages.find("T1", "C1", 100).orElseThrow().text()).isEqualTo(text);
    }

    @Test
    void unreadCountsCountHistoryAfterTheMarkerAndLeaveOutOwnMessagesForDisplay() {
        post(100, "U1", "a", null, false);
        post(200, "U2", "b", null, false);
        post(300, "U2", "reply", 200L, false);
        post(400, "U1", "c", null, false);

        assertThat(messages.countAfter("T1", "C1", 100, "U1")).containsExactly(2, 1);
        assertThat(messages.countAfter("T1", "C1", 0, "U2")).containsExactly(3, 2);
        assertThat(messages.countAfter("T1", "C1", 400, "U2")).containsExactly(0, 0);
    }

    @Test
    void mentionCountsCountOthersMessagesNamingTheUserOrEveryoneAfterTheMarker() {
        post(100, "U1", "hi <@U2>", null, false);
        post(200, "U2", "hi <@U2> myself", null, false);
        post(300, "U1", "<!channel> lunch", null, false);
        post(400, "U1", "reply <@U2>", 100L, false);
        post(500, "U3", "nothing", null, false);
        Message group = new Message("T1", "C1", 600, "U3", null, "<!subteam^S1>", null, null, null, null, null, false,
                Message.ThreadSummary.NONE, null);
        store.tx().executeWithoutResult(s -> messages.insert(group, List.of("subteam:S1", "user:U2", "user:U4")));

        assertThat(messages.mentionsAfter("T1", "C1", 0, "U2")).isEqualTo(3);
        assertThat(messages.mentionsAfter("T1", "C1", 100, "U2")).isEqualTo(2);
        assertThat(messages.mentionsAfter("T1", "C1", 0, "U4")).as("@channel and the group").isEqualTo(2);
        assertThat(messages.mentionsAfter("T1", "C1", 0, "U1")).as("own @channel").isZero();
        assertThat(messages.mentionsAfter("T2", "C1", 0, "U2")).isZero();
    }

    @Test
    void aChannelMessageKeepsItsExtraFields() {
        Message m = new Message("T1", "C1", 100, "U1", "channel_topic", "<@U1> set the channel topic: Plans", null, null,
                java.util.Map.of("topic", "Plans"), null, null, false, Message.ThreadSummary.NONE, null);
        store.tx().executeWithoutResult(s -> messages.insert(m, List.of()));

        assertThat(messages.find("T1", "C1", 100).orElseThrow().extras()).containsEntry("topic", "Plans");
    }

    @Test
    void aDeletedParentWithRepliesBecomesATombstone() {
        post(100, "U1", "parent <@U2>", null, false);
        post(200, "U2", "reply", 100L, false);
        store.tx().executeWithoutResult(s -> messages.tombstone("T1", "C1", 100));

        Message parent = messages.find("T1", "C1", 100).orElseThrow();
        assertThat(parent.subtype()).isEqualTo("tombstone");
        assertThat(parent.text()).isEqualTo("This message was deleted.");
        assertThat(messages.mentions("T1", "C1", 100)).isEmpty();
        assertThat(messages.replies("T1", "C1", 100, 0, Long.MAX_VALUE, 10, Long.MAX_VALUE).messages()).hasSize(1);
    }

    @Test
    void aPageOfABigChannelIsReadInIndexOrderInsteadOfSortingTheChannel() {
        List<Message> many = new java.util.ArrayList<>();
        for (int i = 1; i <= 3000; i++) {
            many.add(new Message("T1", "C1", i, "U1", null, "m" + i, null, null, null, null, null, false,
                    Message.ThreadSummary.NONE, null));
        }
        store.tx().executeWithoutResult(s -> messages.insertAll(many, m -> List.of()));
        for (boolean newestFirst : new boolean[] {true, false}) {
            String sql = "SELECT ts FROM message WHERE workspace_id = ? AND channel_id = ? AND "
                    + MessageRepository.IN_HISTORY + " AND ts >= 0 AND ts <= 100000"
                    + MessageRepository.order(List.of("workspace_id", "channel_id", "ts"), newestFirst) + " LIMIT 101";
            if (store.url().startsWith("jdbc:h2:")) {
                // H2 is the store that sorts a whole range unless the ORDER BY names the index's leading columns.
                String plan = String.join("\n", store.jdbc().sql("EXPLAIN ANALYZE " + sql).params("T1", "C1")
                        .query(String.class).list());
                assertThat(plan).as(plan).contains("index sorted").contains("scanCount: 101");
            }
            List<Long> page = store.jdbc().sql(sql).params("T1", "C1").query(Long.class).list();
            assertThat(page).hasSize(101).startsWith(newestFirst ? 3000L : 1L);
        }
        assertThat(messages.history("T1", "C1", 0, Long.MAX_VALUE, 100, Long.MAX_VALUE).messages())
                .extracting(Message::ts).startsWith(3000L, 2999L).hasSize(100);
    }

    @Test
    void aBatchWritesABotsColumnsAsASingleInsertDoes() {
        dev.parley.common.auth.BotProfile bot = new dev.parley.common.auth.BotProfile("B1", "A1", "deploy bot",
                java.util.Map.of("image_36", "https://x/36.png"), 1700000000L, "T1");
        Message single = new Message("T1", "C1", 10, "U1", null, "one", null, null, null, null, null, false,
                Message.ThreadSummary.NONE, null, bot);
        Message batched = new Message("T1", "C1", 20, "U1", null, "two", null, null, null, null, null, false,
                Message.ThreadSummary.NONE, null, bot);
        Message human = new Message("T1", "C1", 30, "U2", null, "three", null, null, null, null, null, false,
                Message.ThreadSummary.NONE, null);
        store.tx().executeWithoutResult(s -> {
            messages.insert(single, List.of());
            messages.insertAll(List.of(batched, human), m -> List.of());
        });

        for (long ts : new long[] {10, 20}) {
            assertThat(messages.find("T1", "C1", ts).orElseThrow().bot()).as("ts " + ts).isEqualTo(bot);
            assertThat(store.jdbc().sql("SELECT bot_id, app_id FROM message WHERE workspace_id = ? AND channel_id = ? "
                            + "AND ts = ?").params("T1", "C1", ts)
                    .query((rs, n) -> rs.getString(1) + "/" + rs.getString(2)).single()).isEqualTo("B1/A1");
        }
        assertThat(messages.find("T1", "C1", 30).orElseThrow().bot()).isNull();
        assertThat(store.jdbc().sql("SELECT COUNT(*) FROM message WHERE workspace_id = ? AND channel_id = ? "
                + "AND ts = 30 AND bot_id IS NULL AND app_id IS NULL AND bot_profile IS NULL").params("T1", "C1").query(Long.class).single()).isEqualTo(1L);
    }

    private Message withFiles(long ts, String text, String files, Long threadTs) {
        return new Message("T1", "C1", ts, "U1", null, text, null, null, null, null, threadTs, false,
                Message.ThreadSummary.NONE, null, null, files);
    }

    @Test
    void aMessageKeepsTheFilesItSharesThroughInsertsBatchesAndFileUpdatesWhichAreNoEdits() {
        String deck = "[{\"id\":\"F1\",\"name\":\"deck.pdf\",\"size\":1234}]";
        Message single = withFiles(10, "see <@U2>", deck, null);
        Message batched = withFiles(20, "", "[{\"id\":\"F2\"},{\"id\":\"F3\"}]", null);
        Message plain = withFiles(30, "no files", null, null);
        store.tx().executeWithoutResult(s -> {
            messages.insert(single, List.of("user:U2"));
            messages.insertAll(List.of(batched, plain), m -> List.of());
        });
        assertThat(messages.find("T1", "C1", 10).orElseThrow().files()).isEqualTo(deck);
        assertThat(messages.find("T1", "C1", 20).orElseThrow().files()).isEqualTo("[{\"id\":\"F2\"},{\"id\":\"F3\"}]");
        assertThat(messages.find("T1", "C1", 20).orElseThrow().text()).as("files without a comment").isEmpty();
        assertThat(messages.find("T1", "C1", 30).orElseThrow().files()).isNull();

        String renamed = "[{\"id\":\"F1\",\"name\":\"final deck.pdf\",\"size\":1234}]";
        store.tx().executeWithoutResult(s -> messages.updateFiles("T1", "C1", 10, renamed));
        Message read = messages.find("T1", "C1", 10).orElseThrow();
        assertThat(read.files()).isEqualTo(renamed);
        assertThat(read.text()).isEqualTo("see <@U2>");
        assertThat(read.edited()).as("a file's update is not an edit").isNull();
        assertThat(messages.mentions("T1", "C1", 10)).containsExactly("user:U2");
        assertThat(messages.find("T1", "C1", 30).orElseThrow().files()).as("other messages untouched").isNull();

        // An edit of the text keeps the files.
        store.tx().executeWithoutResult(s -> messages.update(read.edited("see this", null, null,
                new Message.Edit("U1", 40)), List.of()));
        assertThat(messages.find("T1", "C1", 10).orElseThrow().files()).isEqualTo(renamed);
    }

    @Test
    void filesWeighInAPageAndLeaveWithATombstone() {
        String big = "[{\"id\":\"F1\",\"preview\":\"" + "p".repeat(5000) + "\"}]";
        store.tx().executeWithoutResult(s -> {
            messages.insert(withFiles(100, "small", null, null), List.of());
            messages.insert(withFiles(200, "big", big, null), List.of());
        });
        assertThat(messages.find("T1", "C1", 200).orElseThrow().size()).isGreaterThan(5000);
        MessageRepository.Slice one = messages.history("T1", "C1", 0, Long.MAX_VALUE, 10, 5000);
        assertThat(one.messages()).extracting(Message::ts).as("the files' size counts against the page").containsExactly(200L);
        assertThat(one.more()).isTrue();

        post(300, "U2", "reply", 200L, false);
        store.tx().executeWithoutResult(s -> messages.tombstone("T1", "C1", 200));
        Message parent = messages.find("T1", "C1", 200).orElseThrow();
        assertThat(parent.subtype()).isEqualTo("tombstone");
        assertThat(parent.files()).as("a deleted parent keeps no files").isNull();
    }
}
