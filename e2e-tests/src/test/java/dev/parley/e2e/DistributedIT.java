package dev.parley.e2e;

import dev.parley.common.testing.TestKafka;
import dev.parley.common.testing.TestRedis;
import dev.parley.localinfra.ClamdProcess;
import dev.parley.localinfra.ElasticsearchProcess;
import dev.parley.localinfra.S3MockProcess;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The scenario against the distributed topology: workspace, channel, messaging, presence, search and files services
 * and two gateways, each its own process, on MariaDB, a KRaft Kafka broker, Redis, an Elasticsearch node, an S3 server
 * (S3Mock) and clamd. The two users sit on different gateways, so live delivery
 * crosses processes through Kafka and Redis.
 */
class DistributedIT extends WalkingSkeletonScenario
        implements BotDayScenario, BotTokenScenario, ConversationsScenario, RealtimeScenario, PresenceScenario,
        SafeguardsScenario, GuestScenario, IsolationSweepScenario, RateLimitScenario, MalformedInputScenario,
        PeopleScenario, SessionsScenario, SearchScenario, WebClientServingScenario, FilesScenario {

    private static TestRedis redis;
    private static ElasticsearchProcess elasticsearch;
    private static S3MockProcess s3;
    private static ClamdProcess clamd;
    private static DistributedTopology topology;

    @BeforeAll
    static void start() {
        redis = new TestRedis();
        java.nio.file.Path logs = java.nio.file.Path.of("target", "e2e-logs");
        elasticsearch = ElasticsearchProcess.start(logs);
        s3 = S3MockProcess.start(logs);
        clamd = ClamdProcess.start(64L << 20, logs);
        topology = new DistributedTopology("", TestKafka.bootstrapServers(), TestRedis.HOST, TestRedis.PORT, redis.prefix(),
                new DistributedTopology.Backends(elasticsearch.url().toString(), s3.endpoint().toString(), clamd.port()),
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
        for (AutoCloseable backend : new AutoCloseable[] {elasticsearch, s3, clamd}) {
            if (backend != null) {
                try {
                    backend.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
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
    public List<String> gatewayUrls() {
        return List.of(topology.gatewayA.baseUrl(), topology.gatewayB.baseUrl());
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
