package dev.parley.search.indexing;

import dev.parley.channel.client.ChannelClient;
import dev.parley.common.event.ChannelEvent;
import dev.parley.common.event.EventLog;
import dev.parley.common.id.Ts;
import dev.parley.common.json.SlackJson;
import dev.parley.messaging.client.MessagingClient;
import dev.parley.search.IndexedFile;
import dev.parley.search.IndexedMessage;
import dev.parley.search.SearchIndex;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Keeps the search index in step with the channel event log (consumer group {@code search}).
 *
 * <p>One worker thread applies events in batches: each batch's index writes are committed, then each channel's
 * checkpoint (the last sequence number applied) is stored, so delivery is at least once and replays are harmless:
 * an event at or below its channel's checkpoint is skipped, and one beyond the checkpoint's next reveals a gap, which
 * is filled in order from the channel's stored events ({@code resync_required}, events purged, rebuilds the channel
 * from the store). Where an event lacks the message's whole current state (reactions, pins, edits, a parent gaining or
 * losing replies) the message is read from the messaging service. A batch that fails (index or a service
 * unavailable) is retried with backoff, never skipped; an event that cannot be turned into a document goes to the
 * dead-letter table and the pipeline moves on.
 *
 * <p>The event log's delivery only queues events, so events it delivered but a crash lost (the in-process log keeps
 * them in memory only; with Kafka the offset is committed once queued) are found by the reconcile sweep, which at
 * start and then periodically compares every channel's head with its checkpoint.
 */
@Component
public class SearchIndexer implements SmartLifecycle {

    static final String GROUP = "search";
    private static final Logger log = LoggerFactory.getLogger(SearchIndexer.class);
    /** The largest page of events or messages asked of another service at once. */
    private static final int PAGE = 500;

    private final EventLog eventLog;
    private final SearchIndex index;
    private final MessagingClient messaging;
    private final ChannelClient channels;
    private final FileDocuments files;
    private final IndexCheckpoints checkpoints;
    private final DeadLetters deadLetters;
    private final IndexingProperties properties;
    private final IndexLag lag;
    private final BlockingQueue<Task> queue;
    private final AtomicLong backlog = new AtomicLong();
    /** Committed checkpoints, as stored: read from the table on first use of a channel, written by the worker only. */
    private final Map<String, Long> committed = new ConcurrentHashMap<>();
    /** Per workspace being reindexed, the messages the worker wrote since the rebuild began. */
    private final Map<String, Set<IndexedMessage.Key>> tracked = new ConcurrentHashMap<>();
    private volatile EventLog.Subscription subscription;
    private volatile Thread worker;

    SearchIndexer(EventLog eventLog, SearchIndex index, MessagingClient messaging, ChannelClient channels,
                  IndexCheckpoints checkpoints, DeadLetters deadLetters, IndexingProperties properties) {
        this(eventLog, index, messaging, channels, checkpoints, deadLetters, properties, FileDocuments.NONE);
    }

    @org.springframework.beans.factory.annotation.Autowired
    SearchIndexer(EventLog eventLog, SearchIndex index, MessagingClient messaging, ChannelClient channels,
                  IndexCheckpoints checkpoints, DeadLetters deadLetters, IndexingProperties properties,
                  FileDocuments files) {
        this.files = files;
        this.eventLog = eventLog;
        this.index = index;
        this.messaging = messaging;
        this.channels = channels;
        this.checkpoints = checkpoints;
        this.deadLetters = deadLetters;
        this.properties = properties;
        this.queue = new LinkedBlockingQueue<>(properties.queueCapacity());
        this.lag = new IndexLag(properties.lagWindow(), backlog::get);
    }

    /** Work for the worker thread, applied in the order queued. */
    private sealed interface Task {
    }

    private record Delivered(ChannelEvent event) implements Task {
    }

    /** Apply whatever the channel's stored events hold beyond its checkpoint. */
    private record CatchUp(String workspaceId, String channelId) implements Task {
    }

    /** Read these messages from the store and write what it holds now. */
    private record Refresh(String workspaceId, Collection<IndexedMessage.Key> keys) implements Task {
    }

    /** Replace the channel's documents with what the store holds now. */
    private record RebuildChannel(String workspaceId, String channelId) implements Task {
    }

