package dev.parley.search.indexing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.common.event.ChannelEvent;
import dev.parley.common.event.inprocess.InProcessEventLog;
import dev.parley.common.json.SlackJson;
import dev.parley.common.testing.TestStore;
import java.nio.file.Path;
import dev.parley.files.client.FilesClient;
import dev.parley.search.IndexedMessage;
import dev.parley.search.SearchQuery;
import dev.parley.search.SearchIndex;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rebuilding a workspace's index from the store while the live pipeline keeps writing, on every index adapter (each
 * has its own way of keeping two generations: Lucene directories, Elasticsearch indices behind an alias).
 */
abstract class ReindexerContractTest {

    /** A fresh, empty index of the adapter under test. */
    protected abstract SearchIndex newIndex(Path dir);

    private static final String WS = SearchIndexerContractTest.WS;

    private TestStore store;
    private ChatStore chat;
    private FlakySearchIndex index;

    @TempDir
    Path indexDir;
    private InProcessEventLog eventLog;
    private SearchIndexer indexer;
    private Reindexer reindexer;
    /** The files service's stand-in: what it answers of the files in this map. */
    private final java.util.Map<String, FilesClient.IndexableFile> files = new java.util.concurrent.ConcurrentHashMap<>();

    @BeforeEach
    void open() {
        store = TestStore.h2("search");
        chat = new ChatStore(WS).channel("C1").channel("C2").channel("C3");
        index = new FlakySearchIndex(newIndex(indexDir));
        eventLog = new InProcessEventLog();
        indexer = new SearchIndexer(eventLog, index, chat.messagingClient(), chat.channelClient(),
                new IndexCheckpoints(store.jdbc(), store.tx()), new DeadLetters(store.jdbc()),
                SearchIndexerContractTest.fastRetries(), new FileDocuments(q -> new FilesClient.IndexableFiles(
                        q.fileIds().stream().map(files::get).filter(java.util.Objects::nonNull).toList())));
        indexer.start();
        reindexer = new Reindexer(index, indexer, chat.channelClient(), chat.workspaceClient());
    }

    @AfterEach
    void close() {
        indexer.stop();
        index.close();
        eventLog.close();
        store.close();
    }

    private List<IndexedMessage> indexed(String channelId) {
        return SearchIndexerContractTest.indexed(index, channelId);
    }

    private void deliver(ChannelEvent... events) {
        for (ChannelEvent event : events) {
            indexer.accept(event);
        }
        indexer.flush();
    }

    private static String ts(ChannelEvent event) {
        return SlackJson.tree(event.payload()).path("ts").asString();
    }

    @Test
    void aReindexCarriesTheSearchableFilesOfTheMessagesItReads() {
        files.put("F1", new FilesClient.IndexableFile("F1", "UANN", "deck.pdf", "Deck", "pdf", 1_700_000_000L,
                "ready", false, List.of("C1"), "the narwhal plan"));
        files.put("F2", new FilesClient.IndexableFile("F2", "UANN", "bad.exe", "Bad", "binary", 1_700_000_000L,
                "quarantined", false, List.of("C1"), "narwhal"));
        // Shared without the indexer seeing it: only the reindex can bring the file in.
        chat.shareFiles("C1", "UANN", "see the deck", "[{\"id\":\"F1\",\"name\":\"deck.pdf\"},"
                + "{\"id\":\"F2\",\"name\":\"bad.exe\"}]");
        SearchQuery narwhal = new SearchQuery(WS, java.util.Set.of("C1"), List.of(SearchQuery.Term.word("narwhal")),
                null, null, null, null, null, null, null, SearchQuery.Sort.TIMESTAMP, true, 0, 10, false);
        assertThat(index.searchFiles(narwhal).total()).isZero();

        reindexer.reindex(WS);

        assertThat(indexed("C1")).extracting(IndexedMessage::text).contains("see the deck");
        assertThat(index.searchFiles(narwhal).hits()).extracting(h -> h.file().fileId()).containsExactly("F1");
    }

