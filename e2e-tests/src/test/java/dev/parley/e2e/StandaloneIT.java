package dev.parley.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The scenario against the standalone server: one process, embedded adapters, a fresh data directory. */
class StandaloneIT extends WalkingSkeletonScenario
        implements BotDayScenario, BotTokenScenario, ConversationsScenario, RealtimeScenario, PresenceScenario,
        SafeguardsScenario, GuestScenario, IsolationSweepScenario, RateLimitScenario, MalformedInputScenario {

    private static final String SECRET = UUID.randomUUID().toString();
    private static ParleyProcess server;

    @BeforeAll
    static void start() throws Exception {
        Path data = Files.createTempDirectory("parley-e2e-");
        server = ParleyProcess.start("standalone", "parley-server", List.of("--parley.data-dir=" + data, "--parley.store.sharding-guard=true",
                        "--parley.internal.secret=" + SECRET))
                .awaitReady(Duration.ofSeconds(120));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Override
    public String apiUrl() {
        return server.baseUrl();
    }

    @Override
    public String rtmUrl(int user) {
        return server.wsUrl();
    }

    @Override
    public List<String> processUrls() {
        return List.of(server.baseUrl());
    }

    @Override
    public String internalSecret() {
        return SECRET;
    }

    @Override
    public List<Path> serverLogs() {
        return List.of(server.logFile());
    }
}
