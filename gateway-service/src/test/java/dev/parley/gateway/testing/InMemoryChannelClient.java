package dev.parley.gateway.testing;

import dev.parley.channel.client.ChannelAccess;
import dev.parley.channel.client.ChannelClient;
import dev.parley.common.event.ChannelEvent;
import dev.parley.common.json.SlackJson;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The channel service's stream contract in memory: channels with members, their sequenced events and heads, read back
 * with the rules of {@link ChannelClient#events} as the channel service applies them (a member sees every event but
 * those addressed to other users; a former member sees up to their leaving; a cursor from the future is
 * {@code invalid_cursor}, one older than the events kept {@code resync_required}). Records every {@code events} call.
 */
public final class InMemoryChannelClient implements ChannelClient {

    private final Map<String, Channel> channels = new LinkedHashMap<>();
    private final List<EventsQuery> eventsCalls = new CopyOnWriteArrayList<>();
    private final List<Gate> gates = new CopyOnWriteArrayList<>();
    private volatile Runnable afterMemberChannels;

    private static final class Channel {
        final String workspaceId;
        final String id;
        final List<ChannelEvent> events = new ArrayList<>();
        final Set<String> members = new HashSet<>();
        long head;

        Channel(String workspaceId, String id) {
            this.workspaceId = workspaceId;
            this.id = id;
        }
    }

    /** Holds back the {@code events} calls it matches until opened. */
    public static final class Gate {
        private final Predicate<EventsQuery> matches;
        private final CountDownLatch arrived = new CountDownLatch(1);
        private final CountDownLatch open = new CountDownLatch(1);

        private Gate(Predicate<EventsQuery> matches) {
            this.matches = matches;
        }

        /** Waits until a matching call is being held. */
        public void awaitHeld() throws InterruptedException {
            if (!arrived.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("no events() call reached the gate");
            }
        }

        public void open() {
            open.countDown();
        }
    }

    public synchronized void createChannel(String workspaceId, String channelId, String... members) {
        Channel channel = new Channel(workspaceId, channelId);
        channel.members.addAll(List.of(members));
        channels.put(channelId, channel);
    }

    /** Commits the channel's next event (a message unless the routing says otherwise) and applies its membership changes. */
    public ChannelEvent append(String channelId, ChannelEvent.Routing routing) {
        return append(channelId, "message", routing, "");
    }

    public synchronized ChannelEvent append(String channelId, String type, ChannelEvent.Routing routing, String padding) {
        Channel channel = channels.get(channelId);
        long seq = channel.head + 1;
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", type);
        payload.put("channel", channelId);
        payload.put("text", channelId + " #" + seq + padding);
        ChannelEvent event = new ChannelEvent(channel.workspaceId, channelId, seq, type, SlackJson.write(payload), routing);
        channel.events.add(event);
        channel.head = seq;
        channel.members.addAll(event.routing().joined());
        event.routing().left().forEach(channel.members::remove);
        return event;
    }

    /** Forgets the channel's events up to and including {@code seq}, as a store that keeps only recent ones does. */
    public synchronized void trimThrough(String channelId, long seq) {
        channels.get(channelId).events.removeIf(e -> e.seq() <= seq);
    }

    public Gate hold(Predicate<EventsQuery> matches) {
        Gate gate = new Gate(matches);
        gates.add(gate);
        return gate;
    }

    /** Runs once, right after the next {@code memberChannels} answer is computed: something committed meanwhile. */
    public void afterNextMemberChannels(Runnable action) {
        afterMemberChannels = action;
    }

    public List<EventsQuery> eventsCalls() {
        return List.copyOf(eventsCalls);
    }

    /** The {@code events} calls made for this user (null: a gateway filling its own gap). */
    public long eventsCalls(String userId) {
        return eventsCalls.stream().filter(q -> java.util.Objects.equals(q.userId(), userId)).count();
    }

    @Override
    public synchronized ChannelAccess access(AccessQuery query) {
        Channel channel = channels.get(query.channelId());
        if (channel == null || !channel.workspaceId.equals(query.workspaceId())) {
            return ChannelAccess.invisible();
        }
        boolean member = channel.members.contains(query.userId());
        return new ChannelAccess(member, "channel", false, member);
    }

