package dev.parley.workspace.bot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.common.auth.BotProfile;
import dev.parley.common.auth.OpaqueTokens;
import dev.parley.common.auth.Scopes;
import dev.parley.common.auth.TokenKind;
import dev.parley.common.testing.TestStore;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** The bot store on every relational store adapter: bots by id, user and app, and tokens by hash. */
abstract class BotRepositoryContractTest {

    protected abstract TestStore createStore();

    private TestStore store;
    private BotRepository bots;

    @BeforeEach
    void open() {
        store = createStore();
        bots = new BotRepository(store.jdbc());
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static Bot bot(String workspace, String id, String app, String user, Set<String> scopes) {
        return new Bot(workspace, id, app, user, "deploybot", scopes, "UADMIN", 1_700_000_000L, 1_700_000_000L, false);
    }

    @Test
    void aBotIsFoundByItsIdItsUserAndItsAppInItsWorkspaceOnly() {
        Bot bot = bot("T1", "B1", "A1", "U1", Set.of(Scopes.CHAT_WRITE, Scopes.CHANNELS_HISTORY));
        bots.insert(bot);
        assertThat(bots.find("T1", "B1")).contains(bot);
        assertThat(bots.findByUser("T1", "U1")).contains(bot);
        assertThat(bots.findByApp("T1", "A1")).contains(bot);
        assertThat(bots.find("T2", "B1")).as("another workspace").isEmpty();
        assertThat(bots.installed("T1")).containsExactly(bot);
    }

    @Test
    void uninstallingMarksTheBotDeletedOnce() {
        bots.insert(bot("T1", "B1", "A1", "U1", Set.of()));
        assertThat(bots.markDeleted("T1", "B1", 1_700_000_100L)).isTrue();
        assertThat(bots.markDeleted("T1", "B1", 1_700_000_200L)).as("already uninstalled").isFalse();
        Bot gone = bots.find("T1", "B1").orElseThrow();
        assertThat(gone.deleted()).isTrue();
        assertThat(gone.updatedAt()).isEqualTo(1_700_000_100L);
        assertThat(bots.installed("T1")).isEmpty();
    }

    @Test
    void aTokenIsFoundByItsHashWithItsGrantUntilItsBotsTokensAreRevoked() {
        Bot bot = bot("T1", "B1", "A1", "U1", Set.of(Scopes.CHAT_WRITE, Scopes.REACTIONS_WRITE));
        bots.insert(bot);
        bots.insertToken("a".repeat(64), "tok-1", bot, 1_700_000_000L);
        bots.insertToken("b".repeat(64), "tok-2", bot, 1_700_000_000L);

        OpaqueTokens.Grant grant = bots.grant("a".repeat(64)).orElseThrow();
        assertThat(grant).isEqualTo(new OpaqueTokens.Grant("T1", "U1", "member", TokenKind.BOT,
                Set.of(Scopes.CHAT_WRITE, Scopes.REACTIONS_WRITE), "tok-1", 1_700_000_000_000L, null));
        assertThat(bots.grant("c".repeat(64))).isEmpty();

        assertThat(bots.revokeTokens("T1", "B1", 1_700_000_100L)).containsExactlyInAnyOrder("tok-1", "tok-2");
        assertThat(bots.grant("a".repeat(64))).contains(OpaqueTokens.Grant.refused("token_revoked"));
        assertThat(bots.revokeTokens("T1", "B1", 1_700_000_200L)).as("nothing left to revoke").isEmpty();
    }

    @Test
    void aTokensGrantNamesItsBotSoItsPostsShowTheBotWithoutAnotherLookup() {
        Bot bot = bot("T1", "B1", "A1", "U1", Set.of(Scopes.CHAT_WRITE));
        bots.insert(bot);
        bots.insertToken("a".repeat(64), "tok-1", bot, 1_700_000_000L);
        BotTokens tokens = new BotTokens(bots, new MockEnvironment().withProperty("parley.public-url", "http://chat.example/"));

        OpaqueTokens.Grant grant = tokens.find("a".repeat(64));
        assertThat(grant.valid()).isTrue();
        assertThat(grant.bot()).isEqualTo(BotProfile.of("http://chat.example/", "T1", "B1", "A1", "deploybot",
                1_700_000_000L));
        assertThat(tokens.find("c".repeat(64))).isEqualTo(OpaqueTokens.Grant.UNKNOWN);
        bots.revokeTokens("T1", "B1", 1_700_000_100L);
        assertThat(tokens.find("a".repeat(64)).bot()).as("a refused token names nobody").isNull();
    }
}
