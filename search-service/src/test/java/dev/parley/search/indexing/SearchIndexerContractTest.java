package dev.parley.search.indexing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.common.event.ChannelEvent;
import dev.parley.common.event.inprocess.InProcessEventLog;
import dev.parley.common.testing.TestStore;
import java.nio.file.Path;
import dev.parley.files.client.FilesClient;
import dev.parley.search.IndexedMessage;
import dev.parley.search.SearchIndex;
import dev.parley.search.SearchQuery;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The indexing pipeline fed the channel events messaging-service writes: what each change does to the index,
 * redelivery, gaps, purged events, poison events, an index that is down, and the reconcile sweep; on every index
 * adapter.
 */
abstract class SearchIndexerContractTest {

    /** A fresh, empty index of the adapter under test. */
    protected abstract SearchIndex newIndex(Path dir);

    static final String WS = "T1";

    private TestStore store;
    private IndexCheckpoints checkpoints;
    private DeadLetters deadLetters;
    private ChatStore chat;
    private FlakySearchIndex index;

    @TempDir
    Path indexDir;
    private InProcessEventLog eventLog;
    private SearchIndexer indexer;
    private final Map<String, FilesClient.IndexableFile> files = new java.util.concurrent.ConcurrentHashMap<>();

    static IndexingProperties fastRetries() {
        return new IndexingProperties(500, Duration.ZERO, 10_000, Duration.ZERO, Duration.ofMillis(5),
                Duration.ofMillis(50), Duration.ofSeconds(60));
    }

    @BeforeEach
    void open() {
        store = TestStore.h2("search");
        checkpoints = new IndexCheckpoints(store.jdbc(), store.tx());
        deadLetters = new DeadLetters(store.jdbc());
        chat = new ChatStore(WS).channel("C1").channel("C2");
        index = new FlakySearchIndex(newIndex(indexDir));
        eventLog = new InProcessEventLog();
        // The files service's stand-in: what it answers of the files in this map.
        indexer = new SearchIndexer(eventLog, index, chat.messagingClient(), chat.channelClient(), checkpoints,
                deadLetters, fastRetries(), new FileDocuments(q -> new FilesClient.IndexableFiles(q.fileIds().stream()
                        .map(files::get).filter(java.util.Objects::nonNull).toList())));
        indexer.start();
    }

    @AfterEach
    void close() {
        indexer.stop();
        index.close();
        eventLog.close();
        store.close();
    }

    static List<IndexedMessage> indexed(SearchIndex index, String channelId) {
        return index.search(new SearchQuery(WS, Set.of(channelId), List.of(), null, null, null, null, null, null, null,
                SearchQuery.Sort.TIMESTAMP, true, 0, 1000, false)).hits().stream().map(h -> h.message()).toList();
    }

    /** How many messages of the channel the index holds. */
    static long count(SearchIndex index, String channelId) {
        return index.search(new SearchQuery(WS, Set.of(channelId), List.of(), null, null, null, null, null, null, null,
                SearchQuery.Sort.TIMESTAMP, true, 0, 1, false)).total();
    }

    private List<IndexedMessage> indexed(String channelId) {
        return indexed(index, channelId);
    }

    private IndexedMessage indexed(String channelId, String ts) {
        return indexed(channelId).stream().filter(m -> m.ts().equals(ts)).findFirst().orElse(null);
    }

    private void deliver(ChannelEvent... events) {
        for (ChannelEvent event : events) {
            indexer.accept(event);
        }
        indexer.flush();
    }

    private static String ts(ChannelEvent messageEvent) {
        return dev.parley.common.json.SlackJson.tree(messageEvent.payload()).path("ts").asString();
    }

    @Test
    void sharedFilesAreFoundWithHasFileUntilTheFileIsDeleted() {
        ChannelEvent shared = chat.shareFiles("C1", "UANN", "", "[{\"id\":\"F1\",\"name\":\"deck.pdf\"},"
                + "{\"id\":\"F2\",\"name\":\"chart.png\"}]");
        ChannelEvent plain = chat.post("C1", "UBOB", "no files here");
        deliver(shared, plain);
        String sharedTs = ts(shared);
        assertThat(indexed("C1", sharedTs).fileIds()).as("from the message event").containsExactly("F1", "F2");
        assertThat(withFiles("C1")).containsExactly(sharedTs);

        deliver(chat.updateFiles("C1", sharedTs, "[{\"id\":\"F1\",\"mode\":\"tombstone\"},"
                + "{\"id\":\"F2\",\"name\":\"chart.png\"}]"));
        assertThat(indexed("C1", sharedTs).fileIds()).as("read back from the store").containsExactly("F2");
        deliver(chat.updateFiles("C1", sharedTs, "[{\"id\":\"F1\",\"mode\":\"tombstone\"},"
                + "{\"id\":\"F2\",\"mode\":\"tombstone\"}]"));
        assertThat(indexed("C1", sharedTs)).as("still a message, its comment searchable").isNotNull();
        assertThat(indexed("C1", sharedTs).fileIds()).isEmpty();
        assertThat(withFiles("C1")).isEmpty();
    }

