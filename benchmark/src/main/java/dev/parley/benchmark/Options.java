package dev.parley.benchmark;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code --name=value} options of one benchmark run, with typed getters and defaults. */
public final class Options {

    private final Map<String, String> values;

    private Options(Map<String, String> values) {
        this.values = values;
    }

    public static Options parse(List<String> args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("expected --name=value, got " + arg);
            }
            int eq = arg.indexOf('=');
            values.put(eq < 0 ? arg.substring(2) : arg.substring(2, eq), eq < 0 ? "true" : arg.substring(eq + 1));
        }
        return new Options(values);
    }

    public static Options of(String... args) {
        return parse(List.of(args));
    }

    /** These options with one more set (or replaced). */
    public Options with(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(values);
        more.put(name, value);
        return new Options(more);
    }

    public String string(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public int integer(String name, int fallback) {
        return values.containsKey(name) ? Integer.parseInt(values.get(name)) : fallback;
    }

    public Duration seconds(String name, double fallback) {
        double seconds = values.containsKey(name) ? Double.parseDouble(values.get(name)) : fallback;
        return Duration.ofMillis(Math.round(seconds * 1000));
    }

    public int[] integers(String name, String fallback) {
        return Arrays.stream(string(name, fallback).split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
    }

    public Path path(String name, String fallback) {
        return Path.of(string(name, fallback));
    }

    /** What was asked, for the result file: a run is reproducible from it. */
    public Map<String, String> asMap() {
        return Map.copyOf(values);
    }
}
