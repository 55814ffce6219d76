package dev.parley.workspace.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.common.api.ApiRequest;
import dev.parley.common.api.SlackApiException;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sign-in tells nothing about an email's accounts to someone without the password: every answer that depends on
 * them comes after one password hash, the same one hash on every path (counted, not timed).
 */
class SignInTest {

    private static final ApiRequest.Client CLIENT = new ApiRequest.Client("203.0.113.7", "test");

    private final RecordingAudit audit = new RecordingAudit();
    private IdentityFixture f;

    @BeforeEach
    void open() {
        f = new IdentityFixture(dev.parley.common.testing.TestStore.h2("workspace"), java.time.Clock.systemUTC(), audit);
        // ann: one account. bea: accounts in three workspaces, two with the same password.
        f.identity.createWorkspace("Solo", "solo", "ann@example.test", "ann password", null, CLIENT);
        f.identity.createWorkspace("Red", "red", "bea@example.test", "shared password", null, CLIENT);
        f.identity.createWorkspace("Blue", "blue", "bea@example.test", "shared password", null, CLIENT);
        f.identity.createWorkspace("Green", "green", "bea@example.test", "green password", null, CLIENT);
        f.hasher.take();
        audit.events.clear();
    }

    @AfterEach
    void close() {
        f.close();
    }

    /** The answer (a team id or an error code) and how many hashes it took. */
    private String answer(Supplier<SessionService.Session> signIn) {
        try {
            return signIn.get().user().workspaceId();
        } catch (SlackApiException e) {
            return e.error();
        }
    }

    private String signIn(String email, String password, String team) {
        String answer = answer(() -> f.identity.signIn(email, password, team, CLIENT));
        int hashes = f.hasher.take();
        assertThat(hashes).as("hashes for %s / %s / %s", email, password, team).isEqualTo(1);
        return answer;
    }

    private String team(String domain) {
        return f.workspaces.idForDomain(domain).orElseThrow();
    }

    @Test
    void aWrongPasswordIsInvalidAuthWhateverTheAccountsBehindTheEmail() {
        assertThat(signIn("nobody@example.test", "some password", null)).isEqualTo("invalid_auth");
        assertThat(signIn("ann@example.test", "wrong password", null)).isEqualTo("invalid_auth");
        // Before the fix this answered team_required, without hashing: the email's accounts leaked.
        assertThat(signIn("bea@example.test", "wrong password", null)).isEqualTo("invalid_auth");
        assertThat(signIn("bea@example.test", "wrong password", "red")).isEqualTo("invalid_auth");
        assertThat(signIn("nobody@example.test", "some password", "red")).isEqualTo("invalid_auth");
    }

    @Test
    void teamIsRequiredOnlyWhenThePasswordMatchesSeveralAccounts() {
        assertThat(signIn("bea@example.test", "shared password", null)).isEqualTo("team_required");
        assertThat(signIn("bea@example.test", "shared password", "red")).isEqualTo(team("red"));
        assertThat(signIn("bea@example.test", "shared password", team("blue"))).isEqualTo(team("blue"));
        // A password only one account has signs into that one, no team needed.
        assertThat(signIn("bea@example.test", "green password", null)).isEqualTo(team("green"));
        assertThat(signIn("bea@example.test", "green password", "red")).isEqualTo("invalid_auth");
        assertThat(signIn("ann@example.test", "ann password", null)).isEqualTo(team("solo"));
        assertThat(signIn(" ANN@example.test ", "ann password", "solo")).isEqualTo(team("solo"));
    }

    @Test
    void anOverlongPasswordCostsTheSameAndMatchesNothing() {
        assertThat(signIn("ann@example.test", "x".repeat(200), null)).isEqualTo("invalid_auth");
        assertThat(signIn("nobody@example.test", "é".repeat(100), null)).isEqualTo("invalid_auth");
    }

    @Test
    void aDeactivatedAccountIsRefusedWithItsOwnCodeOnlyToWhoeverKnowsThePassword() {
        String green = team("green");
        String bea = f.users.usersForEmail("bea@example.test").stream().filter(u -> u.workspaceId().equals(green))
                .findFirst().orElseThrow().id();
        f.users.setDeleted(green, bea, true);
        assertThat(signIn("bea@example.test", "green password", null)).isEqualTo("account_inactive");
        assertThat(signIn("bea@example.test", "wrong password", "green")).isEqualTo("invalid_auth");
        // The two active accounts with the shared password are unaffected.
        assertThat(signIn("bea@example.test", "shared password", null)).isEqualTo("team_required");
    }

    @Test
    void aFailureIsAuditedInTheWorkspacesOfTheAccountsItNamedOnly() {
        signIn("nobody@example.test", "some password", null);
        assertThat(audit.events).as("an unknown email names no workspace").isEmpty();
        signIn("bea@example.test", "wrong password", "red");
        assertThat(audit.events).singleElement().asString().startsWith("signInFailed ").endsWith(" from 203.0.113.7");
        audit.events.clear();
        signIn("bea@example.test", "wrong password", null);
        assertThat(audit.events).hasSize(3).allSatisfy(e -> assertThat(e).startsWith("signInFailed "));
        audit.events.clear();
        signIn("bea@example.test", "green password", null);
        assertThat(audit.events).singleElement().asString().startsWith("signedIn ");
    }
}
