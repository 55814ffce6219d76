package dev.parley.common.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import dev.parley.common.api.SlackApiException;
import dev.parley.common.pubsub.redis.RedisPubSub;
import dev.parley.common.pubsub.redis.RedisTtlKeys;
import dev.parley.common.testing.TestRedis;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Revocations across processes, on the real Redis test server: two verifiers sharing one Redis stand for two
 * services; a third made later stands for a process started after the revocation.
 */
class TokenRevocationsTest {

    private final TestRedis redis = new TestRedis();
    private final RedisPubSub pubSub = new RedisPubSub(redis.connections(), redis.redis(), redis.prefix());

    private TokenRevocations process() {
        return new TokenRevocations(pubSub, new RedisTtlKeys(redis.redis(), redis.prefix()), Duration.ofMinutes(5),
                Duration.ofSeconds(30));
    }

    @AfterEach
    void close() {
        pubSub.close();
        redis.close();
    }

    private static Caller caller(String user, String tokenId) {
        return new Caller("T1", user, "member", TokenKind.USER, Scopes.USER_SESSION, tokenId);
    }

    private static String error(TokenRevocations r, Caller caller, long issuedAt) {
        try {
            r.check(caller, issuedAt);
            return null;
        } catch (SlackApiException e) {
            return e.error();
        }
    }

    @Test
    void anAccountRevokedInOneProcessIsRefusedInEveryOneAtOnceAndInOnesStartedLater() {
        try (TokenRevocations a = process(); TokenRevocations b = process()) {
            long issued = System.currentTimeMillis() - 10_000;
            a.revokeAccount("T1", "U1", "account_inactive");
            assertThat(error(a, caller("U1", "j1"), issued)).isEqualTo("account_inactive");
            await().atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(error(b, caller("U1", "j1"), issued)).isEqualTo("account_inactive"));
            // Other users, and tokens issued after the revocation (a reactivated account signing in), still work.
            assertThat(error(b, caller("U2", "j2"), issued)).isNull();
            assertThat(error(b, caller("U1", "j3"), System.currentTimeMillis() + 2_000)).isNull();
            try (TokenRevocations later = process()) {
                assertThat(error(later, caller("U1", "j1"), issued)).isEqualTo("account_inactive");
            }
        }
    }

    @Test
    void oneRevokedTokenLeavesTheAccountsOtherTokensWorking() {
        try (TokenRevocations a = process(); TokenRevocations b = process()) {
            long issued = System.currentTimeMillis() - 10_000;
            a.revokeToken("j1");
            await().atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(error(b, caller("U1", "j1"), issued)).isEqualTo("token_revoked"));
            assertThat(error(b, caller("U1", "j2"), issued)).isNull();
        }
    }

    @Test
    void theVerifierRefusesARememberedTokenOnceRevoked() {
        var keys = io.jsonwebtoken.Jwts.SIG.ES256.keyPair().build();
        try (TokenRevocations revocations = process()) {
            TokenVerifier verifier = new TokenVerifier(kid -> keys.getPublic(), revocations);
            String token = io.jsonwebtoken.Jwts.builder().header().keyId("k1").and().id("j1")
                    .issuer(TokenClaims.ISSUER).subject("U1").claim(TokenClaims.WORKSPACE, "T1")
                    .issuedAt(java.util.Date.from(java.time.Instant.now().minusSeconds(5)))
                    .expiration(java.util.Date.from(java.time.Instant.now().plusSeconds(600)))
                    .signWith(keys.getPrivate(), io.jsonwebtoken.Jwts.SIG.ES256).compact();
            assertThatCode(() -> verifier.verify(token)).doesNotThrowAnyException();
            assertThat(verifier.verify(token).tokenId()).isEqualTo("j1");
            revocations.revokeAccount("T1", "U1", "account_inactive");
            SlackApiException refused = catchThrowableOfType(SlackApiException.class, () -> verifier.verify(token));
            assertThat(refused.error()).isEqualTo("account_inactive");
        }
    }

    @Test
    void aRevocationRefusesWhatCameBeforeItToTheMillisecondAndNothingAfter() {
        var keys = io.jsonwebtoken.Jwts.SIG.ES256.keyPair().build();
        try (TokenRevocations revocations = process()) {
            TokenVerifier verifier = new TokenVerifier(kid -> keys.getPublic(), revocations);
            java.util.function.LongFunction<String> issuedAt = millis -> io.jsonwebtoken.Jwts.builder().header().keyId("k1").and()
                    .id("j" + millis).issuer(TokenClaims.ISSUER).subject("U1").claim(TokenClaims.WORKSPACE, "T1")
                    .issuedAt(new java.util.Date(millis)).claim(TokenClaims.ISSUED_AT_MILLIS, millis)
                    .expiration(java.util.Date.from(java.time.Instant.now().plusSeconds(600)))
                    .signWith(keys.getPrivate(), io.jsonwebtoken.Jwts.SIG.ES256).compact();
            String before = issuedAt.apply(System.currentTimeMillis() - 1);
            revocations.revokeAccount("T1", "U1", "token_revoked");
            long at = revocations.accountRevokedAt("T1", "U1").orElseThrow();
            // Tokens dated in the same second as the revocation: refused up to its millisecond, accepted after.
            String justAfter = issuedAt.apply(at + 1);
            String atIt = issuedAt.apply(at);
            assertThat(catchThrowableOfType(SlackApiException.class, () -> verifier.verify(before)).error())
                    .isEqualTo("token_revoked");
            assertThat(catchThrowableOfType(SlackApiException.class, () -> verifier.verify(atIt)).error())
                    .isEqualTo("token_revoked");
            assertThatCode(() -> verifier.verify(justAfter)).doesNotThrowAnyException();
            // A token that tells whole seconds only is refused for the whole second: it may have come before.
            String secondsOnly = io.jsonwebtoken.Jwts.builder().header().keyId("k1").and().id("js")
                    .issuer(TokenClaims.ISSUER).subject("U1").claim(TokenClaims.WORKSPACE, "T1")
                    .issuedAt(new java.util.Date(at / 1000 * 1000 + 999))
                    .expiration(java.util.Date.from(java.time.Instant.now().plusSeconds(600)))
                    .signWith(keys.getPrivate(), io.jsonwebtoken.Jwts.SIG.ES256).compact();
            assertThat(catchThrowableOfType(SlackApiException.class, () -> verifier.verify(secondsOnly)).error())
                    .isEqualTo("token_revoked");
        }
    }
}
