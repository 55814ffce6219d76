package dev.parley.workspace.token;

import dev.parley.common.lease.LeasedLoop;
import dev.parley.common.pubsub.TtlKeys;
import dev.parley.workspace.security.SecurityAudit;
import java.time.Duration;
import java.util.List;

/**
 * Rotates the signing key when it reaches {@code parley.auth.signing-key-lifetime} and deletes retired keys once the
 * tokens they signed have expired. One workspace-service instance does it at a time (a lease), so instances do not
 * each create a key.
 */
class SigningKeyRotation extends LeasedLoop {

    static final String LEASE = "workspace:signing-key-rotation";

    private final SigningKeys keys;
    private final SecurityAudit audit;
    private final Duration interval;

    SigningKeyRotation(SigningKeys keys, TtlKeys leases, Duration lifetime, SecurityAudit audit) {
        super(leases, LEASE, leaseTtl(checkInterval(lifetime)), "signing-key-rotation");
        this.keys = keys;
        this.audit = audit;
        this.interval = checkInterval(lifetime);
    }

    // Outlives a few missed rounds before another instance takes over.
    private static Duration leaseTtl(Duration interval) {
        Duration ttl = interval.multipliedBy(3);
        return ttl.compareTo(Duration.ofSeconds(10)) > 0 ? ttl : Duration.ofSeconds(10);
    }

    /** Often enough that a key is not used much past its lifetime; at most once a second. */
    static Duration checkInterval(Duration lifetime) {
        Duration quarter = lifetime.dividedBy(4);
        if (quarter.compareTo(Duration.ofSeconds(1)) < 0) {
            return Duration.ofSeconds(1);
        }
        return quarter.compareTo(Duration.ofMinutes(1)) > 0 ? Duration.ofMinutes(1) : quarter;
    }

    @Override
    protected boolean round() {
        keys.rotateIfDue().ifPresent(r -> audit.signingKeyRotated(r.kid(), r.activatesAt(), "lifetime"));
        List<String> deleted = keys.deleteRetired();
        if (!deleted.isEmpty()) {
            audit.signingKeysDeleted(deleted);
        }
        return false;
    }

    @Override
    protected void pause() throws InterruptedException {
        Thread.sleep(interval.toMillis());
    }
}
