package dev.parley.files.pipeline;

import static dev.parley.common.testing.TestFiles.bombPng;
import static dev.parley.common.testing.TestFiles.png;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.common.pubsub.inprocess.InProcessTtlKeys;
import dev.parley.common.testing.TestStore;
import dev.parley.files.BlobKey;
import dev.parley.files.FilesProperties;
import dev.parley.files.access.FileObjects;
import dev.parley.files.access.FileUrls;
import dev.parley.files.local.LocalBlobStore;
import dev.parley.files.metadata.FileJobs;
import dev.parley.files.metadata.FileRepository;
import dev.parley.files.metadata.FileShareRecord;
import dev.parley.files.metadata.FileStatus;
import dev.parley.files.metadata.StoredFile;
import dev.parley.files.processing.ContentSniffer;
import dev.parley.files.processing.TextExtractor;
import dev.parley.files.processing.Thumbnailer;
import dev.parley.files.scan.MalwareScanner;
import dev.parley.files.scan.clamav.ClamdScanner;
import dev.parley.files.signed.SignedUrls;
import dev.parley.localinfra.ClamdProcess;
import dev.parley.messaging.client.MessagingClient;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.util.unit.DataSize;

/**
 * The pipeline on a real store (H2) and blob store (local disk) with the real processors: a job left by a process that
 * died is resumed by the next one, failures are retried and finally mark the file {@code error}, an infected file
 * (a real clamd with the EICAR test signature) is quarantined and its bytes deleted, a decompression bomb is an
 * {@code error} with its bytes deleted.
 */
class FilePipelineTest {

    private static final String WS = "T1";

    private TestStore store;
    private Path blobs;
    private LocalBlobStore blobStore;
    private FileRepository files;
    private FileJobs jobs;
    private final List<MessagingClient.FileUpdate> updates = new CopyOnWriteArrayList<>();

    @BeforeEach
    void open() throws Exception {
        store = TestStore.h2("files");
        blobs = Files.createTempDirectory("parley-pipeline-");
        blobStore = new LocalBlobStore(blobs, 10 * 1024 * 1024,
                new SignedUrls(new byte[32], URI.create("http://files.test/"), Clock.systemUTC()));
        files = new FileRepository(store.jdbc());
        jobs = new FileJobs(store.jdbc());
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** A pipeline as a fresh process builds it, over the same store and blobs. */
    private FilePipeline pipeline(MalwareScanner scanner, MessagingClient messaging, int maxAttempts) {
        Processors processors = new Processors(new ContentSniffer(), new Thumbnailer(50_000_000), new TextExtractor(),
                scanner, new PipelineProperties(Duration.ofSeconds(5), maxAttempts, Duration.ofMillis(1),
                Duration.ofMillis(1), DataSize.ofMegabytes(4)), new FilesProperties.Processing(50_000_000, 10_000));
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("messaging", messaging);
        return new FilePipeline(new InProcessTtlKeys(), files, jobs, blobStore, processors,
                new FileObjects(new FileUrls(URI.create("http://files.test/"))),
                beans.getBeanProvider(MessagingClient.class), new PipelineProperties(Duration.ofSeconds(5),
                maxAttempts, Duration.ofMillis(1), Duration.ofMillis(1), DataSize.ofMegabytes(4)));
    }

    private MessagingClient recording() {
        return messaging(false);
    }

    private MessagingClient down() {
        return messaging(true);
    }

    private MessagingClient messaging(boolean down) {
        return (MessagingClient) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {MessagingClient.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("updateFile")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    if (down) {
                        throw new IllegalStateException("messaging is down");
                    }
                    updates.add((MessagingClient.FileUpdate) args[0]);
                    return new MessagingClient.FileUpdated(1);
                });
    }

    /** A completed upload waiting for processing, shared in C1, its job queued. */
    private String queued(String id, String name, byte[] bytes) {
        blobStore.put(BlobKey.of(WS, StoredFile.originalPath(id)), new ByteArrayInputStream(bytes), bytes.length, null);
        files.insert(new StoredFile(WS, id, "U1", name, name, null, bytes.length, "application/octet-stream", "binary",
                "Binary", FileStatus.UPLOADING, null, null, null, List.of(), null, 100, false));
        files.complete(WS, id, name, bytes.length, "application/octet-stream", "binary", "Binary");
        files.addShare(WS, new FileShareRecord(id, "C1", "1.000100", "channel", null, "U1", 100));
        jobs.enqueue(WS, id, 0);
        return id;
    }

    private void runDue(FilePipeline pipeline) {
        for (FileJobs.Job job : jobs.due(Long.MAX_VALUE, 100)) {
            pipeline.run(job);
        }
    }

