package dev.parley.benchmark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code persistence}: many concurrent posters through {@code chat.postMessage}, each posting again as soon as its
 * previous post is acknowledged (an acknowledgement comes only after the durable commit); counts acknowledged posts
 * per second.
 */
final class PersistenceScenario implements Scenario {

    @Override
    public String name() {
        return "persistence";
    }

    @Override
    public void run(Options options, Target target, Report report) {
        int posters = options.integer("posters", 64);
        int channelCount = options.integer("channels", 16);
        long durationNanos = options.seconds("seconds", 20).toNanos();
        BenchTeam team = BenchTeam.create(target, options.integer("users", 8));
        List<String> channels = new ArrayList<>();
        for (int c = 0; c < channelCount; c++) {
            channels.add(team.channel("persist-" + c, 0, team.users().size()));
        }
        Histogram micros = new ConcurrentHistogram(3);
        AtomicLong acknowledged = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        ServerProbe probe = target.probe();
        ServerProbe.Reading before = probe.cpu();
        ServerProbe.Machine machineBefore = ServerProbe.Machine.read();
        long start = System.nanoTime();
        long end = start + durationNanos;
        // A virtual thread per poster: each is a closed loop, so the count is what the server acknowledges.
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int p = 0; p < posters; p++) {
                // Poster p calls through gateway p, whoever its user is.
                ParleyApi poster = team.users().get(p % team.users().size()).at(target.baseUrl(p));
                String channel = channels.get(p % channels.size());
                int n = p;
                // Its own kept-alive connection, as a bot's HTTP client holds one: the generator shares the two cores
                // with the server, so its calls must cost little (a blocking exchange on the virtual thread).
                pool.submit(() -> {
                    try (KeepAliveHttp connection = poster.connection()) {
                        for (long i = 0; System.nanoTime() < end; i++) {
                            long sent = System.nanoTime();
                            try {
                                String answer = poster.call(connection, "chat.postMessage", "channel", channel,
                                        "text", "persist " + n + " " + i);
                                if (answer.contains("\"ok\":true")) {
                                    acknowledged.incrementAndGet();
                                    micros.recordValue((System.nanoTime() - sent) / 1000);
                                } else {
                                    failed.incrementAndGet();
                                }
                            } catch (IOException | RuntimeException e) {
                                failed.incrementAndGet();
                            }
                        }
                    }
                });
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        ServerProbe.Reading after = probe.cpu();
        ServerProbe.Machine machineAfter = ServerProbe.Machine.read();
        ObjectNode result = report.root().putObject("result");
        result.put("seconds", seconds);
        result.put("acknowledged", acknowledged.get());
        result.put("failed", failed.get());
        result.put("acknowledged_per_second", Math.round(acknowledged.get() / seconds));
        result.put("gateways", target.gatewayCount());
        if (after.total().cpuSeconds() >= 0) {
            result.put("server_cpu_cores", (after.total().cpuSeconds() - before.total().cpuSeconds()) / seconds);
            ObjectNode each = result.putObject("server_cpu_cores_by_process");
            after.processes().forEach((name, sample) ->
                    each.put(name, (sample.cpuSeconds() - before.of(name).cpuSeconds()) / seconds));
        }
        machineAfter.putSince(machineBefore, seconds, result);
        Report.latency(result.putObject("ack_latency"), micros);
    }

    @Override
    public String summary(ObjectNode result) {
        return String.format("persistence: %,d posts acknowledged per second (%d failed), ack p50 %s ms, p99 %s ms; "
                        + "server %.2f cores, generator %.2f, machine %.0f%% busy",
                result.path("acknowledged_per_second").asLong(), result.path("failed").asLong(),
                result.path("ack_latency").path("p50_ms").asString(), result.path("ack_latency").path("p99_ms").asString(),
                result.path("server_cpu_cores").asDouble(-1), result.path("generator_cpu_cores").asDouble(-1),
                result.path("machine_cpu_busy").asDouble(-1) * 100);
    }
}
