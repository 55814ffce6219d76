package dev.parley.files.api;

import dev.parley.common.api.SlackApiException;
import dev.parley.common.auth.Caller;
import dev.parley.files.BlobKey;
import dev.parley.files.BlobStore;
import dev.parley.files.access.FileAccess;
import dev.parley.files.access.FileObjects;
import dev.parley.files.metadata.FileJobs;
import dev.parley.files.metadata.FileRepository;
import dev.parley.files.metadata.FileShareRecord;
import dev.parley.files.metadata.FileStatus;
import dev.parley.files.metadata.StoredFile;
import dev.parley.files.pipeline.FilePipeline;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.springframework.stereotype.Service;

/**
 * What one may do with a file once uploaded: look at it ({@code files.info}, {@code files.list}), delete it, share and
 * unshare its public link. A file the caller may not read does not exist for them ({@code file_not_found}).
 */
@Service
class FileService {

    /** How many files {@code files.list} looks through at most to answer one call. */
    static final int SCAN_LIMIT = 5000;
    private static final int SCAN_BATCH = 200;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final FileRepository files;
    private final FileJobs jobs;
    private final BlobStore store;
    private final FileAccess access;
    private final FileObjects objects;
    private final FilePipeline pipeline;
    private final Clock clock = Clock.systemUTC();

    FileService(FileRepository files, FileJobs jobs, BlobStore store, FileAccess access, FileObjects objects,
                FilePipeline pipeline) {
        this.files = files;
        this.jobs = jobs;
        this.store = store;
        this.access = access;
        this.objects = objects;
        this.pipeline = pipeline;
    }

    /** The filter of {@code files.list}; null fields filter nothing. */
    record ListQuery(String channelId, String userId, Set<FileTypes.Group> types, long from, long to) {
    }

    /** A file the caller may read, with its shares; {@code file_not_found} otherwise. */
    Map<String, Object> info(Caller caller, String fileId) {
        FileAccess.Readable readable = access.readable(caller);
        StoredFile file = readable(caller, fileId, readable);
        return objects.object(file, files.shares(caller.workspaceId(), file.id()), readable::name);
    }

    /** Every file the caller may read that matches, newest first, at most {@link #SCAN_LIMIT} looked through. */
    List<Map<String, Object>> list(Caller caller, ListQuery query) {
        FileAccess.Readable readable = access.readable(caller);
        Predicate<StoredFile> inChannel = f -> true;
        if (query.channelId() != null) {
            if (readable.name(query.channelId()) == null) {
                throw new SlackApiException("channel_not_found");
            }
            Set<String> ids = Set.copyOf(files.fileIdsIn(caller.workspaceId(), query.channelId()));
            inChannel = f -> ids.contains(f.id());
        }
        List<Map<String, Object>> matches = new ArrayList<>();
        Long beforeCreated = null;
        String beforeId = null;
        int scanned = 0;
        while (scanned < SCAN_LIMIT) {
            List<StoredFile> batch = files.list(caller.workspaceId(), query.userId(), query.from(), query.to(),
                    beforeCreated, beforeId, SCAN_BATCH);
            for (StoredFile f : batch) {
                if (!inChannel.test(f) || !FileTypes.matches(query.types(), f)) {
                    continue;
                }
                List<FileShareRecord> shares = files.shares(caller.workspaceId(), f.id());
                if (readable.canRead(f, shares)) {
                    matches.add(objects.object(f, shares, readable::name));
                }
            }
            scanned += batch.size();
            if (batch.size() < SCAN_BATCH) {
                break;
            }
            StoredFile last = batch.getLast();
            beforeCreated = last.created();
            beforeId = last.id();
        }
        return matches;
    }

    /** Deletes the file (its uploader, or an admin): its bytes and thumbnails go now, its messages get the tombstone. */
    void delete(Caller caller, String fileId) {
        StoredFile file = readable(caller, fileId, null);
        if (!caller.userId().equals(file.userId()) && !caller.isAdmin()) {
            throw new SlackApiException("cant_delete_file");
        }
        if (!files.markDeleted(caller.workspaceId(), file.id())) {
            throw new SlackApiException("file_deleted");
        }
        store.deleteByPrefix(BlobKey.of(caller.workspaceId(), file.id()));
        // The messages are told by the pipeline, durably: the tombstone reaches them even if messaging is down now.
        jobs.enqueue(caller.workspaceId(), file.id(), clock.millis());
        pipeline.wake();
    }

    /** Shares ({@code secret} true) or revokes the file's public link; the file as the caller sees it afterwards. */
    Map<String, Object> publicUrl(Caller caller, String fileId, boolean share) {
        FileAccess.Readable readable = access.readable(caller);
        StoredFile file = readable(caller, fileId, readable);
        if (!caller.userId().equals(file.userId()) && !caller.isAdmin()) {
            throw new SlackApiException("not_allowed");
        }
        if (share && file.status() != FileStatus.READY) {
            throw new SlackApiException("file_not_ready");
        }
        if (share && file.publicSecret() == null) {
            files.setPublicSecret(caller.workspaceId(), file.id(), HexFormat.of().formatHex(randomBytes()));
        } else if (!share && file.publicSecret() != null) {
            files.setPublicSecret(caller.workspaceId(), file.id(), null);
        }
        jobs.enqueue(caller.workspaceId(), file.id(), clock.millis());
        pipeline.wake();
        StoredFile now = files.find(caller.workspaceId(), file.id()).orElseThrow();
        return objects.object(now, files.shares(caller.workspaceId(), file.id()), readable::name);
    }

    private StoredFile readable(Caller caller, String fileId, FileAccess.Readable readable) {
        StoredFile file = files.find(caller.workspaceId(), fileId)
                .filter(f -> !f.deleted())
                .orElseThrow(() -> new SlackApiException("file_not_found"));
        List<FileShareRecord> shares = files.shares(caller.workspaceId(), file.id());
        boolean allowed = readable != null ? readable.canRead(file, shares) : access.canRead(caller, file, shares);
        if (!allowed) {
            throw new SlackApiException("file_not_found");
        }
        return file;
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[10];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
