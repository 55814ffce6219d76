package dev.parley.files.upload;

import dev.parley.channel.client.ChannelAccess;
import dev.parley.channel.client.ChannelClient;
import dev.parley.common.api.SlackApiException;
import dev.parley.common.auth.Caller;
import dev.parley.common.id.Ids;
import dev.parley.common.json.SlackJson;
import dev.parley.files.Blob;
import dev.parley.files.BlobInfo;
import dev.parley.files.BlobKey;
import dev.parley.files.BlobRejectedException;
import dev.parley.files.BlobStore;
import dev.parley.files.FilesProperties;
import dev.parley.files.PresignedRequest;
import dev.parley.files.access.FileAccess;
import dev.parley.files.access.FileObjects;
import dev.parley.files.metadata.FileJobs;
import dev.parley.files.metadata.FileRepository;
import dev.parley.files.metadata.FileShareRecord;
import dev.parley.files.metadata.FileStatus;
import dev.parley.files.metadata.StoredFile;
import dev.parley.files.pipeline.FilePipeline;
import dev.parley.files.pipeline.Processors;
import dev.parley.files.processing.Sniffed;
import dev.parley.files.signed.SignedUrls;
import dev.parley.messaging.client.MessagingClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Slack's upload flows: {@code files.getUploadURLExternal} (a file row, {@code uploading}, and files-service's own
 * upload URL bound to the announced length), the bytes sent there, then {@code files.completeUploadExternal} (the
 * bytes checked, the file queued for processing, then shared as one message per conversation); and the older
 * {@code files.upload}, which brings the bytes along and goes the same way from there. Every refusal comes before
 * anything is shared, and a refused file's bytes are deleted.
 */
@Service
public class UploadService {

    /** Guards against a client sending a thousand ids in one completion. */
    static final int MAX_FILES = 10;
    static final int MAX_NAME = 255;
    /** Until the upload has been shared, its job waits this long, so a crash before sharing still processes it. */
    static final long SHARE_GRACE_MILLIS = 30_000;

    private final FileRepository files;
    private final FileJobs jobs;
    private final BlobStore store;
    private final SignedUrls signedUrls;
    private final FilesProperties properties;
    // Providers: the other services' clients (proxies when they run elsewhere) are made at the first call.
    private final ObjectProvider<ChannelClient> channels;
    private final ObjectProvider<MessagingClient> messaging;
    private final FileObjects objects;
    private final FileAccess access;
    private final Processors processors;
    private final FilePipeline pipeline;
    private final Clock clock;

    UploadService(FileRepository files, FileJobs jobs, BlobStore store, SignedUrls signedUrls,
                  FilesProperties properties, ObjectProvider<ChannelClient> channels, ObjectProvider<MessagingClient> messaging, FileObjects objects,
                  FileAccess access, Processors processors, FilePipeline pipeline) {
        this.files = files;
        this.jobs = jobs;
        this.store = store;
        this.signedUrls = signedUrls;
        this.properties = properties;
        this.channels = channels;
        this.messaging = messaging;
        this.objects = objects;
        this.access = access;
        this.processors = processors;
        this.pipeline = pipeline;
        this.clock = Clock.systemUTC();
    }

    /** A file about to be uploaded and the URL to send its bytes to. */
    public record UploadUrl(String fileId, String url) {
    }

    /** One file of a completion: its id and the title to give it (null: its name). */
    public record Completion(String id, String title) {
    }

    /** Where to share completed files: conversations (none for a private upload), thread, comment. */
    public record Share(List<String> channelIds, String threadTs, String initialComment) {
    }

    public UploadUrl uploadUrl(Caller caller, String filename, long length, String altTxt) {
        String name = name(filename);
        checkLength(length);
        String id = Ids.file();
        files.insert(new StoredFile(caller.workspaceId(), id, caller.userId(), name, name, clip(altTxt, 1000), length,
                BlobInfo.DEFAULT_CONTENT_TYPE, "binary", "Binary", FileStatus.UPLOADING, null, null, null, List.of(),
                null, clock.instant().getEpochSecond(), false));
        PresignedRequest upload = signedUrls.upload(BlobKey.of(caller.workspaceId(), StoredFile.originalPath(id)),
                length, BlobInfo.DEFAULT_CONTENT_TYPE, properties.uploadUrlLifetime());
        return new UploadUrl(id, upload.url().toString());
    }

