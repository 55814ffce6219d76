package dev.parley.search.indexing;

import dev.parley.channel.client.ChannelClient;
import dev.parley.workspace.client.WorkspaceClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Finds channels whose events the indexer never received (lost from the in-process event log's memory in a crash,
 * or queued but not indexed when the process died) by comparing every channel's head with its checkpoint, and has
 * the indexer catch them up from the stored events. It walks workspaces and channels in pages and asks for heads in
 * batches. At start it catches up every channel behind; later sweeps ({@code reconcile-interval}) only those behind
 * and not moving since the sweep before, so channels the live stream is busy with are left to it.
 */
@Component
class ReconcileSweep implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ReconcileSweep.class);
    static final int WORKSPACE_PAGE = 100;
    static final int CHANNEL_PAGE = 500;

    private final WorkspaceClient workspaces;
    private final ChannelClient channels;
    private final IndexCheckpoints checkpoints;
    private final SearchIndexer indexer;
    private final IndexingProperties properties;
    /** Channels behind at the last sweep, with their checkpoint then. */
    private Map<String, Long> behindLastTime = new HashMap<>();
    private volatile Thread thread;

    ReconcileSweep(WorkspaceClient workspaces, ChannelClient channels, IndexCheckpoints checkpoints,
                   SearchIndexer indexer, IndexingProperties properties) {
        this.workspaces = workspaces;
        this.channels = channels;
        this.checkpoints = checkpoints;
        this.indexer = indexer;
        this.properties = properties;
    }

    /** What one sweep found: channels looked at, and channels sent to be caught up. */
    record Result(long channels, long caughtUp) {
    }

    /**
     * Compares every channel's head with its checkpoint and queues a catch-up for those behind: all of them, or with
     * {@code onlyStalled} those that were behind at the same checkpoint in the sweep before.
     */
    synchronized Result sweep(boolean onlyStalled) {
        Map<String, Long> behind = new HashMap<>();
        long looked = 0;
        long queued = 0;
        String afterWorkspace = null;
        while (true) {
            WorkspaceClient.WorkspaceIds page = workspaces.workspaceIds(
                    new WorkspaceClient.WorkspaceIdsQuery(afterWorkspace, WORKSPACE_PAGE));
            for (String workspaceId : page.workspaceIds()) {
                String afterChannel = null;
                while (true) {
                    ChannelClient.ChannelIds ids = channels.channelIds(
                            new ChannelClient.ChannelIdsQuery(workspaceId, afterChannel, CHANNEL_PAGE));
                    if (ids.channelIds().isEmpty()) {
                        break;
                    }
                    looked += ids.channelIds().size();
                    List<ChannelClient.Head> heads = channels.heads(
                            new ChannelClient.HeadsQuery(workspaceId, ids.channelIds())).channels();
                    Map<String, Long> done = checkpoints.get(workspaceId, ids.channelIds());
                    for (ChannelClient.Head head : heads) {
                        long checkpoint = done.getOrDefault(head.channelId(), 0L);
                        if (head.seq() <= checkpoint) {
                            continue;
                        }
                        String key = workspaceId + "/" + head.channelId();
                        behind.put(key, checkpoint);
                        Long before = behindLastTime.get(key);
                        if (!onlyStalled || (before != null && before == checkpoint)) {
                            indexer.catchUp(workspaceId, head.channelId());
                            queued++;
                        }
                    }
                    if (!ids.more()) {
                        break;
                    }
                    afterChannel = ids.channelIds().getLast();
                }
            }
            if (!page.more() || page.workspaceIds().isEmpty()) {
                break;
            }
            afterWorkspace = page.workspaceIds().getLast();
        }
        behindLastTime = behind;
        if (queued > 0) {
            log.info("Search reconcile: {} of {} channels were behind the index and are being caught up", queued, looked);
        }
        return new Result(looked, queued);
    }

    private void run() {
        Duration interval = properties.reconcileInterval();
        long retry = 1_000;
        boolean first = true;
        while (thread == Thread.currentThread()) {
            try {
                sweep(!first);
                first = false;
                retry = 1_000;
                if (interval.isZero() || interval.isNegative()) {
                    return;
                }
                Thread.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // The services it walks may still be starting (distributed mode): try again soon.
                log.warn("Search reconcile sweep failed, retrying in {} ms: {}", retry, e.toString());
                try {
                    Thread.sleep(retry);
                } catch (InterruptedException interrupted) {
                    return;
                }
                retry = Math.min(retry * 2, 60_000);
            }
        }
    }

    @Override
    public void start() {
        Thread t = Thread.ofPlatform().daemon().name("search-reconcile").unstarted(this::run);
        thread = t;
        t.start();
    }

    @Override
    public void stop() {
        Thread t = thread;
        thread = null;
        if (t != null) {
            t.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }
}
