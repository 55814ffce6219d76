package dev.parley.search.indexing;

import dev.parley.channel.client.ChannelClient;
import dev.parley.common.event.ChannelEvent;
import dev.parley.common.id.Ts;
import dev.parley.common.json.SlackJson;
import dev.parley.common.testing.PartialFake;
import dev.parley.messaging.client.MessagingClient;
import dev.parley.workspace.client.WorkspaceClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The stored side of chat as the search indexer sees it through its clients: messages with reactions and pins (the
 * messaging service), each change a sequenced channel event with the payload messaging-service writes (its
 * {@code MessageService}, {@code ReactionService}, {@code PinService}, redaction on delete included), the stored
 * events and heads (the channel service), and the workspaces. Each change returns its event; the test decides
 * whether the indexer gets it.
 */
final class ChatStore {

    private static final class Stored {
        final String channelId;
        final long ts;
        final String userId;
        final String subtype;
        String text;
        String blocks;
        /** The Slack file objects it shares, a JSON array as text, or null. */
        String files;
        Long threadTs;
        int replies;
        final Map<String, Set<String>> reactions = new LinkedHashMap<>();
        boolean pinned;

        Stored(String channelId, long ts, String userId, String subtype, String text, Long threadTs) {
            this.channelId = channelId;
            this.ts = ts;
            this.userId = userId;
            this.subtype = subtype;
            this.text = text;
            this.threadTs = threadTs;
        }
    }

    private final String workspaceId;
    private final Map<String, TreeMap<Long, Stored>> messages = new LinkedHashMap<>();
    private final Map<String, List<ChannelEvent>> events = new LinkedHashMap<>();
    private final Map<String, Long> purgedUpTo = new LinkedHashMap<>();
    private final AtomicLong clock = new AtomicLong(Ts.nowMicros());
    /** Calls the indexer made to read messages back, for tests that fail them. */
    final AtomicInteger messageReads = new AtomicInteger();
    volatile RuntimeException failReads;
    /** Runs once, after the next export page is read and before it is returned. */
    volatile Runnable afterExportRead;

    ChatStore(String workspaceId) {
        this.workspaceId = workspaceId;
    }

    synchronized ChatStore channel(String channelId) {
        messages.putIfAbsent(channelId, new TreeMap<>());
        events.putIfAbsent(channelId, new ArrayList<>());
        return this;
    }

    // ---- changes, each with the event messaging-service writes for it

    synchronized ChannelEvent post(String channelId, String userId, String text) {
        return post(channelId, userId, text, null, null, false);
    }

    synchronized ChannelEvent reply(String channelId, String userId, String text, String threadTs, boolean broadcast) {
        return post(channelId, userId, text, null, threadTs, broadcast);
    }

    synchronized ChannelEvent post(String channelId, String userId, String text, String blocks, String threadTs,
                                   boolean broadcast) {
        long ts = clock.incrementAndGet();
        Long parent = threadTs == null ? null : Ts.parse(threadTs).orElseThrow();
        Stored m = new Stored(channelId, ts, userId, broadcast ? "thread_broadcast" : null, text, parent);
        m.blocks = blocks;
        messages.get(channelId).put(ts, m);
        if (parent != null) {
            messages.get(channelId).get(parent).replies++;
        }
        Map<String, Object> event = view(m);
        event.put("channel", channelId);
        event.put("event_ts", Ts.format(ts));
        return append(channelId, "message", event);
    }

    /** Files shared as one message, as {@code MessageService.shareFiles} writes it. */
    synchronized ChannelEvent shareFiles(String channelId, String userId, String text, String files) {
        long ts = clock.incrementAndGet();
        Stored m = new Stored(channelId, ts, userId, null, text, null);
        m.files = files;
        messages.get(channelId).put(ts, m);
        Map<String, Object> event = view(m);
        event.put("channel", channelId);
        event.put("event_ts", Ts.format(ts));
        return append(channelId, "message", event);
    }

    /** The files service updated a file the message shares: its files replaced, no edit, as {@code updateFile}. */
    synchronized ChannelEvent updateFiles(String channelId, String ts, String files) {
        Stored m = find(channelId, ts);
        Map<String, Object> before = view(m);
        m.files = files;
        String slot = Ts.format(clock.incrementAndGet());
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", "message");
        event.put("subtype", "message_changed");
        event.put("hidden", true);
        event.put("channel", channelId);
        event.put("message", view(m));
        event.put("previous_message", before);
        event.put("ts", slot);
        event.put("event_ts", slot);
        return append(channelId, "message_changed", event);
    }

    /** A channel's own record, as {@code MessageService.postSystem} writes it. */
    synchronized ChannelEvent channelRecord(String channelId, String userId, String subtype, String text) {
        long ts = clock.incrementAndGet();
        Stored m = new Stored(channelId, ts, userId, subtype, text, null);
        messages.get(channelId).put(ts, m);
        Map<String, Object> event = view(m);
        event.put("channel", channelId);
        event.put("event_ts", Ts.format(ts));
        return append(channelId, "message", event);
    }