    /** {@code files.completeUploadExternal}: the files, as the caller now sees them. */
    public List<Map<String, Object>> complete(Caller caller, List<Completion> completions, Share share) {
        if (completions.isEmpty() || completions.size() > MAX_FILES) {
            throw new SlackApiException("invalid_arguments", Map.of("response_metadata", Map.of("messages",
                    List.of("[ERROR] files must list 1 to " + MAX_FILES + " uploads"))));
        }
        List<StoredFile> pending = new ArrayList<>();
        for (Completion c : completions) {
            StoredFile file = files.find(caller.workspaceId(), c.id())
                    // Someone else's upload is as unknown to the caller as one that never was.
                    .filter(f -> !f.deleted() && f.userId().equals(caller.userId()))
                    .orElseThrow(() -> new SlackApiException("file_not_found"));
            if (file.status() != FileStatus.UPLOADING) {
                throw new SlackApiException("file_already_completed");
            }
            if (pending.stream().anyMatch(p -> p.id().equals(file.id()))) {
                throw new SlackApiException("invalid_arguments");
            }
            BlobInfo blob = store.stat(BlobKey.of(caller.workspaceId(), StoredFile.originalPath(file.id())))
                    .orElseThrow(() -> new SlackApiException("file_not_uploaded"));
            if (blob.length() != file.size()) {
                discard(file);
                throw new SlackApiException("length_mismatch");
            }
            String title = c.title() == null || c.title().isBlank() ? file.name() : clip(c.title(), MAX_NAME);
            pending.add(new StoredFile(file.workspaceId(), file.id(), file.userId(), file.name(), title, file.altTxt(),
                    blob.length(), file.mimetype(), file.filetype(), file.prettyType(), file.status(), null, null,
                    null, List.of(), null, file.created(), false));
        }
        return finish(caller, pending, share);
    }

    /** {@code files.upload}: the bytes come along; the file, as the caller now sees it. */
    public Map<String, Object> upload(Caller caller, String filename, String title, byte[] bytes, Share share) {
        String name = name(filename);
        checkLength(bytes.length);
        String id = Ids.file();
        StoredFile file = new StoredFile(caller.workspaceId(), id, caller.userId(), name,
                title == null || title.isBlank() ? name : clip(title, MAX_NAME), null, bytes.length,
                BlobInfo.DEFAULT_CONTENT_TYPE, "binary", "Binary", FileStatus.UPLOADING, null, null, null, List.of(),
                null, clock.instant().getEpochSecond(), false);
        // The share's conversations and the bytes are checked before anything is stored.
        checkChannels(caller, share);
        checkBytes(bytes, name);
        try {
            store.put(BlobKey.of(caller.workspaceId(), StoredFile.originalPath(id)), new ByteArrayInputStream(bytes),
                    bytes.length, BlobInfo.DEFAULT_CONTENT_TYPE);
        } catch (BlobRejectedException e) {
            throw new SlackApiException(e.error());
        }
        files.insert(file);
        return finish(caller, List.of(file), share).getFirst();
    }

    private List<Map<String, Object>> finish(Caller caller, List<StoredFile> pending, Share share) {
        List<ChannelAccess> accesses = checkChannels(caller, share);
        List<StoredFile> checked = new ArrayList<>();
        for (StoredFile file : pending) {
            Sniffed sniffed;
            try {
                sniffed = check(file);
            } catch (SlackApiException refused) {
                discard(file);
                throw refused;
            }
            checked.add(new StoredFile(file.workspaceId(), file.id(), file.userId(), file.name(), file.title(),
                    file.altTxt(), file.size(), sniffed.mimetype(), sniffed.filetype(), sniffed.prettyType(),
                    FileStatus.PROCESSING, null, null, null, List.of(), null, file.created(), false));
        }
        long now = clock.millis();
        for (StoredFile file : checked) {
            if (!files.complete(file.workspaceId(), file.id(), file.title(), file.size(), file.mimetype(),
                    file.filetype(), file.prettyType())) {
                throw new SlackApiException("file_already_completed");
            }
            jobs.enqueue(file.workspaceId(), file.id(), now + SHARE_GRACE_MILLIS);
        }
        String filesJson = SlackJson.write(checked.stream().map(objects::object).toList());
        for (int i = 0; i < share.channelIds().size(); i++) {
            String channelId = share.channelIds().get(i);
            MessagingClient.PostResult posted = messaging.getObject().shareFiles(new MessagingClient.FileShare(caller.workspaceId(),
                    caller.userId(), caller.role(), channelId, share.threadTs(),
                    share.initialComment() == null ? "" : share.initialComment(), filesJson));
            if (!posted.ok()) {
                throw new SlackApiException(posted.error());
            }
            for (StoredFile file : checked) {
                files.addShare(caller.workspaceId(), new FileShareRecord(file.id(), posted.channelId(), posted.ts(),
                        accesses.get(i).type(), share.threadTs(), caller.userId(), clock.instant().getEpochSecond()));
            }
        }
        for (StoredFile file : checked) {
            jobs.enqueue(file.workspaceId(), file.id(), clock.millis());
        }
        pipeline.wake();
        FileAccess.Readable readable = access.readable(caller);
        List<Map<String, Object>> answer = new ArrayList<>();
        for (StoredFile file : checked) {
            StoredFile now2 = files.find(file.workspaceId(), file.id()).orElse(file);
            answer.add(objects.object(now2, files.shares(file.workspaceId(), file.id()), readable::name));
        }
        return answer;
    }

