package dev.parley.search.indexing;

import dev.parley.channel.client.ChannelClient;
import dev.parley.search.IndexedMessage;
import dev.parley.search.SearchIndex;
import dev.parley.workspace.client.WorkspaceClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Rebuilds a workspace's index from the store without downtime: a new generation is filled from every channel's
 * messages while searches read the old one and the live pipeline writes both ({@link SearchIndex#rebuild}). Messages
 * the pipeline wrote during the bulk load are then read from the store again, in turn with live events, so an edit
 * or delete that raced the bulk load is not undone by it; then the new generation goes live.
 */
@Component
public class Reindexer {

    private static final Logger log = LoggerFactory.getLogger(Reindexer.class);

    private final SearchIndex index;
    private final SearchIndexer indexer;
    private final ChannelClient channels;
    private final WorkspaceClient workspaces;
    private final Set<String> running = ConcurrentHashMap.newKeySet();

    Reindexer(SearchIndex index, SearchIndexer indexer, ChannelClient channels, WorkspaceClient workspaces) {
        this.index = index;
        this.indexer = indexer;
        this.channels = channels;
        this.workspaces = workspaces;
    }

    /** What a reindex did: the workspaces, channels and messages it wrote, and the messages re-read after racing. */
    public record Result(long workspaces, long channels, long messages, long refreshed) {

        Result plus(Result other) {
            return new Result(workspaces + other.workspaces, channels + other.channels, messages + other.messages,
                    refreshed + other.refreshed);
        }
    }

    /** Thrown when the workspace is being reindexed already. */
    public static final class AlreadyRunning extends RuntimeException {
        AlreadyRunning(String workspaceId) {
            super("a reindex of " + workspaceId + " is running already");
        }
    }

    /** Rebuilds one workspace's index and returns once the new generation is live. */
    public Result reindex(String workspaceId) {
        if (!running.add(workspaceId)) {
            throw new AlreadyRunning(workspaceId);
        }
        // Tracking starts before the new generation exists, so every write that could carry older state than the
        // bulk load read is seen and re-read afterwards.
        indexer.track(workspaceId);
        try (SearchIndex.Rebuild rebuild = index.rebuild(workspaceId)) {
            long channelCount = 0;
            AtomicLong messageCount = new AtomicLong();
            // The files shared in the messages exported: their documents go in once every channel is read.
            Set<String> fileIds = new java.util.LinkedHashSet<>();
            String after = null;
            while (true) {
                ChannelClient.ChannelIds page = channels.channelIds(
                        new ChannelClient.ChannelIdsQuery(workspaceId, after, ReconcileSweep.CHANNEL_PAGE));
                for (String channelId : page.channelIds()) {
                    channelCount++;
                    indexer.exportChannel(workspaceId, channelId, docs -> {
                        rebuild.add(docs);
                        messageCount.addAndGet(docs.size());
                        docs.forEach(d -> fileIds.addAll(d.fileIds()));
                    });
                }
                if (!page.more() || page.channelIds().isEmpty()) {
                    break;
                }
                after = page.channelIds().getLast();
            }
            rebuild.addFiles(indexer.fileDocuments(workspaceId, fileIds));
            Set<IndexedMessage.Key> raced = indexer.untrack(workspaceId);
            // A channel rebuilt from the store meanwhile (its events were purged) dropped documents the bulk load
            // may have added back after: rebuild it again, now that the bulk load is done.
            Set<String> rebuiltChannels = new java.util.LinkedHashSet<>();
            List<IndexedMessage.Key> messages = new ArrayList<>();
            for (IndexedMessage.Key key : raced) {
                if (key.ts().equals(SearchIndexer.WHOLE_CHANNEL)) {
                    rebuiltChannels.add(key.channelId());
                } else {
                    messages.add(key);
                }
            }
            indexer.rebuildChannels(workspaceId, rebuiltChannels);
            messages.removeIf(key -> rebuiltChannels.contains(key.channelId()));
            indexer.refresh(workspaceId, messages);
            rebuild.complete();
            log.info("Reindexed workspace {}: {} channels, {} messages, {} re-read after live changes", workspaceId,
                    channelCount, messageCount.get(), raced.size());
            return new Result(1, channelCount, messageCount.get(), raced.size());
        } finally {
            indexer.untrack(workspaceId);
            running.remove(workspaceId);
        }
    }

    /** Rebuilds every workspace's index, one after another. */
    public Result reindexAll() {
        Result total = new Result(0, 0, 0, 0);
        String after = null;
        while (true) {
            WorkspaceClient.WorkspaceIds page = workspaces.workspaceIds(
                    new WorkspaceClient.WorkspaceIdsQuery(after, ReconcileSweep.WORKSPACE_PAGE));
            List<String> ids = new ArrayList<>(page.workspaceIds());
            for (String workspaceId : ids) {
                total = total.plus(reindex(workspaceId));
            }
            if (!page.more() || ids.isEmpty()) {
                return total;
            }
            after = ids.getLast();
        }
    }
}