    @Test
    void readySharedFilesAreIndexedFromTheFilesServiceAndLeaveWhenDeletedButQuarantinedNever() {
        files.put("F1", indexable("F1", "processing", false, "the okapi forecast", "C1"));
        files.put("F2", indexable("F2", "quarantined", false, "okapi malware", "C1"));
        ChannelEvent shared = chat.shareFiles("C1", "UANN", "", "[{\"id\":\"F1\",\"name\":\"F1.pdf\"},"
                + "{\"id\":\"F2\",\"name\":\"F2.exe\"}]");
        deliver(shared);
        assertThat(indexed("C1", ts(shared))).as("the message is in").isNotNull();
        assertThat(foundFiles("okapi")).as("still processing").isEmpty();

        // Processed: files-service updates the message, and the file is read again.
        files.put("F1", indexable("F1", "ready", false, "the okapi forecast", "C1"));
        deliver(chat.updateFiles("C1", ts(shared), "[{\"id\":\"F1\",\"name\":\"F1.pdf\"},"
                + "{\"id\":\"F2\",\"name\":\"F2.exe\"}]"));
        assertThat(foundFiles("okapi")).containsExactly("F1");
        assertThat(index.searchFiles(fileQuery("okapi")).hits().getFirst().file().channels()).containsExactly("C1");

        // Deleted: the tombstone makes the indexer read it again, and it goes.
        files.put("F1", indexable("F1", "ready", true, "", "C1"));
        deliver(chat.updateFiles("C1", ts(shared), "[{\"id\":\"F1\",\"mode\":\"tombstone\"},"
                + "{\"id\":\"F2\",\"name\":\"F2.exe\"}]"));
        assertThat(foundFiles("forecast")).isEmpty();
        assertThat(foundFiles("okapi")).isEmpty();
    }

    private static FilesClient.IndexableFile indexable(String id, String status, boolean deleted, String text,
                                                       String... channels) {
        return new FilesClient.IndexableFile(id, "UANN", id + ".pdf", id + " title", "pdf", 1_700_000_000L, status,
                deleted, List.of(channels), text);
    }

    private static SearchQuery fileQuery(String word) {
        return new SearchQuery(WS, Set.of("C1", "C2"), List.of(SearchQuery.Term.word(word)), null, null, null, null,
                null, null, null, SearchQuery.Sort.TIMESTAMP, true, 0, 100, false);
    }

    private List<String> foundFiles(String word) {
        return index.searchFiles(fileQuery(word)).hits().stream().map(h -> h.file().fileId()).toList();
    }

    private List<String> withFiles(String channelId) {
        return index.search(new SearchQuery(WS, Set.of(channelId), List.of(), null, null, null, null, null,
                Set.of(SearchQuery.Has.FILE), null, SearchQuery.Sort.TIMESTAMP, true, 0, 100, false)).hits().stream()
                .map(h -> h.message().ts()).toList();
    }

    @Test
    void eventsArrivingWithinTheLingerAreCommittedTogether() throws InterruptedException {
        indexer.stop();
        IndexingProperties defaults = fastRetries();
        indexer = new SearchIndexer(eventLog, index, chat.messagingClient(), chat.channelClient(), checkpoints,
                deadLetters, new IndexingProperties(defaults.batchSize(), Duration.ofSeconds(1),
                        defaults.queueCapacity(), defaults.reconcileInterval(), defaults.retryInitial(),
                        defaults.retryMax(), defaults.lagWindow()),
                new FileDocuments(q -> new FilesClient.IndexableFiles(List.of())));
        indexer.start();
        int before = index.commits.get();

        for (int i = 0; i < 5; i++) {
            indexer.accept(chat.post("C1", "UANN", "lingering " + i));
            Thread.sleep(20);
        }
        indexer.flush();

        assertThat(indexed(index, "C1")).hasSize(5);
        assertThat(index.commits.get() - before).as("one commit for the five events").isEqualTo(1);
    }

