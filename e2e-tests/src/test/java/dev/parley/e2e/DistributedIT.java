package dev.parley.e2e;

import dev.parley.common.testing.TestKafka;
import dev.parley.common.testing.TestRedis;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The scenario against the distributed topology: workspace, channel and messaging services and two gateways, each its
 * own process, on MariaDB, a KRaft Kafka broker and Redis. The two users sit on different gateways, so live delivery
 * crosses processes through Kafka and Redis.
 */
class DistributedIT extends WalkingSkeletonScenario
        implements BotDayScenario, BotTokenScenario, ConversationsScenario, RealtimeScenario, PresenceScenario,
        SafeguardsScenario, GuestScenario, IsolationSweepScenario, RateLimitScenario, MalformedInputScenario,
        PeopleScenario, SessionsScenario {

    private static TestRedis redis;
    private static DistributedTopology topology;

    @BeforeAll
    static void start() {
        redis = new TestRedis();
        topology = new DistributedTopology("", TestKafka.bootstrapServers(), TestRedis.HOST, TestRedis.PORT, redis.prefix(),
                List.of());
    }

    @AfterAll
    static void stop() {
        if (topology != null) {
            topology.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Override
    public String apiUrl() {
        return topology.gatewayA.baseUrl();
    }

    @Override
    public List<String> apiUrls() {
        return List.of(topology.gatewayA.baseUrl(), topology.gatewayB.baseUrl());
    }

    @Override
    public String rtmUrl(int user) {
        return (user % 2 == 0 ? topology.gatewayA : topology.gatewayB).wsUrl();
    }

    @Override
    public List<String> processUrls() {
        return topology.processes().stream().map(ParleyProcess::baseUrl).toList();
    }

    @Override
    public String workspaceInternalUrl() {
        return topology.workspace.baseUrl();
    }

    @Override
    public String internalSecret() {
        return topology.secret;
    }

    @Override
    public List<java.nio.file.Path> serverLogs() {
        return topology.processes().stream().map(ParleyProcess::logFile).toList();
    }
}
