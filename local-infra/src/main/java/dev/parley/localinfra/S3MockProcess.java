package dev.parley.localinfra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An S3-compatible server of a test's own: Adobe S3Mock's {@code -exec} jar (from Maven Central) as a child JVM on free
 * ports of 127.0.0.1, plain HTTP for the clients (its HTTPS connector is put on a free port too, and unused), its
 * objects in a temporary directory that is deleted on close.
 *
 * <p>A module that runs it declares the test dependency {@code com.adobe.testing:s3mock:<version>:exec}, so that Maven
 * downloads the jar into the local repository (test scope keeps the fat jar off every runtime classpath); it is found
 * there at {@code com/adobe/testing/s3mock/<version>/s3mock-<version>-exec.jar}, the repository being {@code
 * -Dmaven.repo.local} (which the build's Surefire configuration passes) or {@code ~/.m2/repository}, the version the
 * parent pom's {@code s3mock.version} (filtered into {@code s3mock.properties}); {@code -Dparley.test.s3mock-jar}
 * overrides the whole path.
 */
public final class S3MockProcess extends LocalServer {

    /** The version the parent pom's {@code s3mock.version} names. */
    public static final String VERSION = version();
    public static final String JAR_PROPERTY = "parley.test.s3mock-jar";

    private static final Logger LOG = LoggerFactory.getLogger(S3MockProcess.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final int port;

    private S3MockProcess(int port, ChildProcess child) {
        super(child);
        this.port = port;
    }

    /** Starts S3Mock with these buckets already made and waits until it lists buckets over HTTP. */
    public static S3MockProcess start(String... initialBuckets) {
        return start(ChildProcess.defaultLogDirectory(), initialBuckets);
    }

    /** As {@link #start(String...)}, the server's output going to a file in {@code logDirectory}. */
    public static S3MockProcess start(Path logDirectory, String... initialBuckets) {
        Path jar = jar();
        List<Integer> ports = ChildProcess.freePorts(2);
        int port = ports.get(0);
        int httpsPort = ports.get(1);
        Path dir = ChildProcess.tempDirectory("parley-s3mock-");
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()),
                "-Xmx256m",
                // Serial GC and C1 only: on a shared 2-core machine they start the server sooner.
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-jar", jar.toString(),
                "--server.address=" + ChildProcess.HOST,
                // server.port is S3Mock's HTTPS connector; its plain HTTP one reads http.port (application.properties).
                "--server.port=" + httpsPort,
                "--http.port=" + port,
                "--com.adobe.testing.s3mock.store.root=" + dir,
                "--com.adobe.testing.s3mock.store.retainFilesOnExit=false",
                // Single PUTs up to a 16 MiB part, with room for the chunked-encoding overhead.
                "--com.adobe.testing.s3mock.max-payload-size=64MB",
                "--spring.main.banner-mode=off"));
        if (initialBuckets.length > 0) {
            command.add("--com.adobe.testing.s3mock.store.initialBuckets=" + String.join(",", initialBuckets));
        }
        ChildProcess child = new ChildProcess("s3mock:" + port, command, Map.of(), List.of(port, httpsPort),
                ChildProcess.logFile(logDirectory, "s3mock-" + port + ".log"), () -> ChildProcess.deleteTree(dir));
        return started(new S3MockProcess(port, child));
    }

    @Override
    protected void startChild() {
        Duration took = child.start(START_TIMEOUT, this::listsBuckets);
        LOG.info("S3Mock on {} (pid {}) answered after {} ms", endpoint(), child.pid(), took.toMillis());
    }

    /** {@code http://127.0.0.1:<port>}, for the S3 client's endpoint override (path-style addressing). */
    public URI endpoint() {
        return URI.create("http://" + ChildProcess.HOST + ":" + port);
    }

    public int port() {
        return port;
    }

    private boolean listsBuckets() {
        if (!ChildProcess.accepts(port)) {
            return false;
        }
        try {
            HttpURLConnection connection = (HttpURLConnection) endpoint().resolve("/").toURL().openConnection();
            connection.setConnectTimeout(1000);
            connection.setReadTimeout(2000);
            try {
                return connection.getResponseCode() == 200;
            } finally {
                connection.disconnect();
            }
        } catch (IOException e) {
            return false;
        }
    }

    private static String version() {
        Properties properties = new Properties();
        try (InputStream in = S3MockProcess.class.getResourceAsStream("s3mock.properties")) {
            if (in == null) {
                throw new IllegalStateException("s3mock.properties is missing from local-infra's classpath");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version");
    }

    /** The server jar; fails naming the Maven coordinates when it is not there. */
    static Path jar() {
        String configured = System.getProperty(JAR_PROPERTY);
        Path jar;
        if (configured != null) {
            jar = Path.of(configured);
        } else {
            String local = System.getProperty("maven.repo.local");
            Path repository = local != null && !local.isBlank() ? Path.of(local)
                    : Path.of(System.getProperty("user.home"), ".m2", "repository");
            jar = repository.resolve(Path.of("com", "adobe", "testing", "s3mock", VERSION, "s3mock-" + VERSION + "-exec.jar"));
        }
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("The S3Mock server jar is missing at " + jar + ": declare the test dependency "
                    + "com.adobe.testing:s3mock:" + VERSION + ":exec (classifier exec) so that Maven downloads it, or run "
                    + "mvn dependency:get -Dartifact=com.adobe.testing:s3mock:" + VERSION + ":jar:exec, or point -D"
                    + JAR_PROPERTY + " at the jar");
        }
        return jar;
    }
}
