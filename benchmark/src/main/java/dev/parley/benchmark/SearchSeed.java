package dev.parley.benchmark;

import dev.parley.messaging.message.HistoryImport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The workspace the {@code search} scenario searches: {@code --users} people, {@code --channels} public channels (every
 * user a member) and {@code --private-channels} private ones (about half the users in each; the searcher, user 1, in
 * every other one), and {@code --messages} messages of {@link SearchCorpus} text spread over the channels unevenly (a
 * few busy channels, a long tail), each by a member of its channel. Workspace, users and channels are made through the
 * Web API; the messages are loaded into the store by the messaging service's {@link HistoryImport}, as
 * {@link HistorySeed} loads its channel (so they have no channel events), and the search index is then rebuilt from
 * the store with {@code POST /internal/search/reindex}, which is timed. A kept {@code --data-dir} is seeded once: the
 * seed file records the workspace and what it holds.
 *
 * @param channels  every channel, public first
 * @param userNames every user's name ({@code from:@name}), by index
 * @param byAuthor  messages each user wrote that the searcher can read, by index
 */
record SearchSeed(String domain, String teamId, List<String> userNames, List<Channel> channels, long[] byAuthor,
                  long messages, boolean reused, double seedSeconds, double loadSeconds, double reindexSeconds,
                  JsonNode reindexAnswer) {

    static final String FILE = "bench-search.json";
    /** The user whose searches are measured: a member, not the owner, in half the private channels. */
    static final int SEARCHER = 1;
    private static final double CHANNEL_SKEW = 0.8;

    /** One channel: whether the searcher can read it, and how many messages it was seeded with. */
    record Channel(String id, String name, boolean isPrivate, boolean visible, long messages) {
    }

    int users() {
        return userNames.size();
    }

    /** Messages the searcher can read. */
    long visibleMessages() {
        return channels.stream().filter(Channel::visible).mapToLong(Channel::messages).sum();
    }

    List<Channel> publicChannels() {
        return channels.stream().filter(c -> !c.isPrivate()).toList();
    }

    /** The seeded workspace of this target: the one in its seed file when that holds as many messages, else a new one. */
    static SearchSeed prepare(Options options, Target target, SearchCorpus corpus) {
        int messages = options.integer("messages", 1_000_000);
        Optional<Path> file = options.has("seed-file") ? Optional.of(options.path("seed-file", ""))
                : target.dataDir().map(d -> d.resolve(FILE));
        if (file.isPresent() && Files.exists(file.get())) {
            SearchSeed seed = read(file.get());
            if (seed.messages() != messages) {
                throw new IllegalStateException(file.get() + " holds a workspace of " + seed.messages()
                        + " messages: pass --messages=" + seed.messages() + " or another --data-dir");
            }
            System.out.printf("search: reusing the workspace of %,d messages in %s%n", messages, file.get());
            return seed;
        }
        SearchSeed seed = create(options, target, corpus, messages);
        // Written only once the index is rebuilt, so a reused data directory is searchable as it is.
        file.ifPresent(f -> write(f, seed));
        return seed;
    }

    private static SearchSeed create(Options options, Target target, SearchCorpus corpus, int messages) {
        int userCount = options.integer("users", 20);
        int publicCount = options.integer("channels", 80);
        int privateCount = options.integer("private-channels", 20);
        int batch = options.integer("batch", 5000);
        if (userCount < 2 || publicCount < 1 || messages < 1) {
            throw new IllegalArgumentException("search needs --users >= 2, --channels >= 1 and --messages >= 1");
        }
        long start = System.nanoTime();
        BenchTeam team = BenchTeam.create(target, userCount);
        List<JsonNode> whoami = BenchTeam.parallel(userCount, u -> team.users().get(u).ok("auth.test"));
        List<String> userIds = whoami.stream().map(w -> w.path("user_id").asString()).toList();
        List<String> userNames = whoami.stream().map(w -> w.path("user").asString()).toList();
        String tag = team.domain().substring("bench-".length());
        List<String> ids = new ArrayList<>();
        List<List<Integer>> members = new ArrayList<>();
        for (int c = 0; c < publicCount; c++) {
            // conversations.create makes the creator a member; every other user joins.
            int creator = c % userCount;
            String id = team.users().get(creator).ok("conversations.create", "name", "pub-" + tag + "-" + c)
                    .path("channel").path("id").asString();
            BenchTeam.parallel(userCount, u -> u == creator ? null
                    : team.users().get(u).ok("conversations.join", "channel", id));
            ids.add(id);
            members.add(IntStream.range(0, userCount).boxed().toList());
        }
        for (int k = 0; k < privateCount; k++) {
            int parity = k % 2;
            List<Integer> in = IntStream.range(0, userCount).filter(u -> u % 2 != parity).boxed().toList();
            String id = team.users().get(in.getFirst()).ok("conversations.create", "name", "priv-" + tag + "-" + k,
                    "is_private", "true").path("channel").path("id").asString();
            if (in.size() > 1) {
                team.users().get(in.getFirst()).ok("conversations.invite", "channel", id, "users",
                        String.join(",", in.subList(1, in.size()).stream().map(userIds::get).toList()));
            }
            ids.add(id);
            members.add(in);
        }
        long[] counts = spread(messages, ids.size());
        List<Channel> channels = new ArrayList<>();
        long[] byAuthor = new long[userCount];
        for (int c = 0; c < ids.size(); c++) {
            boolean isPrivate = c >= publicCount;
            boolean visible = members.get(c).contains(SEARCHER) || !isPrivate;
            channels.add(new Channel(ids.get(c), isPrivate ? "priv-" + tag + "-" + (c - publicCount)
                    : "pub-" + tag + "-" + c, isPrivate, visible, counts[c]));
        }
        System.out.printf("search: %d users, %d public and %d private channels made through the API; loading %,d "
                + "messages into the store%n", userCount, publicCount, privateCount, messages);
        long loadStart = System.nanoTime();
        HistorySeed.bulkLoad(target, dataSource -> {
            HistoryImport history = new HistoryImport(dataSource);
            SplittableRandom random = new SplittableRandom(42);
            long loaded = 0;
            for (int c = 0; c < channels.size(); c++) {
                List<Integer> in = members.get(c);
                for (long from = 0; from < counts[c]; from += batch) {
                    int size = (int) Math.min(batch, counts[c] - from);
                    List<HistoryImport.Entry> entries = new ArrayList<>(size);
                    for (int i = 0; i < size; i++) {
                        int author = in.get(random.nextInt(in.size()));
                        if (channels.get(c).visible()) {
                            byAuthor[author]++;
                        }
                        entries.add(new HistoryImport.Entry(userIds.get(author), corpus.message(random, userIds)));
                    }
                    history.append(team.teamId(), ids.get(c), entries);
                    if ((loaded + size) / 100_000 > loaded / 100_000) {
                        System.out.printf("search: %,d of %,d loaded%n", loaded + size, messages);
                    }
                    loaded += size;
                }
            }
        });
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        System.out.printf("search: %,d messages loaded in %.1f s; rebuilding the index of %s%n", messages, loadSeconds,
                team.teamId());
        long reindexStart = System.nanoTime();
        JsonNode reindex = target.internal("POST", "/internal/search/reindex?workspace=" + team.teamId(),
                Duration.ofHours(2));
        double reindexSeconds = (System.nanoTime() - reindexStart) / 1e9;
        System.out.printf("search: reindexed in %.1f s (%,.0f messages per second): %s%n", reindexSeconds,
                messages / reindexSeconds, reindex);
        return new SearchSeed(team.domain(), team.teamId(), userNames, List.copyOf(channels), byAuthor, messages, false,
                (System.nanoTime() - start) / 1e9, loadSeconds, reindexSeconds, reindex);
    }

    /** {@code total} split over {@code channels} with weights 1/(c+1)^0.8: a few busy channels and a long tail. */
    static long[] spread(long total, int channels) {
        double[] weights = new double[channels];
        double sum = 0;
        for (int c = 0; c < channels; c++) {
            // Interleaved so private channels are busy and quiet too, not all in the tail.
            int rank = c % 2 == 0 ? c / 2 : channels - 1 - c / 2;
            weights[c] = 1 / Math.pow(rank + 1, CHANNEL_SKEW);
            sum += weights[c];
        }
        long[] counts = new long[channels];
        long given = 0;
        for (int c = 0; c < channels; c++) {
            counts[c] = (long) Math.floor(total * weights[c] / sum);
            given += counts[c];
        }
        counts[0] += total - given;
        return counts;
    }

    /** Tokens of the seeded users, signed in again, user {@code n} on gateway {@code n}. */
    List<ParleyApi> signIn(Target target) {
        ParleyApi anonymous = new ParleyApi(ParleyApi.newHttpClient(), target.baseUrl(), null);
        return BenchTeam.parallel(users(), n -> {
            ParleyApi there = anonymous.at(target.baseUrl(n));
            return there.withToken(there.ok("auth.signin", "email", "user" + n + "@" + domain + ".test",
                    "password", "bench password " + n).path("token").asString());
        });
    }

    private static void write(Path file, SearchSeed seed) {
        ObjectNode root = ParleyApi.JSON.createObjectNode();
        root.put("domain", seed.domain());
        root.put("team_id", seed.teamId());
        root.put("messages", seed.messages());
        seed.userNames().forEach(root.putArray("user_names")::add);
        ArrayNode byAuthor = root.putArray("visible_by_author");
        for (long n : seed.byAuthor()) {
            byAuthor.add(n);
        }
        ArrayNode channels = root.putArray("channels");
        for (Channel c : seed.channels()) {
            channels.addObject().put("id", c.id()).put("name", c.name()).put("private", c.isPrivate())
                    .put("visible", c.visible()).put("messages", c.messages());
        }
        root.put("load_seconds", seed.loadSeconds());
        root.put("reindex_seconds", seed.reindexSeconds());
        root.set("reindex", seed.reindexAnswer());
        try {
            Files.writeString(file, ParleyApi.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SearchSeed read(Path file) {
        try {
            JsonNode root = ParleyApi.JSON.readTree(Files.readString(file));
            List<String> names = new ArrayList<>();
            root.path("user_names").forEach(n -> names.add(n.asString()));
            long[] byAuthor = new long[names.size()];
            for (int u = 0; u < byAuthor.length; u++) {
                byAuthor[u] = root.path("visible_by_author").path(u).asLong();
            }
            List<Channel> channels = new ArrayList<>();
            root.path("channels").forEach(c -> channels.add(new Channel(c.path("id").asString(),
                    c.path("name").asString(), c.path("private").asBoolean(), c.path("visible").asBoolean(),
                    c.path("messages").asLong())));
            return new SearchSeed(root.path("domain").asString(), root.path("team_id").asString(), List.copyOf(names),
                    List.copyOf(channels), byAuthor, root.path("messages").asLong(), true, 0,
                    root.path("load_seconds").asDouble(), root.path("reindex_seconds").asDouble(),
                    root.path("reindex"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
