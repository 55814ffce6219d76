package dev.parley.common.auth;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Token and key settings ({@code parley.auth.*}), shared by the workspace service that issues tokens and every
 * process that verifies them; a value that does not parse or is out of range stops start-up.
 *
 * @param tokenTtl           lifetime of an access token (a signed JWT)
 * @param refreshTokenTtl    how long a refresh token stays usable; each exchange starts the period again
 * @param signingKeyLifetime how long one key signs before the next one is created
 * @param keyEncryptionKey   base64 of 32 bytes: the AES-256 key that encrypts the signing keys at rest (needed by the
 *                           workspace role only)
 * @param algorithms         the JWS algorithms a verifier accepts in a token's header; anything else is invalid_auth
 * @param jwksRefresh        the least time between two fetches of the signing keys by a remote verifier; a new key
 *                           signs only once every verifier can have fetched it
 */
@ConfigurationProperties("parley.auth")
public record AuthProperties(
        @DefaultValue("1h") Duration tokenTtl,
        @DefaultValue("30d") Duration refreshTokenTtl,
        @DefaultValue("30d") Duration signingKeyLifetime,
        String keyEncryptionKey,
        @DefaultValue("ES256") List<String> algorithms,
        @DefaultValue("10s") Duration jwksRefresh) {

    /** Signature algorithms with a public verification key: a symmetric one (HS256) would let a public key sign. */
    public static final Set<String> ASYMMETRIC = Set.of("ES256", "ES384", "ES512", "RS256", "RS384", "RS512",
            "PS256", "PS384", "PS512", "EdDSA");
    public static final String KEY_ENCRYPTION_KEY = "parley.auth.key-encryption-key";

    public AuthProperties {
        requirePositive("parley.auth.token-ttl", tokenTtl);
        requirePositive("parley.auth.refresh-token-ttl", refreshTokenTtl);
        requirePositive("parley.auth.signing-key-lifetime", signingKeyLifetime);
        requirePositive("parley.auth.jwks-refresh", jwksRefresh);
        if (algorithms == null || algorithms.isEmpty()) {
            throw new IllegalArgumentException("parley.auth.algorithms must name at least one algorithm, e.g. ES256");
        }
        for (String algorithm : algorithms) {
            if (!ASYMMETRIC.contains(algorithm)) {
                throw new IllegalArgumentException("parley.auth.algorithms: " + algorithm
                        + " is not an asymmetric signature algorithm; choose from " + ASYMMETRIC.stream().sorted().toList());
            }
        }
        algorithms = List.copyOf(algorithms);
        keyEncryptionKey = keyEncryptionKey == null || keyEncryptionKey.isBlank() ? null : keyEncryptionKey.trim();
        if (keyEncryptionKey != null) {
            decode(keyEncryptionKey);
        }
    }

    /** Settings with every default, for tests and tools. */
    public static AuthProperties defaults() {
        return new AuthProperties(Duration.ofHours(1), Duration.ofDays(30), Duration.ofDays(30), null, List.of("ES256"),
                Duration.ofSeconds(10));
    }

    /** The same settings with another key encryption key (base64). */
    public AuthProperties withKeyEncryptionKey(String base64) {
        return new AuthProperties(tokenTtl, refreshTokenTtl, signingKeyLifetime, base64, algorithms, jwksRefresh);
    }

    /** The key encryption key's 32 bytes, when one is configured. */
    public Optional<byte[]> keyEncryptionKeyBytes() {
        return Optional.ofNullable(keyEncryptionKey).map(AuthProperties::decode);
    }

    /** How long a revocation must be remembered: past that, every token it could refuse has expired. */
    public Duration revocationRetention() {
        return tokenTtl.plus(Duration.ofMinutes(5));
    }

    private static byte[] decode(String base64) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(KEY_ENCRYPTION_KEY + " is not base64; give 32 random bytes in base64, "
                    + "e.g. the output of: head -c 32 /dev/urandom | base64");
        }
        if (key.length != 32) {
            throw new IllegalArgumentException(KEY_ENCRYPTION_KEY + " must be 32 bytes (AES-256) in base64, not "
                    + key.length + " bytes; e.g. the output of: head -c 32 /dev/urandom | base64");
        }
        return key;
    }

    private static void requirePositive(String property, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(property + " must be a positive duration, e.g. 1h, but is " + value);
        }
    }

    // The key encryption key is a secret: it stays out of logs and error messages.
    @Override
    public String toString() {
        return "AuthProperties[tokenTtl=" + tokenTtl + ", refreshTokenTtl=" + refreshTokenTtl + ", signingKeyLifetime="
                + signingKeyLifetime + ", keyEncryptionKey=" + (keyEncryptionKey == null ? "unset" : "(set)")
                + ", algorithms=" + algorithms + ", jwksRefresh=" + jwksRefresh + "]";
    }
}
