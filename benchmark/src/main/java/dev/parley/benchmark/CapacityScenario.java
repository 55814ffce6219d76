package dev.parley.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code capacity}: ramps idle authenticated sockets against the target in steps, spread over its gateways
 * round-robin, reading every process's heap after a full GC and RSS at each step, and reports what one idle socket
 * retains in each gateway. Past one process's open-file limit the sockets are held by several generator processes.
 */
final class CapacityScenario implements Scenario {

    /** Sockets one generator process holds at most by default: below the 20,000 open files a process may have. */
    static final int SOCKETS_PER_GENERATOR = 18_000;

    @Override
    public String name() {
        return "capacity";
    }

    @Override
    public void run(Options options, Target target, Report report) {
        int sockets = options.integer("sockets", 19_000);
        int stepSize = options.integer("step", 2_000);
        int generators = options.integer("generator-processes",
                Math.max(1, (sockets + SOCKETS_PER_GENERATOR - 1) / SOCKETS_PER_GENERATOR));
        BenchTeam team = BenchTeam.create(target, options.integer("users", 100));
        ServerProbe probe = target.probe();
        ServerProbe.Reading baseline = probe.sample();
        ObjectNode result = report.root().putObject("result");
        result.put("gateways", target.gatewayCount());
        result.put("generator_processes", generators);
        ArrayNode steps = result.putArray("steps");
        add(steps, 0, 0, new int[target.gatewayCount()], baseline);
        List<Double> x = new ArrayList<>(List.of(0.0));
        Map<String, List<Double>> series = new LinkedHashMap<>();
        series.put("heap after full GC, all processes (MiB)", new ArrayList<>(List.of(mib(baseline.total().heapAfterGcBytes()))));
        series.put("RSS, all processes (MiB)", new ArrayList<>(List.of(mib(baseline.total().rssBytes()))));
        List<URI> gateways = IntStream.range(0, target.gatewayCount()).mapToObj(target::rtmUri).toList();
        List<String> tokens = team.users().stream().map(ParleyApi::token).toList();
        int sources = options.integer("sources", SocketFleet.defaultSources(sockets));
        GeneratorFleet.Opened opened = new GeneratorFleet.Opened(0, 0, new int[target.gatewayCount()], null);
        ServerProbe.Reading last = baseline;
        try (GeneratorFleet fleet = GeneratorFleet.start(generators, gateways, tokens, options.integer("threads", 2),
                SocketFleet.loopbackSources(sources), options.integer("handshakes", 256),
                options.string("generator-java-opts", "-Xmx768m"), logDirectory())) {
            long rampStart = System.nanoTime();
            int attempted = 0;
            while (attempted < sockets && opened.failures() == 0) {
                int count = Math.min(stepSize, sockets - attempted);
                opened = fleet.open(attempted, count);
                attempted += count;
                last = probe.sample();
                add(steps, opened.open(), opened.failures(), opened.perGateway(), last);
                x.add((double) opened.open());
                series.get("heap after full GC, all processes (MiB)").add(mib(last.total().heapAfterGcBytes()));
                series.get("RSS, all processes (MiB)").add(mib(last.total().rssBytes()));
                System.out.printf("capacity: %,d sockets open over %d gateways (%d failures), heap after GC %.1f MiB, "
                                + "RSS %.1f MiB (all processes)%n", opened.open(), target.gatewayCount(), opened.failures(),
                        mib(last.total().heapAfterGcBytes()), mib(last.total().rssBytes()));
            }
            result.put("ramp_seconds", (System.nanoTime() - rampStart) / 1e9);
            // Still open after the last reading: sockets that were closed under load would show here.
            result.put("open_at_end", fleet.open(attempted, 0).open());
            if (opened.firstFailure() != null) {
                result.put("first_failure", opened.firstFailure());
            }
        }
        result.put("sockets_open", opened.open());
        result.put("connect_failures", opened.failures());
        perSocket(result, opened.open(), baseline.total(), last.total());
        ObjectNode perGateway = result.putObject("per_gateway");
        List<String> names = target.gatewayNames().isEmpty() ? List.copyOf(baseline.processes().keySet())
                : target.gatewayNames();
        for (int g = 0; g < target.gatewayCount() && g < names.size(); g++) {
            ObjectNode one = perGateway.putObject(names.get(g));
            one.put("sockets", opened.perGateway()[g]);
            one.put("heap_after_gc_bytes", last.of(names.get(g)).heapAfterGcBytes());
            one.put("rss_bytes", last.of(names.get(g)).rssBytes());
            perSocket(one, opened.perGateway()[g], baseline.of(names.get(g)), last.of(names.get(g)));
        }
        Charts.lines(report.chart("heap"), "Memory of the target against idle sockets", "sockets", "MiB", x, series);
    }

    private static void perSocket(ObjectNode into, int sockets, ServerProbe.Sample before, ServerProbe.Sample after) {
        if (sockets > 0 && after.heapAfterGcBytes() > 0 && before.heapAfterGcBytes() > 0) {
            into.put("retained_heap_bytes_per_socket", (after.heapAfterGcBytes() - before.heapAfterGcBytes()) / sockets);
        }
        if (sockets > 0 && after.rssBytes() > 0 && before.rssBytes() > 0) {
            into.put("rss_bytes_per_socket", (after.rssBytes() - before.rssBytes()) / sockets);
        }
    }

    private static Path logDirectory() {
        try {
            return Files.createTempDirectory("parley-bench-generators-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String summary(ObjectNode result) {
        StringBuilder line = new StringBuilder(String.format(
                "capacity: %,d sockets open over %d gateway(s) (%d failures), %s B retained heap and %s B RSS per socket "
                        + "(all processes)",
                result.path("sockets_open").asInt(), result.path("gateways").asInt(), result.path("connect_failures").asLong(),
                result.path("retained_heap_bytes_per_socket").asString("?"), result.path("rss_bytes_per_socket").asString("?")));
        if (result.path("gateways").asInt() > 1) {
            result.path("per_gateway").properties().forEach(e -> line.append(String.format("%n  %s: %,d sockets, %s B heap"
                            + " and %s B RSS per socket", e.getKey(), e.getValue().path("sockets").asInt(),
                    e.getValue().path("retained_heap_bytes_per_socket").asString("?"),
                    e.getValue().path("rss_bytes_per_socket").asString("?"))));
        }
        return line.toString();
    }

    private static void add(ArrayNode steps, int open, long failed, int[] perGateway, ServerProbe.Reading reading) {
        ObjectNode step = steps.addObject();
        step.put("sockets", open);
        step.put("failures", failed);
        ArrayNode gateways = step.putArray("sockets_per_gateway");
        for (int n : perGateway) {
            gateways.add(n);
        }
        reading.put(step);
    }

    private static double mib(long bytes) {
        return bytes / 1024.0 / 1024.0;
    }
}
