package dev.parley.messaging.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.common.api.ApiRequest;
import dev.parley.common.auth.Caller;
import dev.parley.common.id.Ts;
import dev.parley.common.json.SlackJson;
import dev.parley.common.testing.TestStore;
import dev.parley.messaging.MessagingFixture;
import dev.parley.messaging.client.MessagingClient;
import dev.parley.messaging.client.MessagingClient.FileShare;
import dev.parley.messaging.client.MessagingClient.FileUpdate;
import dev.parley.messaging.client.MessagingClient.MessageRef;
import dev.parley.messaging.client.MessagingClient.PostResult;
import dev.parley.messaging.pin.PinService;
import dev.parley.messaging.reaction.ReactionService;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Messages that share files, as the files service makes them through {@link MessagingClient#shareFiles} and keeps
 * them current through {@link MessagingClient#updateFile}, on every relational store adapter: Slack's modern file
 * share in history, threads and events, the checks of {@code chat.postMessage}, and file updates as
 * {@code message_changed} events that are no edits and happen once.
 */
abstract class MessageFilesContractTest {

    protected abstract TestStore createStore();

    private static final String WS = "T1";
    private static final String CHANNEL = "C1";
    private static final String DECK = "{\"id\":\"F1DECK\",\"name\":\"deck.pdf\",\"title\":\"Quarterly deck\","
            + "\"mimetype\":\"application/pdf\",\"filetype\":\"pdf\",\"size\":1234,\"user\":\"UANN\"}";
    private static final String CHART = "{\"id\":\"F2CHART\",\"name\":\"chart.png\",\"mimetype\":\"image/png\","
            + "\"filetype\":\"png\",\"size\":99}";
    private final Caller ann = new Caller(WS, "UANN", "member");
    private final Caller bob = new Caller(WS, "UBOB", "member");

    private MessagingFixture fixture;
    private MessagingClient client;
    private MessageService messages;
    private MessageApi api;

    @BeforeEach
    void open() {
        fixture = new MessagingFixture(createStore());
        fixture.channels().publicChannel(WS, CHANNEL, "UANN", "UBOB", "UGUEST");
        fixture.channels().publicChannel(WS, "C2", "UANN", "UBOB");
        fixture.channels().publicChannel(WS, "COTHER", "UBOB");
        fixture.channels().privateChannel(WS, "GSECRET", "UBOB");
        fixture.channels().publicChannel(WS, "COLD", "UANN", "UBOB").archive(WS, "COLD");
        client = fixture.client();
        messages = fixture.bean(MessageService.class);
        api = fixture.bean(MessageApi.class);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private PostResult share(String user, String role, String channel, String threadTs, String text, String files) {
        return client.shareFiles(new FileShare(WS, user, role, channel, threadTs, text, files));
    }

    private PostResult share(String channel, String threadTs, String text, String files) {
        return share("UANN", "member", channel, threadTs, text, files);
    }

    private JsonNode call(String method, Caller caller, String... args) {
        Map<String, Object> params = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            params.put(args[i], args[i + 1]);
        }
        ApiRequest request = new ApiRequest(method, params, caller);
        return SlackJson.tree(SlackJson.write((switch (method) {
            case "conversations.history" -> api.history(request);
            case "conversations.replies" -> api.replies(request);
            case "chat.update" -> api.update(request);
            case "chat.delete" -> api.delete(request);
            default -> throw new IllegalArgumentException(method);
        }).fields()));
    }

    private JsonNode history(String channel) {
        return call("conversations.history", ann, "channel", channel).path("messages");
    }

    private List<JsonNode> events(String channel) {
        return fixture.outboxPayloads(WS, channel).stream().map(SlackJson::tree).toList();
    }

    private static JsonNode files(String... objects) {
        return SlackJson.tree("[" + String.join(",", objects) + "]");
    }

    @Test
    void sharedFilesAreOneMessageByTheUserInSlacksModernShapeInHistoryAndInItsEvent() {
        PostResult shared = share(CHANNEL, null, "here is the deck <@UBOB>", "[" + DECK + "," + CHART + "]");
        assertThat(shared.ok()).as(String.valueOf(shared.error())).isTrue();
        assertThat(shared.channelId()).isEqualTo(CHANNEL);
        assertThat(shared.text()).isEqualTo("here is the deck <@UBOB>");

        JsonNode shown = history(CHANNEL);
        assertThat(shown.size()).isEqualTo(1);
        JsonNode m = shown.get(0);
        assertThat(m.path("ts").asString()).isEqualTo(shared.ts());
        assertThat(m.path("type").asString()).isEqualTo("message");
        assertThat(m.has("subtype")).as("the modern share has no file_share subtype").isFalse();
        assertThat(m.path("user").asString()).isEqualTo("UANN");
        assertThat(m.path("text").asString()).isEqualTo("here is the deck <@UBOB>");
        assertThat(m.path("files")).isEqualTo(files(DECK, CHART));
        assertThat(m.path("upload").asBoolean(false)).isTrue();
        assertThat(m.path("display_as_bot").isBoolean()).isTrue();
        assertThat(m.path("display_as_bot").asBoolean(true)).isFalse();

        JsonNode event = events(CHANNEL).getLast();
        assertThat(event.path("type").asString()).isEqualTo("message");
        assertThat(event.has("subtype")).isFalse();
        assertThat(event.path("channel").asString()).isEqualTo(CHANNEL);
        assertThat(event.path("ts").asString()).isEqualTo(shared.ts());
        assertThat(event.path("files")).isEqualTo(files(DECK, CHART));
        assertThat(event.path("upload").asBoolean(false)).isTrue();
        assertThat(event.path("text").asString()).isEqualTo("here is the deck <@UBOB>");

        // The comment's mention counts as in any message.
        assertThat(client.unread(new MessagingClient.UnreadQuery(WS, CHANNEL, "UBOB", 0)).mentions()).isEqualTo(1);
        // A message without files says nothing of uploads.
        messages.post(bob, CHANNEL, new MessageService.Draft("thanks", null, null, null, false, null));
        JsonNode plain = history(CHANNEL).get(0);
        assertThat(plain.has("files") || plain.has("upload") || plain.has("display_as_bot")).isFalse();
    }

    @Test
    void filesAloneWithoutACommentAreAMessage() {
        PostResult shared = share(CHANNEL, null, "", "[" + CHART + "]");
        assertThat(shared.ok()).isTrue();
        PostResult noText = share(CHANNEL, null, null, "[" + DECK + "]");
        assertThat(noText.ok()).isTrue();
        JsonNode shown = history(CHANNEL);
        assertThat(shown.size()).isEqualTo(2);
        assertThat(shown.get(0).path("text").asString("missing")).isEmpty();
        assertThat(shown.get(0).path("files")).isEqualTo(files(DECK));
        assertThat(shown.get(1).path("text").asString("missing")).isEmpty();
        assertThat(shown.get(1).path("files")).isEqualTo(files(CHART));
    }

    @Test
    void filesSharedInAThreadAreAReplyTheParentSummarises() {
        String parentTs = Ts.format(messages.post(bob, CHANNEL, new MessageService.Draft("send the chart?", null, null,
                null, false, null)).ts());
        PostResult reply = share(CHANNEL, parentTs, "here", "[" + CHART + "]");
        assertThat(reply.ok()).as(String.valueOf(reply.error())).isTrue();

        JsonNode channel = history(CHANNEL);
        assertThat(channel.size()).as("a reply stays out of the channel's history").isEqualTo(1);
        assertThat(channel.get(0).path("reply_count").asInt()).isEqualTo(1);
        assertThat(channel.get(0).path("latest_reply").asString()).isEqualTo(reply.ts());
        assertThat(channel.get(0).path("reply_users")).isEqualTo(SlackJson.tree("[\"UANN\"]"));

        JsonNode thread = call("conversations.replies", ann, "channel", CHANNEL, "ts", parentTs).path("messages");
        assertThat(thread.size()).isEqualTo(2);
        JsonNode shown = thread.get(1);
        assertThat(shown.path("ts").asString()).isEqualTo(reply.ts());
        assertThat(shown.path("thread_ts").asString()).isEqualTo(parentTs);
        assertThat(shown.path("files")).isEqualTo(files(CHART));
        assertThat(shown.path("upload").asBoolean(false)).isTrue();

        JsonNode event = events(CHANNEL).getLast();
        assertThat(event.path("ts").asString()).isEqualTo(reply.ts());
        assertThat(event.path("thread_ts").asString()).isEqualTo(parentTs);
        assertThat(event.path("files")).isEqualTo(files(CHART));
    }

    @Test
    void aShareIsCheckedAsAPostIsAndARefusedOneStoresNothing() {
        String good = "[" + DECK + "]";
        Map<String, PostResult> refused = new java.util.LinkedHashMap<>();
        refused.put("not_in_channel", share("COTHER", null, "x", good));
        refused.put("channel_not_found", share("GSECRET", null, "x", good));
        refused.put("is_archived", share("COLD", null, "x", good));
        refused.put("invalid_thread_ts", share(CHANNEL, "yesterday", "x", good));
        refused.put("thread_not_found", share(CHANNEL, "1700000000.000001", "x", good));
        refused.put("channel_not_found (unknown)", share("CNOPE", null, "x", good));
        refused.put("channel_not_found (guest)", share("UGUEST", "guest", "C2", null, "x", good));
        refused.put("invalid_arguments (no files)", share(CHANNEL, null, "x", null));
        refused.put("invalid_arguments (empty)", share(CHANNEL, null, "x", "[]"));
        refused.put("invalid_arguments (not JSON)", share(CHANNEL, null, "x", "[{\"id\":"));
        refused.put("invalid_arguments (no id)", share(CHANNEL, null, "x", "[{\"name\":\"a.txt\"}]"));
        refused.put("invalid_arguments (not an object)", share(CHANNEL, null, "x", "[\"F1\"]"));
        refused.put("invalid_arguments (twice)", share(CHANNEL, null, "x", "[" + DECK + "," + DECK + "]"));
        refused.put("msg_too_long", share(CHANNEL, null, "x".repeat(MessageService.MAX_TEXT + 1), good));
        refused.forEach((expected, result) -> {
            assertThat(result.ok()).as(expected).isFalse();
            assertThat(result.error()).as(expected).isEqualTo(expected.split(" ")[0]);
            assertThat(result.ts()).as(expected).isNull();
        });
        // A guest shares where it is a member.
        assertThat(share("UGUEST", "guest", CHANNEL, null, "from a guest", good).ok()).isTrue();

        // Fence: the one accepted share is all that was stored, in history and events alike.
        PostResult accepted = share(CHANNEL, null, "accepted", good);
        assertThat(accepted.ok()).isTrue();
        assertThat(history(CHANNEL)).extracting(m -> m.path("text").asString()).containsExactly("accepted", "from a guest");
        assertThat(events(CHANNEL)).extracting(e -> e.path("text").asString()).containsExactly("from a guest", "accepted");
        for (String other : List.of("COTHER", "GSECRET", "COLD", "C2")) {
            assertThat(fixture.outboxPayloads(WS, other)).as(other).isEmpty();
        }
    }

    @Test
    void aFilesUpdateReplacesItsObjectInEachMessageAsAMessageChangedEventThatIsNoEdit() {
        PostResult inChannel = share(CHANNEL, null, "deck and chart", "[" + DECK + "," + CHART + "]");
        PostResult elsewhere = share("C2", null, "deck again", "[" + DECK + "]");
        PostResult chartOnly = share(CHANNEL, null, "just the chart", "[" + CHART + "]");
        PostResult deleted = share(CHANNEL, null, "deleted", "[" + DECK + "]");
        call("chat.delete", ann, "channel", CHANNEL, "ts", deleted.ts());
        int channelEvents = events(CHANNEL).size();
        int otherEvents = events("C2").size();

        String processed = "{\"id\":\"F1DECK\",\"name\":\"deck.pdf\",\"title\":\"Quarterly deck\","
                + "\"mimetype\":\"application/pdf\",\"filetype\":\"pdf\",\"size\":1234,\"user\":\"UANN\","
                + "\"url_private\":\"http://chat.test/files/F1DECK/deck.pdf\",\"thumb_pdf\":\"http://chat.test/t.png\"}";
        List<MessageRef> where = List.of(new MessageRef(CHANNEL, inChannel.ts()), new MessageRef("C2", elsewhere.ts()),
                new MessageRef(CHANNEL, chartOnly.ts()), new MessageRef(CHANNEL, deleted.ts()),
                new MessageRef(CHANNEL, "1700000000.000009"), new MessageRef(CHANNEL, "not a ts"),
                new MessageRef("CNOPE", inChannel.ts()));
        assertThat(client.updateFile(new FileUpdate(WS, "F1DECK", processed, where)).messages()).isEqualTo(2);

        JsonNode shown = history(CHANNEL);
        JsonNode both = shown.valueStream().filter(m -> m.path("ts").asString().equals(inChannel.ts())).findFirst()
                .orElseThrow();
        assertThat(both.path("files")).as("the file replaced in place, the other kept").isEqualTo(files(processed, CHART));
        assertThat(both.has("edited")).isFalse();
        assertThat(both.path("text").asString()).isEqualTo("deck and chart");
        assertThat(history("C2").get(0).path("files")).isEqualTo(files(processed));

        List<JsonNode> changes = events(CHANNEL).subList(channelEvents, events(CHANNEL).size());
        assertThat(changes).as("one event for the one message of this channel that shares the file").hasSize(1);
        JsonNode changed = changes.getFirst();
        assertThat(changed.path("type").asString()).isEqualTo("message");
        assertThat(changed.path("subtype").asString()).isEqualTo("message_changed");
        assertThat(changed.path("hidden").asBoolean(false)).isTrue();
        assertThat(changed.path("channel").asString()).isEqualTo(CHANNEL);
        assertThat(changed.path("message").path("ts").asString()).isEqualTo(inChannel.ts());
        assertThat(changed.path("message").path("files")).isEqualTo(files(processed, CHART));
        assertThat(changed.path("message").path("upload").asBoolean(false)).isTrue();
        assertThat(changed.path("message").has("edited")).as("the files service is no editor").isFalse();
        assertThat(changed.path("previous_message").path("files")).isEqualTo(files(DECK, CHART));
        assertThat(events("C2")).hasSize(otherEvents + 1);
        assertThat(events("C2").getLast().path("message").path("files")).isEqualTo(files(processed));

        // The same update again changes nothing and tells nobody; a later change is still seen.
        assertThat(client.updateFile(new FileUpdate(WS, "F1DECK", processed, where)).messages()).isZero();
        assertThat(events(CHANNEL)).hasSize(channelEvents + 1);
        assertThat(events("C2")).hasSize(otherEvents + 1);

        // Deleted: the file's tombstone takes its place.
        String tombstone = "{\"id\":\"F1DECK\",\"mode\":\"tombstone\"}";
        assertThat(client.updateFile(new FileUpdate(WS, "F1DECK", tombstone, where)).messages()).isEqualTo(2);
        assertThat(events(CHANNEL)).hasSize(channelEvents + 2);
        JsonNode gone = events(CHANNEL).getLast();
        assertThat(gone.path("subtype").asString()).isEqualTo("message_changed");
        assertThat(gone.path("message").path("files")).isEqualTo(files(tombstone, CHART));
        assertThat(gone.path("previous_message").path("files")).isEqualTo(files(processed, CHART));
        assertThat(history("C2").get(0).path("files")).isEqualTo(files(tombstone));
        assertThat(client.updateFile(new FileUpdate(WS, "F1DECK", tombstone, where)).messages()).isZero();
        assertThat(events(CHANNEL)).hasSize(channelEvents + 2);
        JsonNode untouched = history(CHANNEL).valueStream()
                .filter(m -> m.path("ts").asString().equals(chartOnly.ts())).findFirst().orElseThrow();
        assertThat(untouched.path("files")).isEqualTo(files(CHART));
    }

    @Test
    void aFilesUpdateThatIsNotTheNamedFilesObjectChangesNothing() {
        PostResult shared = share(CHANNEL, null, "deck", "[" + DECK + "]");
        int before = events(CHANNEL).size();
        List<MessageRef> where = List.of(new MessageRef(CHANNEL, shared.ts()));
        for (String bad : new String[] {"{\"id\":\"F2CHART\",\"name\":\"other.pdf\"}", "{\"name\":\"x\"}", "[]",
                "{\"id\":", null}) {
            assertThat(client.updateFile(new FileUpdate(WS, "F1DECK", bad, where)).messages()).as(bad).isZero();
        }
        assertThat(client.updateFile(new FileUpdate(WS, "F1DECK", "{\"id\":\"F1DECK\"}", null)).messages()).isZero();
        assertThat(client.updateFile(new FileUpdate("T2", "F1DECK", "{\"id\":\"F1DECK\"}", where)).messages())
                .as("another workspace's message of that ts is not this one").isZero();
        assertThat(events(CHANNEL)).hasSize(before);
        assertThat(history(CHANNEL).get(0).path("files")).isEqualTo(files(DECK));
    }

    @Test
    void aMessageWithFilesKeepsThemThroughAnEditIsShownWithReactionsAndPinsAndIsDeletedWithThem() {
        PostResult shared = share(CHANNEL, null, "first draft", "[" + DECK + "]");
        JsonNode updated = call("chat.update", ann, "channel", CHANNEL, "ts", shared.ts(), "text", "final version");
        assertThat(updated.path("message").path("text").asString()).isEqualTo("final version");
        assertThat(updated.path("message").path("files")).as("chat.update's answer").isEqualTo(files(DECK));
        assertThat(updated.path("message").path("edited").path("user").asString()).isEqualTo("UANN");
        JsonNode edit = events(CHANNEL).getLast();
        assertThat(edit.path("subtype").asString()).isEqualTo("message_changed");
        assertThat(edit.path("message").path("files")).isEqualTo(files(DECK));

        fixture.bean(ReactionService.class).add(bob, CHANNEL, shared.ts(), "eyes");
        fixture.bean(PinService.class).add(bob, CHANNEL, shared.ts());
        Message stored = messages.find(ann, CHANNEL, shared.ts());
        Map<String, Object> view = fixture.bean(MessageViews.class).one(stored);
        JsonNode shown = SlackJson.tree(SlackJson.write(view));
        assertThat(shown.path("files")).as("as pins.list and reactions.list show it").isEqualTo(files(DECK));
        assertThat(shown.path("reactions").get(0).path("name").asString()).isEqualTo("eyes");
        assertThat(shown.path("pinned_to")).isEqualTo(SlackJson.tree("[\"C1\"]"));
        JsonNode pinEvent = events(CHANNEL).getLast();
        assertThat(pinEvent.path("item").path("message").path("files")).isEqualTo(files(DECK));

        call("chat.delete", ann, "channel", CHANNEL, "ts", shared.ts());
        assertThat(history(CHANNEL).size()).isZero();
        assertThat(String.join("\n", fixture.outboxPayloads(WS, CHANNEL)))
                .as("the deleted message's files are redacted from every event").doesNotContain("deck.pdf", "F1DECK")
                .doesNotContain("final version");
        assertThat(events(CHANNEL).getLast().path("subtype").asString()).isEqualTo("message_deleted");
    }

    @Test
    void theStoreTellsTheIndexWhichFilesAMessageSharesButNotDeletedOnes() {
        PostResult both = share(CHANNEL, null, "deck and chart", "[" + DECK + "," + CHART + "]");
        String plain = Ts.format(messages.post(bob, CHANNEL,
                new MessageService.Draft("no files", null, null, null, false, null)).ts());
        client.updateFile(new FileUpdate(WS, "F1DECK", "{\"id\":\"F1DECK\",\"mode\":\"tombstone\"}",
                List.of(new MessageRef(CHANNEL, both.ts()))));

        List<MessagingClient.StoredMessage> current = client.messages(new MessagingClient.MessagesQuery(WS, CHANNEL,
                List.of(both.ts(), plain))).messages();
        assertThat(current).extracting(MessagingClient.StoredMessage::fileIds)
                .containsExactly(List.of("F2CHART"), List.of());
        List<MessagingClient.StoredMessage> exported = client.export(new MessagingClient.ExportQuery(WS, CHANNEL, null,
                10)).messages();
        assertThat(exported).extracting(MessagingClient.StoredMessage::fileIds)
                .containsExactly(List.of("F2CHART"), List.of());
    }
}
