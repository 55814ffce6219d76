package dev.parley.workspace.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.common.api.ApiRequest;
import dev.parley.common.api.SlackApiException;
import dev.parley.common.auth.Caller;
import dev.parley.common.event.UserEvents;
import dev.parley.common.testing.TestStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Deactivation, reactivation and role changes: who may do what, and that each takes effect at once. */
class UserAdminServiceTest {

    private static final ApiRequest.Client CLIENT = new ApiRequest.Client("203.0.113.7", "test");

    private final RecordingAudit audit = new RecordingAudit();
    private IdentityFixture f;
    private String team;
    private User ann;
    private User bob;
    private User cat;
    private final List<String> socketOrders = new CopyOnWriteArrayList<>();

    @BeforeEach
    void open() {
        f = new IdentityFixture(TestStore.h2("workspace"), Clock.systemUTC(), audit);
        ann = f.identity.createWorkspace("Acme", "acme", "ann@acme.test", "ann password", null, CLIENT).owner();
        team = ann.workspaceId();
        bob = f.identity.createUser(team, "bob@acme.test", "bob password", null, null, User.MEMBER);
        cat = f.identity.createUser(team, "cat@acme.test", "cat password", null, null, User.ADMIN);
        f.tokens.pubSub.subscribe(UserEvents.topic(team, bob.id()), socketOrders::add);
    }

    @AfterEach
    void close() {
        f.close();
    }

    private static Caller as(User u) {
        return new Caller(u.workspaceId(), u.id(), u.role());
    }

    private String signIn(String email, String password) {
        return IdentityFixture.error(() -> f.identity.signIn(email, password, null, CLIENT));
    }

    @Test
    void deactivationEndsEverySessionAtOnceAndReactivationLetsTheUserBackIn() {
        SessionService.Session session = f.identity.signIn("bob@acme.test", "bob password", null, CLIENT);

        f.admin.setActive(as(cat), null, bob.id(), false, CLIENT);
        assertThat(f.verify(session.access().token())).isEqualTo("account_inactive");
        assertThat(IdentityFixture.error(() -> f.sessions.refresh(session.refreshToken(), CLIENT))).isEqualTo("invalid_refresh_token");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(socketOrders).singleElement().asString().contains("REVOKE"));
        assertThat(signIn("bob@acme.test", "bob password")).isEqualTo("account_inactive");
        assertThat(f.users.find(team, bob.id()).orElseThrow().deleted()).isTrue();

