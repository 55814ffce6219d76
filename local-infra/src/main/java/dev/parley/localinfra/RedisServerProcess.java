package dev.parley.localinfra;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A redis-server of a fault test's or a benchmark run's own, as a child process on a free port of 127.0.0.1 without persistence, that the
 * test can kill -9 and restart on the same port.
 */
public final class RedisServerProcess extends LocalServer {

    private static final Logger LOG = LoggerFactory.getLogger(RedisServerProcess.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final int port;

    private RedisServerProcess(int port, ChildProcess child) {
        super(child);
        this.port = port;
    }

    /** Starts redis-server ({@code parley.test.redis-server}, else found on the PATH) and waits until it answers PING. */
    public static RedisServerProcess start() {
        return start(ChildProcess.defaultLogDirectory());
    }

    /** As {@link #start()}, the server's output going to a file in {@code logDirectory}. */
    public static RedisServerProcess start(Path logDirectory) {
        String binary = redisServerBinary();
        int port = ChildProcess.freePorts(1).getFirst();
        Path dir = ChildProcess.tempDirectory("parley-redis-");
        List<String> command = List.of(binary, "--bind", ChildProcess.HOST, "--port", String.valueOf(port),
                "--save", "", "--appendonly", "no", "--dir", dir.toString(), "--daemonize", "no");
        ChildProcess child = new ChildProcess("redis-server:" + port, command, Map.of(), List.of(port),
                ChildProcess.logFile(logDirectory, "redis-server-" + port + ".log"), () -> ChildProcess.deleteTree(dir));
        return started(new RedisServerProcess(port, child));
    }

    public String host() {
        return ChildProcess.HOST;
    }

    public int port() {
        return port;
    }

    @Override
    protected void startChild() {
        Duration took = child.start(START_TIMEOUT, this::answersPing);
        LOG.info("redis-server on {}:{} (pid {}) answered PING after {} ms", host(), port, child.pid(), took.toMillis());
    }

    private boolean answersPing() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host(), port), 500);
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = in.readNBytes(7);
            return "+PONG\r\n".equals(new String(reply, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            return false;
        }
    }

    private static String redisServerBinary() {
        String configured = System.getProperty("parley.test.redis-server");
        Stream<Path> candidates = configured != null
                ? Stream.of(Path.of(configured))
                : Stream.concat(
                        Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                                .filter(entry -> !entry.isEmpty())
                                .map(entry -> Path.of(entry, "redis-server")),
                        Stream.of(Path.of("/usr/bin/redis-server"), Path.of("/usr/local/bin/redis-server")));
        return candidates.filter(Files::isExecutable)
                .findFirst()
                .map(Path::toString)
                .orElseThrow(() -> new IllegalStateException("redis-server is not installed"
                        + (configured != null ? " at " + configured : "") + ": install the Debian package redis-server "
                        + "(apt-get install redis-server), or point -Dparley.test.redis-server at the binary"));
    }
}
