package dev.parley.workspace.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.common.api.SlackApiException;
import dev.parley.common.auth.AuthProperties;
import dev.parley.common.auth.JwksPublicKeys;
import dev.parley.common.auth.TokenVerifier;
import dev.parley.common.json.SlackJson;
import dev.parley.common.testing.TestStore;
import io.jsonwebtoken.Jwts;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The signing keys: encrypted at rest, rotated without downtime, deleted once nothing they signed is valid. */
class SigningKeysTest {

    private final MutableClock clock = new MutableClock(Instant.now());
    private final String kek = TokenTestKit.randomKey();
    private TestStore store;
    private final List<AutoCloseable> open = new java.util.ArrayList<>();

    @BeforeEach
    void open() {
        store = TestStore.h2("workspace");
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
        store.close();
    }

    private AuthProperties auth(Duration jwksRefresh) {
        AuthProperties d = AuthProperties.defaults();
        return new AuthProperties(d.tokenTtl(), d.refreshTokenTtl(), d.signingKeyLifetime(), kek, d.algorithms(), jwksRefresh);
    }

    private TokenTestKit kit(AuthProperties auth) {
        TokenTestKit kit = new TokenTestKit(store, clock, auth);
        open.add(kit);
        return kit;
    }

    private TokenTestKit kit() {
        return kit(auth(Duration.ofSeconds(10)));
    }

    private String rawPrivateKey(String kid) {
        return store.jdbc().sql("SELECT private_key FROM signing_key WHERE kid = ?").param(kid).query(String.class).single();
    }

    private static String kidOf(String jwt) {
        String header = new String(Base64.getUrlDecoder().decode(jwt.substring(0, jwt.indexOf('.'))), StandardCharsets.UTF_8);
        return SlackJson.tree(header).path("kid").asString();
    }

    private static String error(TokenVerifier verifier, String token) {
        try {
            verifier.verify(token);
            return "ok";
        } catch (SlackApiException e) {
            return e.error();
        }
    }

