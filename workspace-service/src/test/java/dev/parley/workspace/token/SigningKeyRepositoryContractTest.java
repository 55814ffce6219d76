package dev.parley.workspace.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.common.testing.TestStore;
import dev.parley.workspace.token.SigningKeyRepository.StoredKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Signing keys on every relational store adapter, and the migration of keys stored before rotation existed. */
abstract class SigningKeyRepositoryContractTest {

    protected abstract TestStore createStore();

    private TestStore store;
    private SigningKeyRepository keys;

    @BeforeEach
    void open() {
        store = createStore();
        keys = new SigningKeyRepository(store.jdbc());
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void keysAreListedInTheOrderTheyActivate() {
        keys.insert(new StoredKey("k2", "ES256", "enc2", "pub2", 200, 900));
        keys.insert(new StoredKey("k1", "ES256", "enc1", "pub1", 100, 100));
        keys.insert(new StoredKey("k3", "ES256", "enc3", "pub3", 300, 1000));
        assertThat(keys.all()).extracting(StoredKey::kid).containsExactly("k1", "k2", "k3");
        assertThat(keys.publicKey("k2")).contains("pub2");
        assertThat(keys.publicKey("nope")).isEmpty();

        keys.replacePrivateKey("k1", "aes256gcm:new");
        assertThat(keys.all().getFirst().privateKey()).isEqualTo("aes256gcm:new");
        keys.delete("k2");
        assertThat(keys.all()).extracting(StoredKey::kid).containsExactly("k1", "k3");
    }

    @Test
    void aLongPrivateKeyFitsItsColumn() {
        String long4k = "aes256gcm:" + "A".repeat(4000);
        keys.insert(new StoredKey("k1", "ES256", long4k, "pub", 1, 1));
        assertThat(keys.all().getFirst().privateKey()).isEqualTo(long4k);
    }
}