    /** Completes once every task queued before it is committed (or failed for good). */
    private record Barrier(CompletableFuture<Void> done) implements Task {
    }

    // ---- what other parts of the pipeline use

    /** Takes an event from the event log: queues it, waiting while the queue is full. */
    void accept(ChannelEvent event) {
        enqueue(new Delivered(event));
    }

    /** Asks for a channel to be caught up from its stored events (the reconcile sweep). */
    void catchUp(String workspaceId, String channelId) {
        enqueue(new CatchUp(workspaceId, channelId));
    }

    /** Waits until everything queued so far is applied and committed. */
    void flush() {
        if (worker == null) {
            throw new IllegalStateException("the search indexer is not running");
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        enqueue(new Barrier(done));
        done.join();
    }

    /**
     * Re-reads these messages from the store and writes what it holds now, in turn with live events (so nothing
     * older can overwrite it), and waits until that is committed.
     */
    void refresh(String workspaceId, Collection<IndexedMessage.Key> keys) {
        List<IndexedMessage.Key> all = List.copyOf(keys);
        for (int i = 0; i < all.size(); i += PAGE) {
            enqueue(new Refresh(workspaceId, all.subList(i, Math.min(all.size(), i + PAGE))));
        }
        flush();
    }

    /**
     * Rebuilds these channels from the store, in turn with live events, and waits until that is committed: for a
     * reindex whose bulk load raced a channel's own rebuild, whose deletions the bulk load may have undone.
     */
    void rebuildChannels(String workspaceId, Collection<String> channelIds) {
        channelIds.forEach(channelId -> enqueue(new RebuildChannel(workspaceId, channelId)));
        flush();
    }

    /** Starts recording which of the workspace's messages the pipeline writes (a reindex is starting). */
    void track(String workspaceId) {
        tracked.put(workspaceId, ConcurrentHashMap.newKeySet());
    }

    /**
     * Stops recording for the workspace and returns what was written since {@link #track}: messages, and channels
     * rebuilt whole (as a key with ts {@link #WHOLE_CHANNEL}).
     */
    Set<IndexedMessage.Key> untrack(String workspaceId) {
        Set<IndexedMessage.Key> keys = tracked.remove(workspaceId);
        return keys == null ? Set.of() : Set.copyOf(keys);
    }

    /** The ts of a tracked key that stands for a whole channel rebuilt from the store. */
    static final String WHOLE_CHANNEL = "*";

    /** The last sequence number of the channel whose change is committed to the index. */
    long checkpoint(String workspaceId, String channelId) {
        String key = channelKey(workspaceId, channelId);
        Long known = committed.get(key);
        if (known != null) {
            return known;
        }
        long stored = checkpoints.get(workspaceId, channelId);
        Long raced = committed.putIfAbsent(key, stored);
        return raced != null ? raced : stored;
    }

    public IndexLag lag() {
        return lag;
    }

    private void enqueue(Task task) {
        backlog.incrementAndGet();
        try {
            queue.put(task);
        } catch (InterruptedException e) {
            backlog.decrementAndGet();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while queueing for the search index", e);
        }
    }

    // ---- the worker

    private void run() {
        List<Task> batch = new ArrayList<>();
        while (worker == Thread.currentThread()) {
            try {
                Task first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, properties.batchSize() - 1);
                long lingerEnd = System.nanoTime() + properties.linger().toNanos();
                while (batch.size() < properties.batchSize()) {
                    long left = lingerEnd - System.nanoTime();
                    Task next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
                    if (next == null) {
                        break;
                    }
                    batch.add(next);
                    queue.drainTo(batch, properties.batchSize() - batch.size());
                }
                applyWithRetry(batch);
            } catch (InterruptedException e) {
                backlog.addAndGet(-batch.size());
                return;
            } finally {
                batch.clear();
            }
        }
    }

    /** Applies the batch, retrying with backoff until it succeeds: nothing is skipped because the index is down. */
    private void applyWithRetry(List<Task> batch) throws InterruptedException {
        long wait = properties.retryInitial().toMillis();
        int failures = 0;
        while (true) {
            try {
                apply(batch);
                if (failures > 0) {
                    log.info("Search indexing recovered after {} failed attempts", failures);
                }
                // Counted off before any waiter hears the batch is done, so it sees the backlog without it.
                backlog.addAndGet(-batch.size());
                break;
            } catch (RuntimeException e) {
                failures++;
                if (failures == 1 || Integer.bitCount(failures) == 1) {
                    log.warn("Search indexing failed ({} attempts so far), retrying in {} ms: {}", failures, wait,
                            e.toString());
                }
                Thread.sleep(wait);
                wait = Math.min(wait * 2, properties.retryMax().toMillis());
            }
        }
        for (Task task : batch) {
            if (task instanceof Barrier(CompletableFuture<Void> done)) {
                done.complete(null);
            }
        }
    }