    @Test
    void thePrivateKeyIsNotInPlainTextInTheStore() throws Exception {
        TokenTestKit kit = kit();
        SigningKeys.SigningKey key = kit.keys.current();
        String raw = rawPrivateKey(key.kid());
        byte[] pkcs8 = key.privateKey().getEncoded();

        assertThat(raw).startsWith(KeyEncryption.PREFIX);
        assertThat(raw).doesNotContain(Base64.getEncoder().encodeToString(pkcs8))
                .doesNotContain(java.util.HexFormat.of().formatHex(pkcs8));
        byte[] stored = Base64.getDecoder().decode(raw.substring(KeyEncryption.PREFIX.length()));
        assertThatThrownBy(() -> KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(stored)))
                .as("the stored bytes are not a key").isInstanceOf(java.security.spec.InvalidKeySpecException.class);
        // Not even the key's secret scalar appears among the stored bytes.
        byte[] scalar = ((java.security.interfaces.ECPrivateKey) key.privateKey()).getS().toByteArray();
        assertThat(java.util.HexFormat.of().formatHex(stored)).doesNotContain(java.util.HexFormat.of().formatHex(scalar));
        // And the key signs: its tokens verify.
        assertThat(error(kit.verifier, kit.issuer.issue("T1", "U1", "member").token())).isEqualTo("ok");
    }

    @Test
    void aStoreOpenedWithAnotherKeyEncryptionKeyStopsWithAClearMessage() {
        kit().keys.current();
        AuthProperties other = auth(Duration.ofSeconds(10)).withKeyEncryptionKey(TokenTestKit.randomKey());
        assertThatThrownBy(() -> kit(other))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot be decrypted with parley.auth.key-encryption-key")
                .hasMessageContaining("encrypted under another key");
    }

    @Test
    void withoutAKeyEncryptionKeyTheWorkspaceServiceDoesNotStart() {
        assertThatThrownBy(() -> KeyEncryption.from(AuthProperties.defaults()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("parley.auth.key-encryption-key is not set")
                .hasMessageContaining("head -c 32 /dev/urandom | base64");
    }

    @Test
    void aKeyStoredInPlainTextByAnOlderVersionIsEncryptedWhenLoaded() {
        KeyPair legacy = Jwts.SIG.ES256.keyPair().build();
        String plain = Base64.getEncoder().encodeToString(legacy.getPrivate().getEncoded());
        long created = clock.millis() - 1000;
        store.jdbc().sql("INSERT INTO signing_key (kid, algorithm, private_key, public_key, created_at, activates_at) "
                        + "VALUES ('legacy', 'ES256', ?, ?, ?, ?)")
                .params(plain, Base64.getEncoder().encodeToString(legacy.getPublic().getEncoded()), created, created)
                .update();

        TokenTestKit kit = kit();
        assertThat(rawPrivateKey("legacy")).startsWith(KeyEncryption.PREFIX).doesNotContain(plain);
        assertThat(kit.keys.current().kid()).isEqualTo("legacy");
        assertThat(kit.keys.current().privateKey().getEncoded()).isEqualTo(legacy.getPrivate().getEncoded());
        String token = kit.issuer.issue("T1", "U1", "member").token();
        assertThat(kidOf(token)).isEqualTo("legacy");
        assertThat(error(kit.verifier, token)).isEqualTo("ok");
    }

    @Test
    void aNewKeyIsPublishedBeforeItSignsAndTheOldOneVerifiesUntilItsLastTokenExpired() {
        TokenTestKit kit = kit();
        String first = kit.keys.current().kid();
        String oldToken = kit.issuer.issue("T1", "U1", "member").token();

        clock.advance(Duration.ofDays(29));
        assertThat(kit.keys.rotateIfDue()).as("29 days old: not due").isEmpty();
        clock.advance(Duration.ofDays(2));
        SigningKeys.Rotation rotation = kit.keys.rotateIfDue().orElseThrow();
        assertThat(rotation.activatesAt()).isEqualTo(clock.millis() + Duration.ofSeconds(20).toMillis());
        assertThat(kit.keys.rotateIfDue()).as("the new key is young").isEmpty();

        // Published at once, signing only after the delay every remote verifier needs to fetch it.
        assertThat(kit.keys.jwks()).contains(first).contains(rotation.kid());
        assertThat(kidOf(kit.issuer.issue("T1", "U1", "member").token())).isEqualTo(first);
        clock.advance(Duration.ofSeconds(21));
        String newToken = kit.issuer.issue("T1", "U1", "member").token();
        assertThat(kidOf(newToken)).isEqualTo(rotation.kid());
        assertThat(error(kit.verifier, oldToken)).isEqualTo("ok");
        assertThat(error(kit.verifier, newToken)).isEqualTo("ok");

        // The old key signed until the new one activated; its tokens live an hour more (plus a minute's margin).
        clock.advance(Duration.ofMinutes(60));
        assertThat(kit.keys.deleteRetired()).isEmpty();
        assertThat(kit.keys.jwks()).contains(first);
        clock.advance(Duration.ofMinutes(2));
        assertThat(kit.keys.deleteRetired()).containsExactly(first);
        assertThat(kit.keys.jwks()).doesNotContain(first).contains(rotation.kid());
        assertThat(kit.keys.find(first)).isNull();
        assertThat(error(kit.verifier, newToken)).isEqualTo("ok");
    }

    @Test
    void anOperatorRotationAlsoWaitsForTheVerifiers() {
        TokenTestKit kit = kit();
        String first = kit.keys.current().kid();
        SigningKeys.Rotation rotation = kit.keys.rotate();
        assertThat(kit.keys.published()).containsKeys(first, rotation.kid());
        assertThat(kit.keys.current().kid()).isEqualTo(first);
        clock.advance(Duration.ofSeconds(20));
        assertThat(kit.keys.current().kid()).isEqualTo(rotation.kid());
    }

    @Test
    void anotherInstanceSignsWithTheRotatedKeyOnceItReloadsAndVerifiesItAtOnce() {
        TokenTestKit a = kit();
        TokenTestKit b = kit();
        assertThat(b.keys.current().kid()).isEqualTo(a.keys.current().kid());
        SigningKeys.Rotation rotation = a.keys.rotate();
        clock.advance(Duration.ofSeconds(21));
        String fromA = a.issuer.issue("T1", "U1", "member").token();
        assertThat(error(b.verifier, fromA)).as("b finds a key it has not loaded yet").isEqualTo("ok");
        assertThat(kidOf(b.issuer.issue("T1", "U1", "member").token())).isEqualTo(rotation.kid());
    }

    @Test
    void aRemoteVerifierRefetchesTheKeysForAKidItDoesNotKnow() throws Exception {
        TokenTestKit kit = kit(auth(Duration.ofSeconds(1)));
        TokenVerifier remote = new TokenVerifier(new JwksPublicKeys(kit.keys::jwks, Duration.ofSeconds(1)), kit.revocations);
        assertThat(error(remote, kit.issuer.issue("T1", "U1", "member").token())).isEqualTo("ok");

        SigningKeys.Rotation rotation = kit.keys.rotate();
        // The new key signs only after the verifier's refetch interval has passed (here 1 s, the delay is 2 s).
        Thread.sleep(kit.keys.activationDelay().toMillis());
        clock.advance(kit.keys.activationDelay());
        String fresh = kit.issuer.issue("T1", "U2", "member").token();
        assertThat(kidOf(fresh)).isEqualTo(rotation.kid());
        assertThat(error(remote, fresh)).isEqualTo("ok");
    }
}
