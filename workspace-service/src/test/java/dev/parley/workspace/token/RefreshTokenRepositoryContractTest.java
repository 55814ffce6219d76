package dev.parley.workspace.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.common.testing.TestStore;
import dev.parley.workspace.token.RefreshTokenRepository.StoredRefreshToken;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Refresh tokens on every relational store adapter: one exchange per token, families, revocation, expiry. */
abstract class RefreshTokenRepositoryContractTest {

    protected abstract TestStore createStore();

    private TestStore store;
    private RefreshTokenRepository tokens;

    @BeforeEach
    void open() {
        store = createStore();
        tokens = new RefreshTokenRepository(store.jdbc());
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static StoredRefreshToken token(String workspace, String hash, String user, String family, String access,
                                            long expiresAt) {
        return new StoredRefreshToken(workspace, hash, user, family, access, 100, expiresAt, null, false);
    }

    @Test
    void aTokenIsExchangedOnceOnly() {
        tokens.insert(token("T1", "h1", "U1", "f1", "a1", 1000));
        assertThat(tokens.find("T1", "h1")).hasValueSatisfying(t -> {
            assertThat(t.rotatedAt()).isNull();
            assertThat(t.revoked()).isFalse();
            assertThat(t.familyId()).isEqualTo("f1");
        });
        assertThat(tokens.find("T2", "h1")).as("another workspace").isEmpty();
        assertThat(tokens.markRotated("T1", "h1", 500)).isTrue();
        assertThat(tokens.markRotated("T1", "h1", 600)).as("the second exchange loses").isFalse();
        assertThat(tokens.find("T1", "h1").orElseThrow().rotatedAt()).isEqualTo(500L);
    }

    @Test
    void revokingAFamilyRevokesEachOfItsTokensAndNamesTheirAccessTokens() {
        tokens.insert(token("T1", "h1", "U1", "f1", "a1", 1000));
        tokens.insert(token("T1", "h2", "U1", "f1", "a2", 1000));
        tokens.insert(token("T1", "h3", "U1", "f2", "a3", 1000));
        assertThat(tokens.familyOfAccessToken("T1", "a2")).contains("f1");
        assertThat(tokens.familyOfAccessToken("T1", "nope")).isEmpty();
        assertThat(tokens.revokeFamily("T1", "f1")).containsExactlyInAnyOrder("a1", "a2");
        assertThat(tokens.find("T1", "h1").orElseThrow().revoked()).isTrue();
        assertThat(tokens.find("T1", "h2").orElseThrow().revoked()).isTrue();
        assertThat(tokens.find("T1", "h3").orElseThrow().revoked()).as("another family").isFalse();
        assertThat(tokens.markRotated("T1", "h2", 500)).as("a revoked token is not exchanged").isFalse();
    }

    @Test
    void revokingAUserRevokesTheirTokensOnly() {
        tokens.insert(token("T1", "h1", "U1", "f1", "a1", 1000));
        tokens.insert(token("T1", "h2", "U1", "f2", "a2", 1000));
        tokens.insert(token("T1", "h3", "U2", "f3", "a3", 1000));
        tokens.insert(token("T2", "h4", "U1", "f4", "a4", 1000));
        assertThat(tokens.revokeUser("T1", "U1")).isEqualTo(2);
        assertThat(tokens.revokeUser("T1", "U1")).isZero();
        assertThat(tokens.find("T1", "h3").orElseThrow().revoked()).isFalse();
        assertThat(tokens.find("T2", "h4").orElseThrow().revoked()).isFalse();
    }

    @Test
    void expiredTokensOfAUserAreForgotten() {
        tokens.insert(token("T1", "old", "U1", "f1", "a1", 1000));
        tokens.insert(token("T1", "new", "U1", "f1", "a2", 5000));
        tokens.insert(token("T1", "other", "U2", "f2", "a3", 1000));
        assertThat(tokens.deleteExpired("T1", "U1", 2000)).isEqualTo(1);
        assertThat(tokens.find("T1", "old")).isEmpty();
        assertThat(tokens.find("T1", "new")).isPresent();
        assertThat(tokens.find("T1", "other")).as("another user's, left for their own clean-up").isPresent();
    }
}