    /** What one batch does to the index, decided before anything is written. */
    private final class Pass {
        /** The last write of each message, in the order decided: a document, a deletion, or a read from the store. */
        final Map<IndexedMessage.Key, Optional<IndexedMessage>> writes = new LinkedHashMap<>();
        final Set<IndexedMessage.Key> fetches = new LinkedHashSet<>();
        /** Per channel, the sequence number this pass brings it to. */
        final Map<String, Long> reached = new HashMap<>();
        final List<Long> eventMicros = new ArrayList<>();
        final List<Map.Entry<ChannelEvent, String>> poisoned = new ArrayList<>();
        final Set<IndexedMessage.Key> rebuilt = new LinkedHashSet<>();
        final Set<String> rebuiltChannels = new LinkedHashSet<>();
        /** Per workspace, the files whose document to read again: shared, changed or unshared by this pass. */
        final Map<String, Set<String>> files = new LinkedHashMap<>();
        boolean rebuiltAny;

        void files(String workspaceId, Collection<String> fileIds) {
            if (!fileIds.isEmpty()) {
                files.computeIfAbsent(workspaceId, k -> new LinkedHashSet<>()).addAll(fileIds);
            }
        }

        long reached(String workspaceId, String channelId) {
            String key = channelKey(workspaceId, channelId);
            Long seq = reached.get(key);
            return seq != null ? seq : checkpoint(workspaceId, channelId);
        }

        void upsert(IndexedMessage message) {
            fetches.remove(message.key());
            writes.remove(message.key());
            writes.put(message.key(), Optional.of(message));
        }

        void delete(IndexedMessage.Key key) {
            fetches.remove(key);
            writes.remove(key);
            writes.put(key, Optional.empty());
        }

        void fetch(IndexedMessage.Key key) {
            writes.remove(key);
            fetches.add(key);
        }
    }

    private void apply(List<Task> batch) {
        Pass pass = new Pass();
        for (Task task : batch) {
            switch (task) {
                case Delivered(ChannelEvent event) -> deliver(pass, event);
                case CatchUp(String workspaceId, String channelId) ->
                        fill(pass, workspaceId, channelId, pass.reached(workspaceId, channelId), Long.MAX_VALUE);
                case Refresh(String workspaceId, Collection<IndexedMessage.Key> keys) -> keys.forEach(pass::fetch);
                case RebuildChannel(String workspaceId, String channelId) -> rebuildChannel(pass, workspaceId, channelId);
                case Barrier b -> {
                }
            }
        }
        write(pass);
    }

    private void deliver(Pass pass, ChannelEvent event) {
        long reached = pass.reached(event.workspaceId(), event.channelId());
        if (event.seq() <= reached) {
            return; // a redelivery: its change is in the index already
        }
        if (event.seq() > reached + 1) {
            fill(pass, event.workspaceId(), event.channelId(), reached, event.seq() - 1);
            if (event.seq() <= pass.reached(event.workspaceId(), event.channelId())) {
                return; // the channel was rebuilt from the store, which holds this event's change
            }
        }
        translate(pass, event);
        pass.reached.put(channelKey(event.workspaceId(), event.channelId()), event.seq());
    }

    /** Applies the channel's stored events after {@code after} up to {@code upTo}, in order. */
    private void fill(Pass pass, String workspaceId, String channelId, long after, long upTo) {
        long cursor = after;
        while (cursor < upTo) {
            ChannelClient.EventsPage page = channels.events(new ChannelClient.EventsQuery(workspaceId, channelId, null,
                    cursor, PAGE));
            if ("resync_required".equals(page.error())) {
                rebuildChannel(pass, workspaceId, channelId);
                return;
            }
            if (page.error() != null) {
                // channel_not_found: nothing stored to index; invalid_cursor: the checkpoint is ahead of the store
                // (a restored backup), and the live events will move on from there.
                log.warn("Cannot fill {}/{} after {}: {}", workspaceId, channelId, cursor, page.error());
                return;
            }
            for (ChannelEvent event : page.events()) {
                if (event.seq() > upTo) {
                    return;
                }
                if (event.seq() > pass.reached(workspaceId, channelId)) {
                    translate(pass, event);
                    pass.reached.put(channelKey(workspaceId, channelId), event.seq());
                }
            }
            if (!page.more() || page.scannedTo() <= cursor) {
                return;
            }
            cursor = page.scannedTo();
        }
    }