    @Test
    void postsEditsDeletesRepliesReactionsAndPinsAreReflected() {
        ChannelEvent parent = chat.post("C1", "UANN", "*Lunch* plans with <@UBOB>? see <https://food.test/menu|the menu>");
        ChannelEvent plain = chat.post("C1", "UBOB", "nothing special");
        deliver(parent, plain);
        String parentTs = ts(parent);
        IndexedMessage p = indexed("C1", parentTs);
        assertThat(p.text()).startsWith("*Lunch*");
        assertThat(p.searchText()).contains("Lunch plans with").contains("the menu").doesNotContain("*").doesNotContain("<");
        assertThat(p.mentions()).containsExactly("UBOB");
        assertThat(p.hasLink()).isTrue();
        assertThat(p.threadTs()).isNull();
        assertThat(indexed("C1", ts(plain)).hasLink()).isFalse();

        ChannelEvent reply = chat.reply("C1", "UBOB", "tacos", parentTs, false);
        ChannelEvent broadcast = chat.reply("C1", "UCAT", "tacos for everyone", parentTs, true);
        deliver(reply, broadcast);
        assertThat(indexed("C1", parentTs).threadTs()).as("a parent with replies is in a thread").isEqualTo(parentTs);
        assertThat(indexed("C1", ts(reply)).threadTs()).isEqualTo(parentTs);
        assertThat(indexed("C1", ts(broadcast)).subtype()).isEqualTo("thread_broadcast");

        deliver(chat.react("C1", parentTs, "UBOB", "taco", true), chat.react("C1", parentTs, "UCAT", "eyes", true),
                chat.pin("C1", ts(reply), "UANN", true));
        assertThat(indexed("C1", parentTs).reactions()).containsExactly("taco", "eyes");
        assertThat(indexed("C1", ts(reply)).pinned()).isTrue();

        deliver(chat.edit("C1", parentTs, "Lunch on friday"), chat.react("C1", parentTs, "UCAT", "eyes", false),
                chat.pin("C1", ts(reply), "UANN", false));
        p = indexed("C1", parentTs);
        assertThat(p.text()).isEqualTo("Lunch on friday");
        assertThat(p.reactions()).as("the edit keeps the reactions").containsExactly("taco");
        assertThat(p.mentions()).isEmpty();
        assertThat(indexed("C1", ts(reply)).pinned()).isFalse();

        deliver(chat.delete("C1", ts(reply)), chat.delete("C1", ts(broadcast)));
        assertThat(indexed("C1").stream().map(IndexedMessage::ts)).containsExactly(parentTs, ts(plain));
        assertThat(indexed("C1", parentTs).threadTs()).as("no replies left").isNull();

        ChannelEvent again = chat.reply("C1", "UBOB", "one more", parentTs, false);
        deliver(again, chat.delete("C1", parentTs));
        assertThat(indexed("C1").stream().map(IndexedMessage::ts)).as("the parent's tombstone is not a document")
                .containsExactly(ts(plain), ts(again));
        assertThat(indexer.checkpoint(WS, "C1")).isEqualTo(14);
        assertThat(checkpoints.get(WS, "C1")).isEqualTo(14);
    }

    @Test
    void channelRecordsAreNotIndexedButBotMessagesAre() {
        ChannelEvent join = chat.channelRecord("C1", "UANN", "channel_join", "<@UANN> has joined the channel");
        ChannelEvent bot = chat.raw("C1", "message", "{\"type\":\"message\",\"subtype\":\"bot_message\",\"bot_id\":"
                + "\"B1\",\"username\":\"deploybot\",\"text\":\"deployed\",\"ts\":\"1700000000.000100\",\"team\":\"T1\","
                + "\"attachments\":[{\"fallback\":\"release notes\",\"title\":\"Release 4.2\",\"title_link\":"
                + "\"https://ci.test/4.2\",\"text\":\"All green\"}],\"channel\":\"C1\",\"event_ts\":\"1700000000.000100\"}");
        deliver(join, bot);
        List<IndexedMessage> docs = indexed("C1");
        assertThat(docs).extracting(IndexedMessage::ts).containsExactly("1700000000.000100");
        IndexedMessage b = docs.getFirst();
        assertThat(b.botId()).isEqualTo("B1");
        assertThat(b.searchText()).contains("deployed").contains("Release 4.2").contains("All green")
                .doesNotContain("release notes");
        assertThat(b.hasLink()).isTrue();
        assertThat(indexer.checkpoint(WS, "C1")).isEqualTo(2);
    }

