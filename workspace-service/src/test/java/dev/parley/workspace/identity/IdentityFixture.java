package dev.parley.workspace.identity;

import dev.parley.common.api.SlackApiException;
import dev.parley.common.testing.TestStore;
import dev.parley.workspace.security.SecurityAudit;
import dev.parley.workspace.token.TokenTestKit;
import java.time.Clock;

/** The identity services wired as in production on a test store, with a counting password hasher. */
final class IdentityFixture implements AutoCloseable {

    final TestStore store;
    final TokenTestKit tokens;
    final CountingHasher hasher = new CountingHasher();
    final WorkspaceRepository workspaces;
    final UserRepository users;
    final SessionService sessions;
    final IdentityService identity;
    final UserAdminService admin;

    IdentityFixture(TestStore store, Clock clock, SecurityAudit audit) {
        this.store = store;
        this.tokens = new TokenTestKit(store, clock);
        this.workspaces = new WorkspaceRepository(store.jdbc());
        this.users = new UserRepository(store.jdbc());
        this.sessions = new SessionService(users, tokens.issuer, tokens.refreshTokens, tokens.revocations,
                tokens.userEvents, audit, store.tx());
        this.identity = new IdentityService(workspaces, users, sessions, hasher, audit, store.tx());
        this.admin = new UserAdminService(workspaces, users, sessions, audit, store.tx());
    }

    IdentityFixture() {
        this(TestStore.h2("workspace"), Clock.systemUTC(), SecurityAudit.NONE);
    }

    /** The Slack error a call fails with, or "ok". */
    static String error(Runnable call) {
        try {
            call.run();
            return "ok";
        } catch (SlackApiException e) {
            return e.error();
        }
    }

    /** What verifying an access token answers: "ok" or its Slack error. */
    String verify(String token) {
        return error(() -> tokens.verifier.verify(token));
    }

    @Override
    public void close() {
        tokens.close();
        store.close();
    }
}
