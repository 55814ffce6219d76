package dev.parley.benchmark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code fanout}: sockets in channels of {@code --members} users, spread over the gateways round-robin; a sender on a fixed schedule posts over the
 * members' own sockets ({@code message} frames, without waiting for replies) at stepped rates. Every receipt's
 * latency is taken from the intended send time; every socket's {@code seq} numbers count loss, duplicates and
 * reordering.
 */
final class FanoutScenario implements Scenario {

    private static final long TARGET_P99_MICROS = 100_000;

    @Override
    public String name() {
        return "fanout";
    }

    @Override
    public void run(Options options, Target target, Report report) {
        int channels = options.integer("channels", 20);
        int members = options.integer("members", 100);
        int perUser = options.integer("sockets-per-user", 1);
        int[] rates = options.integers("rates", "50,100,200,400,600,800");
        long stepNanos = options.seconds("step-seconds", 10).toNanos();
        long stopMicros = options.integer("stop-p99-ms", 1000) * 1000L;
        System.out.printf("fanout: bootstrapping %,d users in %d channels over %d gateway(s)%n", channels * members,
                channels, target.gatewayCount());
        BenchTeam team = BenchTeam.create(target, channels * members);
        List<String> channelIds = new ArrayList<>();
        for (int c = 0; c < channels; c++) {
            channelIds.add(team.channel("fanout-" + c, c * members, members));
        }
        int perChannel = members * perUser;
        List<Histogram> latency = new ArrayList<>();
        for (int s = 0; s < rates.length; s++) {
            latency.add(new ConcurrentHistogram(60_000_000L, 3));
        }
        AtomicLongArray acknowledged = new AtomicLongArray(channels);
        AtomicLong refused = new AtomicLong();
        SeqTracker[] trackers = new SeqTracker[channels * perChannel];
        List<List<SocketFleet.BenchSocket>> senders = new ArrayList<>();
        ObjectNode result = report.root().putObject("result");
        ArrayNode steps = result.putArray("steps");
        Map<String, Histogram> distribution = new LinkedHashMap<>();
        ServerProbe probe = target.probe();
        try (SocketFleet fleet = new SocketFleet(options.integer("threads", 2),
                SocketFleet.loopbackSources(options.integer("sources", 4)), options.integer("handshakes", 256))) {
            for (int c = 0; c < channels; c++) {
                List<CompletableFuture<SocketFleet.BenchSocket>> opening = new ArrayList<>();
                for (int k = 0; k < perChannel; k++) {
                    SeqTracker tracker = new SeqTracker();
                    trackers[c * perChannel + k] = tracker;
                    // Socket n on gateway n (round-robin): a channel's members sit on every gateway, so each
                    // delivery to a member on another gateway than the sender's crosses pub/sub.
                    opening.add(fleet.connect(target.rtmUri(c * perChannel + k), team.users().get(c * members + k % members).token(),
                            (socket, text) -> receive(text, tracker, latency, acknowledged, refused, channels)));
                }
                senders.add(opening.stream().map(f -> f.orTimeout(120, TimeUnit.SECONDS).join()).toList());
            }
            System.out.printf("fanout: %,d sockets open in %d channels of %d members%n", fleet.openCount(), channels, members);
            double settled = settle(probe, options.seconds("settle-seconds", 60).toMillis(),
                    Double.parseDouble(options.string("settle-cores", "0.2")));
            result.put("settle_seconds", Math.round(settled * 10) / 10.0);
            long frameId = 0;
            long[] before = {0, 0, 0, 0};
            for (int s = 0; s < rates.length; s++) {
                ServerProbe.Reading cpuBefore = probe.cpu();
                long generatorCpuBefore = generatorCpuNanos();
                FixedSchedule schedule = new FixedSchedule(System.nanoTime() + 50_000_000L, rates[s]);
                long sends = schedule.count(stepNanos);
                long stepStart = schedule.intended(0);
                for (long i = 0; i < sends; i++) {
                    long intended = schedule.awaitTurn(i);
                    int c = (int) (i % channels);
                    List<SocketFleet.BenchSocket> channelSockets = senders.get(c);
                    // Everyone in the channel takes turns, so no socket comes near the per-socket frame rate limit.
                    SocketFleet.BenchSocket sender = channelSockets.get((int) ((i / channels) % channelSockets.size()));
                    long id = frameId++ * channels + c;
                    sender.send("{\"id\":" + id + ",\"type\":\"message\",\"channel\":\"" + channelIds.get(c)
                            + "\",\"text\":\"" + BenchMessage.text(s, c, intended) + "\"}");
                }
                double sendSeconds = (System.nanoTime() - stepStart) / 1e9;
                Pause.of(options.seconds("drain-seconds", 3));
                ServerProbe.Reading cpuAfter = probe.cpu();
                long[] totals = totals(trackers, acknowledged, perChannel);
                Histogram h = latency.get(s);
                ObjectNode step = steps.addObject();
                step.put("messages_per_second", rates[s]);
                step.put("messages_sent", sends);
                step.put("deliveries_per_second", Math.round(h.getTotalCount() / (stepNanos / 1e9)));
                step.put("send_seconds", sendSeconds);
                Report.latency(step, h);
                step.put("lost", totals[0] - before[0]);
                step.put("duplicates", totals[1] - before[1]);
                step.put("out_of_order", totals[2] - before[2]);
                step.put("refused_sends", refused.get() - before[3]);
                if (cpuAfter.total().cpuSeconds() >= 0) {
                    step.put("server_cpu_seconds", cpuAfter.total().cpuSeconds() - cpuBefore.total().cpuSeconds());
                    ObjectNode each = step.putObject("server_cpu_seconds_by_process");
                    cpuAfter.processes().forEach((name, sample) ->
                            each.put(name, sample.cpuSeconds() - cpuBefore.of(name).cpuSeconds()));
                }
                // The generator shares the machine with the server: its CPU says how much of the box the server had.
                step.put("generator_cpu_seconds", (generatorCpuNanos() - generatorCpuBefore) / 1e9);
                before = new long[] {totals[0], totals[1], totals[2], refused.get()};
                distribution.put(rates[s] + " msg/s", h);
                System.out.printf("fanout: %,d msg/s → %,d deliveries/s: p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms; "
                                + "lost %d, dup %d, reordered %d%n", rates[s], step.path("deliveries_per_second").asLong(),
                        step.path("p50_ms").asDouble(), step.path("p99_ms").asDouble(), step.path("p999_ms").asDouble(),
                        step.path("lost").asLong(), step.path("duplicates").asLong(), step.path("out_of_order").asLong());
                if (h.getValueAtPercentile(99) > stopMicros) {
                    result.put("stopped", "p99 above " + stopMicros / 1000 + " ms at " + rates[s] + " msg/s");
                    break;
                }
            }
            result.put("sockets", fleet.openCount());
        }
        result.put("gateways", target.gatewayCount());
        result.put("channels", channels);
        result.put("members", members);
        long[] totals = totals(trackers, acknowledged, perChannel);
        result.put("lost", totals[0]);
        result.put("duplicates", totals[1]);
        result.put("out_of_order", totals[2]);
        result.put("refused_sends", refused.get());
        long best = 0;
        for (var step : steps) {
            if (step.path("p99_ms").asDouble() < TARGET_P99_MICROS / 1000.0 && step.path("lost").asLong() == 0
                    && step.path("duplicates").asLong() == 0 && step.path("out_of_order").asLong() == 0) {
                best = Math.max(best, step.path("deliveries_per_second").asLong());
            }
        }
        result.put("best_deliveries_per_second_p99_under_100ms", best);
        charts(report, steps, distribution);
    }

