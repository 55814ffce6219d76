package dev.parley.gateway.connection;

import dev.parley.channel.client.ChannelClient;
import dev.parley.common.event.ChannelEvent;
import dev.parley.common.event.UserEvent;
import dev.parley.common.event.UserEvents;
import dev.parley.common.event.WorkspaceEvents;
import dev.parley.common.json.SlackJson;
import dev.parley.common.pubsub.PubSub;
import dev.parley.gateway.GatewayProperties;
import dev.parley.gateway.Periodic;
import dev.parley.gateway.fanout.Fanout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The sockets of this gateway, indexed by workspace, by user and by channel, and the delivery of both streams to
 * them.
 *
 * <p>The <b>channel stream</b> arrives on the workspace's pub/sub topic (at most once, possibly duplicated). Per
 * channel, the gateway delivers events in sequence order: a duplicate is dropped, and an event after a gap waits
 * while the gap is read from the store, once for all followers. Each socket also keeps its own cursor per channel, so
 * a socket that starts (or resumes) behind the gateway catches up from the store on its own, with live events
 * waiting behind. A periodic sync compares the gateway's heads with the store's, finding events lost with nothing
 * after them.
 *
 * <p>The <b>user stream</b> arrives on each connected user's own topic and goes to that user's sockets only.
 */
