package dev.parley.benchmark;

import dev.parley.common.id.Ts;
import dev.parley.common.store.h2.H2StoreSupport;
import dev.parley.messaging.message.HistoryImport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The channel the {@code history} scenario reads: {@code messages} messages whose text starts {@code history <i>},
 * i = 0 … n-1 in ts order. The workspace, its users and the channel are made through the Web API, the first
 * {@code --api-messages} and the last message are posted with {@code chat.postMessage}, and the rest is loaded
 * straight into the store with the messaging service's own {@link HistoryImport} (rows as a post writes them, ts from
 * the channel's sequence): into the H2 file of the standalone server while it is stopped, or into the MariaDB/MySQL
 * store at {@code --store-url} while it runs. Where every message's ts is, and how to sign in again, is written to a
 * seed file, so a kept {@code --data-dir} is seeded once.
 *
 * @param ts every message's ts in microseconds, by index
 */
record HistorySeed(String domain, int users, String teamId, String channel, long[] ts, boolean reused, double seconds) {

    static final String FILE = "bench-history.json";
    private static final String FILLER = " the quick brown fox jumps over the lazy dog, a sentence of a chat message";

    int messages() {
        return ts.length;
    }

    static String text(int index) {
        return "history " + index + FILLER;
    }

    /** The index a message text names, or -1. */
    static int index(String text) {
        if (!text.startsWith("history ")) {
            return -1;
        }
        int end = text.indexOf(' ', 8);
        try {
            return Integer.parseInt(text, 8, end < 0 ? text.length() : end, 10);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The seeded channel of this target: the one in its seed file when that holds as many messages, else a new one. */
    static HistorySeed prepare(Options options, Target target) {
        int messages = options.integer("messages", 1_000_000);
        Optional<Path> file = options.has("seed-file") ? Optional.of(options.path("seed-file", ""))
                : target.dataDir().map(d -> d.resolve(FILE));
        if (file.isPresent() && Files.exists(file.get())) {
            HistorySeed seed = read(file.get());
            if (seed.messages() != messages) {
                throw new IllegalStateException(file.get() + " holds a channel of " + seed.messages()
                        + " messages: pass --messages=" + seed.messages() + " or another --data-dir");
            }
            System.out.printf("history: reusing the channel of %,d messages in %s%n", messages, file.get());
            return seed;
        }
        HistorySeed seed = create(options, target, messages);
        file.ifPresent(f -> write(f, seed));
        return seed;
    }

    private static HistorySeed create(Options options, Target target, int messages) {
        if (messages < 2) {
            throw new IllegalArgumentException("--messages must be at least 2");
        }
        long start = System.nanoTime();
        int userCount = options.integer("users", 4);
        int viaApi = Math.min(options.integer("api-messages", 300), messages - 1);
        int batch = options.integer("batch", 5000);
        BenchTeam team = BenchTeam.create(target, userCount);
        String channel = team.channel("history", 0, userCount);
        List<String> userIds = team.users().stream().map(u -> u.ok("auth.test").path("user_id").asString()).toList();
        long[] ts = new long[messages];
        // One after another, so ts order is index order.
        for (int i = 0; i < viaApi; i++) {
            ts[i] = post(team, channel, i);
        }
        int bulk = messages - viaApi - 1;
        System.out.printf("history: %d messages posted through the API; loading %,d into the store%n", viaApi, bulk);
        long loadStart = System.nanoTime();
        Consumer<DataSource> load = dataSource -> {
            HistoryImport history = new HistoryImport(dataSource);
            for (int from = viaApi; from < viaApi + bulk; from += batch) {
                int to = Math.min(viaApi + bulk, from + batch);
                List<HistoryImport.Entry> entries = new ArrayList<>(to - from);
                for (int i = from; i < to; i++) {
                    entries.add(new HistoryImport.Entry(userIds.get(i % userIds.size()), text(i)));
                }
                System.arraycopy(history.append(team.teamId(), channel, entries), 0, ts, from, to - from);
                if ((to - viaApi) % 100_000 < batch) {
                    System.out.printf("history: %,d of %,d loaded%n", to - viaApi, bulk);
                }
            }
        };
        bulkLoad(target, load);
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        System.out.printf("history: %,d messages loaded in %.1f s (%,.0f per second, with the restart)%n", bulk,
                loadSeconds, bulk / loadSeconds);
        // The last one through the API again: a post after the load must work and come after it.
        ts[messages - 1] = post(team, channel, messages - 1);
        if (messages > 1 && ts[messages - 1] <= ts[messages - 2]) {
            throw new IllegalStateException("a post after the bulk load got ts " + ts[messages - 1]
                    + ", not after the last loaded " + ts[messages - 2]);
        }
        return new HistorySeed(team.domain(), userCount, team.teamId(), channel, ts, false,
                (System.nanoTime() - start) / 1e9);
    }

    private static long post(BenchTeam team, String channel, int index) {
        String ts = team.users().get(index % team.users().size())
                .ok("chat.postMessage", "channel", channel, "text", text(index)).path("ts").asString();
        return Ts.parse(ts).orElseThrow();
    }

    /**
     * Runs {@code load} on the target's store: its MariaDB/MySQL store while it runs ({@code --store-url}, or the
     * distributed topology's database), else the standalone server's H2 file while the server is stopped (an embedded
     * store is locked by the process that has it open).
     */
    static void bulkLoad(Target target, Consumer<DataSource> load) {
        if (target.store().isPresent()) {
            withStore(mysql(target.store().get()), load);
        } else if (target.dataDir().isPresent()) {
            Path db = target.dataDir().get().resolve("db").resolve("parley");
            target.stopAndRestart(() -> withStore(new SingleConnectionDataSource(H2StoreSupport.jdbcUrl(db), "sa", "", true),
                    load));
        } else {
            throw new IllegalStateException("the bulk load writes to the server's store: give --store-url=jdbc:mysql://… "
                    + "for servers given by --url");
        }
    }

    private static SingleConnectionDataSource mysql(Target.Store store) {
        SingleConnectionDataSource dataSource = new SingleConnectionDataSource(store.url(), store.user(),
                store.password(), true);
        Properties properties = new Properties();
        properties.put("user", store.user());
        properties.put("password", store.password());
        // As the server's MySQL adapter connects: one round trip per JDBC batch, not per row.
        properties.put("rewriteBatchedStatements", "true");
        properties.put("characterEncoding", "UTF-8");
        properties.put("connectionCollation", "utf8mb4_bin");
        dataSource.setConnectionProperties(properties);
        return dataSource;
    }

    private static void withStore(SingleConnectionDataSource dataSource, Consumer<DataSource> work) {
        try {
            work.accept(dataSource);
        } finally {
            dataSource.destroy();
        }
    }

    /** Tokens of the seeded users, signed in again (a reused seed outlives the tokens of the run that made it). */
    List<ParleyApi> signIn(ParleyApi anonymous) {
        List<ParleyApi> signedIn = new ArrayList<>();
        for (int n = 0; n < users; n++) {
            signedIn.add(anonymous.withToken(anonymous.ok("auth.signin", "email", "user" + n + "@" + domain + ".test",
                    "password", "bench password " + n).path("token").asString()));
        }
        return signedIn;
    }

    private static void write(Path file, HistorySeed seed) {
        ObjectNode root = ParleyApi.JSON.createObjectNode();
        root.put("domain", seed.domain());
        root.put("users", seed.users());
        root.put("team_id", seed.teamId());
        root.put("channel", seed.channel());
        root.put("messages", seed.messages());
        // Runs of consecutive microseconds ([first ts, count]): a million ts in a few hundred pairs.
        ArrayNode runs = root.putArray("ts_runs");
        long[] ts = seed.ts();
        int i = 0;
        while (i < ts.length) {
            int j = i + 1;
            while (j < ts.length && ts[j] == ts[j - 1] + 1) {
                j++;
            }
            runs.addArray().add(ts[i]).add(j - i);
            i = j;
        }
        try {
            Files.writeString(file, ParleyApi.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HistorySeed read(Path file) {
        try {
            JsonNode root = ParleyApi.JSON.readTree(Files.readString(file));
            long[] ts = new long[root.path("messages").asInt()];
            int i = 0;
            for (JsonNode run : root.path("ts_runs")) {
                long first = run.get(0).asLong();
                for (int k = 0; k < run.get(1).asInt(); k++) {
                    ts[i++] = first + k;
                }
            }
            return new HistorySeed(root.path("domain").asString(), root.path("users").asInt(),
                    root.path("team_id").asString(), root.path("channel").asString(), ts, true, 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
