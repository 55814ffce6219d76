package dev.parley.localinfra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Elasticsearch 8.19 of a test's or a benchmark run's own, as a child process on free ports of
 * 127.0.0.1, security off, with data, logs and configuration in a temporary directory that {@link #close} deletes.
 *
 * <p>It runs the {@code org.elasticsearch.distribution.integ-test-zip:elasticsearch} zip, which this module declares
 * as a dependency of type {@code zip} so that Maven downloads it into the local repository; it is found there
 * ({@code -Dmaven.repo.local}, which the build's Surefire configuration passes, else {@code ~/.m2/repository}) or at
 * {@code -Dparley.elasticsearch.zip}, and unpacked once under {@code java.io.tmpdir}. The server needs Java 17
 * ({@code -Dparley.elasticsearch.java-home}, else {@code ES_JAVA_HOME}, else the Debian openjdk-17 path). Elasticsearch
 * refuses to run as root, so as root it runs as the system user {@value #SERVICE_USER}, created when missing; as any
 * other user it runs as that user.
 */
public final class ElasticsearchProcess extends LocalServer {

    private static final Logger LOG = LoggerFactory.getLogger(ElasticsearchProcess.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    static final String SERVICE_USER = "parley-es";
    private static final String DEBIAN_JAVA_17 = "/usr/lib/jvm/java-17-openjdk-amd64";
    private static final String GROUP_ID = "org.elasticsearch.distribution.integ-test-zip";
    private static final String ARTIFACT_ID = "elasticsearch";

    private final int httpPort;
    private final String version;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private ElasticsearchProcess(int httpPort, String version, ChildProcess child) {
        super(child);
        this.httpPort = httpPort;
        this.version = version;
    }

    /** Starts a fresh, empty node and waits until its cluster health is at least yellow. */
    public static ElasticsearchProcess start() {
        return start(ChildProcess.defaultLogDirectory());
    }

    /** As {@link #start()}, the node's console output going to a file in {@code logDirectory}. */
    public static ElasticsearchProcess start(Path logDirectory) {
        String version = version();
        Path javaHome = javaHome();
        Path home = unpacked(version);
        boolean root = "root".equals(System.getProperty("user.name"));
        List<Integer> ports = ChildProcess.freePorts(2);
        int httpPort = ports.get(0);
        Path log = ChildProcess.logFile(logDirectory, "elasticsearch-" + httpPort + ".log");
        if (root) {
            ensureServiceUser(log);
        }
        Path dir = ChildProcess.tempDirectory("parley-es-node-");
        try {
            writeInstanceFiles(home, dir, httpPort, ports.get(1));
            if (root) {
                chownTree(dir, SERVICE_USER);
            }
        } catch (IOException | RuntimeException e) {
            ChildProcess.deleteTree(dir);
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
        List<String> command = new ArrayList<>();
        if (root) {
            // setpriv execs in place (runuser would stay as a parent), so the child's pid is Elasticsearch's launcher.
            command.addAll(List.of("setpriv", "--reuid=" + SERVICE_USER, "--regid=" + SERVICE_USER, "--init-groups", "--"));
        }
        command.add(home.resolve("bin/elasticsearch").toString());
        Map<String, String> environment = Map.of(
                "ES_JAVA_HOME", javaHome.toString(),
                "ES_PATH_CONF", dir.resolve("config").toString(),
                "ES_TMPDIR", dir.resolve("tmp").toString(),
                "HOME", dir.toString(),
                // The launcher would otherwise size the heap from the machine's memory.
                "ES_JAVA_OPTS", "-Xms512m -Xmx512m");
        return started(new ElasticsearchProcess(httpPort, version, new ChildProcess("elasticsearch:" + httpPort, command,
                environment, ports, log, () -> ChildProcess.deleteTree(dir))));
    }

    @Override
    protected void startChild() {
        Duration took = child.start(START_TIMEOUT, this::healthy);
        LOG.info("Elasticsearch {} at {} (pid {}) healthy after {} ms", version, url(), child.pid(), took.toMillis());
    }

    /** {@code http://127.0.0.1:port}: where the REST API answers. */
    public URI url() {
        return URI.create("http://" + ChildProcess.HOST + ":" + httpPort);
    }

    public int httpPort() {
        return httpPort;
    }

    /**
     * Starts a node for scripts and the benchmark, prints {@code ELASTICSEARCH_URL=<url>} and runs until its standard
     * input closes or the JVM is stopped; the node goes with it. The optional argument is the console log's directory.
     */
    public static void main(String[] args) throws IOException {
        try (ElasticsearchProcess node = args.length > 0 ? start(Path.of(args[0])) : start()) {
            System.out.println("ELASTICSEARCH_URL=" + node.url());
            System.out.flush();
            while (System.in.read() >= 0) {
                // Runs until the input closes; Ctrl-C or SIGTERM end it through the shutdown hook.
            }
        }
    }

    private boolean healthy() {
        HttpRequest request = HttpRequest.newBuilder(url().resolve("/_cluster/health?wait_for_status=yellow&timeout=1s"))
                .timeout(Duration.ofSeconds(5))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200
                    && (response.body().contains("\"status\":\"yellow\"") || response.body().contains("\"status\":\"green\""));
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void writeInstanceFiles(Path home, Path dir, int httpPort, int transportPort) throws IOException {
        Path config = dir.resolve("config");
        // A configuration directory per node: the server writes its keystore there, and the installation stays read-only.
        try (var files = Files.walk(home.resolve("config"))) {
            for (Path source : files.toList()) {
                Path target = config.resolve(home.resolve("config").relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
        for (String sub : List.of("data", "logs", "tmp")) {
            Files.createDirectories(dir.resolve(sub));
        }
        Files.writeString(config.resolve("elasticsearch.yml"), """
                cluster.name: parley-test
                node.name: parley-test-%d
                path.data: %s
                path.logs: %s
                network.host: 127.0.0.1
                http.port: %d
                transport.port: %d
                discovery.type: single-node
                xpack.security.enabled: false
                # A nearly full disk on a development machine must not make the indices read-only.
                cluster.routing.allocation.disk.threshold_enabled: false
                """.formatted(httpPort, dir.resolve("data"), dir.resolve("logs"), httpPort, transportPort));
    }

    /** The installation for this version, unpacked once and shared by every node; read-only to them. */
    private static Path unpacked(String version) {
        Path home = Path.of(System.getProperty("java.io.tmpdir"), "parley-elasticsearch-" + version);
        if (Files.isExecutable(home.resolve("bin/elasticsearch"))) {
            return home;
        }
        Path zip = zip(version);
        // Unpacked beside and moved into place, so a concurrent JVM never sees half an installation.
        Path staging = home.resolveSibling(home.getFileName() + ".unpacking-" + UUID.randomUUID());
        long started = System.nanoTime();
        try {
            unzip(zip, staging, "elasticsearch-" + version + "/");
            Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwxr-xr-x"));
            try {
                Files.move(staging, home, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException raced) {
                ChildProcess.deleteTree(staging);
            }
        } catch (IOException e) {
            ChildProcess.deleteTree(staging);
            throw new UncheckedIOException("Cannot unpack " + zip + " into " + home, e);
        }
        LOG.info("Unpacked {} into {} in {} ms", zip, home, (System.nanoTime() - started) / 1_000_000);
        return home;
    }

    /** Unpacks the entries under {@code root}, world-readable, the scripts under {@code bin/} executable. */
    private static void unzip(Path zip, Path target, String root) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                if (!entry.getName().startsWith(root) || entry.getName().equals(root)) {
                    continue;
                }
                String relative = entry.getName().substring(root.length());
                Path path = target.resolve(relative).normalize();
                if (!path.startsWith(target)) {
                    throw new IOException("Zip entry outside the target directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                    continue;
                }
                Files.createDirectories(path.getParent());
                Files.copy(in, path);
                // java.util.zip does not expose the entries' Unix modes; only the launch scripts need to be executable.
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(
                        relative.startsWith("bin/") ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        try (var dirs = Files.walk(target)) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
    }

    private static Path zip(String version) {
        String configured = System.getProperty("parley.elasticsearch.zip");
        Path zip;
        if (configured != null) {
            zip = Path.of(configured);
        } else {
            String repository = System.getProperty("maven.repo.local");
            Path base = repository != null && !repository.isBlank()
                    ? Path.of(repository)
                    : Path.of(System.getProperty("user.home"), ".m2", "repository");
            zip = base.resolve(GROUP_ID.replace('.', '/')).resolve(ARTIFACT_ID).resolve(version)
                    .resolve(ARTIFACT_ID + "-" + version + ".zip");
        }
        if (!Files.isReadable(zip)) {
            throw new IllegalStateException("The Elasticsearch distribution is missing at " + zip + ": build with Maven "
                    + "(local-infra depends on " + GROUP_ID + ":" + ARTIFACT_ID + ":" + version + ":zip, which it "
                    + "downloads), or point -Dparley.elasticsearch.zip (or -Dmaven.repo.local) at it");
        }
        return zip;
    }

    private static Path javaHome() {
        String configured = System.getProperty("parley.elasticsearch.java-home");
        if (configured == null || configured.isBlank()) {
            configured = System.getenv("ES_JAVA_HOME");
        }
        if (configured == null || configured.isBlank()) {
            configured = DEBIAN_JAVA_17;
        }
        Path home = Path.of(configured);
        if (!Files.isExecutable(home.resolve("bin/java"))) {
            throw new IllegalStateException("Elasticsearch needs Java 17, which is missing at " + home + ": install the "
                    + "Debian package openjdk-17-jdk-headless, or point -Dparley.elasticsearch.java-home (or ES_JAVA_HOME) "
                    + "at a Java 17");
        }
        return home;
    }

    private static String version() {
        Properties properties = new Properties();
        try (InputStream in = ElasticsearchProcess.class.getResourceAsStream("elasticsearch.properties")) {
            if (in == null) {
                throw new IllegalStateException("elasticsearch.properties is missing from local-infra's classpath");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version");
    }

    private static void ensureServiceUser(Path log) {
        try {
            lookup().lookupPrincipalByName(SERVICE_USER);
        } catch (UserPrincipalNotFoundException missing) {
            try {
                ChildProcess.run("useradd " + SERVICE_USER, List.of("useradd", "--system", "--user-group",
                        "--no-create-home", "--home-dir", "/nonexistent", "--shell", "/usr/sbin/nologin", SERVICE_USER),
                        Map.of(), log, Duration.ofSeconds(30));
                LOG.info("Created the system user {} to run Elasticsearch, which refuses root", SERVICE_USER);
            } catch (IllegalStateException failed) {
                // Another JVM (a test in another checkout) may have created it meanwhile; only then is this fine.
                try {
                    lookup().lookupPrincipalByName(SERVICE_USER);
                } catch (IOException stillMissing) {
                    throw new IllegalStateException("Cannot create the system user " + SERVICE_USER + " that runs "
                            + "Elasticsearch (it refuses root): " + failed.getMessage(), failed);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void chownTree(Path dir, String user) throws IOException {
        UserPrincipal owner = lookup().lookupPrincipalByName(user);
        GroupPrincipal group = lookup().lookupPrincipalByGroupName(user);
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.toList()) {
                PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
                view.setOwner(owner);
                view.setGroup(group);
            }
        }
    }

    private static UserPrincipalLookupService lookup() {
        return java.nio.file.FileSystems.getDefault().getUserPrincipalLookupService();
    }
}
