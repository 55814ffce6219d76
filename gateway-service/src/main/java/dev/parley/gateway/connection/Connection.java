package dev.parley.gateway.connection;

import dev.parley.common.auth.Caller;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One authenticated socket: who it is, how far it has got in each channel it follows, and a bounded queue of bytes
 * on their way to it. Kept small (no buffers of its own) because a gateway holds tens of thousands of them. The
 * channel state is guarded by the connection's monitor; writes go through Netty's event loop, never blocking the
 * thread that delivers.
 */
public final class Connection {

    /** Close codes a client can act on (4000–4999 are the application's own). */
    public static final int CLOSE_IDLE = 4000;
    public static final int CLOSE_TOKEN_EXPIRED = 4001;
    public static final int CLOSE_REVOKED = 4002;
    public static final int CLOSE_TOO_SLOW = 4003;
    public static final int CLOSE_FLOOD = 4008;
    public static final int CLOSE_GOING_AWAY = 1001;

    private final Channel channel;
    private final Caller caller;
    private final long maxQueued;
    private final AtomicLong queued = new AtomicLong();
    private volatile long tokenExpiresAtMillis;
    private volatile boolean expiryWarned;
    private volatile long lastSeenNanos = System.nanoTime();
    private volatile long pingedNanos = lastSeenNanos;
    private volatile long lastActivityMillis = System.currentTimeMillis();
    private volatile boolean closing;
    private volatile Set<String> presenceSubscriptions = Set.of();

    // The client's frames, handled one after another off the event loop; guarded by inboxLock.
    private final Object inboxLock = new Object();
    private ArrayDeque<Runnable> inbox;
    private boolean inboxRunning;

    // Guarded by this.
    private final HashMap<String, Long> cursors = new HashMap<>(4);
    private HashMap<String, ArrayDeque<StreamEvent>> catchingUp;
    private boolean holding;

    public Connection(Channel channel, Caller caller, long tokenExpiresAtMillis, long maxQueuedBytes, boolean holding) {
        this.channel = channel;
        this.caller = caller;
        this.tokenExpiresAtMillis = tokenExpiresAtMillis;
        this.maxQueued = maxQueuedBytes;
        this.holding = holding;
    }

    public Caller caller() {
        return caller;
    }

    public String workspaceId() {
        return caller.workspaceId();
    }

    public String userId() {
        return caller.userId();
    }

    public Channel channel() {
        return channel;
    }

    // ---- liveness, activity and token ----

    public void seen() {
        lastSeenNanos = System.nanoTime();
    }

    public long lastSeenNanos() {
        return lastSeenNanos;
    }

    /** When the gateway last pinged the socket (when it opened, until the first ping). */
    public long pingedNanos() {
        return pingedNanos;
    }

    public void pinged(long nanos) {
        pingedNanos = nanos;
    }

    /** The client did something (a frame other than a ping): what presence calls activity. */
    public void active() {
        lastActivityMillis = System.currentTimeMillis();
    }

    public long lastActivityMillis() {
        return lastActivityMillis;
    }

    public long tokenExpiresAtMillis() {
        return tokenExpiresAtMillis;
    }

    public void tokenRefreshed(long expiresAtMillis) {
        tokenExpiresAtMillis = expiresAtMillis;
        expiryWarned = false;
    }

    /** True once per token: the caller sends the warning. */
    public boolean warnExpiry() {
        if (expiryWarned) {
            return false;
        }
        expiryWarned = true;
        return true;
    }

    public Set<String> presenceSubscriptions() {
        return presenceSubscriptions;
    }

    public void presenceSubscriptions(Set<String> userIds) {
        presenceSubscriptions = Set.copyOf(userIds);
    }

    // ---- the client's frames ----

    /**
     * Runs the task after the ones queued before it, one at a time, on the executor; false when the socket already
     * has too many waiting (the client is sending faster than its frames can be served).
     */
    public boolean enqueue(Runnable task, java.util.concurrent.Executor executor, int maxWaiting) {
        synchronized (inboxLock) {
            if (inbox == null) {
                inbox = new ArrayDeque<>(4);
            }
            if (inbox.size() >= maxWaiting) {
                return false;
            }
            inbox.add(task);
            if (inboxRunning) {
                return true;
            }
            inboxRunning = true;
        }
        executor.execute(this::runInbox);
        return true;
    }

