package dev.parley.benchmark;

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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The Parley under test: the standalone jar started by the benchmark as the README's run command does
 * ({@code -Xmx512m}, fresh data directory), or a running server given by {@code --url} (and {@code --pid} to sample it).
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

    private final String baseUrl;
    private final OptionalLong givenPid;
    private final List<String> command;
    private final Path dataDir;
    private final boolean keepData;
    private final Path log;
    private Process process;
    private final String keyEncryptionKey;

    private Target(String baseUrl, OptionalLong givenPid, List<String> command, Path dataDir, boolean keepData, Path log,
                   String keyEncryptionKey) {
        this.baseUrl = baseUrl;
        this.givenPid = givenPid;
        this.command = command;
        this.dataDir = dataDir;
        this.keepData = keepData;
        this.log = log;
        this.keyEncryptionKey = keyEncryptionKey;
    }

    public static Target from(Options options) {
        if (options.has("url")) {
            String pid = options.string("pid", "");
            return new Target(options.string("url", ""), pid.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(pid)),
                    null, null, false, null, null);
        }
        return start(options);
    }

    private static Target start(Options options) {
        String root = System.getProperty("parley.root", ".");
        String version = System.getProperty("parley.version", "0.1.0-SNAPSHOT");
        Path jar = options.path("jar", root + "/parley-server/target/parley-server-" + version + "-exec.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("standalone jar missing: " + jar + " (build it: ./parley build, or pass --url)");
        }
        int port = freePort();
        try {
            // --data-dir keeps the server's data (and the key its signing keys are encrypted with) for the next run.
            boolean keep = options.has("data-dir");
            Path dataDir = keep ? Files.createDirectories(options.path("data-dir", "").toAbsolutePath())
                    : Files.createTempDirectory("parley-bench-");
            String key = keep ? keptKey(dataDir) : randomKey();
            Path log = Path.of(options.string("server-log", dataDir.resolve("server.log").toString()));
            List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
            command.addAll(words(options.string("server-java-opts", "-Xmx512m")));
            command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port, "--parley.data-dir=" + dataDir,
                    "--spring.main.banner-mode=off"));
            List<String> serverArgs = new ArrayList<>(words(options.string("server-args", "")));
            if (options.has("store-url")) {
                // The standalone process on the MariaDB/MySQL store instead of its embedded H2.
                serverArgs.addAll(List.of("--parley.store.type=mysql", "--parley.store.url=" + options.string("store-url", ""),
                        "--parley.store.username=" + options.string("store-user", "root"),
                        "--parley.store.password=" + options.string("store-password", "")));
            }
            // A property given twice on the command line becomes a list, so an explicit value replaces the default here.
            VOLUME.forEach((property, value) -> {
                if (serverArgs.stream().noneMatch(a -> a.startsWith("--" + property + "="))) {
                    command.add("--" + property + "=" + value);
                }
            });
            command.addAll(serverArgs);
            Target target = new Target("http://127.0.0.1:" + port, OptionalLong.empty(), List.copyOf(command), dataDir,
                    keep, log, key);
            target.launch();
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void launch() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // The same key on a restart, since the data directory (and its encrypted signing keys) is kept.
        builder.environment().putIfAbsent("PARLEY_AUTH_KEY_ENCRYPTION_KEY", keyEncryptionKey);
        process = builder.start();
        awaitReady(Duration.ofSeconds(120), log);
    }

    /** kill -9 of the server, then the same command on the same port and data: what a crashed gateway goes through. */
    public void killAndRestart(Runnable whileDown) {
        if (process == null) {
            throw new IllegalStateException("only a server the benchmark started can be killed (no --url)");
        }
        process.destroyForcibly();
        try {
            process.waitFor();
            whileDown.run();
            launch();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Stops the server as an operator would (SIGTERM, waiting for it to exit), runs {@code whileDown} (work on its data
     * directory, which an embedded store locks while it runs), then starts it again on the same port and data.
     */
    public void stopAndRestart(Runnable whileDown) {
        if (process == null) {
            throw new IllegalStateException("only a server the benchmark started can be stopped (no --url)");
        }
        stop();
        try {
            whileDown.run();
            launch();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The data directory of a server the benchmark started; empty for a server given by {@code --url}. */
    public java.util.Optional<Path> dataDir() {
        return java.util.Optional.ofNullable(dataDir);
    }

    private static String keptKey(Path dataDir) throws IOException {
        Path file = dataDir.resolve("bench-key-encryption-key");
        if (!Files.exists(file)) {
            Files.writeString(file, randomKey());
        }
        return Files.readString(file).trim();
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return java.util.Base64.getEncoder().encodeToString(key);
    }

    private static List<String> words(String line) {
        return List.of(line.split(" ")).stream().filter(a -> !a.isBlank()).toList();
    }

    private void awaitReady(Duration timeout, Path log) {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited with " + process.exitValue() + "; log: " + log);
            }
            try {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/api.test"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (answer.body().contains("\"ok\":true")) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            Pause.millis(250);
        }
        throw new IllegalStateException("the server did not answer within " + timeout + "; log: " + log);
    }

    public String baseUrl() {
        return baseUrl;
    }

    public URI rtmUri() {
        return URI.create(baseUrl.replaceFirst("^http", "ws") + "/rtm");
    }

    public ServerProbe probe() {
        if (process != null) {
            return new ServerProbe.OfProcess(process.pid());
        }
        return givenPid.isPresent() ? new ServerProbe.OfProcess(givenPid.getAsLong()) : new ServerProbe.Blind();
    }

    public String description() {
        return process != null ? "standalone jar started by the benchmark (pid " + process.pid() + ")" : baseUrl;
    }

    @Override
    public void close() {
        if (process == null) {
            return;
        }
        stop();
        if (keepData) {
            return;
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).filter(p -> !p.getFileName().toString().endsWith(".log"))
                    .forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A leftover temp directory is harmless.
        }
    }

    private void stop() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
