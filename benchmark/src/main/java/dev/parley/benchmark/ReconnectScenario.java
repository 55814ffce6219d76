package dev.parley.benchmark;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code reconnect}: many clients on the standalone process, which is killed with {@code kill -9} and started
 * again on the same data, or spread over the gateways of the distributed topology, one of which is killed with
 * {@code kill -9} and its clients return through the others; messages are posted while the clients are away. Reports
 * the time from the kill until every client is back (reconnected with {@code ?resume=1}, {@code resume} answered) and
 * every socket has every message exactly once.
 */
final class ReconnectScenario implements Scenario {

    @Override
    public String name() {
        return "reconnect";
    }

    @Override
    public void run(Options options, Target target, Report report) {
        int sockets = options.integer("sockets", 15_000);
        int users = options.integer("users", 150);
        int channels = options.integer("channels", 10);
        int before = options.integer("messages-before", 20);
        int during = options.integer("messages-during", 20);
        long timeoutNanos = options.seconds("timeout-seconds", 300).toNanos();
        int perChannel = users / channels;
        int gateways = target.gatewayCount();
        boolean distributed = target.distributed();
        if (distributed && gateways < 2) {
            throw new IllegalArgumentException("reconnect on the distributed topology needs --gateways=2 or more");
        }
        // Standalone: the one server is killed and restarted. Distributed: gateway 0 is killed; its clients return
        // through the others, round-robin, while the clients of the others keep their sockets.
        int killed = 0;
        BenchTeam team = BenchTeam.create(target, users);
        List<String> channelIds = new ArrayList<>();
        for (int c = 0; c < channels; c++) {
            channelIds.add(team.channel("storm-" + c, c * perChannel, perChannel));
        }
        SeqTracker[] trackers = new SeqTracker[sockets];
        AtomicLong resumed = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        ObjectNode result = report.root().putObject("result");
        int threads = options.integer("threads", 2);
        List<String> sources = SocketFleet.loopbackSources(options.integer("sources", SocketFleet.defaultSources(sockets)));
        int handshakes = options.integer("handshakes", 256);
        List<Integer> away = new ArrayList<>();
        try (SocketFleet first = new SocketFleet(threads, sources, handshakes)) {
            List<CompletableFuture<SocketFleet.BenchSocket>> opening = new ArrayList<>();
            for (int k = 0; k < sockets; k++) {
                SeqTracker tracker = new SeqTracker();
                trackers[k] = tracker;
                opening.add(first.connect(target.rtmUri(k), user(team, k, users, channels, perChannel).token(),
                        (socket, text) -> receive(text, tracker, resumed, refused)));
                if (!distributed || k % gateways == killed) {
                    away.add(k);
                }
            }
            opening.forEach(f -> f.orTimeout(120, TimeUnit.SECONDS).join());
            post(team, channelIds, perChannel, before, target, -1);
            await(trackers, before, System.nanoTime() + timeoutNanos);
            System.out.printf("reconnect: %,d sockets over %d gateway(s) hold %d messages each; killing %s%n", sockets,
                    gateways, before, distributed ? "gateway " + killed + " (" + away.size() + " clients)" : "the server");
            long killedAt = System.nanoTime();
            double restartSeconds = 0;
            if (distributed) {
                target.killGateway(killed);
            } else {
                // Clients find the server gone; the posts below happen once it is back, before they return.
                target.killAndRestart(() -> { });
                restartSeconds = (System.nanoTime() - killedAt) / 1e9;
            }
            post(team, channelIds, perChannel, during, target, distributed ? killed : -1);
            try (SocketFleet back = new SocketFleet(threads, sources, handshakes)) {
                List<CompletableFuture<SocketFleet.BenchSocket>> returning = new ArrayList<>();
                for (int j = 0; j < away.size(); j++) {
                    int k = away.get(j);
                    SeqTracker tracker = trackers[k];
                    String channel = channelIds.get(channelOf(k, users, perChannel, channels));
                    int gateway = distributed ? killed + 1 + j % (gateways - 1) : 0;
                    returning.add(back.connect(URI.create(target.rtmUri(gateway) + "?resume=1"),
                                    user(team, k, users, channels, perChannel).token(),
                                    (socket, text) -> receive(text, tracker, resumed, refused))
                            .thenApply(socket -> {
                                socket.send("{\"id\":1,\"type\":\"resume\",\"channels\":{\"" + channel + "\":"
                                        + tracker.highest() + "}}");
                                return socket;
                            }));
                }
                returning.forEach(f -> f.orTimeout(120, TimeUnit.SECONDS).join());
                double connectedSeconds = (System.nanoTime() - killedAt) / 1e9;
                boolean caughtUp = await(trackers, before + during, killedAt + timeoutNanos);
                // Back means the resume was answered too; its reply may trail the last replayed message.
                while (resumed.get() + refused.get() < away.size() && System.nanoTime() < killedAt + timeoutNanos) {
                    Pause.millis(10);
                }
                double caughtUpSeconds = (System.nanoTime() - killedAt) / 1e9;
                if (!distributed) {
                    result.put("restart_seconds", restartSeconds);
                }
                result.put("all_reconnected_seconds", connectedSeconds);
                result.put("all_caught_up_seconds", caughtUp ? caughtUpSeconds : -1);
                System.out.printf("reconnect: %s, every client reconnected after %.1f s, caught up after %.1f s%n",
                        distributed ? "gateway " + killed + " killed" : String.format("server back after %.1f s",
                                restartSeconds), connectedSeconds, caughtUpSeconds);
            }
        }
        long lost = 0;
        long duplicates = 0;
        long outOfOrder = 0;
        for (SeqTracker tracker : trackers) {
            lost += tracker.lost(before + during);
            duplicates += tracker.duplicates();
            outOfOrder += tracker.outOfOrder();
        }
        result.put("gateways", gateways);
        result.put("sockets", sockets);
        result.put("reconnected", away.size());
        result.put("resumed", resumed.get());
        result.put("resume_refused", refused.get());
        result.put("lost", lost);
        result.put("duplicates", duplicates);
        result.put("out_of_order", outOfOrder);
    }

