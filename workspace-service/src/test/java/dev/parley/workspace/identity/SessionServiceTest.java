package dev.parley.workspace.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.common.api.ApiRequest;
import dev.parley.common.api.SlackApiException;
import dev.parley.common.auth.Caller;
import dev.parley.common.testing.TestStore;
import dev.parley.workspace.token.MutableClock;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sessions: refresh tokens stored as hashes, rotated on each exchange, a reused one revoking its family; auth.revoke. */
class SessionServiceTest {

    private static final ApiRequest.Client CLIENT = new ApiRequest.Client("203.0.113.7", "test");

    private final MutableClock clock = new MutableClock(Instant.now());
    private final RecordingAudit audit = new RecordingAudit();
    private IdentityFixture f;
    private User ann;

    @BeforeEach
    void open() {
        f = new IdentityFixture(TestStore.h2("workspace"), clock, audit);
        ann = f.identity.createWorkspace("Acme", "acme", "ann@acme.test", "ann password", null, CLIENT).owner();
    }

    @AfterEach
    void close() {
        f.close();
    }

    private String refresh(String refreshToken) {
        return IdentityFixture.error(() -> f.sessions.refresh(refreshToken, CLIENT));
    }

    @Test
    void aSessionIsAnAccessTokenAndARefreshTokenStoredOnlyAsItsHash() throws Exception {
        SessionService.Session session = f.identity.signIn("ann@acme.test", "ann password", null, CLIENT);
        assertThat(session.refreshToken()).matches("xoxe-1-" + ann.workspaceId() + "-[0-9a-f]{64}");
        assertThat(f.verify(session.access().token())).isEqualTo("ok");
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(session.refreshToken().getBytes(StandardCharsets.UTF_8)));
        String rows = String.join("|", f.store.jdbc()
                .sql("SELECT token_hash, family_id, access_token_id FROM refresh_token WHERE workspace_id = ?")
                .param(ann.workspaceId())
                .query((rs, n) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3)).list());
        assertThat(rows).contains(sha256).doesNotContain(session.refreshToken().substring(20));
        assertThat(audit.events).contains("signedIn " + ann.id() + " from 203.0.113.7");
    }

    @Test
    void anExchangeGivesANewPairWithTheCurrentRoleAndUsesTheOldTokenUp() {
        SessionService.Session first = f.identity.signIn("ann@acme.test", "ann password", null, CLIENT);
        User bob = f.identity.createUser(ann.workspaceId(), "bob@acme.test", "bob password", null, null, User.MEMBER);
        SessionService.Session bobs = f.identity.signIn("bob@acme.test", "bob password", null, CLIENT);
        f.users.setRole(ann.workspaceId(), bob.id(), User.ADMIN);

        SessionService.Session renewed = f.sessions.refresh(bobs.refreshToken(), CLIENT);
        assertThat(renewed.refreshToken()).isNotEqualTo(bobs.refreshToken());
        Caller caller = f.tokens.verifier.verify(renewed.access().token());
        assertThat(caller.userId()).isEqualTo(bob.id());
        assertThat(caller.isAdmin()).as("the role of now, not of the sign-in").isTrue();
        assertThat(caller.tokenId()).isEqualTo(renewed.access().tokenId());
        // The next exchange uses the new refresh token; the first session is untouched by all this.
        assertThat(refresh(renewed.refreshToken())).isEqualTo("ok");
        assertThat(f.verify(first.access().token())).isEqualTo("ok");
    }

    @Test
    void reusingAnExchangedRefreshTokenRevokesTheWholeFamily() {
        SessionService.Session signIn = f.identity.signIn("ann@acme.test", "ann password", null, CLIENT);
        SessionService.Session otherDevice = f.identity.signIn("ann@acme.test", "ann password", null, CLIENT);
        SessionService.Session second = f.sessions.refresh(signIn.refreshToken(), CLIENT);
        SessionService.Session third = f.sessions.refresh(second.refreshToken(), CLIENT);

        // A thief replays the first refresh token: refused, and every token of that sign-in dies.
        assertThat(refresh(signIn.refreshToken())).isEqualTo("invalid_refresh_token");
        assertThat(refresh(third.refreshToken())).isEqualTo("invalid_refresh_token");
        assertThat(f.verify(signIn.access().token())).isEqualTo("token_revoked");
        assertThat(f.verify(second.access().token())).isEqualTo("token_revoked");
        assertThat(f.verify(third.access().token())).isEqualTo("token_revoked");
        assertThat(audit.events).containsOnlyOnce("reused " + ann.id());
        // The other device's session is another family.
        assertThat(f.verify(otherDevice.access().token())).isEqualTo("ok");
        assertThat(refresh(otherDevice.refreshToken())).isEqualTo("ok");
    }

    @Test
    void malformedUnknownAndExpiredRefreshTokensAreRefused() {
        SessionService.Session session = f.identity.signIn("ann@acme.test", "ann password", null, CLIENT);
        String unknown = "xoxe-1-" + ann.workspaceId() + "-" + "ab".repeat(32);
        for (String bad : new String[] {"", "xoxe-1-", "xoxe-1-T1-zz", "xoxb-1-2-3", unknown, "xoxe-1-" + "T".repeat(200),
                session.refreshToken() + "0", session.access().token()}) {
            assertThat(refresh(bad)).as(bad).isEqualTo("invalid_refresh_token");
        }
        assertThat(refresh(session.refreshToken())).as("nothing above touched the real one").isEqualTo("ok");

        SessionService.Session later = f.identity.signIn("ann@acme.test", "ann password", null, CLIENT);
        clock.advance(Duration.ofDays(30).plusSeconds(1));
        assertThat(refresh(later.refreshToken())).isEqualTo("invalid_refresh_token");
    }

    @Test
    void authRevokeEndsTheCallingTokenAndItsRefreshFamilyOnly() {
        SessionService.Session mine = f.identity.signIn("ann@acme.test", "ann password", null, CLIENT);
        SessionService.Session other = f.identity.signIn("ann@acme.test", "ann password", null, CLIENT);
        Caller caller = f.tokens.verifier.verify(mine.access().token());

        assertThat(f.sessions.revoke(caller, true, CLIENT)).as("test: nothing revoked").isFalse();
        assertThat(f.verify(mine.access().token())).isEqualTo("ok");

        assertThat(f.sessions.revoke(caller, false, CLIENT)).isTrue();
        assertThat(f.verify(mine.access().token())).isEqualTo("token_revoked");
        assertThat(refresh(mine.refreshToken())).isEqualTo("invalid_refresh_token");
        assertThat(f.verify(other.access().token())).isEqualTo("ok");
        assertThat(refresh(other.refreshToken())).isEqualTo("ok");
        assertThat(audit.events).containsOnlyOnce("revoked " + ann.id());
    }

    @Test
    void aTokenIssuedInTheSameSecondAsARevocationOfTheAccountIsNotRefused() {
        SessionService.Session before = f.identity.signIn("ann@acme.test", "ann password", null, CLIENT);
        f.tokens.revocations.revokeAccount(ann.workspaceId(), ann.id(), "token_revoked");
        // Token times are whole seconds: without dating it after the revocation, this one would be refused too.
        SessionService.Session after = f.sessions.refresh(before.refreshToken(), CLIENT);
        assertThat(f.verify(before.access().token())).isEqualTo("token_revoked");
        assertThat(f.verify(after.access().token())).isEqualTo("ok");
    }
}