    synchronized ChannelEvent edit(String channelId, String ts, String text) {
        Stored m = find(channelId, ts);
        Map<String, Object> before = view(m);
        m.text = text;
        String slot = Ts.format(clock.incrementAndGet());
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", "message");
        event.put("subtype", "message_changed");
        event.put("hidden", true);
        event.put("channel", channelId);
        Map<String, Object> after = view(m);
        after.put("edited", Map.of("user", m.userId, "ts", slot));
        event.put("message", after);
        event.put("previous_message", before);
        event.put("ts", slot);
        event.put("event_ts", slot);
        return append(channelId, "message_changed", event);
    }

    synchronized ChannelEvent delete(String channelId, String ts) {
        Stored m = find(channelId, ts);
        String slot = Ts.format(clock.incrementAndGet());
        Map<String, Object> previous = view(m);
        previous.remove("text");
        previous.remove("blocks");
        previous.put("text", "");
        if (m.replies > 0) {
            messages.get(channelId).put(m.ts, new Stored(channelId, m.ts, m.userId, "tombstone",
                    "This message was deleted.", null));
            messages.get(channelId).get(m.ts).replies = m.replies;
        } else {
            messages.get(channelId).remove(m.ts);
        }
        if (m.threadTs != null) {
            messages.get(channelId).get(m.threadTs).replies--;
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", "message");
        event.put("subtype", "message_deleted");
        event.put("hidden", true);
        event.put("channel", channelId);
        event.put("deleted_ts", ts);
        event.put("previous_message", previous);
        event.put("ts", slot);
        event.put("event_ts", slot);
        ChannelEvent deleted = append(channelId, "message_deleted", event);
        // What was deleted is gone from the stored events too (MessageViews.redact).
        List<ChannelEvent> stored = events.get(channelId);
        for (int i = 0; i < stored.size(); i++) {
            ChannelEvent e = stored.get(i);
            if (e.type().equals("message") && e.payload().contains("\"ts\":\"" + ts + "\"")) {
                var tree = (tools.jackson.databind.node.ObjectNode) SlackJson.tree(e.payload());
                tree.remove("blocks");
                tree.put("text", "");
                stored.set(i, new ChannelEvent(e.workspaceId(), e.channelId(), e.seq(), e.type(), SlackJson.write(tree),
                        e.routing()));
            }
        }
        return deleted;
    }

    synchronized ChannelEvent react(String channelId, String ts, String userId, String name, boolean add) {
        Stored m = find(channelId, ts);
        if (add) {
            m.reactions.computeIfAbsent(name, n -> new LinkedHashSet<>()).add(userId);
        } else {
            m.reactions.get(name).remove(userId);
            if (m.reactions.get(name).isEmpty()) {
                m.reactions.remove(name);
            }
        }
        String type = add ? "reaction_added" : "reaction_removed";
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", type);
        event.put("user", userId);
        event.put("reaction", name);
        event.put("item_user", m.userId);
        event.put("item", Map.of("type", "message", "channel", channelId, "ts", ts));
        event.put("event_ts", Ts.format(clock.incrementAndGet()));
        return append(channelId, type, event);
    }

    synchronized ChannelEvent pin(String channelId, String ts, String userId, boolean add) {
        Stored m = find(channelId, ts);
        m.pinned = add;
        String type = add ? "pin_added" : "pin_removed";
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("type", "message");
        item.put("channel", channelId);
        item.put("message", view(m));
        item.put("created", 1);
        item.put("created_by", userId);
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", type);
        event.put("user", userId);
        event.put("channel_id", channelId);
        event.put("item", item);
        event.put("event_ts", Ts.format(clock.incrementAndGet()));
        return append(channelId, type, event);
    }

    /** An event as a broken producer might write it: numbered and stored like any other. */
    synchronized ChannelEvent raw(String channelId, String type, String payload) {
        List<ChannelEvent> list = events.get(channelId);
        ChannelEvent event = new ChannelEvent(workspaceId, channelId, list.size() + 1L, type, payload, null);
        list.add(event);
        return event;
    }

    /** Drops the stored events up to the head, as the outbox purge does after their retention. */
    synchronized void purge(String channelId) {
        purgedUpTo.put(channelId, (long) events.get(channelId).size());
    }

    private ChannelEvent append(String channelId, String type, Map<String, Object> payload) {
        return raw(channelId, type, SlackJson.write(payload));
    }

    private Stored find(String channelId, String ts) {
        return messages.get(channelId).get(Ts.parse(ts).orElseThrow());
    }

    /** MessageViews.plain: the message as an event carries it. */
    private Map<String, Object> view(Stored m) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("type", "message");
        if (m.subtype != null) {
            v.put("subtype", m.subtype);
        }
        v.put("user", m.userId);
        v.put("text", m.text);
        v.put("ts", Ts.format(m.ts));
        v.put("team", workspaceId);
        if (m.blocks != null) {
            v.put("blocks", SlackJson.tree(m.blocks));
        }
        if (m.files != null) {
            v.put("files", SlackJson.tree(m.files));
            v.put("upload", true);
            v.put("display_as_bot", false);
        }
        if (m.threadTs != null) {
            v.put("thread_ts", Ts.format(m.threadTs));
        } else if (m.replies > 0) {
            v.put("thread_ts", Ts.format(m.ts));
            v.put("reply_count", m.replies);
        }
        return v;
    }

