package dev.parley.common.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.common.api.SlackApiException;
import io.jsonwebtoken.Jwts;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.Test;

/** Token verification, and that remembering verified tokens never lets an expired or forged one through. */
class TokenVerifierTest {

    private final KeyPair keys = Jwts.SIG.ES256.keyPair().build();
    private final TokenVerifier verifier = new TokenVerifier(kid -> "k1".equals(kid) ? keys.getPublic() : null);

    private String token(Instant expiry, KeyPair signer) {
        return Jwts.builder().header().keyId("k1").and()
                .issuer(TokenClaims.ISSUER).subject("U1").claim(TokenClaims.WORKSPACE, "T1").claim(TokenClaims.ROLE, "member")
                .expiration(Date.from(expiry))
                .signWith(signer.getPrivate(), Jwts.SIG.ES256)
                .compact();
    }

    @Test
    void aValidTokenNamesItsCallerAndExpiry() {
        Instant expiry = Instant.now().plusSeconds(600);
        TokenVerifier.Verified v = verifier.verifyWithExpiry(token(expiry, keys));
        assertThat(v.caller()).isEqualTo(new Caller("T1", "U1", "member"));
        assertThat(v.expiresAt().getEpochSecond()).isEqualTo(expiry.getEpochSecond());
        // Again, from memory: the same answer.
        assertThat(verifier.verify(token(expiry, keys))).isEqualTo(new Caller("T1", "U1", "member"));
    }

    @Test
    void aRememberedTokenIsRefusedOnceItExpires() throws Exception {
        String shortLived = token(Instant.now().plusMillis(1500), keys);
        assertThat(verifier.verify(shortLived).userId()).isEqualTo("U1");
        Thread.sleep(2000);
        assertThatThrownBy(() -> verifier.verify(shortLived))
                .isInstanceOfSatisfying(SlackApiException.class, e -> assertThat(e.error()).isEqualTo("invalid_auth"));
    }

    @Test
    void forgedAndMalformedTokensAreRefused() {
        KeyPair other = Jwts.SIG.ES256.keyPair().build();
        String forged = token(Instant.now().plusSeconds(600), other);
        for (String bad : new String[] {forged, "not.a.jwt", "", "x".repeat(9000)}) {
            assertThatThrownBy(() -> verifier.verify(bad)).isInstanceOf(SlackApiException.class);
        }
        // A forged token stays refused on a second try (nothing about it was remembered).
        assertThatThrownBy(() -> verifier.verify(forged)).isInstanceOf(SlackApiException.class);
    }
}
