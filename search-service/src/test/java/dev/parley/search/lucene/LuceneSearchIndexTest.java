package dev.parley.search.lucene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.search.IndexedMessage;
import dev.parley.search.SearchIndex;
import dev.parley.search.SearchIndexContractTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.Lock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded index against the contract, and what only an index on local disk has to show: it lasts. */
class LuceneSearchIndexTest extends SearchIndexContractTest {

    @TempDir
    Path root;

    private LuceneSearchIndex index;

    @BeforeEach
    void open() {
        index = new LuceneSearchIndex(root);
    }

    @AfterEach
    void close() {
        index.close();
    }

    @Override
    protected SearchIndex index() {
        return index;
    }

    @Override
    protected boolean stems() {
        return true;
    }

    private void reopen() {
        index.close();
        index = new LuceneSearchIndex(root);
    }

    @Test
    void committedWritesSurviveClosingAndReopening() {
        index.upsert(List.of(msg(C1, 1, "durable words"), msg(C1, 2, "removed words")));
        index.commit();
        index.delete(List.of(new IndexedMessage.Key(ws, C1, ts(2))));
        index.commit();

        reopen();

        assertThat(tsOf(search(q().words("words")))).containsExactly(ts(1));
        index.upsert(List.of(msg(C1, 3, "more words")));
        index.commit();
        assertThat(tsOf(search(q().words("words")))).containsExactlyInAnyOrder(ts(1), ts(3));
    }

    @Test
    void aCompletedRebuildStaysLiveAfterReopeningAndItsOldGenerationIsGone() throws IOException {
        index.upsert(List.of(msg(C1, 1, "old zeta")));
        index.commit();
        SearchIndex.Rebuild rebuild = index.rebuild(ws);
        rebuild.add(List.of(msg(C1, 2, "new zeta")));
        rebuild.complete();

        reopen();

        assertThat(tsOf(search(q().words("zeta")))).containsExactly(ts(2));
        Path workspaceDir = root.resolve(LuceneSearchIndex.directoryName(ws));
        assertThat(Files.readString(workspaceDir.resolve("live")).trim()).isEqualTo("2");
        assertThat(generations(workspaceDir)).containsExactly("2");
    }

    @Test
    void aRebuildOpenWhenTheIndexClosesIsDroppedAndTheLiveGenerationKept() throws IOException {
        index.upsert(List.of(msg(C1, 1, "live eta")));
        index.commit();
        SearchIndex.Rebuild rebuild = index.rebuild(ws);
        rebuild.add(List.of(msg(C1, 2, "unfinished eta")));

        reopen();

        assertThat(tsOf(search(q().words("eta")))).containsExactly(ts(1));
        Path workspaceDir = root.resolve(LuceneSearchIndex.directoryName(ws));
        assertThat(generations(workspaceDir)).containsExactly("1");
        assertThatThrownBy(() -> rebuild.add(List.of(msg(C1, 3, "late eta"))))
                .isInstanceOf(IllegalStateException.class);
        // A rebuild after reopening gets a generation of its own and completes.
        SearchIndex.Rebuild next = index.rebuild(ws);
        next.add(List.of(msg(C1, 4, "next eta")));
        next.complete();
        assertThat(tsOf(search(q().words("eta")))).containsExactly(ts(4));
    }

    @Test
    void aSupersededRebuildCannotComplete() {
        SearchIndex.Rebuild first = index.rebuild(ws);
        SearchIndex.Rebuild second = index.rebuild(ws);
        assertThatThrownBy(first::complete).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> first.add(List.of(msg(C1, 1, "lost")))).isInstanceOf(IllegalStateException.class);
        second.add(List.of(msg(C1, 2, "kept theta")));
        second.complete();
        second.complete(); // does nothing the second time
        assertThat(tsOf(search(q().words("theta")))).containsExactly(ts(2));
    }

    @Test
    void closingReleasesTheDirectoryLock() throws IOException {
        index.upsert(List.of(msg(C1, 1, "locked iota")));
        index.commit();
        Path generation = root.resolve(LuceneSearchIndex.directoryName(ws)).resolve("1");

        // While open, the writer holds the lock: nobody else may write there.
        try (Directory directory = FSDirectory.open(generation)) {
            assertThatThrownBy(() -> directory.obtainLock(IndexWriter.WRITE_LOCK_NAME))
                    .isInstanceOf(org.apache.lucene.store.LockObtainFailedException.class);
        }

        index.close();

        try (Directory directory = FSDirectory.open(generation); Lock lock = directory.obtainLock(IndexWriter.WRITE_LOCK_NAME)) {
            lock.ensureValid();
        }
        index = new LuceneSearchIndex(root);
        assertThat(tsOf(search(q().words("iota")))).containsExactly(ts(1));
        assertThatThrownBy(() -> {
            LuceneSearchIndex closed = new LuceneSearchIndex(root.resolve("other"));
            closed.close();
            closed.search(q().build());
        }).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void workspaceIdsBecomeSafeDistinctDirectoryNames() {
        assertThat(LuceneSearchIndex.directoryName("T0ABC123")).isEqualTo("T0ABC123");
        assertThat(LuceneSearchIndex.directoryName("../etc")).doesNotContain("/").doesNotContain("..");
        assertThat(LuceneSearchIndex.directoryName("a_2e")).isNotEqualTo(LuceneSearchIndex.directoryName("a."));

        index.upsert(List.of(msg("../escape", C1, 1, "kappa")));
        index.commit();
        assertThat(tsOf(search(q().workspace("../escape").words("kappa")))).containsExactly(ts(1));
        assertThat(Files.exists(root.resolve("..").resolve("escape"))).isFalse();
    }

    @Test
    void concurrentWritesCommitsAndSearchesAcrossARebuildLoseNothing() throws Exception {
        List<IndexedMessage> before = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            before.add(msg(C1, i, "before lambda " + i));
        }
        index.upsert(before);
        index.commit();
        SearchIndex.Rebuild rebuild = index.rebuild(ws);

        int writers = 4;
        int perWriter = 60;
        CountDownLatch halfWritten = new CountDownLatch(writers);
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int first = 1000 + w * perWriter;
                work.add(pool.submit(() -> {
                    for (int i = first; i < first + perWriter; i++) {
                        index.upsert(List.of(msg(C2, i, "during lambda " + i)));
                        if (i % 5 == 0) {
                            index.commit();
                        }
                        if (i == first + perWriter / 2) {
                            halfWritten.countDown();
                        }
                    }
                    return null;
                }));
            }
            Future<Long> searches = pool.submit(() -> {
                long fewest = Long.MAX_VALUE;
                do {
                    fewest = Math.min(fewest, index.search(q().words("lambda").page(0, 5).build()).total());
                } while (writing.get());
                return fewest;
            });
            rebuild.add(before);
            halfWritten.await();
            rebuild.complete(); // while the writers are still at it
            for (Future<?> f : work) {
                f.get();
            }
            writing.set(false);
            // Every search saw at least what was there before, whichever generation it read.
            assertThat(searches.get()).isGreaterThanOrEqualTo(50);
        } finally {
            pool.shutdownNow();
        }
        index.commit();
        assertThat(search(q().words("lambda").page(0, 0)).total()).isEqualTo(50 + writers * perWriter);
    }

    private static List<String> generations(Path workspaceDir) throws IOException {
        try (Stream<Path> entries = Files.list(workspaceDir)) {
            return entries.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