    private MessagingClient.StoredMessage stored(Stored m) {
        String threadTs = m.threadTs != null ? Ts.format(m.threadTs) : m.replies > 0 ? Ts.format(m.ts) : null;
        return new MessagingClient.StoredMessage(workspaceId, m.channelId, Ts.format(m.ts), threadTs, m.replies,
                m.userId, null, m.subtype, m.text, m.blocks, null, List.copyOf(m.reactions.keySet()), m.pinned,
                fileIds(m.files));
    }

    /** MessageExport.fileIds: the ids of the files shared, deleted ones (tombstones) left out. */
    private static List<String> fileIds(String files) {
        List<String> ids = new ArrayList<>();
        if (files != null) {
            SlackJson.tree(files).values().forEach(f -> {
                if (!"tombstone".equals(f.path("mode").asString(""))) {
                    ids.add(f.path("id").asString());
                }
            });
        }
        return ids;
    }

    // ---- the clients the indexer reads through

    MessagingClient messagingClient() {
        return PartialFake.of(MessagingClient.class, new Object() {
            public MessagingClient.StoredMessages messages(MessagingClient.MessagesQuery query) {
                messageReads.incrementAndGet();
                if (failReads != null) {
                    throw failReads;
                }
                synchronized (ChatStore.this) {
                    List<MessagingClient.StoredMessage> found = new ArrayList<>();
                    for (String ts : query.ts()) {
                        Stored m = messages.getOrDefault(query.channelId(), new TreeMap<>())
                                .get(Ts.parse(ts).orElse(-1L));
                        if (m != null) {
                            found.add(stored(m));
                        }
                    }
                    return new MessagingClient.StoredMessages(found, false);
                }
            }

            public MessagingClient.StoredMessages export(MessagingClient.ExportQuery query) {
                List<MessagingClient.StoredMessage> page;
                synchronized (ChatStore.this) {
                    long after = query.afterTs() == null ? -1 : Ts.parse(query.afterTs()).orElseThrow();
                    page = messages.getOrDefault(query.channelId(), new TreeMap<>())
                            .tailMap(after, false).values().stream().limit(query.limit()).map(ChatStore.this::stored)
                            .toList();
                }
                // Changes made between the store's read and the reader's use of it: what a live edit racing an
                // export looks like.
                Runnable hook = afterExportRead;
                afterExportRead = null;
                if (hook != null) {
                    hook.run();
                }
                return new MessagingClient.StoredMessages(page, page.size() == query.limit());
            }
        });
    }

    ChannelClient channelClient() {
        return PartialFake.of(ChannelClient.class, new Object() {
            public ChannelClient.Heads heads(ChannelClient.HeadsQuery query) {
                synchronized (ChatStore.this) {
                    return new ChannelClient.Heads(query.channelIds().stream()
                            .map(id -> new ChannelClient.Head(id, events.getOrDefault(id, List.of()).size()))
                            .toList());
                }
            }

            public ChannelClient.EventsPage events(ChannelClient.EventsQuery query) {
                synchronized (ChatStore.this) {
                    List<ChannelEvent> list = events.get(query.channelId());
                    if (list == null) {
                        return ChannelClient.EventsPage.refused("channel_not_found");
                    }
                    if (query.afterSeq() < purgedUpTo.getOrDefault(query.channelId(), 0L)) {
                        return ChannelClient.EventsPage.refused("resync_required");
                    }
                    List<ChannelEvent> page = list.stream().filter(e -> e.seq() > query.afterSeq())
                            .limit(query.limit()).toList();
                    long scanned = page.isEmpty() ? query.afterSeq() : page.getLast().seq();
                    return new ChannelClient.EventsPage(null, page, scanned < list.size(), scanned);
                }
            }

            public ChannelClient.ChannelIds channelIds(ChannelClient.ChannelIdsQuery query) {
                synchronized (ChatStore.this) {
                    String after = query.afterId() == null ? "" : query.afterId();
                    List<String> ids = events.keySet().stream().sorted().filter(id -> id.compareTo(after) > 0)
                            .limit(query.limit()).toList();
                    return new ChannelClient.ChannelIds(ids, ids.size() == query.limit());
                }
            }
        });
    }

    WorkspaceClient workspaceClient() {
        return PartialFake.of(WorkspaceClient.class, new Object() {
            public WorkspaceClient.WorkspaceIds workspaceIds(WorkspaceClient.WorkspaceIdsQuery query) {
                boolean first = query.afterId() == null || query.afterId().compareTo(workspaceId) < 0;
                return new WorkspaceClient.WorkspaceIds(first ? List.of(workspaceId) : List.of(), false);
            }
        });
    }
}
