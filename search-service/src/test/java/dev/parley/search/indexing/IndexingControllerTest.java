package dev.parley.search.indexing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.common.event.inprocess.InProcessEventLog;
import dev.parley.common.testing.TestStore;
import dev.parley.search.lucene.LuceneSearchIndex;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator's endpoints: the lag as JSON, reindexing, dead letters, and clear errors for bad arguments. */
class IndexingControllerTest {

    private static final String WS = SearchIndexerContractTest.WS;

    @TempDir
    Path indexDir;

    private TestStore store;
    private LuceneSearchIndex index;
    private InProcessEventLog eventLog;
    private SearchIndexer indexer;
    private ChatStore chat;
    private IndexingController controller;

    @BeforeEach
    void open() {
        store = TestStore.h2("search");
        chat = new ChatStore(WS).channel("C1");
        index = new LuceneSearchIndex(indexDir);
        eventLog = new InProcessEventLog();
        DeadLetters deadLetters = new DeadLetters(store.jdbc());
        indexer = new SearchIndexer(eventLog, index, chat.messagingClient(), chat.channelClient(),
                new IndexCheckpoints(store.jdbc(), store.tx()), deadLetters, SearchIndexerContractTest.fastRetries());
        indexer.start();
        controller = new IndexingController(indexer,
                new Reindexer(index, indexer, chat.channelClient(), chat.workspaceClient()), deadLetters);
    }

    @AfterEach
    void close() {
        indexer.stop();
        index.close();
        eventLog.close();
        store.close();
    }

    @Test
    void theLagSaysHowManyEventsItCoversAndWhatIsWaiting() {
        indexer.accept(chat.post("C1", "UANN", "hello"));
        indexer.accept(chat.raw("C1", "message", "not json"));
        indexer.flush();

        Map<String, Object> lag = controller.lag();
        assertThat(lag).containsEntry("ok", true).containsEntry("events", 1L).containsEntry("backlog", 0L)
                .containsKeys("p50_ms", "p99_ms", "max_ms");

        Map<String, Object> letters = controller.deadLetters(WS, "10");
        assertThat(letters).containsEntry("ok", true);
        assertThat((List<?>) letters.get("dead_letters")).hasSize(1);
    }

    @Test
    void aReindexAnswersWithWhatItWrote() {
        chat.post("C1", "UANN", "one");
        chat.post("C1", "UANN", "two");
        assertThat(controller.reindex(WS, null)).containsEntry("ok", true).containsEntry("workspaces", 1L)
                .containsEntry("channels", 1L).containsEntry("messages", 2L);
        assertThat(controller.reindex(null, "true")).containsEntry("ok", true).containsEntry("messages", 2L);
        assertThat(SearchIndexerContractTest.count(index, "C1")).isEqualTo(2);
    }

    @Test
    void badArgumentsGetASlackErrorAndChangeNothing() {
        Map<String, Object> invalid = Map.of("ok", false, "error", "invalid_arguments");
        assertThat(controller.reindex(null, null)).isEqualTo(invalid);
        assertThat(controller.reindex(WS, "true")).as("one or the other").isEqualTo(invalid);
        assertThat(controller.reindex("t1; drop", null)).isEqualTo(invalid);
        assertThat(controller.deadLetters(null, "10")).isEqualTo(invalid);
        assertThat(controller.deadLetters(WS, "-1")).isEqualTo(invalid);
        assertThat(controller.deadLetters(WS, "many")).isEqualTo(invalid);
    }
}