    @Test
    void aRedeliveredEventChangesNothing() {
        ChannelEvent post = chat.post("C1", "UANN", "first draft");
        ChannelEvent edit = chat.edit("C1", ts(post), "final text");
        deliver(post, edit);
        int reads = chat.messageReads.get();

        deliver(post, edit, post);
        ChannelEvent next = chat.post("C1", "UBOB", "after the redelivery");
        deliver(next);

        assertThat(indexed("C1", ts(next))).as("a later event is indexed").isNotNull();
        assertThat(indexed("C1", ts(post)).text()).isEqualTo("final text");
        assertThat(chat.messageReads.get()).as("redelivered events were skipped, not re-read").isEqualTo(reads);
        assertThat(indexer.checkpoint(WS, "C1")).isEqualTo(3);
    }

    @Test
    void aGapIsFilledInOrderFromTheStoredEvents() {
        ChannelEvent a = chat.post("C1", "UANN", "alpha");
        chat.edit("C1", ts(a), "alpha two");
        ChannelEvent b = chat.post("C1", "UBOB", "beta");
        chat.delete("C1", ts(b));
        ChannelEvent c = chat.post("C1", "UCAT", "gamma");

        deliver(a, c);

        assertThat(indexed("C1")).extracting(IndexedMessage::text).containsExactly("alpha two", "gamma");
        assertThat(indexer.checkpoint(WS, "C1")).isEqualTo(5);
    }

    @Test
    void purgedEventsRebuildTheChannelFromTheStore() {
        ChannelEvent a = chat.post("C1", "UANN", "kept");
        ChannelEvent gone = chat.post("C1", "UANN", "deleted later");
        deliver(a);
        chat.delete("C1", ts(gone));
        chat.react("C1", ts(a), "UBOB", "wave", true);
        chat.purge("C1");
        ChannelEvent next = chat.post("C1", "UBOB", "after the purge");

        deliver(next);

        assertThat(indexed("C1")).extracting(IndexedMessage::text).containsExactly("kept", "after the purge");
        assertThat(indexed("C1", ts(a)).reactions()).containsExactly("wave");
        assertThat(indexer.checkpoint(WS, "C1")).isEqualTo(5);
    }

    @Test
    void aPoisonEventIsDeadLetteredAndTheNextEventIsStillIndexed() {
        ChannelEvent poison = chat.raw("C1", "message", "{\"type\":\"message\",\"text\":\"no ts\"");
        ChannelEvent badReaction = chat.raw("C1", "reaction_added", "{\"type\":\"reaction_added\",\"item\":{}}");
        ChannelEvent next = chat.post("C1", "UANN", "still indexed");

        deliver(poison, badReaction, next);

        assertThat(indexed("C1")).extracting(IndexedMessage::text).containsExactly("still indexed");
        List<DeadLetters.DeadLetter> letters = deadLetters.list(WS, 10);
        assertThat(letters).extracting(DeadLetters.DeadLetter::seq).containsExactly(1L, 2L);
        assertThat(letters.getFirst().payload()).isEqualTo(poison.payload());
        assertThat(letters.getFirst().error()).isNotBlank();
        assertThat(letters.get(1).error()).contains("ts");
        assertThat(indexer.checkpoint(WS, "C1")).isEqualTo(3);

        deliver(poison);
        assertThat(deadLetters.list(WS, 10)).as("a redelivered poison event is recorded once").hasSize(2);
    }

    @Test
    void aFailingIndexIsRetriedUntilItTakesTheBatchNotSkipped() {
        index.failCommits.set(3);
        ChannelEvent post = chat.post("C1", "UANN", "survives the outage");
        deliver(post);

        assertThat(index.failedCommits.get()).isEqualTo(3);
        assertThat(indexed("C1")).extracting(IndexedMessage::text).containsExactly("survives the outage");
        assertThat(checkpoints.get(WS, "C1")).isEqualTo(1);
    }

