package dev.parley.files.pipeline;

import dev.parley.common.json.SlackJson;
import dev.parley.common.lease.LeasedLoop;
import dev.parley.common.pubsub.TtlKeys;
import dev.parley.files.Blob;
import dev.parley.files.BlobKey;
import dev.parley.files.BlobStore;
import dev.parley.files.access.FileObjects;
import dev.parley.files.metadata.FileJobs;
import dev.parley.files.metadata.FileRepository;
import dev.parley.files.metadata.FileShareRecord;
import dev.parley.files.metadata.FileStatus;
import dev.parley.files.metadata.StoredFile;
import dev.parley.files.metadata.StoredThumbnail;
import dev.parley.files.processing.ImageSize;
import dev.parley.files.processing.Sniffed;
import dev.parley.files.processing.Thumbnail;
import dev.parley.files.processing.Thumbnailer;
import dev.parley.files.processing.UnreadableImageException;
import dev.parley.files.processing.UnsafeImageException;
import dev.parley.files.scan.ScanException;
import dev.parley.files.scan.Verdict;
import dev.parley.messaging.client.MessagingClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The processing pipeline: works off the durable {@link FileJobs} queue, one process of a deployment at a time (a
 * lease), so a job survives a crash and is picked up again. For each file: the bytes fetched from the store, the type
 * sniffed from them (a disguised type: {@code error}), the malware scan when a scanner is configured (infected:
 * {@code quarantined}, the bytes deleted), an image's thumbnails stored beside it (a decompression bomb: {@code
 * error}), the text kept for search, then {@code ready}; finally the messages that share the file are given its new
 * object ({@link MessagingClient#updateFile}), or the tombstone of a deleted file. A failure is retried with a
 * doubling backoff; after the last try the file is marked {@code error}. A file in {@code error} or {@code quarantined}
 * is never served.
 */
@Component
public class FilePipeline extends LeasedLoop {

    private static final Logger log = LoggerFactory.getLogger(FilePipeline.class);
    static final String LEASE = "files:pipeline";
    static final int BATCH = 10;

    private final FileRepository files;
    private final FileJobs jobs;
    private final BlobStore store;
    private final Processors processors;
    private final FileObjects objects;
    private final ObjectProvider<MessagingClient> messaging;
    private final PipelineProperties properties;
    private final Clock clock = Clock.systemUTC();
    private final Semaphore wakeUp = new Semaphore(0);

    FilePipeline(TtlKeys leases, FileRepository files, FileJobs jobs, BlobStore store, Processors processors,
                 FileObjects objects, ObjectProvider<MessagingClient> messaging, PipelineProperties properties) {
        super(leases, LEASE, Duration.ofSeconds(30), "files-pipeline");
        this.files = files;
        this.jobs = jobs;
        this.store = store;
        this.processors = processors;
        this.objects = objects;
        this.messaging = messaging;
        this.properties = properties;
    }

    /** Looks at the queue now instead of at the next poll. */
    public void wake() {
        if (wakeUp.availablePermits() == 0) {
            wakeUp.release();
        }
    }

    @Override
    protected boolean round() {
        List<FileJobs.Job> due = jobs.due(clock.millis(), BATCH);
        for (FileJobs.Job job : due) {
            if (!holdsLease()) {
                return false;
            }
            run(job);
        }
        return due.size() == BATCH;
    }

    @Override
    protected void pause() throws InterruptedException {
        wakeUp.tryAcquire(properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        wakeUp.drainPermits();
    }

    /** One try of one job; the job goes once everything is done, else is rescheduled. */
    void run(FileJobs.Job job) {
        StoredFile file = files.find(job.workspaceId(), job.fileId()).orElse(null);
        if (file == null) {
            jobs.finish(job.workspaceId(), job.fileId());
            return;
        }
        try {
            if (!file.deleted() && file.status() == FileStatus.PROCESSING) {
                file = process(file);
            }
            tellMessages(file);
            jobs.finish(job.workspaceId(), job.fileId());
        } catch (RuntimeException e) {
            int attempts = job.attempts() + 1;
            if (attempts >= properties.maxAttempts()) {
                log.warn("Giving up on file {} of {} after {} tries: {}", file.id(), file.workspaceId(), attempts,
                        e.toString());
                if (!file.deleted() && !file.status().settled()) {
                    files.setStatus(file.workspaceId(), file.id(), FileStatus.ERROR,
                            "Processing failed " + attempts + " times: " + brief(e));
                }
                jobs.finish(job.workspaceId(), job.fileId());
            } else {
                log.info("Processing file {} of {} failed (try {}), retrying: {}", file.id(), file.workspaceId(),
                        attempts, e.toString());
                jobs.retryLater(job.workspaceId(), job.fileId(), attempts,
                        clock.millis() + properties.backoff(attempts).toMillis(), brief(e));
            }
        }
    }

    /** Runs the steps on the file's bytes; the file as it is afterwards. */
    StoredFile process(StoredFile file) {
        BlobKey original = BlobKey.of(file.workspaceId(), StoredFile.originalPath(file.id()));
        Path local = null;
        try {
            local = Files.createTempFile("parley-file-", ".bin");
            try (Blob blob = store.get(original).orElse(null)) {
                if (blob == null) {
                    return settle(file, FileStatus.ERROR, "The uploaded bytes are missing from the store");
                }
                try (InputStream in = blob.content()) {
                    Files.copy(in, local, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Sniffed sniffed = processors.sniffer().sniff(local, file.name());
            if (processors.sniffer().isDisguised(file.name(), sniffed)) {
                return settle(file, FileStatus.ERROR, "The bytes are " + sniffed.mimetype() + ", which the name "
                        + file.name() + " disguises");
            }
            if (processors.scanner().enabled()) {
                Verdict verdict;
                try {
                    verdict = processors.scanner().scan(local);
                } catch (ScanException e) {
                    if (e.retryable()) {
                        throw e;
                    }
                    return settle(file, FileStatus.ERROR, "The file could not be scanned: " + e.getMessage());
                }
                if (verdict.infected()) {
                    return settle(file, FileStatus.QUARANTINED, "Malware found: " + verdict.signature());
                }
            }
            List<StoredThumbnail> thumbnails = new ArrayList<>();
            Integer width = null;
            Integer height = null;
            if (Thumbnailer.supports(sniffed.mimetype())) {
                try {
                    ImageSize size = processors.thumbnailer().size(local, sniffed.mimetype());
                    if ((long) size.width() * size.height() > processors.maxImagePixels()) {
                        throw new UnsafeImageException(size.width() + "x" + size.height() + " pixels");
                    }
                    for (Thumbnail t : processors.thumbnailer().thumbnails(local, sniffed.mimetype())) {
                        StoredThumbnail stored = new StoredThumbnail(t.size(), t.width(), t.height(), t.mimetype());
                        store.put(BlobKey.of(file.workspaceId(), file.id()).child(stored.blobName()), new ByteArrayInputStream(t.bytes()),
                                t.bytes().length, t.mimetype());
                        thumbnails.add(stored);
                    }
                    width = size.width();
                    height = size.height();
                } catch (UnsafeImageException e) {
                    return settle(file, FileStatus.ERROR, "The image is too large to process safely (a "
                            + "decompression bomb?): " + e.getMessage());
                } catch (UnreadableImageException e) {
                    // A broken image is still a file: kept, without thumbnails.
                    thumbnails.clear();
                }
            }
            String text = "";
            try {
                text = processors.extractor().extract(local, sniffed.mimetype(), processors.maxTextChars());
            } catch (RuntimeException e) {
                // Text is a bonus for search; a document Tika cannot read is still served.
                log.debug("No text from file {}: {}", file.id(), e.toString());
            }
            if (text != null && !text.isEmpty()) {
                files.saveText(file.workspaceId(), file.id(), text);
            }
            files.processed(file.workspaceId(), file.id(), sniffed.mimetype(), sniffed.filetype(),
                    sniffed.prettyType(), width, height, thumbnails, FileStatus.READY, null);
            return files.find(file.workspaceId(), file.id()).orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (local != null) {
                try {
                    Files.deleteIfExists(local);
                } catch (IOException ignored) {
                    // A temporary file; the system cleans its directory.
                }
            }
        }
    }

    /** A file that will not be served: its bytes and thumbnails deleted, its status and reason recorded. */
    private StoredFile settle(StoredFile file, FileStatus status, String reason) {
        store.deleteByPrefix(BlobKey.of(file.workspaceId(), file.id()));
        files.setStatus(file.workspaceId(), file.id(), status, reason);
        return file.withStatus(status, reason);
    }

    private void tellMessages(StoredFile file) {
        List<FileShareRecord> shares = files.shares(file.workspaceId(), file.id());
        if (shares.isEmpty()) {
            return;
        }
        Map<String, Object> object = file.deleted() ? FileObjects.tombstone(file.id()) : objects.object(file);
        List<MessagingClient.MessageRef> refs = shares.stream()
                .map(s -> new MessagingClient.MessageRef(s.channelId(), s.ts())).distinct().toList();
        messaging.getObject().updateFile(new MessagingClient.FileUpdate(file.workspaceId(), file.id(),
                SlackJson.write(object), refs));
    }

    private static String brief(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
