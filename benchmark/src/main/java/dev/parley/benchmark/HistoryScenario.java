package dev.parley.benchmark;

import dev.parley.common.id.Ts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code history}: {@code conversations.history} pages of {@code --page} messages anywhere in a channel of
 * {@code --messages} (see {@link HistorySeed}): the newest page, the oldest, below a random message ({@code latest}),
 * a window between two random messages ({@code oldest}, {@code latest}, {@code inclusive}) and the page after the
 * previous one ({@code cursor}). A few clients send on a fixed schedule; latency is measured from the intended send
 * time (no coordinated omission). Every page is checked: the messages expected, in order.
 */
final class HistoryScenario implements Scenario {

    static final long TARGET_P99_MICROS = 20_000;
    static final List<String> KINDS = List.of("newest", "oldest", "below_random", "window", "next_cursor");

    @Override
    public String name() {
        return "history";
    }

    /** One request: its arguments and the messages it must answer with (indices top, top-1, … top-count+1). */
    record Page(String kind, List<String> args, int top, int count) {

        int bottom() {
            return top - count + 1;
        }
    }

    /** Picks the next page of one client: a new position in the channel, or the page after its previous one. */
    static Page choose(SplittableRandom random, long[] ts, int size, Page previous, String previousCursor) {
        int n = ts.length;
        if (previous != null && previousCursor != null && !previousCursor.isEmpty() && previous.bottom() >= size
                && random.nextBoolean()) {
            return new Page("next_cursor", List.of("cursor", previousCursor), previous.bottom() - 1, size);
        }
        return switch (random.nextInt(5)) {
            case 0 -> new Page("newest", List.of(), n - 1, size);
            case 1 -> new Page("oldest", List.of("latest", Ts.format(ts[size])), size - 1, size);
            case 2, 3 -> {
                int below = random.nextInt(size, n);
                yield new Page("below_random", List.of("latest", Ts.format(ts[below])), below - 1, size);
            }
            default -> {
                int from = random.nextInt(0, n - size + 1);
                yield new Page("window", List.of("oldest", Ts.format(ts[from]), "latest", Ts.format(ts[from + size - 1]),
                        "inclusive", "true"), from + size - 1, size);
            }
        };
    }

