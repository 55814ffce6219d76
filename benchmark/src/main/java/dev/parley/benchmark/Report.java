package dev.parley.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.node.ObjectNode;

/** One run's result: the JSON file (what was asked, on what machine, what was measured) and where its charts go. */
public final class Report {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final ObjectNode root = ParleyApi.JSON.createObjectNode();
    private final Path json;

    public Report(String scenario, Options options) {
        Instant now = Instant.now();
        this.json = options.has("out") ? options.path("out", "")
                : Path.of(options.string("results", "benchmark/results"), scenario + "-" + STAMP.format(now) + ".json");
        try {
            // Charts are written beside the JSON before it, so the directory must exist from the start.
            Files.createDirectories(json.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        root.put("scenario", scenario);
        root.put("date", now.toString());
        ObjectNode machine = root.putObject("machine");
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("memory_gib", Math.round(memoryKib() / 1024.0 / 1024.0));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        machine.put("java", System.getProperty("java.version"));
        ObjectNode asked = root.putObject("options");
        options.asMap().forEach(asked::put);
    }

    public ObjectNode root() {
        return root;
    }

    /** A chart file beside the JSON: {@code <stem>-<name>.png}. */
    public Path chart(String name) {
        String stem = json.getFileName().toString().replaceFirst("\\.json$", "");
        return json.resolveSibling(stem + "-" + name + ".png");
    }

    public Path write() {
        try {
            Files.createDirectories(json.toAbsolutePath().getParent());
            Files.writeString(json, ParleyApi.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
            return json;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** p50/p99/p99.9/max of a histogram recorded in microseconds, in milliseconds. */
    public static void latency(ObjectNode into, Histogram micros) {
        into.put("count", micros.getTotalCount());
        into.put("p50_ms", ms(micros.getValueAtPercentile(50)));
        into.put("p99_ms", ms(micros.getValueAtPercentile(99)));
        into.put("p999_ms", ms(micros.getValueAtPercentile(99.9)));
        into.put("max_ms", ms(micros.getMaxValue()));
    }

    static double ms(long micros) {
        return Math.round(micros / 10.0) / 100.0;
    }

    private static long memoryKib() {
        try {
            String meminfo = Files.readString(Path.of("/proc/meminfo"));
            return Long.parseLong(meminfo.lines().filter(l -> l.startsWith("MemTotal:")).findFirst().orElse("MemTotal: 0 kB")
                    .replaceAll("\\D", ""));
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
