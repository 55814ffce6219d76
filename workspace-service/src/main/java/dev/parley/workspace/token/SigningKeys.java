package dev.parley.workspace.token;

import dev.parley.common.auth.AuthProperties;
import dev.parley.common.auth.PublicKeys;
import dev.parley.common.json.SlackJson;
import dev.parley.workspace.token.SigningKeyRepository.StoredKey;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Jwks;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ES256 keys that sign access tokens, kept in the store (private halves encrypted) so every workspace-service
 * instance signs with the same key. Rotation without downtime: a new key is published in the JWKS first and signs
 * only {@link #activationDelay} later, when every remote verifier can have fetched it; the key it replaces keeps
 * verifying until the last token it signed has expired, then it is deleted.
 */
public class SigningKeys implements PublicKeys {

    /** The key that signs new tokens. */
    public record SigningKey(String kid, PrivateKey privateKey) {
    }

    /** A key rotated in: it signs from {@code activatesAt} (epoch ms). */
    public record Rotation(String kid, long activatesAt) {
    }

    static final String ALGORITHM = "ES256";
    // How long an instance signs with the key it knows before looking for a newer one in the store.
    private static final Duration RELOAD_EVERY = Duration.ofSeconds(5);
    // Slack for clocks and for a token dated a second ahead (see TokenIssuer) before a retired key is deleted.
    private static final Duration DELETE_MARGIN = Duration.ofMinutes(1);
    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

    private record LoadedKey(String kid, PrivateKey privateKey, PublicKey publicKey, long createdAt, long activatesAt) {
    }

    private record Ring(List<LoadedKey> keys, long loadedAt) {
    }

    private final SigningKeyRepository repository;
    private final KeyEncryption encryption;
    private final AuthProperties auth;
    private final Clock clock;
    private volatile Ring ring;

    SigningKeys(SigningKeyRepository repository, KeyEncryption encryption, AuthProperties auth, Clock clock) {
        this.repository = repository;
        this.encryption = encryption;
        this.auth = auth;
        this.clock = clock;
    }

    /** How long a new key is published before it signs: one JWKS refresh of the remote verifiers, twice for slack. */
    Duration activationDelay() {
        return auth.jwksRefresh().multipliedBy(2);
    }

    /**
     * Loads (and decrypts) every key, creating the first one on a fresh store and encrypting any stored in plain text
     * by an older version; a key that does not decrypt stops start-up.
     */
    public synchronized void load() {
        List<LoadedKey> loaded = new ArrayList<>();
        for (StoredKey stored : repository.all()) {
            loaded.add(decode(stored));
        }
        if (loaded.isEmpty()) {
            createKey(clock.millis());
            loaded.add(decode(repository.all().getFirst()));
        }
        ring = new Ring(List.copyOf(loaded), clock.millis());
    }

    /** The key to sign with now: the most recently activated one. */
    public SigningKey current() {
        Ring r = fresh();
        long now = clock.millis();
        LoadedKey signing = null;
        for (LoadedKey key : r.keys()) {
            if (key.activatesAt() <= now) {
                signing = key;
            }
        }
        if (signing == null) {
            // Only keys still waiting to activate: no token was signed yet, so no verifier can be behind.
            signing = r.keys().getFirst();
        }
        return new SigningKey(signing.kid(), signing.privateKey());
    }

    @Override
    public PublicKey find(String kid) {
        for (LoadedKey key : fresh().keys()) {
            if (key.kid().equals(kid)) {
                return key.publicKey();
            }
        }
        // Rotated in by another instance since this one last loaded.
        return repository.publicKey(kid).map(SigningKeys::decodePublic).orElse(null);
    }

    /** The JWKS document of every published key (active, waiting to activate, or retired but still verifying). */
    public String jwks() {
        List<Object> keys = new ArrayList<>();
        for (LoadedKey key : fresh().keys().reversed()) {
            keys.add(Jwks.builder().key((ECPublicKey) key.publicKey()).id(key.kid()).build());
        }
        return SlackJson.write(Map.of("keys", keys));
    }

    /** Creates a new key, published now, signing after the activation delay (an operator's rotation). */
    public synchronized Rotation rotate() {
        Rotation rotation = createKey(clock.millis() + activationDelay().toMillis());
        load();
        log.info("Signing key {} created; it signs from {}", rotation.kid(), java.time.Instant.ofEpochMilli(rotation.activatesAt()));
        return rotation;
    }

    /** Rotates when the newest key is older than {@code parley.auth.signing-key-lifetime}; the rotation, if any. */
    public synchronized java.util.Optional<Rotation> rotateIfDue() {
        List<StoredKey> stored = repository.all();
        long newest = stored.stream().mapToLong(StoredKey::createdAt).max().orElse(Long.MIN_VALUE);
        if (!stored.isEmpty() && clock.millis() - newest < auth.signingKeyLifetime().toMillis()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(rotate());
    }

    /**
     * Deletes the keys no valid token can carry any more: a key stops signing when the next one activates, and its
     * last token expires a token lifetime later. Returns the deleted key ids.
     */
    public synchronized List<String> deleteRetired() {
        List<StoredKey> stored = repository.all();
        long now = clock.millis();
        long keepFor = auth.tokenTtl().plus(DELETE_MARGIN).toMillis();
        List<String> deleted = new ArrayList<>();
        for (int i = 0; i + 1 < stored.size(); i++) {
            long retiredAt = stored.get(i + 1).activatesAt();
            if (retiredAt <= now && retiredAt + keepFor < now) {
                repository.delete(stored.get(i).kid());
                deleted.add(stored.get(i).kid());
            }
        }
        if (!deleted.isEmpty()) {
            log.info("Signing keys {} deleted: every token they signed has expired", deleted);
            load();
        }
        return deleted;
    }

    /** The key ids published now, with when each activates: for tests and the operator's view. */
    public Map<String, Long> published() {
        Map<String, Long> out = new LinkedHashMap<>();
        fresh().keys().forEach(k -> out.put(k.kid(), k.activatesAt()));
        return out;
    }

    private Ring fresh() {
        Ring r = ring;
        if (stale(r)) {
            synchronized (this) {
                if (stale(ring)) {
                    load();
                }
                r = ring;
            }
        }
        return r;
    }

    private boolean stale(Ring r) {
        return r == null || clock.millis() - r.loadedAt() > RELOAD_EVERY.toMillis();
    }

    private Rotation createKey(long activatesAt) {
        KeyPair pair = Jwts.SIG.ES256.keyPair().build();
        String kid = UUID.randomUUID().toString();
        repository.insert(new StoredKey(kid, ALGORITHM, encryption.encrypt(pair.getPrivate().getEncoded(), kid),
                Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()), clock.millis(), activatesAt));
        return new Rotation(kid, activatesAt);
    }

    private LoadedKey decode(StoredKey stored) {
        byte[] pkcs8;
        if (KeyEncryption.isEncrypted(stored.privateKey())) {
            pkcs8 = encryption.decrypt(stored.privateKey(), stored.kid());
        } else {
            // Written in plain text by a version before encryption at rest: encrypt it now.
            pkcs8 = Base64.getDecoder().decode(stored.privateKey());
            repository.replacePrivateKey(stored.kid(), encryption.encrypt(pkcs8, stored.kid()));
            log.info("Signing key {} was stored in plain text; it is encrypted now", stored.kid());
        }
        try {
            PrivateKey privateKey = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            return new LoadedKey(stored.kid(), privateKey, decodePublic(stored.publicKey()), stored.createdAt(),
                    stored.activatesAt());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("stored signing key " + stored.kid() + " is unreadable", e);
        } finally {
            java.util.Arrays.fill(pkcs8, (byte) 0);
        }
    }

    private static PublicKey decodePublic(String base64) {
        try {
            return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("stored public key is unreadable", e);
        }
    }
}
