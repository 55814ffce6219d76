package dev.parley.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code search}: {@code search.messages} latency on a workspace of {@code --messages} (see {@link SearchSeed}), and the
 * index lag while people post.
 * <ol>
 *   <li>Queries: a mix of one common word, a rare word, two words, a phrase, a prefix, a typo, {@code from:},
 *   {@code in:}, {@code has:link} and {@code sort=timestamp}, by a member who reads the public channels and half the
 *   private ones, sent on a fixed schedule without waiting for answers at each of {@code --rates} queries per second;
 *   latency from the intended send time (no coordinated omission) into HdrHistogram, overall and by kind. A query
 *   whose expected matches (from the corpus' word frequencies) are at least 10 must not come back empty.</li>
 *   <li>Index lag: {@code chat.postMessage} at each of {@code --post-rates} posts per second over the public channels;
 *   a share of the posts ({@code --probe-rate} per second) go to a probe channel, which one poller searches every
 *   {@code --poll-ms}: a probe's lag is the time from its post's acknowledgement to the first search that finds it.
 *   The server's own lag histogram ({@code GET /internal/search/lag}) is read after each step. Meanwhile
 *   {@code --sockets-per-user} sockets of every user are connected, so each post is delivered to users × that many
 *   sockets (100 with the defaults: the fan-out scenario's channels of 100 members).</li>
 * </ol>
 */
final class SearchScenario implements Scenario {

    static final long TARGET_LAG_P99_MILLIS = 2_000;
    static final List<String> KINDS = List.of("common_word", "rare_word", "two_words", "phrase", "prefix", "typo",
            "from", "in_channel", "has_link", "sort_timestamp");
    /** Below this many expected matches an empty answer is possible by chance, so it is not counted as wrong. */
    static final double MUST_MATCH = 10;
    private static final long HIGHEST = TimeUnit.MINUTES.toMicros(5);

    @Override
    public String name() {
        return "search";
    }

    /** One search: its kind, its {@code search.messages} arguments and how many messages it should match. */
    record Query(String kind, List<String> args, double expected) {
    }

    /** The query mix: each kind in turn, its words drawn from the corpus at random. */
    static final class Mix {
        private final SearchCorpus corpus;
        private final SearchSeed seed;
        private final long visible;
        private final int rarest;
        private int next;

        Mix(SearchCorpus corpus, SearchSeed seed) {
            this.corpus = corpus;
            this.seed = seed;
            this.visible = seed.visibleMessages();
            this.rarest = corpus.rarestRank(visible, 30);
        }

        Query next(SplittableRandom random) {
            String kind = KINDS.get(next++ % KINDS.size());
            int common = SearchCorpus.STOPWORDS + random.nextInt(60);
            String word = corpus.word(common);
            double expected = visible * corpus.messageShare(common);
            return switch (kind) {
                case "common_word" -> query(kind, expected, word);
                case "rare_word" -> {
                    int rank = Math.max(SearchCorpus.STOPWORDS, rarest - random.nextInt(Math.max(1, rarest / 2)));
                    yield query(kind, visible * corpus.messageShare(rank), corpus.word(rank));
                }
                case "two_words" -> {
                    int other = SearchCorpus.STOPWORDS + random.nextInt(60);
                    yield query(kind, expected * corpus.messageShare(other), word + " " + corpus.word(other));
                }
                case "phrase" -> query(kind, visible * SearchCorpus.PHRASE_SHARE / SearchCorpus.PHRASES.size(),
                        "\"" + SearchCorpus.PHRASES.get(random.nextInt(SearchCorpus.PHRASES.size())) + "\"");
                case "prefix" -> {
                    String longWord = longWord(random);
                    yield query(kind, visible * corpus.messageShare(SearchCorpus.WORDS.indexOf(longWord)),
                            longWord.substring(0, 4) + "*");
                }
                case "typo" -> {
                    String longWord = longWord(random);
                    yield query(kind, visible * corpus.messageShare(SearchCorpus.WORDS.indexOf(longWord)),
                            SearchCorpus.typo(longWord, random));
                }
                case "from" -> {
                    int author = random.nextInt(seed.users());
                    yield query(kind, seed.byAuthor()[author] * corpus.messageShare(common),
                            "from:@" + seed.userNames().get(author) + " " + word);
                }
                case "in_channel" -> {
                    List<SearchSeed.Channel> channels = seed.publicChannels();
                    SearchSeed.Channel channel = channels.get(random.nextInt(channels.size()));
                    yield query(kind, channel.messages() * corpus.messageShare(common),
                            "in:#" + channel.name() + " " + word);
                }
                case "has_link" -> query(kind, expected * SearchCorpus.LINK_SHARE, "has:link " + word);
                default -> new Query(kind, List.of("query", word, "sort", "timestamp", "sort_dir", "desc"), expected);
            };
        }

        private String longWord(SplittableRandom random) {
            while (true) {
                String w = corpus.word(SearchCorpus.STOPWORDS + random.nextInt(100));
                if (w.length() >= 6 && w.chars().allMatch(Character::isLetter)) {
                    return w;
                }
            }
        }

        private static Query query(String kind, double expected, String query) {
            return new Query(kind, List.of("query", query), expected);
        }
    }

    /** One rate of queries: latency overall and by kind, failed calls and answers empty where they must not be. */
    static final class QueryStep {
        final Histogram all = new ConcurrentHistogram(HIGHEST, 3);
        final Map<String, Histogram> byKind = new LinkedHashMap<>();
        final AtomicLong errors = new AtomicLong();
        final AtomicLong unexpectedEmpty = new AtomicLong();
        final Map<String, AtomicLong> emptyByKind = new ConcurrentHashMap<>();
        final AtomicLong matchesTotal = new AtomicLong();
        volatile String lastError = "";

        QueryStep() {
            KINDS.forEach(k -> byKind.put(k, new ConcurrentHistogram(HIGHEST, 3)));
        }

        /** Sends at {@code rate} per second for {@code nanos}, open loop, and waits for the answers. */
        void run(ParleyApi searcher, Mix mix, double rate, long nanos, SplittableRandom random) {
            FixedSchedule schedule = new FixedSchedule(System.nanoTime() + 20_000_000L, rate);
            long count = schedule.count(nanos);
            List<CompletableFuture<Void>> pending = new ArrayList<>();
            for (long i = 0; i < count; i++) {
                Query q = mix.next(random);
                List<String> args = new ArrayList<>(q.args());
                args.addAll(List.of("count", "20"));
                long intended = schedule.awaitTurn(i);
                pending.add(searcher.async("search.messages", args.toArray(String[]::new))
                        .handle((body, failure) -> {
                            long micros = Math.max(0, (System.nanoTime() - intended) / 1000);
                            all.recordValue(Math.min(micros, HIGHEST));
                            byKind.get(q.kind()).recordValue(Math.min(micros, HIGHEST));
                            check(q, body, failure);
                            return null;
                        }));
            }
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).orTimeout(5, TimeUnit.MINUTES).join();
        }

        private void check(Query q, String body, Throwable failure) {
            JsonNode answer = failure == null ? ParleyApi.JSON.readTree(body) : null;
            if (answer == null || !answer.path("ok").asBoolean()) {
                errors.incrementAndGet();
                lastError = q.args() + " -> " + (failure != null ? failure.toString() : body);
                return;
            }
            long total = answer.path("messages").path("total").asLong();
            matchesTotal.addAndGet(total);
            if (total == 0 && q.expected() >= MUST_MATCH) {
                unexpectedEmpty.incrementAndGet();
                emptyByKind.computeIfAbsent(q.kind(), k -> new AtomicLong()).incrementAndGet();
                lastError = q.args() + " found nothing, expected about " + Math.round(q.expected());
            }
        }
    }

    @Override
    public void run(Options options, Target target, Report report) {
        SearchCorpus corpus = new SearchCorpus();
        SearchSeed seed = SearchSeed.prepare(options, target, corpus);
        List<ParleyApi> users = seed.signIn(target);
        ParleyApi searcher = users.get(SearchSeed.SEARCHER);
        ObjectNode result = report.root().putObject("result");
        result.put("messages", seed.messages());
        result.put("visible_to_searcher", seed.visibleMessages());
        result.put("users", seed.users());
        result.put("public_channels", seed.publicChannels().size());
        result.put("private_channels", seed.channels().size() - seed.publicChannels().size());
        result.put("seed_reused", seed.reused());
        result.put("seed_seconds", seed.seedSeconds());
        result.put("bulk_load_seconds", seed.loadSeconds());
        result.put("reindex_seconds", seed.reindexSeconds());
        result.put("reindex_messages_per_second", seed.reindexSeconds() > 0
                ? Math.round(seed.messages() / seed.reindexSeconds()) : 0);
        result.set("reindex", seed.reindexAnswer());
        queries(options, target, seed, corpus, searcher, result, report);
        lag(options, target, seed, corpus, users, result, report);
    }

    private void queries(Options options, Target target, SearchSeed seed, SearchCorpus corpus, ParleyApi searcher,
                         ObjectNode result, Report report) {
        Mix mix = new Mix(corpus, seed);
        SplittableRandom random = new SplittableRandom(7);
        int[] rates = options.integers("rates", "10,20,50,100");
        long stepNanos = options.seconds("step-seconds", 20).toNanos();
        double stopP99 = Double.parseDouble(options.string("stop-p99-ms", "2000"));
        Duration warmup = options.seconds("warmup-seconds", 10);
        System.out.printf("search: warming up for %d s at %d queries/s%n", warmup.toSeconds(), rates[0]);
        new QueryStep().run(searcher, mix, rates[0], warmup.toNanos(), random);
        ServerProbe probe = target.probe();
        ArrayNode steps = result.putArray("query_steps");
        Map<String, Histogram> chart = new LinkedHashMap<>();
        List<Double> x = new ArrayList<>();
        Map<String, List<Double>> lines = new LinkedHashMap<>();
        lines.put("p50", new ArrayList<>());
        lines.put("p99", new ArrayList<>());
        lines.put("p99.9", new ArrayList<>());
        for (int rate : rates) {
            QueryStep step = new QueryStep();
            ServerProbe.Sample before = probe.sample().total();
            long start = System.nanoTime();
            step.run(searcher, mix, rate, stepNanos, random);
            double seconds = (System.nanoTime() - start) / 1e9;
            ServerProbe.Sample after = probe.sample().total();
            ObjectNode s = steps.addObject();
            s.put("queries_per_second_asked", rate);
            s.put("queries", step.all.getTotalCount());
            s.put("seconds", seconds);
            Report.latency(s.putObject("latency"), step.all);
            ObjectNode byKind = s.putObject("latency_by_kind");
            step.byKind.forEach((kind, h) -> Report.latency(byKind.putObject(kind), h));
            s.put("errors", step.errors.get());
            s.put("unexpected_empty", step.unexpectedEmpty.get());
            ObjectNode empties = s.putObject("unexpected_empty_by_kind");
            step.emptyByKind.forEach((k, n) -> empties.put(k, n.get()));
            s.put("mean_total_matches", step.all.getTotalCount() == 0 ? 0
                    : step.matchesTotal.get() / step.all.getTotalCount());
            if (!step.lastError.isEmpty()) {
                s.put("last_problem", step.lastError);
            }
            if (after.cpuSeconds() >= 0) {
                s.put("server_cpu_cores", (after.cpuSeconds() - before.cpuSeconds()) / seconds);
                s.put("server_heap_after_gc_bytes", after.heapAfterGcBytes());
                s.put("server_rss_bytes", after.rssBytes());
            }
            System.out.printf("search: %d queries/s: p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms; %d errors, %d empty%n",
                    rate, step.all.getValueAtPercentile(50) / 1000.0, step.all.getValueAtPercentile(99) / 1000.0,
                    step.all.getValueAtPercentile(99.9) / 1000.0, step.errors.get(), step.unexpectedEmpty.get());
            chart.put(rate + " queries/s", step.all);
            x.add((double) rate);
            lines.get("p50").add(step.all.getValueAtPercentile(50) / 1000.0);
            lines.get("p99").add(step.all.getValueAtPercentile(99) / 1000.0);
            lines.get("p99.9").add(step.all.getValueAtPercentile(99.9) / 1000.0);
            if (rate == rates[0]) {
                Map<String, Histogram> kinds = new LinkedHashMap<>(step.byKind);
                Charts.latencyDistribution(report.chart("latency-by-kind"),
                        "search.messages latency by kind of query at " + rate + " queries/s", kinds);
            }
            if (step.all.getValueAtPercentile(99) / 1000.0 > stopP99) {
                System.out.printf("search: p99 passed %.0f ms, stopping%n", stopP99);
                break;
            }
        }
        Charts.latencyDistribution(report.chart("latency"), "search.messages latency by percentile", chart);
        Charts.lines(report.chart("latency-vs-rate"), "search.messages latency against load", "queries per second",
                "latency (ms)", x, lines);
    }

    private void lag(Options options, Target target, SearchSeed seed, SearchCorpus corpus, List<ParleyApi> users,
                     ObjectNode result, Report report) {
        int[] rates = options.integers("post-rates", "100,400");
        ParleyApi searcher = users.get(SearchSeed.SEARCHER);
        String probeName = "lag-" + UUID.randomUUID().toString().substring(0, 8);
        String probeChannel = searcher.ok("conversations.create", "name", probeName).path("channel").path("id")
                .asString();
        BenchTeam.parallel(users.size(), u -> u == SearchSeed.SEARCHER ? null
                : users.get(u).ok("conversations.join", "channel", probeChannel));
        List<SearchSeed.Channel> channels = seed.publicChannels();
        ArrayNode steps = result.putArray("lag_steps");
        Map<String, Histogram> chart = new LinkedHashMap<>();
        ServerProbe probe = target.probe();
        int socketsPerUser = options.integer("sockets-per-user", 5);
        AtomicLong deliveries = new AtomicLong();
        try (SocketFleet fleet = new SocketFleet(options.integer("threads", 2),
                SocketFleet.loopbackSources(options.integer("sources", 4)), options.integer("handshakes", 256))) {
            // Every user is in every public channel and the probe channel: each post reaches users × sockets-per-user
            // sockets, as a post to a channel of 100 members does in the fan-out scenario with the defaults.
            List<CompletableFuture<SocketFleet.BenchSocket>> opening = new ArrayList<>();
            for (int n = 0; n < users.size() * socketsPerUser; n++) {
                opening.add(fleet.connect(target.rtmUri(n), users.get(n % users.size()).token(), (socket, text) -> {
                    if (text.contains("\"type\":\"message\"")) {
                        deliveries.incrementAndGet();
                    }
                }));
            }
            opening.forEach(f -> f.orTimeout(120, TimeUnit.SECONDS).join());
            result.put("sockets", fleet.openCount());
            System.out.printf("search: %d sockets open; posting%n", fleet.openCount());
            lagSteps(options, target, corpus, users, rates, probeName, probeChannel, channels, steps, chart, probe,
                    deliveries);
        }
        Charts.latencyDistribution(report.chart("index-lag"), "Index lag (post acknowledged → found by search) by "
                + "percentile", chart);
    }

    private void lagSteps(Options options, Target target, SearchCorpus corpus, List<ParleyApi> users, int[] rates,
                          String probeName, String probeChannel, List<SearchSeed.Channel> channels, ArrayNode steps,
                          Map<String, Histogram> chart, ServerProbe probe, AtomicLong deliveries) {
        double probeRate = Double.parseDouble(options.string("probe-rate", "5"));
        long stepNanos = options.seconds("post-seconds", 30).toNanos();
        long pollMillis = options.integer("poll-ms", 50);
        ParleyApi searcher = users.get(SearchSeed.SEARCHER);
        List<String> userIds = new ArrayList<>();
        int probeNumber = 0;
        for (int rate : rates) {
            long deliveredBefore = deliveries.get();
            Histogram lag = new ConcurrentHistogram(HIGHEST, 3);
            Histogram fromIntended = new ConcurrentHistogram(HIGHEST, 3);
            Histogram postLatency = new ConcurrentHistogram(HIGHEST, 3);
            AtomicLong postErrors = new AtomicLong();
            // probe number → nanoTime of its acknowledgement, then removed when found.
            Map<Integer, AtomicLongArray> outstanding = new ConcurrentHashMap<>();
            AtomicLong found = new AtomicLong();
            AtomicBoolean polling = new AtomicBoolean(true);
            Thread poller = Thread.ofPlatform().name("lag-poller").start(() -> {
                while (polling.get()) {
                    long asked = System.nanoTime();
                    try {
                        JsonNode answer = ParleyApi.JSON.readTree(searcher.async("search.messages", "query",
                                "in:#" + probeName, "sort", "timestamp", "count", "100").join());
                        long now = System.nanoTime();
                        for (JsonNode m : answer.path("messages").path("matches")) {
                            String[] words = m.path("text").asString().split(" ");
                            if (words.length > 1 && words[0].equals("lagprobe")) {
                                AtomicLongArray times = outstanding.remove(Integer.parseInt(words[1]));
                                if (times != null && times.get(1) > 0) {
                                    lag.recordValue(Math.min(HIGHEST, Math.max(0, (now - times.get(1)) / 1000)));
                                    fromIntended.recordValue(Math.min(HIGHEST, Math.max(0, (now - times.get(0)) / 1000)));
                                    found.incrementAndGet();
                                } else if (times != null) {
                                    // Found before its acknowledgement was read: put it back for the next poll.
                                    outstanding.put(Integer.parseInt(words[1]), times);
                                }
                            }
                        }
                    } catch (RuntimeException e) {
                        // A failed poll only delays the probes it would have found.
                    }
                    Pause.millis(Math.max(0, pollMillis - (System.nanoTime() - asked) / 1_000_000));
                }
            });
            int every = Math.max(1, (int) Math.round(rate / probeRate));
            FixedSchedule schedule = new FixedSchedule(System.nanoTime() + 20_000_000L, rate);
            long count = schedule.count(stepNanos);
            SplittableRandom random = new SplittableRandom(rate);
            List<CompletableFuture<Void>> pending = new ArrayList<>();
            ServerProbe.Sample before = probe.sample().total();
            long start = System.nanoTime();
            int probes = 0;
            for (long i = 0; i < count; i++) {
                ParleyApi poster = users.get((int) (i % users.size()));
                boolean isProbe = i % every == 0;
                int number = isProbe ? probeNumber++ : -1;
                String text = isProbe ? "lagprobe " + number + " " + corpus.message(random, userIds)
                        : corpus.message(random, userIds);
                String channel = isProbe ? probeChannel : channels.get(random.nextInt(channels.size())).id();
                long intended = schedule.awaitTurn(i);
                AtomicLongArray times = new AtomicLongArray(new long[] {intended, 0});
                if (isProbe) {
                    outstanding.put(number, times);
                    probes++;
                }
                pending.add(poster.async("chat.postMessage", "channel", channel, "text", text)
                        .handle((body, failure) -> {
                            long now = System.nanoTime();
                            postLatency.recordValue(Math.min(HIGHEST, Math.max(0, (now - intended) / 1000)));
                            if (failure != null || !ParleyApi.JSON.readTree(body).path("ok").asBoolean()) {
                                postErrors.incrementAndGet();
                                if (isProbe) {
                                    outstanding.remove(number);
                                }
                            } else if (isProbe) {
                                times.set(1, now);
                            }
                            return null;
                        }));
            }
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).orTimeout(5, TimeUnit.MINUTES).join();
            double seconds = (System.nanoTime() - start) / 1e9;
            ServerProbe.Sample after = probe.sample().total();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(options.integer("lag-timeout-seconds", 60));
            while (!outstanding.isEmpty() && System.nanoTime() < deadline) {
                Pause.millis(50);
            }
            polling.set(false);
            try {
                poller.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            JsonNode server = target.internal("GET", "/internal/search/lag", Duration.ofSeconds(10));
            ObjectNode s = steps.addObject();
            s.put("posts_per_second_asked", rate);
            s.put("posts", count);
            s.put("posts_per_second", Math.round(count / seconds));
            s.put("post_errors", postErrors.get());
            s.put("deliveries_per_second", Math.round((deliveries.get() - deliveredBefore) / seconds));
            Report.latency(s.putObject("post_latency"), postLatency);
            s.put("probes", probes);
            s.put("probes_found", found.get());
            s.put("probes_not_found", outstanding.size());
            s.put("poll_ms", pollMillis);
            Report.latency(s.putObject("lag_from_acknowledgement"), lag);
            Report.latency(s.putObject("lag_from_intended_send"), fromIntended);
            s.set("server_lag", server);
            s.put("p99_lag_under_2s", lag.getTotalCount() > 0 && outstanding.isEmpty()
                    && lag.getValueAtPercentile(99) <= TARGET_LAG_P99_MILLIS * 1000);
            if (after.cpuSeconds() >= 0) {
                s.put("server_cpu_cores", (after.cpuSeconds() - before.cpuSeconds()) / seconds);
            }
            System.out.printf("search: %d posts/s: index lag (post acknowledged → found by search) p50 %.0f ms, p99 %.0f "
                            + "ms over %d probes (%d not found); server's lag p50 %s ms, p99 %s ms, backlog %s%n", rate,
                    lag.getValueAtPercentile(50) / 1000.0, lag.getValueAtPercentile(99) / 1000.0, found.get(),
                    outstanding.size(), server.path("p50_ms").asString(), server.path("p99_ms").asString(),
                    server.path("backlog").asString());
            chart.put(rate + " posts/s", lag);
        }
    }

    @Override
    public String summary(ObjectNode result) {
        StringBuilder line = new StringBuilder(String.format("search: %,d messages (reindexed in %.0f s)",
                result.path("messages").asLong(), result.path("reindex_seconds").asDouble()));
        for (JsonNode s : result.path("query_steps")) {
            line.append(String.format("; %d queries/s p50 %s p99 %s ms (%d errors, %d empty)",
                    s.path("queries_per_second_asked").asInt(), s.path("latency").path("p50_ms").asString(),
                    s.path("latency").path("p99_ms").asString(), s.path("errors").asLong(),
                    s.path("unexpected_empty").asLong()));
        }
        for (JsonNode s : result.path("lag_steps")) {
            line.append(String.format("; index lag at %d posts/s p50 %s p99 %s ms",
                    s.path("posts_per_second_asked").asInt(), s.path("lag_from_acknowledgement").path("p50_ms").asString(),
                    s.path("lag_from_acknowledgement").path("p99_ms").asString()));
        }
        return line.toString();
    }
}