    private static int channelOf(int socket, int users, int perChannel, int channels) {
        return Math.min((socket % users) / perChannel, channels - 1);
    }

    private static ParleyApi user(BenchTeam team, int socket, int users, int channels, int perChannel) {
        return team.users().get(channelOf(socket, users, perChannel, channels) * perChannel + (socket % users) % perChannel);
    }

    /** {@code count} posts into every channel by its first member, through any gateway but {@code down}. */
    private static void post(BenchTeam team, List<String> channelIds, int perChannel, int count, Target target, int down) {
        BenchTeam.parallel(channelIds.size(), c -> {
            int gateway = c;
            if (Math.floorMod(gateway, target.gatewayCount()) == down) {
                gateway++;
            }
            ParleyApi poster = team.users().get(c * perChannel).at(target.baseUrl(gateway));
            for (int i = 0; i < count; i++) {
                poster.ok("chat.postMessage", "channel", channelIds.get(c),
                        "text", BenchMessage.text(0, c, System.nanoTime()));
            }
            return c;
        });
    }

    private static void receive(String text, SeqTracker tracker, AtomicLong resumed, AtomicLong refused) {
        if (text.contains("\"reply_to\":1")) {
            (text.contains("\"ok\":true") && !text.contains("\"refused\"") ? resumed : refused).incrementAndGet();
            return;
        }
        BenchMessage message = BenchMessage.read(text);
        if (message != null) {
            tracker.record(message.seq());
        }
    }

    /** Waits until every socket holds {@code count} distinct messages; false at the deadline. */
    private static boolean await(SeqTracker[] trackers, long count, long deadlineNanos) {
        for (SeqTracker tracker : trackers) {
            while (tracker.distinct() < count) {
                if (System.nanoTime() > deadlineNanos) {
                    return false;
                }
                Pause.millis(10);
            }
        }
        return true;
    }

    @Override
    public String summary(ObjectNode result) {
        return String.format("reconnect: %,d clients (%,d of them reconnected) caught up %.1f s after the kill "
                        + "(resumed %d, refused %d); lost %d, duplicates %d, out of order %d", result.path("sockets").asInt(),
                result.path("reconnected").asInt(),
                result.path("all_caught_up_seconds").asDouble(), result.path("resumed").asLong(),
                result.path("resume_refused").asLong(), result.path("lost").asLong(),
                result.path("duplicates").asLong(), result.path("out_of_order").asLong());
    }
}
