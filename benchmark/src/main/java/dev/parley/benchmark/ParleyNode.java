package dev.parley.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One Parley runnable jar the benchmark started as its own OS process on a fixed port: the standalone server, a
 * service or a gateway. It can be killed with SIGKILL and started again with the same command.
 */
final class ParleyNode {

    private final String name;
    private final int port;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path log;
    private Process process;

    ParleyNode(String name, int port, List<String> command, Map<String, String> environment, Path log) {
        this.name = name;
        this.port = port;
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.log = log;
    }

    /**
     * The command for {@code jar}: JVM options, then the port and the raised limits of {@link Target#VOLUME} unless
     * {@code serverArgs} sets them (a property given twice on the command line becomes a list), then the rest.
     */
    static List<String> command(Path jar, String javaOpts, int port, List<String> args, List<String> serverArgs) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("runnable jar missing: " + jar + " (build it: ./parley build, or pass --url)");
        }
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
        command.addAll(Target.words(javaOpts));
        command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port, "--spring.main.banner-mode=off"));
        command.addAll(args);
        Target.VOLUME.forEach((property, value) -> {
            if (serverArgs.stream().noneMatch(a -> a.startsWith("--" + property + "="))) {
                command.add("--" + property + "=" + value);
            }
        });
        command.addAll(serverArgs);
        return command;
    }

    /** Starts the process; {@link #awaitReady} waits for it. */
    void launch() {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until {@code api.test} answers ok; fails naming the log when the process dies or takes too long. */
    void awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; log: " + log);
            }
            try {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/api.test"))
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
        throw new IllegalStateException(name + " did not answer within " + timeout + "; log: " + log);
    }

    /** kill -9: no chance to flush, close sockets or say goodbye. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    void stop() {
        if (process == null) {
            return;
        }
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

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }
}
