package dev.parley.workspace.token;

import dev.parley.common.auth.AuthProperties;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts signing keys' private halves at rest with AES-256-GCM under {@code parley.auth.key-encryption-key}. The
 * key id is authenticated with each ciphertext, so a stored key cannot be moved to another row unnoticed.
 */
public final class KeyEncryption {

    /** What an encrypted value starts with; a stored value without it is a plain key from before encryption. */
    static final String PREFIX = "aes256gcm:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    KeyEncryption(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("an AES-256 key is 32 bytes, not " + key.length);
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
    }

    /** The key from configuration; without one the workspace service cannot keep its signing keys, so it stops. */
    static KeyEncryption from(AuthProperties auth) {
        return new KeyEncryption(auth.keyEncryptionKeyBytes().orElseThrow(() -> new IllegalStateException(
                AuthProperties.KEY_ENCRYPTION_KEY + " is not set: the workspace service encrypts its token signing keys "
                        + "with it. Give 32 random bytes in base64 (e.g. the output of: head -c 32 /dev/urandom | base64) "
                        + "as --" + AuthProperties.KEY_ENCRYPTION_KEY + "=… or PARLEY_AUTH_KEY_ENCRYPTION_KEY; "
                        + "./parley run makes one in its data directory")));
    }

    static boolean isEncrypted(String stored) {
        return stored.startsWith(PREFIX);
    }

    String encrypt(byte[] plain, String kid) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain);
            byte[] out = new byte[IV_BYTES + sealed.length];
            System.arraycopy(iv, 0, out, 0, IV_BYTES);
            System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    byte[] decrypt(String stored, String kid) {
        if (!isEncrypted(stored)) {
            throw new IllegalArgumentException("not an encrypted value");
        }
        byte[] in;
        try {
            in = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the stored signing key " + kid + " is damaged (not base64)");
        }
        if (in.length <= IV_BYTES) {
            throw new IllegalStateException("the stored signing key " + kid + " is damaged (too short)");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
            cipher.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES);
        } catch (AEADBadTagException e) {
            throw new IllegalStateException("the stored signing key " + kid + " cannot be decrypted with "
                    + AuthProperties.KEY_ENCRYPTION_KEY + ": it was encrypted under another key (or altered). Start "
                    + "with the key encryption key this store was created with");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the stored signing key " + kid + " cannot be decrypted", e);
        }
    }
}
