package dev.parley.localinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node KRaft Kafka broker (broker and controller in one) of a fault test's or a benchmark run's own, as a child JVM on free ports,
 * whose log directory outlives a kill -9 so that a restart brings back its topics, records and committed offsets.
 */
public final class KafkaBrokerProcess extends LocalServer {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaBrokerProcess.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final int NODE_ID = 1;

    private final int port;

    private KafkaBrokerProcess(int port, ChildProcess child) {
        super(child);
        this.port = port;
    }

    /** Formats a fresh log directory, starts the broker and waits until the Admin client sees it. */
    public static KafkaBrokerProcess start() {
        return start(ChildProcess.defaultLogDirectory());
    }

    /** As {@link #start()}, the broker's output going to a file in {@code logDirectory}. */
    public static KafkaBrokerProcess start(Path logDirectory) {
        List<Integer> ports = ChildProcess.freePorts(2);
        int port = ports.get(0);
        int controllerPort = ports.get(1);
        Path dir = ChildProcess.tempDirectory("parley-kafka-");
        try {
            Files.writeString(dir.resolve("server.properties"), serverProperties(dir.resolve("data"), port, controllerPort));
            Files.writeString(dir.resolve("logback.xml"), LOGBACK);
        } catch (IOException e) {
            ChildProcess.deleteTree(dir);
            throw new UncheckedIOException(e);
        }
        Path log = ChildProcess.logFile(logDirectory, "kafka-broker-" + port + ".log");
        // The parent's classpath has the Kafka server jars (this module depends on kafka_2.13); passed as CLASSPATH so ps and the log stay readable.
        Map<String, String> environment = Map.of("CLASSPATH", System.getProperty("java.class.path"));
        String config = dir.resolve("server.properties").toString();
        KafkaBrokerProcess broker = new KafkaBrokerProcess(port, new ChildProcess("kafka-broker:" + port,
                java(dir, "kafka.Kafka", config), environment, ports, log, () -> ChildProcess.deleteTree(dir)));
        try {
            long formatStarted = System.nanoTime();
            // A single-node dynamic quorum (--standalone), the KRaft set-up Kafka 4 documents for one controller.
            ChildProcess.run("kafka-storage-format", java(dir, "kafka.tools.StorageTool", "format", "--config", config,
                    "--cluster-id", Uuid.randomUuid().toString(), "--standalone"), environment, log, START_TIMEOUT);
            LOG.info("Kafka log directory {} formatted in {} ms", dir, (System.nanoTime() - formatStarted) / 1_000_000);
            broker.startChild();
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
        return broker;
    }

    /** {@code 127.0.0.1:port}, the same across restarts. */
    public String bootstrapServers() {
        return ChildProcess.HOST + ":" + port;
    }

    @Override
    protected void startChild() {
        long started = System.nanoTime();
        Duration listening = child.start(START_TIMEOUT, () -> ChildProcess.accepts(port));
        awaitBrokerInCluster();
        LOG.info("Kafka broker {} (pid {}) listening after {} ms, in describeCluster after {} ms", bootstrapServers(),
                child.pid(), listening.toMillis(), (System.nanoTime() - started) / 1_000_000);
    }

    private void awaitBrokerInCluster() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            Collection<Node> nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs(30_000))
                    .nodes().get(35, TimeUnit.SECONDS);
            if (nodes.stream().noneMatch(node -> node.id() == NODE_ID)) {
                throw new IllegalStateException("Kafka broker " + bootstrapServers() + " reports nodes " + nodes);
            }
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw new IllegalStateException("Kafka broker " + bootstrapServers() + " did not answer describeCluster: "
                    + e + "; last lines of " + child.log() + ":\n" + child.logTail(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<String> java(Path dir, String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()),
                "-Xmx384m",
                // Serial GC and C1 only: on a shared 2-core machine they start the broker about a second sooner.
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dlogback.configurationFile=" + dir.resolve("logback.xml")));
        command.add(mainClass);
        command.addAll(List.of(args));
        return command;
    }

    private static String serverProperties(Path data, int port, int controllerPort) {
        return """
                process.roles=broker,controller
                node.id=%d
                controller.quorum.bootstrap.servers=127.0.0.1:%d
                listeners=PLAINTEXT://127.0.0.1:%d,CONTROLLER://127.0.0.1:%d
                advertised.listeners=PLAINTEXT://127.0.0.1:%d,CONTROLLER://127.0.0.1:%d
                controller.listener.names=CONTROLLER
                inter.broker.listener.name=PLAINTEXT
                listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
                log.dirs=%s
                num.partitions=4
                offsets.topic.replication.factor=1
                # One broker gains nothing from 50 partitions per internal topic, and creating them slows the first join.
                offsets.topic.num.partitions=1
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                transaction.state.log.num.partitions=1
                share.coordinator.state.topic.replication.factor=1
                share.coordinator.state.topic.min.isr=1
                group.initial.rebalance.delay.ms=0
                # After a kill -9 the controller refuses the restarted broker until the old session expires (default 9 s).
                broker.session.timeout.ms=2000
                broker.heartbeat.interval.ms=500
                # The default 128 MB compaction buffer would take a third of the small heap.
                log.cleaner.dedupe.buffer.size=16777216
                """.formatted(NODE_ID, controllerPort, port, controllerPort, port, controllerPort, data);
    }

    /** INFO to stdout: without a configuration logback would log at DEBUG, slowing the broker and filling the log. */
    private static final String LOGBACK = """
            <configuration>
              <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n</pattern></encoder>
              </appender>
              <root level="INFO"><appender-ref ref="OUT"/></root>
            </configuration>
            """;
}