    /** Whether an answer holds exactly the page's messages, newest first, each with the ts it was given. */
    static boolean matches(JsonNode answer, Page page, long[] ts) {
        JsonNode messages = answer.path("messages");
        if (!answer.path("ok").asBoolean() || messages.size() != page.count()) {
            return false;
        }
        for (int k = 0; k < page.count(); k++) {
            JsonNode m = messages.get(k);
            int index = page.top() - k;
            if (HistorySeed.index(m.path("text").asString()) != index
                    || Ts.parse(m.path("ts").asString()).orElse(-1L) != ts[index]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void run(Options options, Target target, Report report) {
        int clients = options.integer("clients", 4);
        double rate = Double.parseDouble(options.string("rate", "100"));
        int size = options.integer("page", 100);
        ParleyApi anonymous = new ParleyApi(ParleyApi.newHttpClient(), target.baseUrl(), null);
        HistorySeed seed = HistorySeed.prepare(options, target);
        if (seed.messages() < 2 * size) {
            throw new IllegalArgumentException("--messages must be at least twice --page");
        }
        List<ParleyApi> readers = seed.signIn(anonymous);
        ObjectNode result = report.root().putObject("result");
        result.put("messages", seed.messages());
        result.put("page", size);
        result.put("seed_reused", seed.reused());
        result.put("seed_seconds", seed.seconds());
        result.put("clients", clients);
        result.put("pages_per_second_asked", rate);

        System.out.printf("history: warming up for %.0f s%n", options.seconds("warmup-seconds", 10).toMillis() / 1000.0);
        Phase warmup = new Phase(KINDS);
        warmup.run(readers, seed, clients, rate, size, options.seconds("warmup-seconds", 10).toNanos());
        ServerProbe probe = target.probe();
        ServerProbe.Sample before = probe.sample().total();
        Phase measured = new Phase(KINDS);
        long start = System.nanoTime();
        measured.run(readers, seed, clients, rate, size, options.seconds("seconds", 30).toNanos());
        double seconds = (System.nanoTime() - start) / 1e9;
        ServerProbe.Sample after = probe.sample().total();

        result.put("seconds", seconds);
        result.put("pages", measured.all.getTotalCount());
        result.put("pages_per_second", Math.round(measured.all.getTotalCount() / seconds));
        result.put("errors", measured.errors.get());
        result.put("wrong_pages", measured.wrong.get());
        Report.latency(result.putObject("latency"), measured.all);
        ObjectNode byKind = result.putObject("latency_by_kind");
        measured.byKind.forEach((kind, h) -> Report.latency(byKind.putObject(kind), h));
        result.put("p99_under_20ms", measured.all.getValueAtPercentile(99) < TARGET_P99_MICROS);
        ObjectNode server = result.putObject("server");
        if (after.cpuSeconds() >= 0) {
            server.put("cpu_cores", (after.cpuSeconds() - before.cpuSeconds()) / seconds);
            server.put("heap_after_gc_bytes", after.heapAfterGcBytes());
            server.put("rss_bytes", after.rssBytes());
        }
        Map<String, Histogram> chart = new LinkedHashMap<>();
        chart.put("all", measured.all);
        measured.byKind.forEach((kind, h) -> {
            if (h.getTotalCount() > 0) {
                chart.put(kind, h);
            }
        });
        Charts.latencyDistribution(report.chart("latency"), "conversations.history page latency by percentile", chart);
    }

    /** One timed stretch of requests: latency overall and by kind, failed calls and wrong pages. */
    private static final class Phase {
        final Histogram all = new ConcurrentHistogram(60_000_000L, 3);
        final Map<String, Histogram> byKind = new LinkedHashMap<>();
        final AtomicLong errors = new AtomicLong();
        final AtomicLong wrong = new AtomicLong();

        Phase(List<String> kinds) {
            kinds.forEach(k -> byKind.put(k, new ConcurrentHistogram(60_000_000L, 3)));
        }

        void run(List<ParleyApi> readers, HistorySeed seed, int clients, double rate, int size, long durationNanos) {
            long startNanos = System.nanoTime() + 50_000_000L;
            long end = startNanos + durationNanos;
            double perClient = rate / clients;
            try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
                for (int c = 0; c < clients; c++) {
                    ParleyApi reader = readers.get(c % readers.size());
                    // Clients take turns: client c sends at c/rate after the start, then every clients/rate.
                    FixedSchedule schedule = new FixedSchedule(startNanos + Math.round(c * 1e9 / rate), perClient);
                    SplittableRandom random = new SplittableRandom(c * 7919L + System.nanoTime());
                    pool.submit(() -> client(reader, seed, size, schedule, end, random));
                }
            }
        }

        private void client(ParleyApi reader, HistorySeed seed, int size, FixedSchedule schedule, long end,
                            SplittableRandom random) {
            Page previous = null;
            String cursor = null;
            for (long i = 0; schedule.intended(i) < end; i++) {
                Page page = choose(random, seed.ts(), size, previous, cursor);
                List<String> args = new ArrayList<>(List.of("channel", seed.channel(), "limit", Integer.toString(size)));
                args.addAll(page.args());
                long intended = schedule.awaitTurn(i);
                String body;
                try {
                    body = reader.async("conversations.history", args.toArray(String[]::new)).join();
                } catch (RuntimeException e) {
                    errors.incrementAndGet();
                    previous = null;
                    continue;
                }
                long micros = Math.max(0, (System.nanoTime() - intended) / 1000);
                JsonNode answer = ParleyApi.JSON.readTree(body);
                all.recordValue(micros);
                byKind.get(page.kind()).recordValue(micros);
                if (!answer.path("ok").asBoolean()) {
                    errors.incrementAndGet();
                } else if (!matches(answer, page, seed.ts())) {
                    wrong.incrementAndGet();
                }
                previous = page;
                cursor = answer.path("response_metadata").path("next_cursor").asString("");
            }
        }
    }

    @Override
    public String summary(ObjectNode result) {
        JsonNode latency = result.path("latency");
        return String.format("history: %,d pages of %d in a channel of %,d messages at %,d pages/s: p50 %s ms, p99 %s ms, "
                        + "p99.9 %s ms; %d errors, %d wrong pages", result.path("pages").asLong(),
                result.path("page").asInt(), result.path("messages").asLong(), result.path("pages_per_second").asLong(),
                latency.path("p50_ms").asString(), latency.path("p99_ms").asString(), latency.path("p999_ms").asString(),
                result.path("errors").asLong(), result.path("wrong_pages").asLong());
    }
}
