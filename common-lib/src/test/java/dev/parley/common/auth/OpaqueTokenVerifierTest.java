package dev.parley.common.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.parley.common.api.SlackApiException;
import dev.parley.common.json.SlackJson;
import dev.parley.messaging.client.MessagingClient;
import dev.parley.common.pubsub.inprocess.InProcessPubSub;
import dev.parley.common.pubsub.inprocess.InProcessTtlKeys;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Bot tokens through the verifier: looked up by hash once and then remembered (no lookup per call), unknown ones
 * remembered briefly too, and a revocation refusing a remembered token at once.
 */
class OpaqueTokenVerifierTest {

    private static final String TOKEN = "xoxb-T1-B1-abcdefghijklmnopqrstuvwxyz012345";

    /** A token store: grants by hash, counting lookups. */
    private final Map<String, OpaqueTokens.Grant> grants = new ConcurrentHashMap<>();
    private final AtomicInteger lookups = new AtomicInteger();
    private final OpaqueTokens store = hash -> {
        lookups.incrementAndGet();
        return grants.getOrDefault(hash, OpaqueTokens.Grant.UNKNOWN);
    };
    private final InProcessPubSub pubSub = new InProcessPubSub();
    private final TokenRevocations revocations = new TokenRevocations(pubSub, new InProcessTtlKeys(),
            Duration.ofMinutes(5), Duration.ofSeconds(30));
    private final TokenVerifier verifier = new TokenVerifier(kid -> null, revocations, store);

    @AfterEach
    void close() {
        revocations.close();
    }

    private void install(String token, String tokenId, Set<String> scopes) {
        grants.put(OpaqueTokens.hash(token), new OpaqueTokens.Grant("T1", "U1", "member", TokenKind.BOT, scopes, tokenId,
                System.currentTimeMillis() - 5_000, null));
    }

    private static String error(Runnable call) {
        return catchThrowableOfType(SlackApiException.class, call::run).error();
    }

    @Test
    void aBotTokenNamesItsBotWithItsScopesAndNeverExpires() {
        install(TOKEN, "tok-1", Set.of(Scopes.CHAT_WRITE, Scopes.CHANNELS_HISTORY));
        TokenVerifier.Verified v = verifier.verifyWithExpiry(TOKEN);
        assertThat(v.caller()).isEqualTo(new Caller("T1", "U1", "member", TokenKind.BOT,
                Set.of(Scopes.CHAT_WRITE, Scopes.CHANNELS_HISTORY), "tok-1"));
        assertThat(v.caller().isBot()).isTrue();
        assertThat(v.expiresAt()).isEqualTo(java.time.Instant.MAX);
    }

    @Test
    void aBotTokensCallerCarriesItsBotProfileAcrossProcessesSoPostsNeedNoLookup() {
        BotProfile profile = BotProfile.of("http://chat.example", "T1", "B1", "A1", "deploy-bot", 1_700_000_000L);
        grants.put(OpaqueTokens.hash(TOKEN), new OpaqueTokens.Grant("T1", "U1", "member", TokenKind.BOT,
                Set.of(Scopes.CHAT_WRITE), "tok-1", System.currentTimeMillis() - 5_000, null, profile));
        assertThat(verifier.verify(TOKEN).bot()).isEqualTo(profile);
        assertThat(profile.icons()).containsOnlyKeys("image_36", "image_48", "image_72");
        assertThat(profile.icons().get("image_36")).startsWith("http://chat.example/avatars/").endsWith("/36.svg");

        // The grant and a socket's post travel as JSON between processes: the profile survives the trip.
        OpaqueTokens.Grant grant = grants.get(OpaqueTokens.hash(TOKEN));
        assertThat(SlackJson.read(SlackJson.write(grant), OpaqueTokens.Grant.class)).isEqualTo(grant);
        assertThat(SlackJson.read(SlackJson.write(OpaqueTokens.Grant.UNKNOWN), OpaqueTokens.Grant.class))
                .isEqualTo(OpaqueTokens.Grant.UNKNOWN);
        MessagingClient.PostCommand post = new MessagingClient.PostCommand("T1", "U1", "member", "C1", "hi", null, null,
                profile);
        assertThat(SlackJson.read(SlackJson.write(post), MessagingClient.PostCommand.class)).isEqualTo(post);
        assertThat(BotProfile.fromSlack(SlackJson.read(SlackJson.write(profile.toSlack()), java.util.Map.class)))
                .isEqualTo(profile);
    }

    @Test
    void aVerifiedBotTokenIsRememberedSoTheHotPathMakesNoLookup() {
        install(TOKEN, "tok-1", Set.of(Scopes.CHAT_WRITE));
        for (int i = 0; i < 100; i++) {
            assertThat(verifier.verify(TOKEN).userId()).isEqualTo("U1");
        }
        assertThat(lookups).hasValue(1);
    }

    @Test
    void anUnknownTokenIsRefusedAndRememberedBriefly() {
        assertThat(error(() -> verifier.verify("xoxb-T1-B1-nosuchtoken"))).isEqualTo("invalid_auth");
        assertThat(error(() -> verifier.verify("xoxb-T1-B1-nosuchtoken"))).isEqualTo("invalid_auth");
        assertThat(lookups).hasValue(1);
    }

    @Test
    void aTokenTheStoreSaysIsRevokedIsRefusedAsRevoked() {
        grants.put(OpaqueTokens.hash(TOKEN), OpaqueTokens.Grant.refused("token_revoked"));
        assertThat(error(() -> verifier.verify(TOKEN))).isEqualTo("token_revoked");
    }

    @Test
    void aRevocationRefusesARememberedTokenAtOnce() {
        install(TOKEN, "tok-1", Set.of(Scopes.CHAT_WRITE));
        String other = "xoxb-T1-B2-anotherbottokenanotherbottoken0";
        install(other, "tok-2", Set.of(Scopes.CHAT_WRITE));
        verifier.verify(TOKEN);
        verifier.verify(other);
        revocations.revokeToken("tok-1");
        assertThat(error(() -> verifier.verify(TOKEN))).isEqualTo("token_revoked");
        assertThat(verifier.verify(other).tokenId()).isEqualTo("tok-2");
    }

    @Test
    void aStoreThatCannotBeReachedIsServiceUnavailableNotABadToken() {
        TokenVerifier unreachable = new TokenVerifier(kid -> null, revocations, hash -> {
            throw new IllegalStateException("connection refused");
        });
        assertThat(error(() -> unreachable.verify(TOKEN))).isEqualTo("service_unavailable");
    }

    @Test
    void onlyTheHashEverReachesTheStore() {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        TokenVerifier recording = new TokenVerifier(kid -> null, revocations, hash -> {
            seen.add(hash);
            return OpaqueTokens.Grant.UNKNOWN;
        });
        assertThat(error(() -> recording.verify(TOKEN))).isEqualTo("invalid_auth");
        assertThat(seen).containsExactly(OpaqueTokens.hash(TOKEN)).doesNotContain(TOKEN);
        assertThat(OpaqueTokens.hash(TOKEN)).hasSize(64).matches("[0-9a-f]+");
    }
}
