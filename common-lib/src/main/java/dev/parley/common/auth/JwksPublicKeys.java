package dev.parley.common.auth;

import io.jsonwebtoken.security.Jwk;
import io.jsonwebtoken.security.JwkSet;
import io.jsonwebtoken.security.Jwks;
import java.security.Key;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Public keys read from a remote JWKS document, cached; an unknown {@code kid} refetches the set (at most once per
 * {@code minRefresh}) so a key rotated in by the workspace service is picked up without a restart.
 */
public class JwksPublicKeys implements PublicKeys {

    private static final Logger log = LoggerFactory.getLogger(JwksPublicKeys.class);

    private final Supplier<String> jwksSource;
    private final Duration minRefresh;
    private volatile Map<String, PublicKey> keys = Map.of();
    private volatile Instant lastFetch = Instant.EPOCH;

    public JwksPublicKeys(Supplier<String> jwksSource, Duration minRefresh) {
        this.jwksSource = jwksSource;
        this.minRefresh = minRefresh;
    }

    @Override
    public PublicKey find(String kid) {
        PublicKey key = keys.get(kid);
        return key != null ? key : refreshFor(kid);
    }

    /**
     * Refetches unless fetched within {@code minRefresh}. A caller that waited here while another fetched finds the key
     * that fetch brought: concurrent first verifications (sockets connecting at once to a gateway just started, or
     * after a rotation) must not be refused while one of them fetches.
     */
    private synchronized PublicKey refreshFor(String kid) {
        PublicKey known = keys.get(kid);
        if (known != null || !Instant.now().isAfter(lastFetch.plus(minRefresh))) {
            return known;
        }
        lastFetch = Instant.now();
        try {
            JwkSet set = Jwks.setParser().build().parse(jwksSource.get());
            Map<String, PublicKey> fresh = new ConcurrentHashMap<>();
            for (Jwk<?> jwk : set.getKeys()) {
                Key k = jwk.toKey();
                if (k instanceof PublicKey pk && jwk.getId() != null) {
                    fresh.put(jwk.getId(), pk);
                }
            }
            keys = fresh;
        } catch (RuntimeException e) {
            log.warn("Could not load the token signing keys: {}", e.toString());
        }
        return keys.get(kid);
    }
}