@Component
public class Connections implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Connections.class);
    static final int PAGE = 100;

    private final PubSub pubSub;
    private final ObjectProvider<ChannelClient> channelClient;
    private final GatewayProperties properties;
    private final Map<String, Workspace> workspaces = new ConcurrentHashMap<>();
    private final ExecutorService fills = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("gateway-fill-", 0).factory());
    private final Periodic sync;

    private final List<UserSockets> userListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile PresenceSink presenceSink = (c, user, presence) -> { };

    Connections(PubSub pubSub, ObjectProvider<ChannelClient> channelClient, GatewayProperties properties) {
        this.pubSub = pubSub;
        this.channelClient = channelClient;
        this.properties = properties;
        this.sync = new Periodic("gateway-sync").every(properties.syncInterval(), this::sync);
    }

    /** Told when a user's first socket opens on this gateway and when their last one closes. */
    public interface UserSockets {
        void first(String workspaceId, String userId);

        void last(String workspaceId, String userId);
    }

    public void onUserSockets(UserSockets listener) {
        userListeners.add(listener);
    }

    /** Where a presence change for a watching socket goes (the batcher). */
    public interface PresenceSink {
        void accept(Connection connection, String userId, String presence);
    }

    public void onPresenceChange(PresenceSink sink) {
        presenceSink = sink;
    }

    /** One workspace's sockets on this gateway. Changes to the indexes happen under its monitor. */
    private final class Workspace {
        final String id;
        final Set<Connection> all = ConcurrentHashMap.newKeySet();
        final Map<String, Set<Connection>> byUser = new ConcurrentHashMap<>();
        final Map<String, ChannelStream> streams = new ConcurrentHashMap<>();
        final Map<String, PubSub.Subscription> userTopics = new HashMap<>();
        /** Who wants whose presence changes: watched user → sockets that sent presence_sub naming them. */
        final Map<String, Set<Connection>> watchers = new ConcurrentHashMap<>();
        PubSub.Subscription events;
        PubSub.Subscription presence;
        PubSub.Subscription news;

        Workspace(String id) {
            this.id = id;
        }

        Set<Connection> of(String userId) {
            return byUser.getOrDefault(userId, Set.of());
        }
    }

    // ---- sockets coming and going ----

    /**
     * Adds a socket and listens to what it needs (its workspace's channel events, its user's stream). Returns once
     * listening, so everything committed after this returns reaches the socket.
     */
    public void register(Connection connection) {
        Workspace w = workspaces.computeIfAbsent(connection.workspaceId(), Workspace::new);
        synchronized (w) {
            if (workspaces.get(w.id) != w) {
                // Emptied and dropped meanwhile: start over with a fresh one.
                register(connection);
                return;
            }
            if (w.events == null) {
                w.events = pubSub.subscribe(Fanout.topic(w.id), this::onChannelEvent);
                w.presence = pubSub.subscribe(dev.parley.presence.client.PresenceClient.topic(w.id),
                        message -> onPresence(w, message));
                w.news = pubSub.subscribe(WorkspaceEvents.topic(w.id), message -> onWorkspaceEvent(w, message));
            }
            String userId = connection.userId();
            boolean first = !w.userTopics.containsKey(userId);
            if (first) {
                w.userTopics.put(userId, pubSub.subscribe(UserEvents.topic(w.id, userId), this::onUserEvent));
            }
            w.byUser.computeIfAbsent(userId, u -> ConcurrentHashMap.newKeySet()).add(connection);
            w.all.add(connection);
            if (first) {
                userListeners.forEach(l -> l.first(w.id, userId));
            }
        }
    }

    public void unregister(Connection connection) {
        Workspace w = workspaces.get(connection.workspaceId());
        if (w == null) {
            return;
        }
        for (String channelId : connection.followed()) {
            leave(w, connection, channelId);
        }
        watch(connection, Set.of());
        synchronized (w) {
            w.all.remove(connection);
            Set<Connection> mine = w.byUser.get(connection.userId());
            if (mine != null) {
                mine.remove(connection);
                if (mine.isEmpty()) {
                    w.byUser.remove(connection.userId());
                    PubSub.Subscription topic = w.userTopics.remove(connection.userId());
                    if (topic != null) {
                        topic.close();
                    }
                    userListeners.forEach(l -> l.last(w.id, connection.userId()));
                }
            }
            for (String channelId : List.copyOf(w.streams.keySet())) {
                w.streams.computeIfPresent(channelId, (id, stream) -> {
                    synchronized (stream) {
                        if (stream.followers.isEmpty()) {
                            stream.removed = true;
                            return null;
                        }
                        return stream;
                    }
                });
            }
            if (w.all.isEmpty()) {
                if (w.events != null) {
                    w.events.close();
                    w.presence.close();
                    w.news.close();
                }
                w.userTopics.values().forEach(PubSub.Subscription::close);
                workspaces.remove(w.id, w);
            }
        }
    }

    /**
     * Starts a registered socket's channel streams where the store stands now, and for the channels named in
     * {@code resume} right after the sequence numbers the client last saw, replaying what it missed before anything
     * newer. Returns the channels that could not be resumed, with the reason ({@code channel_not_found},
     * {@code invalid_cursor}, {@code resync_required}).
     */
    public Map<String, String> start(Connection connection, Map<String, Long> resume) {
        Workspace w = workspaces.get(connection.workspaceId());
        if (w == null) {
            return Map.of();
        }
        Map<String, String> refused = new LinkedHashMap<>();
        List<String> toCatchUp = new ArrayList<>();
        // Resumed channels first, each already catching up, so live events of theirs wait behind the replay; the
        // store judges each cursor during the catch-up.
        for (Map.Entry<String, Long> r : resume.entrySet()) {
            if (followForCatchUp(w, connection, r.getKey(), r.getValue())) {
                toCatchUp.add(r.getKey());
            }
        }
        // Released before reading the user's channels: a channel joined after that read reaches the socket as a
        // live join, one joined before it is in the read.
        connection.release();
        List<ChannelClient.Head> heads = channelClient.getObject().memberChannels(
                new ChannelClient.MemberQuery(connection.workspaceId(), connection.userId())).channels();
        for (ChannelClient.Head head : heads) {
            follow(w, connection, head.channelId(), head.seq());
        }
        for (String channelId : toCatchUp) {
            String error = catchUp(w, connection, channelId);
            if (error != null) {
                refused.put(channelId, error);
            }
        }
        return refused;
    }

    /**
     * The channel's stream in this workspace, created when missing. Callers lock it and check {@code removed}: a
     * stream dropped meanwhile (its last follower left) is not used again; they ask anew.
     */
    private static ChannelStream stream(Workspace w, String channelId) {
        return w.streams.computeIfAbsent(channelId, ChannelStream::new);
    }

    /** Follows a channel from a client's cursor, catching up (live events wait); false when it already did. */
    private boolean followForCatchUp(Workspace w, Connection connection, String channelId, long afterSeq) {
        ChannelStream stream = stream(w, channelId);
        synchronized (stream) {
            if (stream.removed) {
                return followForCatchUp(w, connection, channelId, afterSeq);
            }
            if (!connection.follow(channelId, afterSeq)) {
                return false;
            }
            connection.beginCatchUp(channelId);
            stream.followers.add(connection);
            return true;
        }
    }

    /** Follows a channel from the given sequence number; catches up at once when this gateway is already further. */
    private void follow(Workspace w, Connection connection, String channelId, long afterSeq) {
        ChannelStream stream = stream(w, channelId);
        boolean behind;
        synchronized (stream) {
            if (stream.removed) {
                follow(w, connection, channelId, afterSeq);
                return;
            }
            if (stream.head < 0) {
                stream.head = afterSeq;
            }
            if (!connection.follow(channelId, afterSeq)) {
                return;
            }
            stream.followers.add(connection);
            behind = stream.head > afterSeq;
            if (behind) {
                connection.beginCatchUp(channelId);
            }
        }
        if (behind) {
            fills.execute(() -> catchUp(w, connection, channelId));
        }
    }

    // ---- the channel stream ----

    void onChannelEvent(String message) {
        ChannelEvent event;
        try {
            event = SlackJson.read(message, ChannelEvent.class);
        } catch (RuntimeException e) {
            log.warn("Dropping an unreadable channel event: {}", e.toString());
            return;
        }
        Workspace w = workspaces.get(event.workspaceId());
        if (w == null) {
            return;
        }
        if (event.seq() <= 0) {
            deliverUnsequenced(w, event);
            return;
        }
        StreamEvent se = StreamEvent.of(event);
        ChannelStream stream = w.streams.get(event.channelId());
        if (stream == null && event.routing().joined().stream().anyMatch(w.byUser::containsKey)) {
            stream = stream(w, event.channelId());
        }
        if (stream == null) {
            deliverToOthers(w, null, se);
            return;
        }
        synchronized (stream) {
            if (stream.removed) {
                // Its last follower left meanwhile: take the channel's current stream, if any.
                onChannelEvent(message);
                return;
            }
            if (stream.head < 0) {
                stream.head = event.seq() - 1;
            }
            if (event.seq() <= stream.head) {
                return;
            }
            if (event.seq() > stream.head + 1) {
                stream.early.put(event.seq(), se);
                if (!stream.filling) {
                    stream.filling = true;
                    ChannelStream gapped = stream;
                    fills.execute(() -> fill(w, gapped));
                }
                return;
            }
            dispatch(w, stream, se);
            drainEarly(w, stream);
        }
    }

    /** Delivers the next event of a channel to its followers (called in order, under the stream's monitor). */
    private void dispatch(Workspace w, ChannelStream stream, StreamEvent se) {
        stream.head = se.seq();
        for (String userId : se.event().routing().joined()) {
            for (Connection c : w.of(userId)) {
                if (!c.holdingResume() && c.follow(stream.channelId, se.seq() - 1)) {
                    stream.followers.add(c);
                }
            }
        }
        for (Connection c : stream.followers) {
            Connection.Offer offer = c.offer(se);
            if (offer == Connection.Offer.GAP) {
                fills.execute(() -> catchUp(w, c, stream.channelId));
            } else if (offer == Connection.Offer.LEFT) {
                stream.followers.remove(c);
            }
        }
        deliverToOthers(w, stream, se);
    }

    /** Public channel news for sockets that do not follow the channel, and events naming users who do not. */
    private void deliverToOthers(Workspace w, ChannelStream stream, StreamEvent se) {
        ChannelEvent.Routing routing = se.event().routing();
        switch (routing.audience()) {
            case WORKSPACE -> {
                // Guests see only the channels they are in, so workspace-wide news reaches them as followers only.
                for (Connection c : w.all) {
                    if (!c.caller().isGuest() && (stream == null || !stream.followers.contains(c))
                            && !c.follows(se.channelId())) {
                        c.send(se.frame());
                    }
                }
            }
            case USERS -> {
                for (String userId : routing.users()) {
                    for (Connection c : w.of(userId)) {
                        if (!c.follows(se.channelId()) && (stream == null || !stream.followers.contains(c))) {
                            c.send(se.frame());
                        }
                    }
                }
            }
            case MEMBERS -> {
            }
        }
    }

    private void drainEarly(Workspace w, ChannelStream stream) {
        while (!stream.early.isEmpty()) {
            Map.Entry<Long, StreamEvent> first = stream.early.firstEntry();
            if (first.getKey() <= stream.head) {
                stream.early.pollFirstEntry();
            } else if (first.getKey() == stream.head + 1) {
                stream.early.pollFirstEntry();
                dispatch(w, stream, first.getValue());
            } else {
                return;
            }
        }
    }

    /** Fills a gap in this gateway's stream of a channel from the store, then delivers what waited behind it. */
    private void fill(Workspace w, ChannelStream stream) {
        try {
            while (true) {
                long from;
                synchronized (stream) {
                    from = stream.head;
                }
                ChannelClient.EventsPage page = channelClient.getObject().events(
                        new ChannelClient.EventsQuery(w.id, stream.channelId, null, from, PAGE));
                synchronized (stream) {
                    if (stream.removed) {
                        stream.filling = false;
                        return;
                    }
                    if (page.error() != null || page.events().isEmpty()) {
                        // The store cannot say more (events no longer kept): go on from what is at hand; sockets
                        // that miss something find out from their own cursors.
                        if (!stream.early.isEmpty()) {
                            stream.head = Math.max(stream.head, stream.early.firstKey() - 1);
                            drainEarly(w, stream);
                        }
                        if (page.error() != null || stream.early.isEmpty()) {
                            stream.filling = false;
                            return;
                        }
                        continue;
                    }
                    for (ChannelEvent event : page.events()) {
                        if (event.seq() == stream.head + 1) {
                            dispatch(w, stream, StreamEvent.of(event));
                        }
                    }
                    drainEarly(w, stream);
                    if (!page.more() && stream.early.isEmpty()) {
                        stream.filling = false;
                        return;
                    }
                }
            }
        } catch (RuntimeException e) {
            log.warn("Filling a gap in channel {} failed, the next sync retries: {}", stream.channelId, e.toString());
            synchronized (stream) {
                stream.filling = false;
            }
        }
    }

    /**
     * Brings one socket up to date in one channel from the store (as the socket may see it), then delivers the live
     * events that waited. Returns null, or why the channel could not be caught up.
     */
    String catchUp(Workspace w, Connection connection, String channelId) {
        try {
            for (int round = 0; round < 10_000 && connection.isOpen(); round++) {
                Long cursor = connection.cursor(channelId);
                if (cursor == null) {
                    return null;
                }
                ChannelClient.EventsPage page = channelClient.getObject().events(new ChannelClient.EventsQuery(
                        w.id, channelId, connection.userId(), cursor, PAGE));
                if (page.error() != null) {
                    giveUp(w, connection, channelId, page.error());
                    return page.error();
                }
                for (ChannelEvent event : page.events()) {
                    if (!connection.awaitRoom(java.time.Duration.ofSeconds(30))) {
                        connection.close(Connection.CLOSE_TOO_SLOW, "too_slow: reconnect and resume");
                        return "too_slow";
                    }
                    if (connection.deliverStored(StreamEvent.of(event)) == Connection.Offer.LEFT) {
                        leave(w, connection, channelId);
                        return null;
                    }
                }
                // Events of the page the socket may not see still count as read: go on after them.
                connection.skipTo(channelId, page.scannedTo());
                if (page.more()) {
                    continue;
                }
                List<String> left = new ArrayList<>(1);
                if (connection.drain(channelId, left)) {
                    left.forEach(c -> leave(w, connection, c));
                    return null;
                }
            }
            return null;
        } catch (RuntimeException e) {
            log.warn("Catching up {} in channel {} failed: {}", connection, channelId, e.toString());
            connection.close(Connection.CLOSE_TOO_SLOW, "catch_up_failed: reconnect and resume");
            return "service_unavailable";
        }
    }

    /**
     * A catch-up the store refused. Not the socket's channel: it stops following it. A cursor the store cannot serve
     * (from the future, or older than what is kept): the client is told to reload the channel, and the socket goes on
     * from where this gateway stands, with the live events that waited.
     */
    private void giveUp(Workspace w, Connection connection, String channelId, String error) {
        if ("channel_not_found".equals(error)) {
            connection.abandonCatchUp(channelId);
            leave(w, connection, channelId);
            return;
        }
        ChannelStream stream = w.streams.get(channelId);
        long head = -1;
        if (stream != null) {
            synchronized (stream) {
                head = stream.head;
            }
        }
        if (head < 0) {
            connection.abandonCatchUp(channelId);
            leave(w, connection, channelId);
            return;
        }
        connection.resetTo(channelId, head);
        connection.send(SlackJson.write(errorEvent(channelId, error)));
        List<String> left = new ArrayList<>(1);
        if (connection.drain(channelId, left)) {
            left.forEach(c -> leave(w, connection, c));
        } else {
            fills.execute(() -> catchUp(w, connection, channelId));
        }
    }

    private void leave(Workspace w, Connection connection, String channelId) {
        connection.unfollow(channelId);
        ChannelStream stream = w.streams.get(channelId);
        if (stream != null) {
            stream.followers.remove(connection);
        }
    }

    static Map<String, Object> errorEvent(String channelId, String error) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", "error");
        frame.put("error", Map.of("code", 5, "msg", error));
        frame.put("channel", channelId);
        return frame;
    }

    /** Live-only events of a channel (typing): to the followers, never back to the user it is about. */
    private void deliverUnsequenced(Workspace w, ChannelEvent event) {
        ChannelStream stream = w.streams.get(event.channelId());
        if (stream == null) {
            return;
        }
        byte[] frame = event.payload().getBytes(StandardCharsets.UTF_8);
        Collection<String> except = event.routing().left();
        for (Connection c : stream.followers) {
            if (!except.contains(c.userId()) && !c.catchingUp(event.channelId())) {
                c.send(frame);
            }
        }
    }

    /** Publishes a live-only event to the channel's followers on every gateway; {@code author} does not get it back. */
    public void publishUnsequenced(String workspaceId, String channelId, String type, String payload, String author) {
        ChannelEvent event = new ChannelEvent(workspaceId, channelId, 0, type, payload,
                ChannelEvent.Routing.MEMBERS.leaving(List.of(author)));
        pubSub.publish(Fanout.topic(workspaceId), SlackJson.write(event));
    }

    /** A workspace-wide live event ({@code user_change}, {@code team_join}): every socket of the workspace here. */
    private void onWorkspaceEvent(Workspace w, String payload) {
        byte[] frame = payload.getBytes(StandardCharsets.UTF_8);
        for (Connection c : w.all) {
            c.send(frame);
        }
    }

    // ---- the user stream ----

    void onUserEvent(String message) {
        UserEvent event;
        try {
            event = SlackJson.read(message, UserEvent.class);
        } catch (RuntimeException e) {
            log.warn("Dropping an unreadable user event: {}", e.toString());
            return;
        }
        Workspace w = workspaces.get(event.workspaceId());
        if (w == null || event.kind() == null) {
            return;
        }
        switch (event.kind()) {
            case DELIVER -> {
                byte[] frame = event.payload().getBytes(StandardCharsets.UTF_8);
                w.of(event.userId()).forEach(c -> c.send(frame));
            }
            case REVOKE -> w.of(event.userId()).forEach(c -> c.close(Connection.CLOSE_REVOKED, "token_revoked"));
        }
    }

    // ---- presence ----

    /** Replaces the users whose presence changes the socket receives. */
    public void watch(Connection connection, Set<String> userIds) {
        Workspace w = workspaces.get(connection.workspaceId());
        Set<String> before = connection.presenceSubscriptions();
        connection.presenceSubscriptions(userIds);
        if (w == null) {
            return;
        }
        for (String user : before) {
            w.watchers.computeIfPresent(user, (u, set) -> {
                set.remove(connection);
                return set.isEmpty() ? null : set;
            });
        }
        if (connection.isOpen()) {
            for (String user : userIds) {
                w.watchers.computeIfAbsent(user, u -> ConcurrentHashMap.newKeySet()).add(connection);
            }
        }
    }

    private void onPresence(Workspace w, String message) {
        String user;
        String presence;
        try {
            tools.jackson.databind.JsonNode change = SlackJson.tree(message);
            user = change.path("user").asString("");
            presence = change.path("presence").asString("away");
        } catch (RuntimeException e) {
            log.warn("Dropping an unreadable presence change: {}", e.toString());
            return;
        }
        for (Connection c : w.watchers.getOrDefault(user, Set.of())) {
            presenceSink.accept(c, user, presence);
        }
    }

    // ---- finding what pub/sub lost ----

    /** Compares each followed channel's head with the store's and fills what this gateway never received. */
    void sync() {
        for (Workspace w : workspaces.values()) {
            List<String> ids = List.copyOf(w.streams.keySet());
            if (ids.isEmpty()) {
                continue;
            }
            try {
                for (ChannelClient.Head head : channelClient.getObject().heads(new ChannelClient.HeadsQuery(w.id, ids)).channels()) {
                    ChannelStream stream = w.streams.get(head.channelId());
                    if (stream == null) {
                        continue;
                    }
                    synchronized (stream) {
                        if (stream.head >= 0 && head.seq() > stream.head && !stream.filling) {
                            stream.filling = true;
                            fills.execute(() -> fill(w, stream));
                        }
                    }
                }
            } catch (RuntimeException e) {
                log.warn("Syncing workspace {} with the store failed: {}", w.id, e.toString());
            }
        }
    }

    // ---- for the sweeper, the drain and metrics ----

    public List<Connection> all() {
        List<Connection> all = new ArrayList<>();
        workspaces.values().forEach(w -> all.addAll(w.all));
        return all;
    }

    public int size() {
        return workspaces.values().stream().mapToInt(w -> w.all.size()).sum();
    }

    /** The user's sockets on this gateway, in any workspace given. */
    public Set<Connection> of(String workspaceId, String userId) {
        Workspace w = workspaces.get(workspaceId);
        return w == null ? Set.of() : w.of(userId);
    }

    /** The sockets of the workspace on this gateway. */
    public Collection<Connection> inWorkspace(String workspaceId) {
        Workspace w = workspaces.get(workspaceId);
        return w == null ? List.of() : w.all;
    }

    @Override
    public void start() {
        sync.start();
    }

    @Override
    public void stop() {
        sync.stop();
        fills.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return sync.isRunning();
    }

    @Override
    public int getPhase() {
        // Stops after the edge has drained its sockets.
        return SmartLifecycle.DEFAULT_PHASE - 512;
    }
}