    /** Each conversation to share in must take a post from the caller; its access, in the same order. */
    private List<ChannelAccess> checkChannels(Caller caller, Share share) {
        List<ChannelAccess> accesses = new ArrayList<>();
        for (String channelId : share.channelIds()) {
            accesses.add(channels.getObject().access(ChannelClient.AccessQuery.of(caller, channelId)).requirePostable());
        }
        return accesses;
    }

    /** The upload's type from its first bytes, refusing a disguised type or a decompression bomb. */
    private Sniffed check(StoredFile file) {
        Path head = null;
        try {
            head = Files.createTempFile("parley-upload-", ".head");
            BlobKey key = BlobKey.of(file.workspaceId(), StoredFile.originalPath(file.id()));
            try (Blob blob = store.get(key).orElseThrow(() -> new SlackApiException("file_not_uploaded"));
                 OutputStream out = Files.newOutputStream(head)) {
                copy(blob.content(), out, processors.checkBytes());
            }
            return processors.check(head, file.name());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the upload " + file.id(), e);
        } finally {
            if (head != null) {
                try {
                    Files.deleteIfExists(head);
                } catch (IOException ignored) {
                    // A temporary file; the system cleans its directory.
                }
            }
        }
    }

    private void checkBytes(byte[] bytes, String name) {
        Path file = null;
        try {
            file = Files.createTempFile("parley-upload-", ".bin");
            Files.write(file, bytes);
            processors.check(file, name);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot check an upload", e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // A temporary file; the system cleans its directory.
                }
            }
        }
    }

    private static void copy(InputStream in, OutputStream out, long limit) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long left = limit;
        int n;
        while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
            out.write(buffer, 0, n);
            left -= n;
        }
    }

    /** A refused upload: its bytes deleted, the file gone for everyone. */
    private void discard(StoredFile file) {
        store.deleteByPrefix(BlobKey.of(file.workspaceId(), file.id()));
        files.markDeleted(file.workspaceId(), file.id());
    }

    private void checkLength(long length) {
        if (length <= 0) {
            throw new SlackApiException("invalid_arguments", Map.of("response_metadata", Map.of("messages",
                    List.of("[ERROR] length must be at least 1 byte: an empty file is not uploaded"))));
        }
        if (length > store.maxLength()) {
            throw new SlackApiException("file_too_large", Map.of("detail",
                    "The limit is " + store.maxLength() + " bytes"));
        }
    }

    /** The file's name, without control characters or path, at most 255 characters; missing is an error. */
    static String name(String filename) {
        if (filename == null || filename.isBlank()) {
            throw new SlackApiException("invalid_arguments", Map.of("response_metadata", Map.of("messages",
                    List.of("[ERROR] filename is required"))));
        }
        String clean = filename.replaceAll("[\\p{Cntrl}]", "").strip();
        int slash = Math.max(clean.lastIndexOf('/'), clean.lastIndexOf('\\'));
        clean = clean.substring(slash + 1);
        return clean.isEmpty() ? "file" : clip(clean, MAX_NAME);
    }

    private static String clip(String text, int max) {
        return text == null ? null : text.length() > max ? text.substring(0, max) : text;
    }

    static Map<String, Object> fields(UploadUrl url) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("upload_url", url.url());
        v.put("file_id", url.fileId());
        return v;
    }
}
