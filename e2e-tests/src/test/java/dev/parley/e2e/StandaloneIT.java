package dev.parley.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The scenario against the standalone server: one process, embedded adapters, a fresh data directory. */
class StandaloneIT extends WalkingSkeletonScenario
        implements BotDayScenario, BotTokenScenario, ConversationsScenario, RealtimeScenario, PresenceScenario,
        SafeguardsScenario, GuestScenario, IsolationSweepScenario, RateLimitScenario, MalformedInputScenario,
        PeopleScenario, SessionsScenario, SearchScenario, WebClientServingScenario, FilesScenario {

    private static final String SECRET = UUID.randomUUID().toString();
    private static ParleyProcess server;
    private static GreenMail smtp;

    @BeforeAll
    static void start() throws Exception {
        Path data = Files.createTempDirectory("parley-e2e-");
        // A real SMTP server for invitations, so the mail itself is checked in this topology.
        smtp = new GreenMail(new ServerSetup(ParleyProcess.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        int port = ParleyProcess.freePort();
        // Where clients reach it: the URLs it hands out (file uploads and downloads, permalinks) point here.
        server = ParleyProcess.start("standalone", "parley-server", port, List.of("--parley.data-dir=" + data,
                        "--parley.public-url=http://127.0.0.1:" + port, "--parley.store.sharding-guard=true", "--parley.mail.type=smtp",
                        "--parley.mail.smtp.host=127.0.0.1", "--parley.mail.smtp.port=" + smtp.getSmtp().getPort(),
                        "--parley.internal.secret=" + SECRET))
                .awaitReady(Duration.ofSeconds(120));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Override
    public Optional<GreenMail> mailbox() {
        return Optional.of(smtp);
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
    public List<String> gatewayUrls() {
        return List.of(server.baseUrl());
    }

    @Override
    public List<String> processUrls() {
        return List.of(server.baseUrl());
    }

    @Override
    public String workspaceInternalUrl() {
        return server.baseUrl();
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
