package dev.parley.e2e;

import dev.parley.common.testing.TestKafka;
import dev.parley.common.testing.TestRedis;
import dev.parley.common.testing.TestStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The scenario against the distributed topology: workspace, channel and messaging services and two gateways, each its
 * own process, on MariaDB, a KRaft Kafka broker and Redis. The two users sit on different gateways, so live delivery
 * crosses processes through Kafka and Redis.
 */
class DistributedIT extends WalkingSkeletonScenario implements BotDayScenario, ConversationsScenario, RealtimeScenario, PresenceScenario {

    private static final List<ParleyProcess> processes = new ArrayList<>();
    private static String database;
    private static TestRedis redis;
    private static ParleyProcess gatewayA;
    private static ParleyProcess gatewayB;

    @BeforeAll
    static void start() {
        database = TestStore.createDatabase();
        redis = new TestRedis();
        String kafka = TestKafka.bootstrapServers();
        List<String> common = List.of(
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
                "--parley.redis.host=" + TestRedis.HOST,
                "--parley.redis.port=" + TestRedis.PORT,
                "--parley.redis.prefix=" + redis.prefix(),
                "--parley.internal.secret=" + UUID.randomUUID());
        int workspacePort = ParleyProcess.freePort();
        int channelPort = ParleyProcess.freePort();
        int messagingPort = ParleyProcess.freePort();
        int presencePort = ParleyProcess.freePort();
        List<String> routes = List.of(
                "--parley.services.workspace.url=http://127.0.0.1:" + workspacePort,
                "--parley.services.channel.url=http://127.0.0.1:" + channelPort,
                "--parley.services.messaging.url=http://127.0.0.1:" + messagingPort,
                "--parley.services.presence.url=http://127.0.0.1:" + presencePort);
        launch("workspace", "workspace-service", workspacePort, common, routes);
        launch("channel", "channel-service", channelPort, common, routes);
        launch("messaging", "messaging-service", messagingPort, common, routes);
        launch("presence", "presence-service", presencePort, common, routes);
        gatewayA = launch("gateway-a", "gateway-service", ParleyProcess.freePort(), common, routes);
        gatewayB = launch("gateway-b", "gateway-service", ParleyProcess.freePort(), common, routes);
        for (ParleyProcess p : processes) {
            p.awaitReady(Duration.ofSeconds(180));
        }
    }

    private static ParleyProcess launch(String name, String module, int port, List<String> common, List<String> extra) {
        List<String> args = new ArrayList<>(common);
        args.addAll(extra);
        ParleyProcess process = ParleyProcess.start(name, module, port, args);
        processes.add(process);
        return process;
    }

    @AfterAll
    static void stop() {
        processes.reversed().forEach(ParleyProcess::close);
        if (redis != null) {
            redis.close();
        }
        if (database != null) {
            TestStore.dropDatabase(database);
        }
    }

    @Override
    public String apiUrl() {
        return gatewayA.baseUrl();
    }

    @Override
    public String rtmUrl(int user) {
        return (user % 2 == 0 ? gatewayA : gatewayB).wsUrl();
    }
}