    @Test
    void aReindexRebuildsWhatTheIndexMissedAndDropsWhatItShouldNotHave() {
        ChannelEvent kept = chat.post("C1", "UANN", "indexed live");
        ChannelEvent stale = chat.post("C1", "UANN", "old words");
        deliver(kept, stale);
        chat.edit("C1", ts(stale), "new words");
        chat.post("C2", "UBOB", "never indexed");
        for (int i = 0; i < 1200; i++) {
            chat.post("C3", "UCAT", "bulk " + i);
        }
        // A document the store has no message for (a delete the index never saw).
        index.upsert(List.of(new IndexedMessage(WS, "C1", "1.000001", 1, null, "UX", null, null, "ghost", null, null,
                null, false, null, false)));
        index.commit();

        Reindexer.Result result = reindexer.reindex(WS);

        assertThat(result.channels()).isEqualTo(3);
        assertThat(result.messages()).isEqualTo(1203);
        assertThat(indexed("C1")).extracting(IndexedMessage::text).containsExactly("indexed live", "new words");
        assertThat(indexed("C2")).extracting(IndexedMessage::text).containsExactly("never indexed");
        assertThat(SearchIndexerContractTest.count(index, "C3")).isEqualTo(1200);
    }

    @Test
    void liveEditsAndDeletesRacingTheBulkLoadEndWithTheStoresState() {
        ChannelEvent edited = chat.post("C1", "UANN", "before the edit");
        ChannelEvent deleted = chat.post("C1", "UANN", "about to go");
        ChannelEvent reacted = chat.post("C1", "UBOB", "will get a reaction");
        deliver(edited, deleted, reacted);
        // Right after the bulk load read C1 (and before it used what it read), people keep working.
        chat.afterExportRead = () -> {
            ChannelEvent edit = chat.edit("C1", ts(edited), "after the edit");
            ChannelEvent delete = chat.delete("C1", ts(deleted));
            ChannelEvent react = chat.react("C1", ts(reacted), "UANN", "tada", true);
            ChannelEvent posted = chat.post("C1", "UCAT", "posted during the reindex");
            deliver(edit, delete, react, posted);
        };

        Reindexer.Result result = reindexer.reindex(WS);

        assertThat(result.refreshed()).as("the messages the live pipeline wrote meanwhile").isEqualTo(4);
        List<IndexedMessage> docs = indexed("C1");
        assertThat(docs).extracting(IndexedMessage::text)
                .containsExactly("after the edit", "will get a reaction", "posted during the reindex");
        assertThat(docs.get(1).reactions()).containsExactly("tada");

        ChannelEvent later = chat.post("C1", "UANN", "after the reindex");
        deliver(later);
        assertThat(indexed("C1")).extracting(IndexedMessage::text).endsWith("after the reindex");
    }

    @Test
    void aChannelRebuiltFromTheStoreDuringTheBulkLoadEndsWithTheStoresState() {
        ChannelEvent kept = chat.post("C1", "UANN", "kept");
        ChannelEvent deleted = chat.post("C1", "UANN", "deleted while its events were purged");
        deliver(kept, deleted);
        chat.afterExportRead = () -> {
            chat.delete("C1", ts(deleted));
            chat.purge("C1");
            // The next event reveals a gap the store no longer holds: the channel is rebuilt from the messages.
            deliver(chat.post("C1", "UBOB", "after the purge"));
        };

        reindexer.reindex(WS);

        assertThat(indexed("C1")).extracting(IndexedMessage::text).containsExactly("kept", "after the purge");
    }

    @Test
    void aSecondReindexOfTheSameWorkspaceWaitsItsTurn() {
        chat.post("C1", "UANN", "one");
        chat.afterExportRead = () -> {
            try {
                reindexer.reindex(WS);
                throw new AssertionError("a second reindex ran during the first");
            } catch (Reindexer.AlreadyRunning expected) {
                // the first one goes on
            }
        };
        assertThat(reindexer.reindex(WS).messages()).isEqualTo(1);
        assertThat(reindexer.reindexAll().workspaces()).as("free again once done").isEqualTo(1);
    }

}