    /** One received frame: a benchmark message (latency, seq), a reply to a send (acknowledged or refused), or other. */
    static void receive(String text, SeqTracker tracker, List<Histogram> latency, AtomicLongArray acknowledged,
                        AtomicLong refused, int channels) {
        long now = System.nanoTime();
        if (text.contains("\"reply_to\"")) {
            if (text.contains("\"ok\":true")) {
                int at = text.indexOf("\"reply_to\":") + 11;
                int end = at;
                while (end < text.length() && Character.isDigit(text.charAt(end))) {
                    end++;
                }
                acknowledged.incrementAndGet((int) (Long.parseLong(text, at, end, 10) % channels));
            } else if (text.contains("\"ok\":false")) {
                refused.incrementAndGet();
            }
            return;
        }
        BenchMessage message = BenchMessage.read(text);
        if (message != null && tracker.record(message.seq())) {
            latency.get(message.step()).recordValue(Math.max(0, (now - message.intendedNanos()) / 1000));
        }
    }

    /**
     * Waits until the target's processes have finished with the sockets' arrival (presence, subscriptions) before the
     * first step, so the steps measure fan-out rather than the ramp's aftermath: until they use less than
     * {@code quietCores} over two seconds in a row, or {@code maxMillis} have passed. A target without processes to
     * read is not waited for. Returns the seconds waited.
     */
    static double settle(ServerProbe probe, long maxMillis, double quietCores) {
        long start = System.nanoTime();
        double last = probe.cpu().total().cpuSeconds();
        if (last < 0) {
            return 0;
        }
        int quiet = 0;
        while (quiet < 2 && System.nanoTime() - start < maxMillis * 1_000_000L) {
            Pause.millis(1000);
            double now = probe.cpu().total().cpuSeconds();
            quiet = now - last < quietCores ? quiet + 1 : 0;
            last = now;
        }
        double waited = (System.nanoTime() - start) / 1e9;
        System.out.printf("fanout: the target settled after %.1f s (%s)%n", waited,
                quiet >= 2 ? "under " + quietCores + " cores" : "still busy at the limit");
        return waited;
    }