        f.admin.setActive(as(ann), team, bob.id(), true, CLIENT);
        SessionService.Session back = f.identity.signIn("bob@acme.test", "bob password", null, CLIENT);
        assertThat(f.verify(back.access().token())).isEqualTo("ok");
        assertThat(f.verify(session.access().token())).as("old tokens stay dead").isEqualTo("account_inactive");
        assertThat(audit.events).contains("deactivated " + bob.id() + " by " + cat.id(),
                "reactivated " + bob.id() + " by " + ann.id());
    }

    @Test
    void nobodyDeactivatesThemselvesAndOnlyOwnersActOnOwners() {
        assertThat(IdentityFixture.error(() -> f.admin.setActive(as(ann), null, ann.id(), false, CLIENT))).isEqualTo("cant_deactivate_self");
        assertThat(IdentityFixture.error(() -> f.admin.setActive(as(cat), null, cat.id(), false, CLIENT))).isEqualTo("cant_deactivate_self");
        assertThat(IdentityFixture.error(() -> f.admin.setActive(as(cat), null, ann.id(), false, CLIENT))).isEqualTo("not_an_owner");
        assertThat(IdentityFixture.error(() -> f.admin.setActive(as(cat), null, ann.id(), true, CLIENT))).isEqualTo("not_an_owner");
        assertThat(IdentityFixture.error(() -> f.admin.setActive(as(ann), null, "U0NOSUCHONE", false, CLIENT))).isEqualTo("user_not_found");
        assertThat(IdentityFixture.error(() -> f.admin.setActive(as(ann), "T0OTHERTEAM", bob.id(), false, CLIENT))).isEqualTo("team_not_found");
        User elsewhere = f.identity.createWorkspace("Other", "other", "eve@other.test", "eve password", null, CLIENT).owner();
        assertThat(IdentityFixture.error(() -> f.admin.setActive(as(ann), null, elsewhere.id(), false, CLIENT))).isEqualTo("user_not_found");
        assertThat(f.users.find(team, ann.id()).orElseThrow().deleted()).isFalse();
        assertThat(audit.events).noneMatch(e -> e.startsWith("deactivated"));
        // An admin may deactivate another admin or a member.
        User dan = f.identity.createUser(team, "dan@acme.test", "dan password", null, null, User.ADMIN);
        assertThat(IdentityFixture.error(() -> f.admin.setActive(as(cat), null, dan.id(), false, CLIENT))).isEqualTo("ok");
    }

    @Test
    void aRoleChangeRevokesTheOldTokensClosesTheSocketsAndTheRefreshBringsTheNewRole() {
        SessionService.Session session = f.identity.signIn("bob@acme.test", "bob password", null, CLIENT);
        assertThat(f.tokens.verifier.verify(session.access().token()).isAdmin()).isFalse();

        f.admin.setRole(as(ann), null, bob.id(), UserAdminService.Role.ADMIN, CLIENT);
        assertThat(f.verify(session.access().token())).isEqualTo("token_revoked");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(socketOrders).singleElement().asString().contains("REVOKE"));
        SessionService.Session renewed = f.sessions.refresh(session.refreshToken(), CLIENT);
        Caller now = f.tokens.verifier.verify(renewed.access().token());
        assertThat(now.isAdmin()).isTrue();
        assertThat(now.isOwner()).isFalse();
        assertThat(audit.events).contains("role " + bob.id() + " member->admin by " + ann.id());

        // The same role again changes nothing: the new token stays valid.
        f.admin.setRole(as(ann), null, bob.id(), UserAdminService.Role.ADMIN, CLIENT);
        assertThat(f.verify(renewed.access().token())).isEqualTo("ok");

        // A second change right away (well within the same second) revokes the token the first refresh brought.
        f.admin.setRole(as(ann), null, bob.id(), UserAdminService.Role.REGULAR, CLIENT);
        assertThat(f.verify(renewed.access().token())).isEqualTo("token_revoked");
        SessionService.Session regular = f.sessions.refresh(renewed.refreshToken(), CLIENT);
        assertThat(f.tokens.verifier.verify(regular.access().token()).isAdmin()).isFalse();
        f.admin.setActive(as(ann), null, bob.id(), false, CLIENT);
        assertThat(f.verify(regular.access().token())).isEqualTo("account_inactive");
    }

    @Test
    void onlyOwnersMakeAdminsAndOwnersAndTheLastOwnerStaysOne() {
        assertThat(IdentityFixture.error(() -> f.admin.setRole(as(cat), null, bob.id(), UserAdminService.Role.ADMIN, CLIENT))).isEqualTo("not_an_owner");
        assertThat(IdentityFixture.error(() -> f.admin.setRole(as(cat), null, bob.id(), UserAdminService.Role.OWNER, CLIENT))).isEqualTo("not_an_owner");
        assertThat(IdentityFixture.error(() -> f.admin.setRole(as(cat), null, ann.id(), UserAdminService.Role.REGULAR, CLIENT))).isEqualTo("not_an_owner");
        User dan = f.identity.createUser(team, "dan@acme.test", "dan password", null, null, User.ADMIN);
        assertThat(IdentityFixture.error(() -> f.admin.setRole(as(cat), null, dan.id(), UserAdminService.Role.REGULAR, CLIENT)))
                .as("an admin does not demote an admin").isEqualTo("not_an_owner");
        assertThat(IdentityFixture.error(() -> f.admin.setRole(as(cat), null, bob.id(), UserAdminService.Role.REGULAR, CLIENT)))
                .as("already regular").isEqualTo("ok");

        assertThat(IdentityFixture.error(() -> f.admin.setRole(as(ann), null, ann.id(), UserAdminService.Role.ADMIN, CLIENT)))
                .isEqualTo("cant_demote_last_owner");
        f.admin.setRole(as(ann), null, cat.id(), UserAdminService.Role.OWNER, CLIENT);
        Caller catAsOwner = new Caller(team, cat.id(), User.OWNER);
        f.admin.setRole(as(ann), null, ann.id(), UserAdminService.Role.ADMIN, CLIENT);
        assertThat(f.users.find(team, ann.id()).orElseThrow().role()).isEqualTo(User.ADMIN);
        assertThat(IdentityFixture.error(() -> f.admin.setRole(catAsOwner, null, cat.id(), UserAdminService.Role.REGULAR, CLIENT)))
                .isEqualTo("cant_demote_last_owner");
        assertThat(f.users.activeOwners(team)).isEqualTo(1);
    }
}