    /**
     * Replaces the channel's documents with what the store holds (its events were purged before the index saw them):
     * the head is read first, so every change up to it is in what the store then gives, and later ones follow live.
     */
    private void rebuildChannel(Pass pass, String workspaceId, String channelId) {
        long head = channels.heads(new ChannelClient.HeadsQuery(workspaceId, List.of(channelId))).channels().stream()
                .filter(h -> h.channelId().equals(channelId)).mapToLong(ChannelClient.Head::seq).findFirst().orElse(0);
        log.info("Rebuilding the search index of {}/{} from the store up to event {}", workspaceId, channelId, head);
        pass.writes.keySet().removeIf(k -> k.channelId().equals(channelId) && k.workspaceId().equals(workspaceId));
        pass.fetches.removeIf(k -> k.channelId().equals(channelId) && k.workspaceId().equals(workspaceId));
        index.deleteChannel(workspaceId, channelId);
        exportChannel(workspaceId, channelId, docs -> {
            index.upsert(docs);
            docs.forEach(d -> {
                pass.rebuilt.add(d.key());
                pass.files(workspaceId, d.fileIds());
            });
        });
        pass.rebuiltAny = true;
        pass.rebuiltChannels.add(channelKey(workspaceId, channelId));
        pass.reached.put(channelKey(workspaceId, channelId), Math.max(head, pass.reached(workspaceId, channelId)));
    }

    /** Reads every message of a channel from the store, page by page, and hands over the documents. */
    void exportChannel(String workspaceId, String channelId, java.util.function.Consumer<List<IndexedMessage>> sink) {
        String after = null;
        while (true) {
            MessagingClient.StoredMessages page = messaging.export(new MessagingClient.ExportQuery(workspaceId,
                    channelId, after, PAGE));
            List<IndexedMessage> docs = new ArrayList<>(page.messages().size());
            for (MessagingClient.StoredMessage m : page.messages()) {
                document(m).ifPresent(docs::add);
            }
            if (!docs.isEmpty()) {
                sink.accept(docs);
            }
            if (!page.more() || page.messages().isEmpty()) {
                return;
            }
            after = page.messages().getLast().ts();
        }
    }

    /** A stored message's document; one that cannot be read is left out of the index and logged. */
    static Optional<IndexedMessage> document(MessagingClient.StoredMessage m) {
        try {
            return MessageDocuments.fromStored(m);
        } catch (RuntimeException e) {
            log.warn("Leaving message {}/{}/{} out of the search index: {}", m.workspaceId(), m.channelId(), m.ts(),
                    e.toString());
            return Optional.empty();
        }
    }