    @Override
    public MemberChannels memberChannels(MemberQuery query) {
        List<Head> heads = new ArrayList<>();
        synchronized (this) {
            for (Channel channel : channels.values()) {
                if (channel.workspaceId.equals(query.workspaceId()) && channel.members.contains(query.userId())) {
                    heads.add(new Head(channel.id, channel.head));
                }
            }
        }
        Runnable action = afterMemberChannels;
        afterMemberChannels = null;
        if (action != null) {
            action.run();
        }
        return new MemberChannels(heads);
    }

    @Override
    public synchronized Heads heads(HeadsQuery query) {
        List<Head> heads = new ArrayList<>();
        for (String id : query.channelIds()) {
            Channel channel = channels.get(id);
            heads.add(new Head(id, channel == null ? 0 : channel.head));
        }
        return new Heads(heads);
    }

    @Override
    public Joined addMember(JoinCommand command) {
        throw new UnsupportedOperationException("gateways never add members");
    }

    @Override
    public EventsPage events(EventsQuery query) {
        eventsCalls.add(query);
        for (Gate gate : gates) {
            if (gate.matches.test(query)) {
                gates.remove(gate);
                gate.arrived.countDown();
                try {
                    if (!gate.open.await(10, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("gate never opened");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
        return read(query);
    }

    private synchronized EventsPage read(EventsQuery query) {
        Channel channel = channels.get(query.channelId());
        if (channel == null || !channel.workspaceId.equals(query.workspaceId())) {
            return EventsPage.refused("channel_not_found");
        }
        boolean member = query.userId() == null || channel.members.contains(query.userId());
        if (query.afterSeq() > channel.head || query.afterSeq() < 0) {
            return EventsPage.refused(member ? "invalid_cursor" : "channel_not_found");
        }
        List<ChannelEvent> found = channel.events.stream()
                .filter(e -> e.seq() > query.afterSeq()).limit(query.limit()).toList();
        if (query.afterSeq() < channel.head && (found.isEmpty() || found.getFirst().seq() != query.afterSeq() + 1)) {
            return EventsPage.refused(member ? "resync_required" : "channel_not_found");
        }
        if (query.userId() == null) {
            return new EventsPage(null, found, found.size() == query.limit(),
                    found.isEmpty() ? query.afterSeq() : found.getLast().seq());
        }
        List<ChannelEvent> visible = new ArrayList<>();
        for (ChannelEvent event : found) {
            ChannelEvent.Routing routing = event.routing();
            if (routing.audience() != ChannelEvent.Audience.USERS || routing.users().contains(query.userId())) {
                visible.add(event);
            }
            if (!member && routing.left().contains(query.userId())) {
                return new EventsPage(null, visible, false, event.seq());
            }
        }
        if (!member) {
            return EventsPage.refused("channel_not_found");
        }
        return new EventsPage(null, visible, found.size() == query.limit(),
                found.isEmpty() ? query.afterSeq() : found.getLast().seq());
    }

    @Override
    public synchronized Users coMembers(CoMembersQuery query) {
        java.util.TreeSet<String> found = new java.util.TreeSet<>();
        found.add(query.userId());
        for (Channel channel : channels.values()) {
            if (channel.workspaceId.equals(query.workspaceId()) && channel.members.contains(query.userId())) {
                found.addAll(channel.members);
            }
        }
        return new Users(found.stream()
                .filter(u -> u.compareTo(query.afterUserId()) > 0)
                .filter(u -> query.among().isEmpty() || query.among().contains(u))
                .limit(query.limit())
                .toList());
    }

    @Override
    public MarkResult mark(MarkCommand command) {
        return new MarkResult(true, null);
    }

    @Override
    public ChannelSummaries readableChannels(ReadableQuery query) {
        throw new UnsupportedOperationException("gateways never search");
    }

    @Override
    public ChannelIds channelIds(ChannelIdsQuery query) {
        throw new UnsupportedOperationException();
    }
}
