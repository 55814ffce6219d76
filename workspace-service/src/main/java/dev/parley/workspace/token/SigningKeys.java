package dev.parley.workspace.token;

import dev.parley.common.auth.PublicKeys;
import dev.parley.common.json.SlackJson;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Jwks;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The ES256 key pairs that sign access tokens, kept in the store so every workspace-service instance signs with the
 * same key. The newest key signs; every stored key verifies, which is what lets a key be rotated in.
 */
@Component
public class SigningKeys implements PublicKeys {

    /** The key that signs new tokens. */
    public record SigningKey(String kid, PrivateKey privateKey) {
    }

    private final JdbcClient jdbc;
    private final Map<String, PublicKey> publicKeys = new ConcurrentHashMap<>();
    private volatile SigningKey current;

    SigningKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public SigningKey current() {
        SigningKey key = current;
        if (key == null) {
            synchronized (this) {
                if (current == null) {
                    current = loadOrCreate();
                }
                key = current;
            }
        }
        return key;
    }

    @Override
    public PublicKey find(String kid) {
        PublicKey key = publicKeys.get(kid);
        if (key == null) {
            key = jdbc.sql("SELECT public_key FROM signing_key WHERE kid = ?").param(kid)
                    .query(String.class).optional().map(SigningKeys::decodePublic).orElse(null);
            if (key != null) {
                publicKeys.put(kid, key);
            }
        }
        return key;
    }

    /** The JWKS document of every stored public key, for services that verify tokens remotely. */
    public String jwks() {
        current();
        List<Object> keys = jdbc.sql("SELECT kid, public_key FROM signing_key ORDER BY created_at DESC")
                .query((rs, n) -> (Object) Jwks.builder()
                        .key((ECPublicKey) decodePublic(rs.getString(2)))
                        .id(rs.getString(1))
                        .build())
                .list();
        return SlackJson.write(Map.of("keys", keys));
    }

    private SigningKey loadOrCreate() {
        var stored = jdbc.sql("SELECT kid, private_key FROM signing_key ORDER BY created_at DESC LIMIT 1")
                .query((rs, n) -> new SigningKey(rs.getString(1), decodePrivate(rs.getString(2))))
                .optional();
        if (stored.isPresent()) {
            return stored.get();
        }
        KeyPair pair = Jwts.SIG.ES256.keyPair().build();
        String kid = UUID.randomUUID().toString();
        try {
            jdbc.sql("INSERT INTO signing_key (kid, algorithm, private_key, public_key, created_at) VALUES (?, 'ES256', ?, ?, ?)")
                    .params(kid, encode(pair.getPrivate().getEncoded()), encode(pair.getPublic().getEncoded()),
                            System.currentTimeMillis())
                    .update();
        } catch (DuplicateKeyException impossible) {
            throw new IllegalStateException("signing key id collision", impossible);
        }
        // Another instance may have created its key at the same moment: everyone signs with the newest one.
        return loadOrCreate();
    }

    private static String encode(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static PublicKey decodePublic(String base64) {
        try {
            return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("stored public key is unreadable", e);
        }
    }

    private static PrivateKey decodePrivate(String base64) {
        try {
            return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("stored private key is unreadable", e);
        }
    }
}
