package dev.parley.localinfra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A server (or, through {@link #run}, a set-up tool) that a test or the benchmark runs as a child OS process: started from a fixed
 * command line on fixed ports, killed with SIGKILL, started again, its output appended to one log file; a shutdown
 * hook kills it and cleans up if the parent JVM exits without closing it.
 */
final class ChildProcess implements AutoCloseable {

    static final String HOST = "127.0.0.1";

    /** What {@link Process#exitValue()} reports on Linux for a process that died of signal 9. */
    private static final int KILLED_BY_SIGKILL = 128 + 9;

    private final String name;
    private final List<String> command;
    private final Map<String, String> environment;
    private final List<Integer> ports;
    private final Path log;
    private final Runnable cleanup;
    private final Thread reaper;
    private volatile Process process;

    /** {@code cleanup} runs once the process is gone for good: on close, or in the shutdown hook. */
    ChildProcess(String name, List<String> command, Map<String, String> environment, List<Integer> ports, Path log,
            Runnable cleanup) {
        this.name = name;
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.ports = List.copyOf(ports);
        this.log = log;
        this.cleanup = cleanup;
        this.reaper = new Thread(this::release, name + "-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    /**
     * Starts the process and waits until {@code ready} holds; while the ports are still taken (a socket of the killed
     * predecessor, or TIME_WAIT on a system without SO_REUSEADDR) it waits and tries again until the timeout.
     */
    Duration start(Duration timeout, BooleanSupplier ready) {
        if (running()) {
            throw new IllegalStateException(name + " is still running (pid " + process.pid() + "); kill() it first");
        }
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        while (true) {
            awaitPortsFree(deadline);
            long logOffset = size(log);
            Process launched = launch();
            process = launched;
            while (launched.isAlive() && !ready.getAsBoolean()) {
                if (System.nanoTime() > deadline) {
                    destroy();
                    throw new IllegalStateException(name + " was not ready within " + timeout + "; last lines of "
                            + log + ":\n" + tail(readFrom(log, logOffset)));
                }
                sleep(50);
            }
            if (launched.isAlive()) {
                return Duration.ofNanos(System.nanoTime() - started);
            }
            String output = readFrom(log, logOffset);
            if (output.contains("Address already in use") && System.nanoTime() < deadline) {
                sleep(200);
                continue;
            }
            throw new IllegalStateException(name + " exited with code " + exitValue(launched)
                    + " before it was ready; last lines of " + log + ":\n" + tail(output));
        }
    }

    /** Kills the process with SIGKILL, waits until it is gone and checks that the signal is what ended it. */
    void kill() {
        Process p = process;
        if (p == null || !p.isAlive()) {
            throw new IllegalStateException(name + " is not running" + (p == null ? "" : " (exit code " + exitValue(p) + ")"));
        }
        List<ProcessHandle> descendants = p.descendants().toList();
        p.destroyForcibly();
        int exit = exitValue(p);
        destroyAll(descendants);
        if (exit != KILLED_BY_SIGKILL) {
            throw new IllegalStateException(name + " (pid " + p.pid() + ") ended with exit code " + exit
                    + ", not by SIGKILL (" + KILLED_BY_SIGKILL + ")");
        }
    }

    boolean running() {
        Process p = process;
        return p != null && p.isAlive();
    }

    long pid() {
        Process p = process;
        if (p == null) {
            throw new IllegalStateException(name + " was never started");
        }
        return p.pid();
    }

    Path log() {
        return log;
    }

    /** The last lines the process wrote, for failure messages. */
    String logTail() {
        return tail(readFrom(log, 0));
    }

    @Override
    public void close() {
        release();
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException shuttingDown) {
            // The hook is already running or ran; nothing left to unregister.
        }
    }

    private void release() {
        destroy();
        cleanup.run();
    }

    private void destroy() {
        Process p = process;
        if (p != null && p.isAlive()) {
            List<ProcessHandle> descendants = p.descendants().toList();
            p.destroyForcibly();
            exitValue(p);
            destroyAll(descendants);
        }
    }

    /**
     * Kills what the process started (Elasticsearch's launcher runs the server as a child JVM): taken before the parent
     * dies, since the orphans are re-parented and no longer its descendants after.
     */
    private static void destroyAll(List<ProcessHandle> processes) {
        processes.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle handle : processes) {
            try {
                handle.onExit().get(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException("Process " + handle.pid() + " did not end after SIGKILL", e);
            }
        }
    }

    private Process launch() {
        append(log, "=== " + Instant.now() + " starting " + name + ": "
                + String.join(" ", command.stream().map(arg -> arg.isEmpty() ? "\"\"" : arg).toList()) + "\n");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(environment);
        try {
            return builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start " + name + " (" + command.getFirst() + "): " + e.getMessage(), e);
        }
    }

    private void awaitPortsFree(long deadline) {
        for (int port : ports) {
            while (!bindable(port)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Port " + port + " on " + HOST + " is taken by another process; "
                            + name + " cannot start there");
                }
                sleep(100);
            }
        }
    }

    /** Runs a command to completion (a set-up tool, say), its output appended to the log; fails unless it exits 0. */
    static void run(String name, List<String> command, Map<String, String> environment, Path log, Duration timeout) {
        long logOffset = size(log);
        try (ChildProcess tool = new ChildProcess(name, command, environment, List.of(), log, () -> { })) {
            Process p = tool.launch();
            tool.process = p;
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(name + " did not finish within " + timeout + "; last lines of " + log
                        + ":\n" + tail(readFrom(log, logOffset)));
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(name + " failed with exit code " + p.exitValue() + "; last lines of "
                        + log + ":\n" + tail(readFrom(log, logOffset)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Distinct free ports on 127.0.0.1, all held open at once so no two are the same. */
    static List<Integer> freePorts(int count) {
        ServerSocket[] sockets = new ServerSocket[count];
        try {
            for (int i = 0; i < count; i++) {
                sockets[i] = new ServerSocket(0, 1, InetAddress.getByName(HOST));
            }
            return java.util.Arrays.stream(sockets).map(ServerSocket::getLocalPort).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket s : sockets) {
                if (s != null) {
                    try {
                        s.close();
                    } catch (IOException ignored) {
                        // A socket that never listened has nothing to release.
                    }
                }
            }
        }
    }

    static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(HOST, port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Where a child's log goes by default: the running module's target directory, kept after the test for diagnosis. */
    static Path defaultLogDirectory() {
        return Path.of(System.getProperty("basedir", System.getProperty("user.dir")), "target", "child-processes");
    }

    /** A log file in {@code dir}, which is created if missing. */
    static Path logFile(Path dir, String fileName) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir.resolve(fileName);
    }

    static Path tempDirectory(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // Temp files; the OS cleans up what is left.
        }
    }

    private static int exitValue(Process p) {
        try {
            return p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static String readFrom(Path file, long offset) {
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(Math.min(offset, Files.size(file)));
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }

    private static String tail(String output) {
        List<String> lines = output.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private static void append(Path file, String text) {
        try {
            Files.writeString(file, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