    /** Decides what one event does to the index; an event that cannot be read is a poison event. */
    private void translate(Pass pass, ChannelEvent event) {
        String ws = event.workspaceId();
        String ch = event.channelId();
        try {
            switch (event.type()) {
                case "message" -> {
                    JsonNode message = SlackJson.tree(event.payload());
                    Optional<IndexedMessage> doc = MessageDocuments.fromEvent(ws, ch, message);
                    doc.ifPresent(pass::upsert);
                    String ts = message.path("ts").asString();
                    String threadTs = message.path("thread_ts").asString(null);
                    if (threadTs != null && !threadTs.equals(ts)) {
                        // The parent now has replies, which the reply's event does not show of it.
                        pass.fetch(new IndexedMessage.Key(ws, ch, threadTs));
                    }
                }
                case "message_changed" -> {
                    // The edited message in the event lacks reactions and pins: read it whole.
                    JsonNode payload = SlackJson.tree(event.payload());
                    pass.fetch(key(ws, ch, payload.path("message").path("ts")));
                    // A file processed, renamed, or taken off the message: its document is read again too.
                    pass.files(ws, fileIds(payload.path("message")));
                    pass.files(ws, fileIds(payload.path("previous_message")));
                }
                case "message_deleted" -> {
                    JsonNode payload = SlackJson.tree(event.payload());
                    IndexedMessage.Key deleted = key(ws, ch, payload.path("deleted_ts"));
                    pass.delete(deleted);
                    // Its files lose this share (or were deleted with it): read again, kept only if shared elsewhere.
                    pass.files(ws, fileIds(payload.path("previous_message")));
                    String threadTs = payload.path("previous_message").path("thread_ts").asString(null);
                    if (threadTs != null && !threadTs.equals(deleted.ts())) {
                        // A reply went: its parent may have no replies left.
                        pass.fetch(new IndexedMessage.Key(ws, ch, threadTs));
                    }
                }
                case "reaction_added", "reaction_removed" ->
                        pass.fetch(key(ws, ch, SlackJson.tree(event.payload()).path("item").path("ts")));
                case "pin_added", "pin_removed" ->
                        pass.fetch(key(ws, ch, SlackJson.tree(event.payload()).path("item").path("message").path("ts")));
                default -> {
                    return; // membership, renames, archive state: access is decided at query time
                }
            }
            eventMicros(event).ifPresent(pass.eventMicros::add);
        } catch (RuntimeException e) {
            pass.poisoned.add(Map.entry(event, e.toString()));
        }
    }

    /** The ids in a message's {@code files} (full objects or tombstones alike). */
    private static List<String> fileIds(JsonNode message) {
        List<String> ids = new ArrayList<>();
        for (JsonNode file : message.path("files")) {
            String id = file.path("id").asString(null);
            if (id != null && !id.isBlank()) {
                ids.add(id);
            }
        }
        return ids;
    }

    private static IndexedMessage.Key key(String workspaceId, String channelId, JsonNode ts) {
        String value = ts.asString(null);
        if (value == null || Ts.parse(value).isEmpty()) {
            throw new MessageDocuments.Unreadable("the event names no valid message ts: " + ts);
        }
        return new IndexedMessage.Key(workspaceId, channelId, value);
    }