    private void runInbox() {
        while (true) {
            Runnable next;
            synchronized (inboxLock) {
                next = inbox.poll();
                if (next == null) {
                    inboxRunning = false;
                    inbox = null;
                    return;
                }
            }
            next.run();
        }
    }

    // ---- writing ----

    public boolean isOpen() {
        return !closing && channel.isActive();
    }

    public void send(String json) {
        send(json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Queues a text frame. A socket whose queue passes the limit is too slow to keep up: it is closed with a hint to
     * resume, so it never holds back the others or the gateway's memory.
     */
    public void send(byte[] utf8) {
        send(utf8, true);
    }

    /**
     * Live sends enforce the queue limit; a catch-up from the store instead waits for room before each event
     * ({@link #awaitRoom}), so a long replay never counts as a slow reader.
     */
    private void send(byte[] utf8, boolean live) {
        if (closing) {
            return;
        }
        int size = utf8.length;
        if (queued.addAndGet(size) > maxQueued && live) {
            queued.addAndGet(-size);
            close(CLOSE_TOO_SLOW, "too_slow: reconnect and resume");
            return;
        }
        channel.writeAndFlush(new TextWebSocketFrame(Unpooled.wrappedBuffer(utf8)))
                .addListener(f -> queued.addAndGet(-size));
    }

    public long queuedBytes() {
        return queued.get();
    }

    /**
     * Blocks (a catch-up's virtual thread) until the queue is at most half full; false when the socket closed or
     * made no room within the timeout.
     */
    boolean awaitRoom(java.time.Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (queued.get() > maxQueued / 2) {
            if (closing || !channel.isActive() || System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return !closing;
    }

    /**
     * Sends a close frame with the code and reason and half-closes the socket; the connection is dropped when the
     * client answers with its own close frame ({@link #closeAnswered()}), or after two seconds if it never does.
     * Closing outright would let frames the client is still sending (a flood, say) meet a closed socket: the
     * kernel then resets the connection, and a reset discards the close frame still unread at the client, which
     * would see an abnormal closure (1006) instead of the code.
     */
    public void close(int code, String reason) {
        if (closing) {
            return;
        }
        closing = true;
        if (!channel.isActive()) {
            return;
        }
        channel.writeAndFlush(new CloseWebSocketFrame(code, reason)).addListener((ChannelFutureListener) sent -> {
            if (sent.isSuccess() && channel instanceof DuplexChannel duplex) {
                duplex.shutdownOutput();
            } else {
                channel.close();
            }
        });
        channel.eventLoop().schedule(() -> {
            channel.close();
        }, 2, TimeUnit.SECONDS);
    }

    /** Whether a close has begun: frames the client sends from now on are not read. */
    public boolean closing() {
        return closing;
    }

    /** The client's close frame: answers it (unless this side began the close) and drops the connection. */
    public void closeAnswered() {
        if (closing) {
            channel.close();
        } else {
            close(WebSocketCloseStatus.NORMAL_CLOSURE.code(), "bye");
        }
    }

    // ---- channel state (all synchronized) ----

    /** Whether the socket was opened with {@code ?resume=1} and has not resumed yet (channel events wait for it). */
    public synchronized boolean holdingResume() {
        return holding;
    }

    synchronized void release() {
        holding = false;
    }

    /** Whether the socket follows the channel (its user is a member, as far as this socket knows). */
    public synchronized boolean follows(String channelId) {
        return cursors.containsKey(channelId);
    }

    synchronized Long cursor(String channelId) {
        return cursors.get(channelId);
    }

    synchronized List<String> followed() {
        return List.copyOf(cursors.keySet());
    }

    /** Starts following a channel after the given sequence number; false when it already did. */
    synchronized boolean follow(String channelId, long afterSeq) {
        return cursors.putIfAbsent(channelId, afterSeq) == null;
    }

    synchronized void unfollow(String channelId) {
        cursors.remove(channelId);
        if (catchingUp != null) {
            catchingUp.remove(channelId);
        }
    }

    /** What {@link #offer} did with an event. */
    enum Offer { NOT_FOLLOWING, DUPLICATE, WAITING, GAP, DELIVERED, LEFT }

    /**
     * Takes the next live event of a channel: delivers it when it is the next one, drops one already delivered, and
     * keeps it aside when the store must first supply what came before it ({@code GAP}: the caller starts that).
     */
    synchronized Offer offer(StreamEvent event) {
        Long cursor = cursors.get(event.channelId());
        if (cursor == null) {
            return Offer.NOT_FOLLOWING;
        }
        ArrayDeque<StreamEvent> waiting = catchingUp == null ? null : catchingUp.get(event.channelId());
        if (waiting != null) {
            waiting.add(event);
            return Offer.WAITING;
        }
        if (event.seq() <= cursor) {
            return Offer.DUPLICATE;
        }
        if (event.seq() > cursor + 1) {
            beginCatchUp(event.channelId()).add(event);
            return Offer.GAP;
        }
        return deliver(event);
    }

    /** Marks the channel as being filled from the store; live events wait until {@link #drain} says it is done. */
    synchronized ArrayDeque<StreamEvent> beginCatchUp(String channelId) {
        if (catchingUp == null) {
            catchingUp = new HashMap<>(2);
        }
        return catchingUp.computeIfAbsent(channelId, c -> new ArrayDeque<>());
    }

    synchronized boolean catchingUp(String channelId) {
        return catchingUp != null && catchingUp.containsKey(channelId);
    }

    /**
     * Delivers an event read from the store during a catch-up. The store is the authority: an event it has that the
     * socket may not see still moves the cursor past its number.
     */
    synchronized Offer deliverStored(StreamEvent event) {
        Long cursor = cursors.get(event.channelId());
        if (cursor == null) {
            return Offer.NOT_FOLLOWING;
        }
        if (event.seq() <= cursor) {
            return Offer.DUPLICATE;
        }
        return deliver(event, false);
    }

    /**
     * Ends a catch-up: delivers the live events that waited, in order. Returns true when done, false when a gap
     * remains (the caller reads the store again).
     */
    synchronized boolean drain(String channelId, List<String> leftChannels) {
        ArrayDeque<StreamEvent> waiting = catchingUp == null ? null : catchingUp.get(channelId);
        if (waiting == null) {
            return true;
        }
        List<StreamEvent> sorted = waiting.stream().sorted(java.util.Comparator.comparingLong(StreamEvent::seq)).toList();
        waiting.clear();
        for (int i = 0; i < sorted.size(); i++) {
            StreamEvent event = sorted.get(i);
            Long cursor = cursors.get(channelId);
            if (cursor == null) {
                break;
            }
            if (event.seq() <= cursor) {
                continue;
            }
            if (event.seq() > cursor + 1) {
                waiting.addAll(sorted.subList(i, sorted.size()));
                return false;
            }
            if (deliver(event) == Offer.LEFT) {
                leftChannels.add(channelId);
            }
        }
        catchingUp.remove(channelId);
        return true;
    }

    /** Stops a catch-up that cannot finish (resync needed, or no access): waiting events are dropped. */
    synchronized void abandonCatchUp(String channelId) {
        if (catchingUp != null) {
            catchingUp.remove(channelId);
        }
    }

    /** Sets the cursor, forward or back, without delivering: where a refused resume goes on from. */
    synchronized void resetTo(String channelId, long seq) {
        cursors.computeIfPresent(channelId, (c, cursor) -> seq);
    }

    /** Moves the cursor forward without delivering (past events the socket may not see). */
    synchronized void skipTo(String channelId, long seq) {
        cursors.computeIfPresent(channelId, (c, cursor) -> Math.max(cursor, seq));
    }

    private Offer deliver(StreamEvent event) {
        return deliver(event, true);
    }

    private Offer deliver(StreamEvent event, boolean live) {
        cursors.put(event.channelId(), event.seq());
        if (event.visibleTo(caller.userId())) {
            send(event.frame(), live);
        }
        if (event.leaves(caller.userId())) {
            cursors.remove(event.channelId());
            return Offer.LEFT;
        }
        return Offer.DELIVERED;
    }

    @Override
    public String toString() {
        return "Connection[" + caller.userId() + "@" + channel.remoteAddress() + "]";
    }

    /** For tests and metrics: the cursors, copied. */
    synchronized Map<String, Long> cursors() {
        return Map.copyOf(cursors);
    }
}
