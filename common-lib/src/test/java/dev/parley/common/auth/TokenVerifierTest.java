package dev.parley.common.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.common.api.SlackApiException;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import io.jsonwebtoken.security.SecureDigestAlgorithm;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.Set;
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

    private static String invalidAuth(TokenVerifier verifier, String token) {
        try {
            verifier.verify(token);
            return "accepted";
        } catch (SlackApiException e) {
            return e.error();
        }
    }

    private static String signed(String kid, PrivateKey key, SecureDigestAlgorithm<? super PrivateKey, ?> algorithm) {
        return Jwts.builder().header().keyId(kid).and()
                .issuer(TokenClaims.ISSUER).subject("U1").claim(TokenClaims.WORKSPACE, "T1")
                .expiration(Date.from(Instant.now().plusSeconds(600)))
                .signWith(key, algorithm)
                .compact();
    }

    @Test
    void anUnsignedTokenIsRefused() {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"none\",\"kid\":\"k1\"}".getBytes(StandardCharsets.UTF_8));
        String claims = b64.encodeToString(("{\"iss\":\"parley\",\"sub\":\"U1\",\"team\":\"T1\",\"exp\":"
                + (Instant.now().getEpochSecond() + 600) + "}").getBytes(StandardCharsets.UTF_8));
        assertThat(invalidAuth(verifier, header + "." + claims + ".")).isEqualTo("invalid_auth");
        assertThat(invalidAuth(verifier, header + "." + claims + ".c2ln")).isEqualTo("invalid_auth");
    }

    @Test
    void anHmacTokenKeyedWithThePublicKeyIsRefused() {
        // The classic confusion: the verifier's public key, which anyone can fetch, used as an HMAC secret.
        String forged = Jwts.builder().header().keyId("k1").and()
                .issuer(TokenClaims.ISSUER).subject("U1").claim(TokenClaims.WORKSPACE, "T1")
                .expiration(Date.from(Instant.now().plusSeconds(600)))
                .signWith(Keys.hmacShaKeyFor(keys.getPublic().getEncoded()), Jwts.SIG.HS256)
                .compact();
        assertThat(invalidAuth(verifier, forged)).isEqualTo("invalid_auth");
    }

    @Test
    void validSignaturesWithAlgorithmsOffTheListAreRefused() {
        KeyPair rsa = Jwts.SIG.RS256.keyPair().build();
        KeyPair p384 = Jwts.SIG.ES384.keyPair().build();
        Map<String, PublicKey> published = Map.of("k1", keys.getPublic(), "rsa", rsa.getPublic(), "p384", p384.getPublic());
        String rs256 = signed("rsa", rsa.getPrivate(), Jwts.SIG.RS256);
        String es384 = signed("p384", p384.getPrivate(), Jwts.SIG.ES384);
        // Each token is genuine: a verifier allowing its algorithm accepts it...
        TokenVerifier lenient = new TokenVerifier(published::get, null, Set.of("ES256", "RS256", "ES384"));
        assertThat(invalidAuth(lenient, rs256)).isEqualTo("accepted");
        assertThat(invalidAuth(lenient, es384)).isEqualTo("accepted");
        // ...and the default allow-list (ES256 only) refuses it, even though its key is published.
        TokenVerifier strict = new TokenVerifier(published::get, null, Set.of("ES256"));
        assertThat(invalidAuth(strict, rs256)).isEqualTo("invalid_auth");
        assertThat(invalidAuth(strict, es384)).isEqualTo("invalid_auth");
        assertThat(invalidAuth(strict, signed("k1", keys.getPrivate(), Jwts.SIG.ES256))).isEqualTo("accepted");
        // A key of one family under an algorithm of another fails too (RS256 header, EC key).
        assertThat(invalidAuth(lenient, signed("k1", rsa.getPrivate(), Jwts.SIG.RS256))).isEqualTo("invalid_auth");
    }
}
