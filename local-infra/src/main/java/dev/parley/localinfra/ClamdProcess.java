package dev.parley.localinfra;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A ClamAV daemon (Debian's {@code clamav-daemon}) of a test's own, as a child process on a free port of 127.0.0.1,
 * loaded with a local signature database that detects only the EICAR test file: there is no internet here for
 * {@code freshclam}, and a test needs a verdict it can predict.
 */
public final class ClamdProcess extends LocalServer {

    /** The 68-byte EICAR anti-virus test file, which every scanner reports and which harms nothing. */
    public static final String EICAR = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";

    /**
     * The name of the signature that detects {@link #EICAR}; clamd reports it with {@code .UNOFFICIAL} appended, as it
     * does for every signature not from a signed ClamAV database.
     */
    public static final String EICAR_SIGNATURE = "Eicar-Test-Signature";

    /** The {@code StreamMaxLength} of {@link #start()}: the most bytes clamd takes in one INSTREAM. */
    public static final long DEFAULT_STREAM_MAX_LENGTH = 4L * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(ClamdProcess.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final int port;
    private final long streamMaxLength;

    private ClamdProcess(int port, long streamMaxLength, ChildProcess child) {
        super(child);
        this.port = port;
        this.streamMaxLength = streamMaxLength;
    }

    /**
     * Starts clamd ({@code parley.test.clamd}, else found on the PATH or in {@code /usr/sbin}) with a
     * {@code StreamMaxLength} of {@link #DEFAULT_STREAM_MAX_LENGTH} and waits until it answers PING.
     */
    public static ClamdProcess start() {
        return start(DEFAULT_STREAM_MAX_LENGTH, ChildProcess.defaultLogDirectory());
    }

    /** As {@link #start()}, taking at most {@code streamMaxLength} bytes per scan, its output going to {@code logDirectory}. */
    public static ClamdProcess start(long streamMaxLength, Path logDirectory) {
        String binary = clamdBinary();
        int port = ChildProcess.freePorts(1).getFirst();
        Path dir = ChildProcess.tempDirectory("parley-clamd-");
        Path config = writeConfiguration(dir, port, streamMaxLength);
        ChildProcess child = new ChildProcess("clamd:" + port, List.of(binary, "--config-file=" + config), Map.of(),
                List.of(port), ChildProcess.logFile(logDirectory, "clamd-" + port + ".log"),
                () -> ChildProcess.deleteTree(dir));
        return started(new ClamdProcess(port, streamMaxLength, child));
    }

    public String host() {
        return ChildProcess.HOST;
    }

    public int port() {
        return port;
    }

    /** The {@code StreamMaxLength} it runs with. */
    public long streamMaxLength() {
        return streamMaxLength;
    }

    /** Whether it answers {@code zPING} with {@code PONG} now. */
    public boolean answersPing() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host(), port), 500);
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write("zPING\0".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return "PONG\0".equals(new String(in.readNBytes(5), StandardCharsets.US_ASCII));
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    protected void startChild() {
        Duration took = child.start(START_TIMEOUT, this::answersPing);
        LOG.info("clamd on {}:{} (pid {}) answered PING after {} ms", host(), port, child.pid(), took.toMillis());
    }

    /**
     * The configuration and, beside it, the signature database: one body signature ({@code .ndb}: name, any target
     * type, offset 0, the hex of the bytes) matching a file that begins with the EICAR string, which also catches it
     * inside an archive clamd unpacks.
     */
    private static Path writeConfiguration(Path dir, int port, long streamMaxLength) {
        try {
            Path database = Files.createDirectories(dir.resolve("db"));
            Files.writeString(database.resolve("parley-test.ndb"), EICAR_SIGNATURE + ":0:0:"
                    + HexFormat.of().formatHex(EICAR.getBytes(StandardCharsets.US_ASCII)) + "\n");
            Path config = dir.resolve("clamd.conf");
            Files.writeString(config, String.join("\n",
                    "# Written by ClamdProcess: a test daemon on 127.0.0.1 with only the EICAR signature.",
                    "Foreground yes",
                    "TCPAddr " + ChildProcess.HOST,
                    "TCPSocket " + port,
                    "DatabaseDirectory " + database,
                    "StreamMaxLength " + streamMaxLength,
                    "LogTime yes",
                    // No time is spent on self-checks of a database that never changes.
                    "SelfCheck 0",
                    ""));
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String clamdBinary() {
        String configured = System.getProperty("parley.test.clamd");
        Stream<Path> candidates = configured != null
                ? Stream.of(Path.of(configured))
                : Stream.concat(
                        Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                                .filter(entry -> !entry.isEmpty())
                                .map(entry -> Path.of(entry, "clamd")),
                        Stream.of(Path.of("/usr/sbin/clamd"), Path.of("/usr/local/sbin/clamd")));
        return candidates.filter(Files::isExecutable)
                .findFirst()
                .map(Path::toString)
                .orElseThrow(() -> new IllegalStateException("clamd is not installed"
                        + (configured != null ? " at " + configured : "") + ": install the Debian package clamav-daemon "
                        + "(apt-get install clamav-daemon), or point -Dparley.test.clamd at the binary"));
    }
}
