package dev.parley.e2e;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One Parley runnable jar started as its own OS process on a free port, as an operator would run it, with
 * {@link #VOLUME} unless a test sets those properties itself.
 */
final class ParleyProcess implements AutoCloseable {

    /**
     * Rate limits raised where scenarios need volume; every other limit keeps its Slack-like default, which
     * {@link RateLimitScenario} tests. Every scenario bootstraps its team from 127.0.0.1, so the per-address limits of
     * workspace creation (Tier 1), sign-in (Tier 2, also an owner adding users) and password hashing would otherwise
     * be shared by all of them; Tier 2 holds more than password hashing so that, per address, sign-in throttling
     * (a second per call once its burst is used) is the limit the scenario meets. Posters put 200 messages into one
     * channel as fast as they can, where real use gets one a second.
     */
    static final Map<String, String> VOLUME = volume(
            "parley.ratelimit.tier1.per-minute", "600", "parley.ratelimit.tier1.burst", "100",
            "parley.ratelimit.tier2.per-minute", "600", "parley.ratelimit.tier2.burst", "1000",
            "parley.ratelimit.sign-in.address.per-minute", "60", "parley.ratelimit.sign-in.address.burst", "200",
            "parley.ratelimit.post-message.per-minute", "60000", "parley.ratelimit.post-message.burst", "1000");

    private static Map<String, String> volume(String... pairs) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            settings.put(pairs[i], pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(settings);
    }

    private static final Path ROOT = Path.of(System.getProperty("parley.root", "..")).toAbsolutePath().normalize();
    private static final String VERSION = System.getProperty("parley.version", "0.1.0-SNAPSHOT");
    /** The key every process of this test run encrypts signing keys with, given as an operator would: in the environment. */
    static final String KEY_ENCRYPTION_KEY = randomKey();

    private final String name;
    private final String module;
    private final int port;
    private final List<String> args;
    private Process process;
    private final Path log;

    private ParleyProcess(String name, String module, int port, List<String> args, Process process, Path log) {
        this.name = name;
        this.module = module;
        this.port = port;
        this.args = List.copyOf(args);
        this.process = process;
        this.log = log;
    }

    /** Starts {@code <module>/target/<module>-<version>-exec.jar} with the given arguments (does not wait). */
    static ParleyProcess start(String name, String module, List<String> args) {
        return start(name, module, freePort(), args);
    }

    /** Starts the jar on a given port, for topologies whose processes must know each other's addresses up front. */
    static ParleyProcess start(String name, String module, int port, List<String> args) {
        Path log = logs().resolve(name + "-" + port + ".log");
        return new ParleyProcess(name, module, port, args, launch(module, port, args, log), log);
    }

    private static Path logs() {
        try {
            Path logs = ROOT.resolve("e2e-tests/target/e2e-logs");
            Files.createDirectories(logs);
            return logs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Process launch(String module, int port, List<String> args, Path log) {
        Path jar = ROOT.resolve(module).resolve("target").resolve(module + "-" + VERSION + "-exec.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Runnable jar missing: " + jar + " (the build packages it before this test)");
        }
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(),
                "--server.port=" + port, "--spring.main.banner-mode=off"));
        // A property given twice on the command line becomes a list, so a test's own value replaces the default here.
        VOLUME.forEach((property, value) -> {
            if (args.stream().noneMatch(a -> a.startsWith("--" + property + "="))) {
                command.add("--" + property + "=" + value);
            }
        });
        command.addAll(args);
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().put("PARLEY_AUTH_KEY_ENCRYPTION_KEY", KEY_ENCRYPTION_KEY);
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the process answers {@code api.test}; fails with its log when it dies or takes too long. */
    ParleyProcess awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + logTail());
            }
            try {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/api.test"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200 && answer.body().contains("\"ok\":true")) {
                    return this;
                }
            } catch (IOException e) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException(name + " did not become ready within " + timeout + ":\n" + logTail());
    }

    /** kill -9: the process gets no chance to flush, close or say goodbye. */
    void kill() {
        process.destroyForcibly();
        try {
            int code = process.waitFor();
            if (code != 137) {
                throw new IllegalStateException(name + " ended with " + code + ", not by SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts the same jar again with the same arguments on the same port (after {@link #kill} or {@link #close}). */
    ParleyProcess restart() {
        if (process.isAlive()) {
            throw new IllegalStateException(name + " is still running");
        }
        process = launch(module, port, args, log);
        return this;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    String wsUrl() {
        return "ws://127.0.0.1:" + port + "/rtm";
    }

    int port() {
        return port;
    }

    /** The file the process writes its log to (standard output and error). */
    Path logFile() {
        return log;
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return java.util.Base64.getEncoder().encodeToString(key);
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
