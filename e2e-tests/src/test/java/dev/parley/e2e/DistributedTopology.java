package dev.parley.e2e;

import dev.parley.common.testing.TestStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The distributed topology as an operator runs it: workspace, channel, messaging and presence services and two
 * gateways, each its own process, on a MariaDB database of its own, a Kafka broker and a Redis server; given the
 * {@link Backends}, also the search service on Elasticsearch and the files service on S3 with a clamd scanning.
 */
final class DistributedTopology implements AutoCloseable {

    private final List<ParleyProcess> processes = new ArrayList<>();
    private final String database;
    /** The internal secret every process shares, for tests that read {@code /internal/**} endpoints. */
    final String secret = UUID.randomUUID().toString();
    final ParleyProcess workspace;
    final ParleyProcess messaging;
    final ParleyProcess gatewayA;
    final ParleyProcess gatewayB;

    /** Starts every process but search (names prefixed by {@code prefix}) and waits until all answer. */
    DistributedTopology(String prefix, String kafka, String redisHost, int redisPort, String redisPrefix, List<String> extra) {
        this(prefix, kafka, redisHost, redisPort, redisPrefix, (Backends) null, extra);
    }

    /** Where the search and files services keep what they hold: an Elasticsearch node, an S3 server, a clamd. */
    record Backends(String elasticsearch, String s3, int clamdPort) {
    }

    /**
     * Starts every process (names prefixed by {@code prefix}) and waits until all answer; with backends, the search
     * service too (its indices under a prefix of this topology's own) and the files service (a bucket of its own).
     */
    DistributedTopology(String prefix, String kafka, String redisHost, int redisPort, String redisPrefix,
                        Backends backends, List<String> extra) {
        database = TestStore.createDatabase();
        List<String> common = new ArrayList<>(List.of(
                "--parley.store.type=mysql",
                "--parley.store.sharding-guard=true",
                "--parley.store.url=" + TestStore.MYSQL_SERVER + database,
                "--parley.store.username=" + TestStore.MYSQL_USER,
                "--parley.store.password=" + TestStore.MYSQL_PASSWORD,
                "--parley.eventlog.type=kafka",
                "--parley.kafka.bootstrap-servers=" + kafka,
                "--parley.kafka.topic=parley-e2e-" + UUID.randomUUID(),
                "--parley.kafka.partitions=4",
                "--parley.pubsub.type=redis",
                "--parley.redis.host=" + redisHost,
                "--parley.redis.port=" + redisPort,
                "--parley.redis.prefix=" + redisPrefix,
                "--parley.internal.secret=" + secret));
        common.addAll(extra);
        int workspacePort = ParleyProcess.freePort();
        int channelPort = ParleyProcess.freePort();
        int messagingPort = ParleyProcess.freePort();
        int presencePort = ParleyProcess.freePort();
        int searchPort = ParleyProcess.freePort();
        int filesPort = ParleyProcess.freePort();
        int gatewayAPort = ParleyProcess.freePort();
        if (backends != null) {
            common.add("--parley.services.search.url=http://127.0.0.1:" + searchPort);
            common.add("--parley.services.files.url=http://127.0.0.1:" + filesPort);
            // Files' URLs point at the first gateway, the edge clients use; every files process signs them alike.
            common.add("--parley.public-url=http://127.0.0.1:" + gatewayAPort);
            common.add("--parley.files.public-url=http://127.0.0.1:" + gatewayAPort);
            common.add("--parley.files.signing-key=" + UUID.randomUUID() + UUID.randomUUID());
        }
        common.addAll(List.of(
                "--parley.services.workspace.url=http://127.0.0.1:" + workspacePort,
                "--parley.services.channel.url=http://127.0.0.1:" + channelPort,
                "--parley.services.messaging.url=http://127.0.0.1:" + messagingPort,
                "--parley.services.presence.url=http://127.0.0.1:" + presencePort));
        workspace = launch(prefix + "workspace", "workspace-service", workspacePort, common);
        launch(prefix + "channel", "channel-service", channelPort, common);
        messaging = launch(prefix + "messaging", "messaging-service", messagingPort, common);
        launch(prefix + "presence", "presence-service", presencePort, common);
        if (backends != null) {
            List<String> search = new ArrayList<>(common);
            search.addAll(List.of("--parley.search.type=elasticsearch",
                    "--parley.search.elasticsearch.url=" + backends.elasticsearch(),
                    "--parley.search.elasticsearch.index-prefix=parley-" + database.toLowerCase() + "-"));
            launch(prefix + "search", "search-service", searchPort, search);
            List<String> files = new ArrayList<>(common);
            files.addAll(List.of("--parley.files.store=s3",
                    "--parley.files.s3.endpoint=" + backends.s3(),
                    "--parley.files.s3.bucket=" + database.replace('_', '-'),
                    "--parley.files.s3.create-bucket=true",
                    "--parley.files.s3.access-key=parley", "--parley.files.s3.secret-key=parley-secret",
                    "--parley.files.scanner=clamav", "--parley.files.clamav.port=" + backends.clamdPort(),
                    // The test clamd takes 64 MB a scan; a larger file could never pass it.
                    "--parley.files.max-size=64MB"));
            launch(prefix + "files", "files-service", filesPort, files);
        }
        gatewayA = launch(prefix + "gateway-a", "gateway-service", gatewayAPort, common);
        gatewayB = launch(prefix + "gateway-b", "gateway-service", ParleyProcess.freePort(), common);
        for (ParleyProcess p : processes) {
            p.awaitReady(Duration.ofSeconds(180));
        }
    }

    /** Every process of the topology, in the order started. */
    List<ParleyProcess> processes() {
        return List.copyOf(processes);
    }

    private ParleyProcess launch(String name, String module, int port, List<String> args) {
        ParleyProcess process = ParleyProcess.start(name, module, port, args);
        processes.add(process);
        return process;
    }

    @Override
    public void close() {
        processes.reversed().forEach(ParleyProcess::close);
        TestStore.dropDatabase(database);
    }
}