    @Test
    void jobsLeftByADeadProcessAreResumedByTheNext() {
        queued("F1", "photo.png", png(640, 480));
        queued("F2", "notes.txt", "meeting notes about llamas".getBytes(StandardCharsets.UTF_8));

        // The first process processes F1 but cannot reach messaging, then dies before touching F2.
        FilePipeline first = pipeline(MalwareScanner.NONE, down(), 5);
        first.run(jobs.find(WS, "F1").orElseThrow());
        FileJobs.Job retried = jobs.find(WS, "F1").orElseThrow();
        assertThat(retried.attempts()).isEqualTo(1);
        assertThat(retried.lastError()).contains("messaging is down");
        assertThat(jobs.find(WS, "F2")).as("never started").isPresent();

        FilePipeline next = pipeline(MalwareScanner.NONE, recording(), 5);
        runDue(next);
        assertThat(jobs.due(Long.MAX_VALUE, 10)).isEmpty();
        StoredFile photo = files.find(WS, "F1").orElseThrow();
        assertThat(photo.status()).isEqualTo(FileStatus.READY);
        assertThat(photo.mimetype()).isEqualTo("image/png");
        assertThat(photo.originalW()).isEqualTo(640);
        assertThat(photo.thumbnails()).extracting(t -> t.size()).contains(64, 80, 160, 360, 480);
        assertThat(blobStore.exists(BlobKey.of(WS, "F1/" + photo.thumbnails().getFirst().blobName()))).isTrue();
        assertThat(files.find(WS, "F2").orElseThrow().status()).isEqualTo(FileStatus.READY);
        assertThat(files.text(WS, "F2")).get().asString().contains("llamas");
        assertThat(updates).extracting(MessagingClient.FileUpdate::fileId).containsExactlyInAnyOrder("F1", "F2");
        MessagingClient.FileUpdate update = updates.stream().filter(u -> u.fileId().equals("F1")).findFirst().orElseThrow();
        assertThat(update.file()).contains("\"thumb_64\"");
        assertThat(update.messages()).containsExactly(new MessagingClient.MessageRef("C1", "1.000100"));
    }

    @Test
    void aScannerThatStaysDownEndsInErrorAfterTheLastTry() throws Exception {
        queued("F1", "doc.txt", "hello".getBytes(StandardCharsets.UTF_8));
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        FilePipeline pipeline = pipeline(new ClamdScanner("127.0.0.1", closedPort, Duration.ofSeconds(2)), recording(), 2);
        runDue(pipeline);
        assertThat(files.find(WS, "F1").orElseThrow().status()).as("retried, not given up").isEqualTo(FileStatus.PROCESSING);
        assertThat(jobs.find(WS, "F1").orElseThrow().attempts()).isEqualTo(1);
        runDue(pipeline);
        StoredFile failed = files.find(WS, "F1").orElseThrow();
        assertThat(failed.status()).isEqualTo(FileStatus.ERROR);
        assertThat(failed.statusReason()).startsWith("Processing failed 2 times");
        assertThat(jobs.find(WS, "F1")).isEmpty();
    }

    @Test
    void anInfectedFileIsQuarantinedAndABombIsAnError() {
        try (ClamdProcess clamd = ClamdProcess.start()) {
            queued("F1", "eicar.txt", ClamdProcess.EICAR.getBytes(StandardCharsets.US_ASCII));
            queued("F2", "clean.txt", "nothing to see".getBytes(StandardCharsets.UTF_8));
            queued("F3", "bomb.png", bombPng(100_000, 100_000));
            runDue(pipeline(new ClamdScanner(clamd.host(), clamd.port(), Duration.ofSeconds(30)), recording(), 3));
        }
        StoredFile infected = files.find(WS, "F1").orElseThrow();
        assertThat(infected.status()).isEqualTo(FileStatus.QUARANTINED);
        assertThat(infected.statusReason()).contains(ClamdProcess.EICAR_SIGNATURE);
        assertThat(blobStore.exists(BlobKey.of(WS, "F1/original"))).isFalse();
        assertThat(files.find(WS, "F2").orElseThrow().status()).as("the fence: scanned and clean").isEqualTo(FileStatus.READY);
        StoredFile bomb = files.find(WS, "F3").orElseThrow();
        assertThat(bomb.status()).isEqualTo(FileStatus.ERROR);
        assertThat(bomb.statusReason()).contains("decompression bomb");
        assertThat(blobStore.exists(BlobKey.of(WS, "F3/original"))).isFalse();
        assertThat(updates.stream().filter(u -> u.fileId().equals("F1")).findFirst().orElseThrow().file())
                .contains("\"processing_status\":\"quarantined\"").doesNotContain("thumb_");
    }



}