    private static Optional<Long> eventMicros(ChannelEvent event) {
        try {
            return Ts.parse(SlackJson.tree(event.payload()).path("event_ts").asString(null));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Resolves reads from the store, writes and commits, then records dead letters and moves the checkpoints. */
    private void write(Pass pass) {
        Map<String, List<IndexedMessage.Key>> fetchByChannel = new LinkedHashMap<>();
        for (IndexedMessage.Key key : pass.fetches) {
            fetchByChannel.computeIfAbsent(channelKey(key.workspaceId(), key.channelId()), k -> new ArrayList<>()).add(key);
        }
        Map<IndexedMessage.Key, Optional<IndexedMessage>> writes = new LinkedHashMap<>(pass.writes);
        for (List<IndexedMessage.Key> keys : fetchByChannel.values()) {
            IndexedMessage.Key first = keys.getFirst();
            for (int i = 0; i < keys.size(); i += PAGE) {
                List<IndexedMessage.Key> chunk = keys.subList(i, Math.min(keys.size(), i + PAGE));
                Map<String, MessagingClient.StoredMessage> found = new HashMap<>();
                messaging.messages(new MessagingClient.MessagesQuery(first.workspaceId(), first.channelId(),
                        chunk.stream().map(IndexedMessage.Key::ts).toList())).messages()
                        .forEach(m -> found.put(m.ts(), m));
                for (IndexedMessage.Key key : chunk) {
                    MessagingClient.StoredMessage stored = found.get(key.ts());
                    // Gone, a tombstone, or a channel record: not (or no longer) a document.
                    writes.put(key, stored == null ? Optional.empty() : document(stored));
                }
            }
        }
        List<IndexedMessage> upserts = new ArrayList<>();
        List<IndexedMessage.Key> deletes = new ArrayList<>();
        writes.forEach((key, doc) -> doc.ifPresentOrElse(upserts::add, () -> deletes.add(key)));
        if (!deletes.isEmpty()) {
            index.delete(deletes);
        }
        if (!upserts.isEmpty()) {
            index.upsert(upserts);
        }
        upserts.forEach(m -> pass.files(m.workspaceId(), m.fileIds()));
        // Files are read after their messages: the files service records a share before the message's event goes out.
        pass.files.forEach(this::writeFiles);
        if (!writes.isEmpty() || pass.rebuiltAny || !pass.files.isEmpty()) {
            index.commit();
        }
        long now = System.currentTimeMillis();
        for (Map.Entry<ChannelEvent, String> poison : pass.poisoned) {
            ChannelEvent event = poison.getKey();
            if (deadLetters.record(event, poison.getValue(), now)) {
                log.warn("Search indexing dead-lettered {} event {}/{}#{}: {}", event.type(), event.workspaceId(),
                        event.channelId(), event.seq(), poison.getValue());
            }
        }
        Map<String, Map<String, Long>> moved = new LinkedHashMap<>();
        pass.reached.forEach((channel, seq) -> {
            if (seq > committed.getOrDefault(channel, 0L)) {
                int slash = channel.indexOf('/');
                moved.computeIfAbsent(channel.substring(0, slash), ws -> new LinkedHashMap<>())
                        .put(channel.substring(slash + 1), seq);
            }
        });
        moved.forEach((ws, seqs) -> {
            checkpoints.advance(ws, seqs, now);
            seqs.forEach((ch, seq) -> committed.put(channelKey(ws, ch), seq));
        });
        long nowMicros = now * 1000;
        for (long micros : pass.eventMicros) {
            lag.record((nowMicros - micros) / 1000);
        }
        if (!tracked.isEmpty()) {
            for (IndexedMessage.Key key : writes.keySet()) {
                Set<IndexedMessage.Key> keys = tracked.get(key.workspaceId());
                if (keys != null) {
                    keys.add(key);
                }
            }
            for (IndexedMessage.Key key : pass.rebuilt) {
                Set<IndexedMessage.Key> keys = tracked.get(key.workspaceId());
                if (keys != null) {
                    keys.add(key);
                }
            }
            for (String channel : pass.rebuiltChannels) {
                int slash = channel.indexOf('/');
                Set<IndexedMessage.Key> keys = tracked.get(channel.substring(0, slash));
                if (keys != null) {
                    keys.add(new IndexedMessage.Key(channel.substring(0, slash), channel.substring(slash + 1),
                            WHOLE_CHANNEL));
                }
            }
        }
    }

    /** Reads the files' state from the files service and upserts the searchable ones, deleting the rest. */
    private void writeFiles(String workspaceId, Set<String> fileIds) {
        List<IndexedFile> upserts = new ArrayList<>();
        List<IndexedFile.Key> deletes = new ArrayList<>();
        files.documents(workspaceId, fileIds).forEach((id, doc) -> doc.ifPresentOrElse(upserts::add,
                () -> deletes.add(new IndexedFile.Key(workspaceId, id))));
        if (!deletes.isEmpty()) {
            index.deleteFiles(deletes);
        }
        if (!upserts.isEmpty()) {
            index.upsertFiles(upserts);
        }
    }

    /** The documents of these files that are searchable now: what a reindex adds to the new generation. */
    List<IndexedFile> fileDocuments(String workspaceId, Collection<String> fileIds) {
        List<IndexedFile> docs = new ArrayList<>();
        files.documents(workspaceId, fileIds).values().forEach(d -> d.ifPresent(docs::add));
        return docs;
    }

    private static String channelKey(String workspaceId, String channelId) {
        return workspaceId + "/" + channelId;
    }

    // ---- lifecycle

    @Override
    public void start() {
        Thread thread = Thread.ofPlatform().daemon().name("search-indexer").unstarted(this::run);
        worker = thread;
        thread.start();
        subscription = eventLog.subscribe(GROUP, this::accept);
    }

    @Override
    public void stop() {
        EventLog.Subscription s = subscription;
        subscription = null;
        if (s != null) {
            s.close();
        }
        Thread thread = worker;
        worker = null;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // Whoever waits for queued work (a reindex) learns it will not be done; the events themselves are found
        // again by the next start's reconcile sweep.
        List<Task> left = new ArrayList<>();
        queue.drainTo(left);
        backlog.addAndGet(-left.size());
        for (Task task : left) {
            if (task instanceof Barrier(CompletableFuture<Void> done)) {
                done.completeExceptionally(new IllegalStateException("the search indexer stopped"));
            }
        }
    }

    @Override
    public boolean isRunning() {
        return worker != null;
    }
}
