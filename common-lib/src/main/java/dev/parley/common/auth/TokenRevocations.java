package dev.parley.common.auth;

import dev.parley.common.api.SlackApiException;
import dev.parley.common.json.SlackJson;
import dev.parley.common.pubsub.PubSub;
import dev.parley.common.pubsub.TtlKeys;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tokens that stop working before they expire: every token of an account (deactivation, a role change, a session
 * reset) or one token ({@code auth.revoke}). Each revocation is kept in the shared TTL keys for as long as a token
 * can live, and broadcast so every process's verifier knows at once; a process that starts later, or missed the
 * broadcast, loads them from the keys. Checked on every verification, so a remembered token is refused too.
 */
public class TokenRevocations implements AutoCloseable {

    /** The broadcast: a whole account ({@code userId}) or one token ({@code tokenId}), with why. */
    public record Revocation(String workspaceId, String userId, String tokenId, long atMillis, String error) {
    }

    static final String TOPIC = "auth.revocations";
    static final String KEY_PREFIX = "auth.revoked.";
    private static final Logger log = LoggerFactory.getLogger(TokenRevocations.class);

    private final PubSub pubSub;
    private final TtlKeys keys;
    private final Duration keep;
    private final Map<String, Revocation> revoked = new ConcurrentHashMap<>();
    private final PubSub.Subscription subscription;
    private final ScheduledExecutorService reloader = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("token-revocations").factory());

    /**
     * {@code keep}: at least the longest lifetime of any token, after which a revoked token has expired anyway;
     * {@code reloadEvery}: how often the shared keys are read again.
     */
    public TokenRevocations(PubSub pubSub, TtlKeys keys, Duration keep, Duration reloadEvery) {
        this.pubSub = pubSub;
        this.keys = keys;
        this.keep = keep;
        this.subscription = pubSub.subscribe(TOPIC, this::remember);
        reload();
        reloader.scheduleWithFixedDelay(this::reload, reloadEvery.toMillis(), reloadEvery.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Every token of the account issued until now stops working, with this error ({@code account_inactive}, …). */
    public void revokeAccount(String workspaceId, String userId, String error) {
        publish(new Revocation(workspaceId, userId, null, System.currentTimeMillis(), error));
    }

    /** One token stops working ({@code token_revoked}). */
    public void revokeToken(String tokenId) {
        publish(new Revocation(null, null, tokenId, System.currentTimeMillis(), "token_revoked"));
    }

    /** Refuses a token issued at {@code issuedAtMillis} when it, or its account at or after then, was revoked. */
    public void check(Caller caller, long issuedAtMillis) {
        if (caller.tokenId() != null) {
            Revocation token = revoked.get(tokenKey(caller.tokenId()));
            if (token != null) {
                throw new SlackApiException(token.error());
            }
        }
        Revocation account = revoked.get(accountKey(caller.workspaceId(), caller.userId()));
        // A token that tells its issue time in whole seconds only reads as issued at the start of its second, so one
        // issued in the revocation's second is refused even if it came just after; Parley's own carry milliseconds.
        if (account != null && issuedAtMillis <= account.atMillis()) {
            throw new SlackApiException(account.error());
        }
    }

    /**
     * When every token of the account was last revoked, if it was: the issuer dates a token issued in that very
     * millisecond one later, so it is not refused with the ones before.
     */
    public java.util.OptionalLong accountRevokedAt(String workspaceId, String userId) {
        Revocation account = revoked.get(accountKey(workspaceId, userId));
        return account == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(account.atMillis());
    }

    /** Reads every revocation from the shared keys again; a broadcast lost on the way is found here. */
    public void reload() {
        try {
            keys.scan(KEY_PREFIX).forEach((key, json) -> remember(json));
        } catch (RuntimeException e) {
            log.warn("Could not load token revocations: {}", e.toString());
        }
    }

    private void publish(Revocation revocation) {
        String json = SlackJson.write(revocation);
        keys.set(KEY_PREFIX + key(revocation), json, keep);
        remember(json);
        pubSub.publish(TOPIC, json);
    }

    private void remember(String json) {
        try {
            Revocation r = SlackJson.MAPPER.readValue(json, Revocation.class);
            revoked.merge(key(r), r, (old, fresh) -> fresh.atMillis() >= old.atMillis() ? fresh : old);
        } catch (RuntimeException e) {
            log.warn("Ignoring an unreadable token revocation: {}", e.toString());
        }
    }

    private static String key(Revocation r) {
        return r.tokenId() != null ? tokenKey(r.tokenId()) : accountKey(r.workspaceId(), r.userId());
    }

    private static String tokenKey(String tokenId) {
        return "token." + tokenId;
    }

    private static String accountKey(String workspaceId, String userId) {
        return "account." + workspaceId + "." + userId;
    }

    @Override
    public void close() {
        reloader.shutdownNow();
        try {
            subscription.close();
        } catch (RuntimeException e) {
            // At shutdown the pub/sub connection may already be gone, which ends the subscription anyway.
            log.debug("Token revocation subscription already closed: {}", e.toString());
        }
    }
}
