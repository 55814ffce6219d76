package dev.parley.benchmark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code capacity}: ramps idle authenticated sockets against one server process in steps, reading its heap after a
 * full GC and its RSS at each, and reports what one idle socket retains.
 */
final class CapacityScenario implements Scenario {

    @Override
    public String name() {
        return "capacity";
    }

    @Override
    public void run(Options options, Target target, Report report) {
        int sockets = options.integer("sockets", 19_000);
        int stepSize = options.integer("step", 2_000);
        ParleyApi api = new ParleyApi(ParleyApi.newHttpClient(), target.baseUrl(), null);
        BenchTeam team = BenchTeam.create(api, options.integer("users", 100));
        ServerProbe probe = target.probe();
        ServerProbe.Sample baseline = probe.sample();
        ObjectNode result = report.root().putObject("result");
        ArrayNode steps = result.putArray("steps");
        add(steps, 0, 0, baseline);
        List<Double> x = new ArrayList<>(List.of(0.0));
        List<Double> heap = new ArrayList<>(List.of(mib(baseline.heapAfterGcBytes())));
        List<Double> rss = new ArrayList<>(List.of(mib(baseline.rssBytes())));
        long failed = 0;
        int open = 0;
        ServerProbe.Sample last = baseline;
        try (SocketFleet fleet = new SocketFleet(target.rtmUri(), options.integer("threads", 2),
                SocketFleet.loopbackSources(options.integer("sources", 4)), options.integer("handshakes", 256))) {
            long rampStart = System.nanoTime();
            while (open < sockets && failed == 0) {
                int count = Math.min(stepSize, sockets - open);
                List<CompletableFuture<SocketFleet.BenchSocket>> opening = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    String token = team.users().get((open + i) % team.users().size()).token();
                    opening.add(fleet.connect(token, (socket, text) -> { }));
                }
                for (CompletableFuture<SocketFleet.BenchSocket> f : opening) {
                    try {
                        f.get(120, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        if (failed++ == 0) {
                            result.put("first_failure", String.valueOf(e.getCause() != null ? e.getCause() : e));
                        }
                    }
                }
                open = fleet.openCount();
                last = probe.sample();
                add(steps, open, failed, last);
                x.add((double) open);
                heap.add(mib(last.heapAfterGcBytes()));
                rss.add(mib(last.rssBytes()));
                System.out.printf("capacity: %,d sockets open, heap after GC %.1f MiB, RSS %.1f MiB%n",
                        open, mib(last.heapAfterGcBytes()), mib(last.rssBytes()));
            }
            result.put("ramp_seconds", (System.nanoTime() - rampStart) / 1e9);
            // Still open after the last reading: sockets that were closed under load would show here.
            result.put("open_at_end", fleet.openCount());
        }
        result.put("sockets_open", open);
        result.put("connect_failures", failed);
        if (open > 0 && last.heapAfterGcBytes() > 0) {
            result.put("retained_heap_bytes_per_socket", (last.heapAfterGcBytes() - baseline.heapAfterGcBytes()) / open);
            result.put("rss_bytes_per_socket", (last.rssBytes() - baseline.rssBytes()) / open);
        }
        Map<String, List<Double>> series = new LinkedHashMap<>();
        series.put("heap after full GC (MiB)", heap);
        series.put("RSS (MiB)", rss);
        Charts.lines(report.chart("heap"), "Server memory against idle sockets", "sockets", "MiB", x, series);
    }

    @Override
    public String summary(ObjectNode result) {
        return String.format("capacity: %,d sockets open (%d failures), %s B retained heap and %s B RSS per socket",
                result.path("sockets_open").asInt(), result.path("connect_failures").asLong(),
                result.path("retained_heap_bytes_per_socket").asString("?"), result.path("rss_bytes_per_socket").asString("?"));
    }

    private static void add(ArrayNode steps, int open, long failed, ServerProbe.Sample sample) {
        ObjectNode step = steps.addObject();
        step.put("sockets", open);
        step.put("failures", failed);
        step.put("heap_after_gc_bytes", sample.heapAfterGcBytes());
        step.put("rss_bytes", sample.rssBytes());
        step.put("cpu_seconds", sample.cpuSeconds());
    }

    private static double mib(long bytes) {
        return bytes / 1024.0 / 1024.0;
    }
}
