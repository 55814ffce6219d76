package dev.parley.workspace.token;

import dev.parley.common.auth.AuthProperties;
import dev.parley.common.auth.TokenRevocations;
import dev.parley.common.auth.TokenVerifier;
import dev.parley.common.event.UserEvents;
import dev.parley.common.pubsub.inprocess.InProcessPubSub;
import dev.parley.common.pubsub.inprocess.InProcessTtlKeys;
import dev.parley.common.testing.TestStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;

/**
 * The token side of the workspace service wired as in production, on a test store, for tests of any package: real
 * signing keys (encrypted), issuer, refresh tokens, revocations over in-process pub/sub, and a verifier.
 */
public final class TokenTestKit implements AutoCloseable {

    public final AuthProperties auth;
    public final InProcessPubSub pubSub = new InProcessPubSub();
    public final InProcessTtlKeys ttlKeys = new InProcessTtlKeys();
    public final TokenRevocations revocations;
    public final UserEvents userEvents = new UserEvents(pubSub);
    public final SigningKeys keys;
    public final TokenIssuer issuer;
    public final RefreshTokens refreshTokens;
    public final TokenVerifier verifier;

    public TokenTestKit(TestStore store, Clock clock) {
        this(store, clock, AuthProperties.defaults().withKeyEncryptionKey(randomKey()));
    }

    public TokenTestKit(TestStore store, Clock clock, AuthProperties auth) {
        this.auth = auth;
        this.revocations = new TokenRevocations(pubSub, ttlKeys, auth.revocationRetention(), Duration.ofMinutes(1));
        this.keys = new SigningKeys(new SigningKeyRepository(store.jdbc()), KeyEncryption.from(auth), auth, clock);
        keys.load();
        this.issuer = new TokenIssuer(keys, revocations, auth, clock);
        this.refreshTokens = new RefreshTokens(new RefreshTokenRepository(store.jdbc()), auth, clock);
        this.verifier = new TokenVerifier(keys, revocations);
    }

    public static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    @Override
    public void close() {
        revocations.close();
    }
}
