package dev.parley.messaging.reaction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.common.api.ApiRequest;
import dev.parley.common.api.Cursors;
import dev.parley.common.auth.Caller;
import dev.parley.common.id.Ts;
import dev.parley.common.json.SlackJson;
import dev.parley.common.testing.TestStore;
import dev.parley.messaging.MessagingFixture;
import dev.parley.messaging.message.Message;
import dev.parley.messaging.message.MessageService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code reactions.list} pages only what the caller may see: items in channels hidden from them neither appear, nor
 * count towards a page, nor show through the cursor or {@code has_more}; on every relational store adapter.
 */
abstract class ReactionListContractTest {

    protected abstract TestStore createStore();

    private static final String WS = "T1";
    private final Caller ann = new Caller(WS, "UANN", "member");
    private final Caller bob = new Caller(WS, "UBOB", "member");
    private final Caller carol = new Caller(WS, "UCAROL", "member");

    private MessagingFixture fixture;
    private MessageService messages;
    private ReactionService reactions;
    private ReactionApi api;

    @BeforeEach
    void open() {
        fixture = new MessagingFixture(createStore());
        fixture.channels()
                .publicChannel(WS, "CPUBLIC", "UANN", "UBOB", "UCAROL")
                .privateChannel(WS, "DANNBOB", "UANN", "UBOB")
                .privateChannel(WS, "GSECRET", "UANN", "UBOB");
        messages = fixture.bean(MessageService.class);
        reactions = fixture.bean(ReactionService.class);
        api = fixture.bean(ReactionApi.class);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private Message post(String channel, String text) {
        return messages.post(bob, channel, new MessageService.Draft(text, null, null, null, false, null));
    }

    private void react(Caller who, Message m, String name) {
        reactions.add(who, m.channelId(), Ts.format(m.ts()), name);
    }

    private JsonNode list(Caller caller, String... args) {
        Map<String, Object> params = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            params.put(args[i], args[i + 1]);
        }
        return SlackJson.tree(SlackJson.write(api.list(new ApiRequest("reactions.list", params, caller)).fields()));
    }

    /** Every page of the list, following cursors. */
    private List<JsonNode> pages(Caller caller, String user, int limit) {
        List<JsonNode> pages = new ArrayList<>();
        String cursor = "";
        do {
            JsonNode page = cursor.isEmpty() ? list(caller, "user", user, "limit", String.valueOf(limit))
                    : list(caller, "user", user, "limit", String.valueOf(limit), "cursor", cursor);
            pages.add(page);
            cursor = page.path("response_metadata").path("next_cursor").asString("");
        } while (!cursor.isEmpty() && pages.size() < 20);
        return pages;
    }

    private static List<String> texts(JsonNode page) {
        return page.path("items").valueStream().map(i -> i.path("message").path("text").asString()).toList();
    }

    private long reactedAt(Message m) {
        return fixture.store().jdbc().sql("SELECT MAX(created_at) FROM message_reaction WHERE workspace_id = ? "
                        + "AND channel_id = ? AND ts = ?")
                .params(WS, m.channelId(), m.ts())
                .query(Long.class).single();
    }

    @Test
    void hiddenItemsNeitherFillPagesNorShowThroughTheCursor() {
        Message oldest = post("CPUBLIC", "visible one");
        Message inDm = post("DANNBOB", "dm");
        Message newer = post("CPUBLIC", "visible two");
        Message newest = post("GSECRET", "secret");
        react(ann, oldest, "tada");
        react(ann, inDm, "tada");
        react(ann, newer, "tada");
        react(ann, newest, "tada");

        List<JsonNode> carolsPages = pages(carol, "UANN", 1);
        assertThat(carolsPages).extracting(ReactionListContractTest::texts)
                .containsExactly(List.of("visible two"), List.of("visible one"));
        String cursor = carolsPages.getFirst().path("response_metadata").path("next_cursor").asString();
        assertThat(Cursors.decodeLong(cursor, "next_at")).as("the cursor tells the time of a visible item only")
                .isEqualTo(reactedAt(newer));
        assertThat(carolsPages.getLast().path("response_metadata").path("next_cursor").asString())
                .as("nothing visible is left, so no cursor").isEmpty();

        assertThat(pages(carol, "UANN", 10)).extracting(ReactionListContractTest::texts)
                .containsExactly(List.of("visible two", "visible one"));
        assertThat(pages(bob, "UANN", 3)).extracting(ReactionListContractTest::texts)
                .containsExactly(List.of("secret", "visible two", "dm"), List.of("visible one"));
    }

    @Test
    void aMessageReactedToAgainIsListedOnceAtItsLatestReaction() {
        Message first = post("CPUBLIC", "first");
        Message second = post("CPUBLIC", "second");
        react(ann, first, "one");
        react(ann, second, "two");
        react(ann, first, "three");

        assertThat(pages(ann, "UANN", 1)).extracting(ReactionListContractTest::texts)
                .containsExactly(List.of("first"), List.of("second"));
    }
}
