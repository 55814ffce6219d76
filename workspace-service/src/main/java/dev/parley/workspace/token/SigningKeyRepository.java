package dev.parley.workspace.token;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The stored signing keys (unsharded: every workspace's tokens are signed by the same keys). */
@Repository
class SigningKeyRepository {

    /**
     * One key as stored: the private half encrypted ({@link KeyEncryption}), the public half as X.509 in base64,
     * times in epoch milliseconds. A key signs from {@code activatesAt}; it is published in the JWKS from its creation.
     */
    record StoredKey(String kid, String algorithm, String privateKey, String publicKey, long createdAt, long activatesAt) {
    }

    private static final String COLUMNS = "kid, algorithm, private_key, public_key, created_at, activates_at";

    private final JdbcClient jdbc;

    SigningKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(StoredKey key) {
        jdbc.sql("INSERT INTO signing_key (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)")
                .params(key.kid(), key.algorithm(), key.privateKey(), key.publicKey(), key.createdAt(), key.activatesAt())
                .update();
    }

    /** Every key, the one that activated first first. */
    List<StoredKey> all() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM signing_key ORDER BY activates_at, created_at, kid")
                .query((rs, n) -> new StoredKey(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getLong(5), rs.getLong(6)))
                .list();
    }

    Optional<String> publicKey(String kid) {
        return jdbc.sql("SELECT public_key FROM signing_key WHERE kid = ?").param(kid).query(String.class).optional();
    }

    /** Replaces the stored private half (re-encryption; two processes doing it at once both write a valid value). */
    void replacePrivateKey(String kid, String replacement) {
        jdbc.sql("UPDATE signing_key SET private_key = ? WHERE kid = ?").params(replacement, kid).update();
    }

    void delete(String kid) {
        jdbc.sql("DELETE FROM signing_key WHERE kid = ?").param(kid).update();
    }
}
