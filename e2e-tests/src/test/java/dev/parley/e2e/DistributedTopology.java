package dev.parley.e2e;

import dev.parley.common.testing.TestStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The distributed topology as an operator runs it: workspace, channel, messaging and presence services and two
 * gateways, each its own process, on a MariaDB database of its own, a Kafka broker and a Redis server.
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

    /** Starts every process (names prefixed by {@code prefix}) and waits until all answer. */
    DistributedTopology(String prefix, String kafka, String redisHost, int redisPort, String redisPrefix, List<String> extra) {
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
        common.addAll(List.of(
                "--parley.services.workspace.url=http://127.0.0.1:" + workspacePort,
                "--parley.services.channel.url=http://127.0.0.1:" + channelPort,
                "--parley.services.messaging.url=http://127.0.0.1:" + messagingPort,
                "--parley.services.presence.url=http://127.0.0.1:" + presencePort));
        workspace = launch(prefix + "workspace", "workspace-service", workspacePort, common);
        launch(prefix + "channel", "channel-service", channelPort, common);
        messaging = launch(prefix + "messaging", "messaging-service", messagingPort, common);
        launch(prefix + "presence", "presence-service", presencePort, common);
        gatewayA = launch(prefix + "gateway-a", "gateway-service", ParleyProcess.freePort(), common);
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