    private static long generatorCpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
    }

    private static long[] totals(SeqTracker[] trackers, AtomicLongArray acknowledged, int perChannel) {
        long lost = 0;
        long duplicates = 0;
        long outOfOrder = 0;
        for (int i = 0; i < trackers.length; i++) {
            lost += trackers[i].lost(acknowledged.get(i / perChannel));
            duplicates += trackers[i].duplicates();
            outOfOrder += trackers[i].outOfOrder();
        }
        return new long[] {lost, duplicates, outOfOrder};
    }

    private static void charts(Report report, ArrayNode steps, Map<String, Histogram> distribution) {
        Charts.latencyDistribution(report.chart("latency"), distribution);
        List<Double> load = new ArrayList<>();
        Map<String, List<Double>> series = new LinkedHashMap<>();
        for (String p : List.of("p50_ms", "p99_ms", "p999_ms")) {
            series.put(p.replace("_ms", ""), new ArrayList<>());
        }
        for (var step : steps) {
            load.add(step.path("deliveries_per_second").asDouble());
            for (String p : List.of("p50_ms", "p99_ms", "p999_ms")) {
                series.get(p.replace("_ms", "")).add(step.path(p).asDouble());
            }
        }
        Charts.lines(report.chart("load"), "Delivery latency against load", "deliveries per second", "latency (ms)",
                load, series);
    }

    @Override
    public String summary(ObjectNode result) {
        return String.format("fanout: %,d sockets; best %,d deliveries/s with p99 < 100 ms; lost %d, duplicates %d, "
                        + "out of order %d", result.path("sockets").asInt(),
                result.path("best_deliveries_per_second_p99_under_100ms").asLong(), result.path("lost").asLong(),
                result.path("duplicates").asLong(), result.path("out_of_order").asLong());
    }
}