    @Test
    void aFailingStoreReadIsRetriedToo() {
        ChannelEvent post = chat.post("C1", "UANN", "hello");
        deliver(post);
        chat.failReads = new IllegalStateException("messaging is down");
        ChannelEvent reaction = chat.react("C1", ts(post), "UBOB", "wave", true);
        indexer.accept(reaction);
        while (chat.messageReads.get() < 3) {
            Thread.onSpinWait();
        }
        assertThat(checkpoints.get(WS, "C1")).as("not moved past the failing event").isEqualTo(1);
        chat.failReads = null;
        indexer.flush();
        assertThat(indexed("C1", ts(post)).reactions()).containsExactly("wave");
        assertThat(checkpoints.get(WS, "C1")).isEqualTo(2);
    }

    @Test
    void eventsArriveThroughTheEventLogAndTheLagIsMeasured() throws Exception {
        ChannelEvent one = chat.post("C2", "UANN", "through the log");
        ChannelEvent two = chat.post("C2", "UBOB", "and another");
        eventLog.publish(List.of(one, two));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (checkpoints.get(WS, "C2") < 2) {
            assertThat(System.nanoTime()).as("the indexer took the events within 30 s").isLessThan(deadline);
            Thread.sleep(10);
        }
        indexer.flush();
        assertThat(indexed("C2")).extracting(IndexedMessage::text).containsExactly("through the log", "and another");
        IndexLag.Snapshot lag = indexer.lag().snapshot();
        assertThat(lag.events()).isEqualTo(2);
        assertThat(lag.maxMillis()).isGreaterThanOrEqualTo(lag.p50Millis());
        assertThat(lag.backlog()).isZero();
    }

    @Test
    void theReconcileSweepCatchesUpChannelsWhoseEventsWereNeverDelivered() {
        ChannelEvent seen = chat.post("C1", "UANN", "delivered");
        deliver(seen);
        chat.post("C1", "UANN", "lost in a crash");
        chat.post("C2", "UBOB", "never delivered");
        chat.post("C2", "UBOB", "nor this");
        ReconcileSweep sweep = new ReconcileSweep(chat.workspaceClient(), chat.channelClient(), checkpoints, indexer,
                fastRetries());

        ReconcileSweep.Result result = sweep.sweep(false);
        indexer.flush();

        assertThat(result.channels()).isEqualTo(2);
        assertThat(result.caughtUp()).isEqualTo(2);
        assertThat(indexed("C1")).extracting(IndexedMessage::text).containsExactly("delivered", "lost in a crash");
        assertThat(indexed("C2")).extracting(IndexedMessage::text).containsExactly("never delivered", "nor this");
        assertThat(sweep.sweep(false).caughtUp()).as("nothing behind any more").isZero();
    }

    @Test
    void theSweepWalksEveryPageOfChannels() {
        int channels = 2 * ReconcileSweep.CHANNEL_PAGE + 1;
        for (int i = 0; i < channels; i++) {
            String id = "CP%04d".formatted(i);
            chat.channel(id);
            if (i % 250 == 0 || i == channels - 1) {
                chat.post(id, "UANN", "in " + id);
            }
        }
        ReconcileSweep sweep = new ReconcileSweep(chat.workspaceClient(), chat.channelClient(), checkpoints, indexer,
                fastRetries());

        ReconcileSweep.Result result = sweep.sweep(false);
        indexer.flush();

        assertThat(result.channels()).isEqualTo(channels + 2);
        assertThat(result.caughtUp()).isEqualTo(5);
        assertThat(indexed("CP1000")).extracting(IndexedMessage::text).containsExactly("in CP1000");
        assertThat(indexed("CP0500")).extracting(IndexedMessage::text).containsExactly("in CP0500");
    }

    @Test
    void periodicSweepsLeaveChannelsTheLiveStreamIsMovingAlone() {
        ReconcileSweep sweep = new ReconcileSweep(chat.workspaceClient(), chat.channelClient(), checkpoints, indexer,
                fastRetries());
        ChannelEvent first = chat.post("C1", "UANN", "one");
        chat.post("C1", "UANN", "two");

        assertThat(sweep.sweep(true).caughtUp()).as("behind for the first time: maybe on its way").isZero();
        deliver(first);
        chat.post("C1", "UANN", "three");
        assertThat(sweep.sweep(true).caughtUp()).as("behind, but its checkpoint moved").isZero();
        assertThat(sweep.sweep(true).caughtUp()).as("behind at the same checkpoint twice: stalled").isEqualTo(1);
        indexer.flush();
        assertThat(indexed("C1")).extracting(IndexedMessage::text).containsExactly("one", "two", "three");
    }
}
