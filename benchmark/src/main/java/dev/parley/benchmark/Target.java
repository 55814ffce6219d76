package dev.parley.benchmark;

import dev.parley.common.remote.InternalSecret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * The Parley under test: the standalone jar started by the benchmark as the README's run command does
 * ({@code -Xmx512m}, fresh data directory unless {@code --data-dir} names one to keep), the distributed topology started by {@link DistributedStart}, or running
 * servers given by {@code --url} (and {@code --pid} to sample them).
 */
public final class Target implements AutoCloseable {

    /**
     * Rate limits for a server the benchmark starts, raised so that none is what a scenario measures: one client
     * address bootstraps thousands of users, one owner adds them all, and posters put thousands of messages a second
     * into a few channels. The limiter still counts every call. {@code --server-args} setting one of these wins.
     */
    static final Map<String, String> VOLUME = volume(
            "tier1", "60000", "10000", "tier2", "600000", "100000", "tier3", "600000", "100000",
            "tier4", "600000", "100000", "sign-in.address", "600000", "100000", "sign-in.account", "60000", "10000",
            "post-message", "60000000", "1000000");

    private static Map<String, String> volume(String... limits) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (int i = 0; i < limits.length; i += 3) {
            settings.put("parley.ratelimit." + limits[i] + ".per-minute", limits[i + 1]);
            settings.put("parley.ratelimit." + limits[i] + ".burst", limits[i + 2]);
        }
        return Collections.unmodifiableMap(settings);
    }

    private final String kind;
    private final List<String> gatewayUrls;
    private final List<ParleyNode> nodes;
    private final List<ParleyNode> gateways;
    /** Processes read by the probe besides the Parley nodes: a given --pid, the Kafka broker, redis-server. */
    private final Map<String, Long> otherPids;
    private final List<Runnable> cleanups;
    private final String description;
    /** The standalone server's data directory; null for the other kinds. */
    private final Path dataDir;
    /** Where the target keeps its messages, when the benchmark may write there while it runs: MariaDB/MySQL. */
    private final Store store;
    /** The internal secret and the process that answers {@code /internal/search/**}. */
    private final Internal internal;

    /** A MariaDB/MySQL store the benchmark can reach with JDBC: {@code --store-url} or the distributed run's database. */
    record Store(String url, String user, String password) {
    }

    /** How to call one process's internal endpoints: its base URL and the secret every process of the target shares. */
    record Internal(String url, String secret) {
    }

    private Target(String kind, List<String> gatewayUrls, List<ParleyNode> nodes, List<ParleyNode> gateways,
                   Map<String, Long> otherPids, List<Runnable> cleanups, String description, Path dataDir,
                   Store store, Internal internal) {
        this.kind = kind;
        this.gatewayUrls = List.copyOf(gatewayUrls);
        this.nodes = List.copyOf(nodes);
        this.gateways = List.copyOf(gateways);
        this.otherPids = otherPids;
        this.cleanups = cleanups;
        this.description = description;
        this.dataDir = dataDir;
        this.store = store;
        this.internal = internal;
    }

    /**
     * {@code --url=a,b,…} (and {@code --pid=…}) for running servers; else {@code --topology=standalone} (the default)
     * or {@code distributed}, started here.
     */
    public static Target from(Options options) {
        if (options.has("url")) {
            List<String> urls = words(options.string("url", "").replace(',', ' '));
            Map<String, Long> pids = new LinkedHashMap<>();
            List<String> given = words(options.string("pid", "").replace(',', ' '));
            for (int i = 0; i < given.size(); i++) {
                pids.put("server-" + i, Long.parseLong(given.get(i)));
            }
            return new Target("given", urls, List.of(), List.of(), pids, List.of(), String.join(", ", urls),
                    null, givenStore(options), new Internal(options.string("search-url", urls.getFirst()),
                    options.string("internal-secret", "")));
        }
        return switch (options.string("topology", "standalone")) {
            case "standalone" -> standalone(options);
            case "distributed" -> DistributedStart.start(options);
            default -> throw new IllegalArgumentException("--topology must be standalone or distributed, not "
                    + options.string("topology", ""));
        };
    }

    private static Target standalone(Options options) {
        Path jar = options.path("jar", jar("parley-server").toString());
        int port = freePort();
        try {
            // --data-dir keeps the server's data (and the key its signing keys are encrypted with) for the next run.
            boolean keep = options.has("data-dir");
            Path dataDir = keep ? Files.createDirectories(options.path("data-dir", "").toAbsolutePath())
                    : Files.createTempDirectory("parley-bench-");
            String key = keep ? keptKey(dataDir) : randomKey();
            Path log = Path.of(options.string("server-log", dataDir.resolve("server.log").toString()));
            List<String> serverArgs = new ArrayList<>(words(options.string("server-args", "")));
            // Known to the benchmark, so it can read the index lag and start a reindex.
            String secret = serverArgs.stream().filter(a -> a.startsWith("--parley.internal.secret="))
                    .map(a -> a.substring(a.indexOf('=') + 1)).findFirst().orElseGet(Target::randomKey);
            if (serverArgs.stream().noneMatch(a -> a.startsWith("--parley.internal.secret="))) {
                serverArgs.add("--parley.internal.secret=" + secret);
            }
            if (options.has("store-url")) {
                // The standalone process on the MariaDB/MySQL store instead of its embedded H2.
                serverArgs.addAll(List.of("--parley.store.type=mysql",
                        "--parley.store.url=" + options.string("store-url", ""),
                        "--parley.store.username=" + options.string("store-user", "root"),
                        "--parley.store.password=" + options.string("store-password", "")));
            }
            List<String> command = ParleyNode.command(jar, options.string("server-java-opts", "-Xmx512m"), port,
                    List.of("--parley.data-dir=" + dataDir), serverArgs);
            // The same key on a restart, since the data directory (and its encrypted signing keys) is kept.
            ParleyNode node = new ParleyNode("standalone", port, command, Map.of("PARLEY_AUTH_KEY_ENCRYPTION_KEY", key),
                    log);
            node.launch();
            List<Runnable> cleanups = keep ? List.of() : List.of(() -> deleteExceptLogs(dataDir));
            Target target = new Target("standalone", List.of(node.baseUrl()), List.of(node), List.of(node), Map.of(),
                    cleanups, "standalone jar started by the benchmark (pid " + node.pid() + ")", dataDir,
                    givenStore(options), new Internal(node.baseUrl(), secret));
            try {
                node.awaitReady(Duration.ofSeconds(120));
            } catch (RuntimeException e) {
                target.close();
                throw e;
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code <root>/<module>/target/<module>-<version>-exec.jar}, as {@code ./parley build} leaves it. */
    static Path jar(String module) {
        String root = System.getProperty("parley.root", ".");
        String version = System.getProperty("parley.version", "0.1.0-SNAPSHOT");
        return Path.of(root, module, "target", module + "-" + version + "-exec.jar");
    }

    static Target distributed(List<ParleyNode> nodes, List<ParleyNode> gateways, Map<String, Long> infraPids,
                              List<Runnable> cleanups, String description, Store store, Internal internal) {
        return new Target("distributed", gateways.stream().map(ParleyNode::baseUrl).toList(), nodes, gateways, infraPids,
                cleanups, description, null, store, internal);
    }

    private static Store givenStore(Options options) {
        return options.has("store-url") ? new Store(options.string("store-url", ""), options.string("store-user", "root"),
                options.string("store-password", "")) : null;
    }

    /** The key the signing keys in a kept data directory are encrypted with, made on its first run and kept beside. */
    private static String keptKey(Path dataDir) throws IOException {
        Path file = dataDir.resolve("bench-key-encryption-key");
        if (!Files.exists(file)) {
            Files.writeString(file, randomKey());
        }
        return Files.readString(file).trim();
    }

    static String randomKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return java.util.Base64.getEncoder().encodeToString(key);
    }

    static List<String> words(String line) {
        return List.of(line.split(" ")).stream().filter(a -> !a.isBlank()).toList();
    }

    /** {@code standalone}, {@code distributed} or {@code given} (by --url). */
    public String kind() {
        return kind;
    }

    public boolean distributed() {
        return "distributed".equals(kind);
    }

    /** The base URLs clients may use: one for the standalone server, one per gateway for the distributed topology. */
    public List<String> gatewayUrls() {
        return gatewayUrls;
    }

    public int gatewayCount() {
        return gatewayUrls.size();
    }

    /** The first gateway: where the bootstrap's anonymous calls go. */
    public String baseUrl() {
        return gatewayUrls.getFirst();
    }

    /** Gateway {@code i} modulo their number: clients are spread over them round-robin. */
    public String baseUrl(int i) {
        return gatewayUrls.get(Math.floorMod(i, gatewayUrls.size()));
    }

    public URI rtmUri(int i) {
        return URI.create(baseUrl(i).replaceFirst("^http", "ws") + "/rtm");
    }

    /** Reads every process of the target: each Parley process, and Kafka and Redis of a distributed one. */
    public ServerProbe probe() {
        Map<String, Long> pids = new LinkedHashMap<>();
        nodes.forEach(n -> pids.put(n.name(), n.pid()));
        pids.putAll(otherPids);
        return new ServerProbe(pids);
    }

    /** The Parley processes only, each gateway first: what capacity reports per socket. */
    public List<String> gatewayNames() {
        return gateways.stream().map(ParleyNode::name).toList();
    }

    /** kill -9 of the standalone server, then the same command on the same port and data. */
    public void killAndRestart(Runnable whileDown) {
        if (!"standalone".equals(kind)) {
            throw new IllegalStateException("only a standalone server the benchmark started can be restarted whole");
        }
        ParleyNode node = nodes.getFirst();
        node.kill();
        whileDown.run();
        node.launch();
        node.awaitReady(Duration.ofSeconds(120));
    }

    /**
     * Stops the standalone server as an operator would (SIGTERM, waiting for it to exit), runs {@code whileDown} (work
     * on its data directory, which an embedded store locks while it runs), then starts it again on the same port, data
     * and key-encryption key.
     */
    public void stopAndRestart(Runnable whileDown) {
        if (!"standalone".equals(kind)) {
            throw new IllegalStateException("only a standalone server the benchmark started can be stopped and restarted");
        }
        ParleyNode node = nodes.getFirst();
        node.stop();
        whileDown.run();
        node.launch();
        node.awaitReady(Duration.ofSeconds(120));
    }

    /** The data directory of a standalone server the benchmark started; empty for the other kinds. */
    public Optional<Path> dataDir() {
        return Optional.ofNullable(dataDir);
    }

    /** The MariaDB/MySQL store the benchmark may bulk-load while the target runs; empty for an embedded store. */
    public Optional<Store> store() {
        return Optional.ofNullable(store);
    }

    /**
     * Calls an internal endpoint ({@code GET} or {@code POST} {@code /internal/…}) of the process that runs search,
     * with the target's internal secret; a reindex of a million messages takes minutes, hence {@code timeout}.
     */
    public JsonNode internal(String method, String pathAndQuery, Duration timeout) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(internal.url() + pathAndQuery)).timeout(timeout)
                .header(InternalSecret.HEADER, internal.secret())
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode json = answer.statusCode() == 200 ? ParleyApi.JSON.readTree(answer.body()) : null;
            if (json == null || !json.path("ok").asBoolean()) {
                throw new IllegalStateException(method + " " + pathAndQuery + " answered " + answer.statusCode() + ": "
                        + answer.body() + (internal.secret().isEmpty() ? " (give --internal-secret=)" : ""));
            }
            return json;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** kill -9 of gateway {@code i}: its clients lose their sockets without a goodbye. */
    public void killGateway(int i) {
        requireStarted();
        gateways.get(i).kill();
    }

    /** Starts killed gateway {@code i} again on its port and waits until it answers. */
    public void restartGateway(int i) {
        requireStarted();
        gateways.get(i).launch();
        gateways.get(i).awaitReady(Duration.ofSeconds(120));
    }

    private void requireStarted() {
        if (gateways.isEmpty()) {
            throw new IllegalStateException("only processes the benchmark started can be killed (no --url)");
        }
    }

    public String description() {
        return description;
    }

    @Override
    public void close() {
        // Gateways first, so no client is handed to a service that is already gone.
        nodes.reversed().forEach(ParleyNode::stop);
        cleanups.forEach(Runnable::run);
    }

    static void deleteExceptLogs(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).filter(p -> !p.getFileName().toString().endsWith(".log"))
                    .forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A leftover temp directory is harmless.
        }
    }

    private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * A port free now and never handed out before in this JVM: a topology takes all its ports before any process
     * binds one, and the system may offer the same free port twice in a row.
     */
    static int freePort() {
        while (true) {
            try (ServerSocket socket = new ServerSocket(0)) {
                if (HANDED_OUT.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
