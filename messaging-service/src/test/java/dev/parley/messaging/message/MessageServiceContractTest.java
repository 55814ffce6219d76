package dev.parley.messaging.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.common.api.ApiRequest;
import dev.parley.common.api.Cursors;
import dev.parley.common.api.SlackApiException;
import dev.parley.common.auth.BotProfile;
import dev.parley.common.auth.Caller;
import dev.parley.common.auth.TokenKind;
import dev.parley.common.event.UserEvents;
import dev.parley.common.id.Ts;
import dev.parley.common.json.SlackJson;
import dev.parley.common.pubsub.PubSub;
import dev.parley.common.testing.TestStore;
import dev.parley.messaging.MessagingFixture;
import dev.parley.messaging.pin.PinService;
import dev.parley.messaging.reaction.ReactionService;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What a message may carry and what reading it may cost, who may change it, and what the outbox keeps of it, on
 * every relational store adapter: Slack's Block Kit and attachment limits, pages bounded by count and by size,
 * channel messages that nobody edits or deletes, deleted messages redacted from the outbox, ephemerals kept out.
 */
abstract class MessageServiceContractTest {

    protected abstract TestStore createStore();

    private static final String WS = "T1";
    private static final String CHANNEL = "C1";
    private final Caller ann = new Caller(WS, "UANN", "member");
    private final Caller bob = new Caller(WS, "UBOB", "member");
    private final Caller admin = new Caller(WS, "UADMIN", "admin");

    private MessagingFixture fixture;
    private MessageService messages;
    private MessageApi api;

    @BeforeEach
    void open() {
        fixture = new MessagingFixture(createStore());
        fixture.channels().publicChannel(WS, CHANNEL, "UANN", "UBOB", "UADMIN");
        messages = fixture.bean(MessageService.class);
        api = fixture.bean(MessageApi.class);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private Message post(Caller caller, String text, String blocks, String attachments) {
        return messages.post(caller, CHANNEL, new MessageService.Draft(text, blocks, attachments, null, false, null));
    }

    private static String section(String text) {
        return "{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":" + SlackJson.write(text) + "}}";
    }

    private static String array(List<String> items) {
        return "[" + String.join(",", items) + "]";
    }

    /** The Slack error a post of these blocks gets, with its detail messages. */
    private SlackApiException refusedBlocks(String blocks) {
        try {
            post(ann, "fallback", blocks, null);
        } catch (SlackApiException e) {
            return e;
        }
        throw new AssertionError("blocks were accepted: " + (blocks.length() > 200 ? blocks.substring(0, 200) + "…" : blocks));
    }

    @SuppressWarnings("unchecked")
    private static List<String> detail(SlackApiException e) {
        Object metadata = e.extra().get("response_metadata");
        assertThat(metadata).as("Slack's response_metadata for %s", e.error()).isInstanceOf(Map.class);
        return (List<String>) ((Map<String, Object>) metadata).get("messages");
    }

    @Test
    void aMessageCarriesAtMostFiftyBlocks() {
        List<String> fifty = Collections.nCopies(50, section("row"));
        assertThat(post(ann, "ok", array(fifty), null).blocks()).isNotNull();

        List<String> fiftyOne = Collections.nCopies(51, section("row"));
        SlackApiException refused = refusedBlocks(array(fiftyOne));
        assertThat(refused.error()).isEqualTo("invalid_blocks");
        assertThat(detail(refused)).anyMatch(m -> m.startsWith("[ERROR]") && m.contains("[json-pointer:/blocks]"));
    }

    @Test
    void blocksOfAnUnknownTypeOrWithoutTheirRequiredFieldsAreInvalid() {
        for (String bad : List.of(
                "[{\"type\":\"marquee\",\"text\":{\"type\":\"plain_text\",\"text\":\"x\"}}]",
                "[{\"text\":{\"type\":\"plain_text\",\"text\":\"no type\"}}]",
                "[{\"type\":\"section\"}]",
                "[{\"type\":\"header\"}]",
                "[{\"type\":\"image\",\"image_url\":\"https://example.com/a.png\"}]",
                "[{\"type\":\"context\"}]",
                "[{\"type\":\"actions\",\"elements\":[]}]",
                "[{\"type\":\"input\",\"element\":{\"type\":\"plain_text_input\"}}]",
                "[{\"type\":\"video\",\"title\":{\"type\":\"plain_text\",\"text\":\"v\"}}]",
                "[{\"type\":\"section\",\"text\":{\"type\":\"html\",\"text\":\"<b>x</b>\"}}]",
                "[\"section\"]",
                "{\"type\":\"section\"}")) {
            SlackApiException refused = refusedBlocks(bad);
            assertThat(refused.error()).as(bad).isEqualTo("invalid_blocks");
            assertThat(detail(refused)).as(bad).isNotEmpty().allMatch(m -> m.startsWith("[ERROR] ") && m.contains("[json-pointer:"));
        }
        assertThat(detail(refusedBlocks("[{\"type\":\"image\",\"image_url\":\"https://example.com/a.png\"}]")))
                .contains("[ERROR] missing required field: alt_text [json-pointer:/blocks/0]");
    }

    @Test
    void everyKnownBlockTypeIsAcceptedInItsSlackShape() {
        String plain = "{\"type\":\"plain_text\",\"text\":\"Hi\"}";
        List<String> blocks = List.of(
                "{\"type\":\"section\",\"block_id\":\"b1\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"*hi*\"},"
                        + "\"accessory\":{\"type\":\"button\",\"text\":" + plain + ",\"action_id\":\"a1\",\"value\":\"v\"}}",
                "{\"type\":\"section\",\"fields\":[{\"type\":\"mrkdwn\",\"text\":\"*a*\"},{\"type\":\"plain_text\",\"text\":\"b\"}]}",
                "{\"type\":\"divider\"}",
                "{\"type\":\"header\",\"text\":" + plain + "}",
                "{\"type\":\"context\",\"elements\":[{\"type\":\"mrkdwn\",\"text\":\"ctx\"},"
                        + "{\"type\":\"image\",\"image_url\":\"https://example.com/i.png\",\"alt_text\":\"i\"}]}",
                "{\"type\":\"actions\",\"elements\":[{\"type\":\"button\",\"text\":" + plain + ",\"action_id\":\"go\"}]}",
                "{\"type\":\"image\",\"image_url\":\"https://example.com/i.png\",\"alt_text\":\"an image\",\"title\":" + plain + "}",
                "{\"type\":\"rich_text\",\"elements\":[{\"type\":\"rich_text_section\",\"elements\":[{\"type\":\"text\",\"text\":\"rt\"}]}]}",
                "{\"type\":\"input\",\"label\":" + plain + ",\"element\":{\"type\":\"plain_text_input\",\"action_id\":\"in\"}}",
                "{\"type\":\"file\",\"external_id\":\"F1\",\"source\":\"remote\"}",
                "{\"type\":\"video\",\"title\":" + plain + ",\"alt_text\":\"v\",\"thumbnail_url\":\"https://example.com/t.png\","
                        + "\"video_url\":\"https://example.com/v.mp4\"}",
                "{\"type\":\"markdown\",\"text\":\"**bold**\"}");
        Message stored = post(ann, "all of them", array(blocks), null);
        assertThat(SlackJson.tree(stored.blocks()).size()).isEqualTo(blocks.size());
    }

    @Test
    void blockTextsKeepToSlacksLengthLimits() {
        assertThat(post(ann, "ok", array(List.of(section("x".repeat(3000)))), null)).isNotNull();
        SlackApiException section = refusedBlocks(array(List.of(section("x".repeat(3001)))));
        assertThat(section.error()).isEqualTo("invalid_blocks");
        assertThat(detail(section)).contains("[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/text/text]");

        String header = "{\"type\":\"header\",\"text\":{\"type\":\"plain_text\",\"text\":\"" + "h".repeat(151) + "\"}}";
        assertThat(detail(refusedBlocks(array(List.of(header)))))
                .contains("[ERROR] must be less than 151 characters [json-pointer:/blocks/0/text/text]");

        String deep = "{\"type\":\"actions\",\"elements\":[{\"type\":\"button\",\"text\":{\"type\":\"plain_text\",\"text\":\"b\"},"
                + "\"value\":\"" + "v".repeat(3001) + "\"}]}";
        assertThat(refusedBlocks(array(List.of(deep))).error()).as("any string inside a block").isEqualTo("invalid_blocks");
    }

    @Test
    void textAndAttachmentsAreBoundedAsInSlack() {
        assertThatThrownBy(() -> post(ann, "x".repeat(MessageService.MAX_TEXT + 1), null, null))
                .isInstanceOfSatisfying(SlackApiException.class, e -> assertThat(e.error()).isEqualTo("msg_too_long"));

        String attachment = "{\"color\":\"#36a64f\",\"text\":\"att\"}";
        assertThat(post(ann, "ok", null, array(Collections.nCopies(100, attachment)))).isNotNull();
        assertThatThrownBy(() -> post(ann, "x", null, array(Collections.nCopies(101, attachment))))
                .isInstanceOfSatisfying(SlackApiException.class, e -> assertThat(e.error()).isEqualTo("too_many_attachments"));

        String big = "{\"text\":\"" + "a".repeat(3000) + "\"}";
        assertThatThrownBy(() -> post(ann, "x", null, array(Collections.nCopies(60, big))))
                .as("attachments bounded in total size")
                .isInstanceOfSatisfying(SlackApiException.class, e -> assertThat(e.error()).isEqualTo("invalid_attachments"));
        assertThatThrownBy(() -> post(ann, "x", null, "[\"not an object\"]"))
                .isInstanceOfSatisfying(SlackApiException.class, e -> assertThat(e.error()).isEqualTo("invalid_attachments"));
        String imageWithoutAlt = "[{\"blocks\":[{\"type\":\"image\",\"image_url\":\"https://example.com/i.png\"}]}]";
        assertThatThrownBy(() -> post(ann, "x", null, imageWithoutAlt))
                .isInstanceOfSatisfying(SlackApiException.class, e -> {
                    assertThat(e.error()).isEqualTo("invalid_attachments");
                    assertThat(detail(e)).contains("[ERROR] missing required field: alt_text [json-pointer:/attachments/0/blocks/0]");
                });
    }

    @Test
    void editsAndEphemeralsAreHeldToTheSameLimits() {
        Message m = post(ann, "original", null, null);
        String tooMany = array(Collections.nCopies(51, section("row")));
        assertThatThrownBy(() -> messages.update(ann, CHANNEL, Ts.format(m.ts()), null, tooMany, null))
                .isInstanceOfSatisfying(SlackApiException.class, e -> assertThat(e.error()).isEqualTo("invalid_blocks"));
        assertThatThrownBy(() -> messages.update(ann, CHANNEL, Ts.format(m.ts()), null, "[{\"type\":\"marquee\"}]", null))
                .isInstanceOfSatisfying(SlackApiException.class, e -> assertThat(e.error()).isEqualTo("invalid_blocks"));
        assertThatThrownBy(() -> messages.update(ann, CHANNEL, Ts.format(m.ts()), null, null,
                array(Collections.nCopies(101, "{\"text\":\"a\"}"))))
                .isInstanceOfSatisfying(SlackApiException.class, e -> assertThat(e.error()).isEqualTo("too_many_attachments"));
        assertThat(messages.find(ann, CHANNEL, Ts.format(m.ts())).blocks()).as("refused edits change nothing").isNull();

        assertThatThrownBy(() -> messages.postEphemeral(ann, CHANNEL, "UBOB", "psst", tooMany, null, null))
                .isInstanceOfSatisfying(SlackApiException.class, e -> assertThat(e.error()).isEqualTo("invalid_blocks"));
        assertThatThrownBy(() -> messages.postEphemeral(ann, CHANNEL, "UBOB", "psst", "[{\"type\":\"header\"}]", null, null))
                .isInstanceOfSatisfying(SlackApiException.class, e -> assertThat(e.error()).isEqualTo("invalid_blocks"));
    }

    @Test
    void richTextKeepsToSlacksStructureAndNothingNestsDeeperThanABlockMay() {
        String list = "{\"type\":\"rich_text\",\"elements\":[{\"type\":\"rich_text_list\",\"style\":\"bullet\","
                + "\"elements\":[{\"type\":\"rich_text_section\",\"elements\":[{\"type\":\"text\",\"text\":\"a\","
                + "\"style\":{\"bold\":true}},{\"type\":\"user\",\"user_id\":\"UBOB\"}]}]},"
                + "{\"type\":\"rich_text_quote\",\"elements\":[{\"type\":\"emoji\",\"name\":\"wave\"}]}]}";
        assertThat(post(ann, "list", array(List.of(list)), null)).as("Slack's deepest everyday shape").isNotNull();

        // Elements inside elements beyond Slack's structure: sections in sections, lists in lists, runs with runs.
        String inner = "{\"type\":\"text\",\"text\":\"x\"}";
        for (int i = 0; i < 4; i++) {
            inner = "{\"type\":\"rich_text_section\",\"elements\":[" + inner + "]}";
        }
        for (String bad : List.of(
                "{\"type\":\"rich_text\",\"elements\":[" + inner + "]}",
                "{\"type\":\"rich_text\",\"elements\":[{\"type\":\"rich_text_list\",\"elements\":[{\"type\":"
                        + "\"rich_text_list\",\"elements\":[]}]}]}",
                "{\"type\":\"rich_text\",\"elements\":[{\"type\":\"rich_text_section\",\"elements\":[{\"type\":"
                        + "\"text\",\"text\":\"x\",\"elements\":[" + inner + "]}]}]}",
                "{\"type\":\"rich_text\",\"elements\":[{\"type\":\"text\",\"text\":\"loose\"}]}",
                "{\"type\":\"rich_text\",\"elements\":[{\"type\":\"rich_text_section\"}]}")) {
            SlackApiException refused = refusedBlocks(array(List.of(bad)));
            assertThat(refused.error()).as(bad).isEqualTo("invalid_blocks");
            assertThat(detail(refused)).as(bad).isNotEmpty().allMatch(m -> m.contains("[json-pointer:/blocks/0/elements/0"));
        }

        // Deep nesting anywhere in a block, an attachment or the JSON itself is refused, never stored or a 5xx.
        String deepValue = "[".repeat(BlockKit.MAX_DEPTH + 5) + "]".repeat(BlockKit.MAX_DEPTH + 5);
        String deepButton = "{\"type\":\"actions\",\"elements\":[{\"type\":\"button\",\"text\":{\"type\":"
                + "\"plain_text\",\"text\":\"b\"},\"value\":" + deepValue + "}]}";
        assertThat(detail(refusedBlocks(array(List.of(deepButton))))).anyMatch(m -> m.contains("nested too deeply"));
        assertThat(refusedBlocks("[".repeat(20_000) + "]".repeat(20_000)).error()).isEqualTo("invalid_blocks");
        assertThatThrownBy(() -> post(ann, "x", null, "[{\"text\":\"a\",\"fields\":" + deepValue + "}]"))
                .isInstanceOfSatisfying(SlackApiException.class, e -> assertThat(e.error()).isEqualTo("invalid_attachments"));
        assertThat(post(ann, "x", null, "[{\"text\":\"" + "a".repeat(5000) + "\",\"fields\":[{\"title\":\"t\","
                + "\"value\":\"v\",\"short\":true}]}]")).as("an attachment's own text is not a block's").isNotNull();
        assertThat(history(ann, "limit", "10").path("messages").size()).as("nothing refused was stored").isEqualTo(2);
    }

    @Test
    void aBotsMessagesShowTheBotAndAWebhooksAreBotMessages() {
        BotProfile profile = BotProfile.of("http://chat.example/", WS, "B1", "A1", "deploy-bot", 1_700_000_000L);
        Caller bot = new Caller(WS, "UBOT", "member", TokenKind.BOT, java.util.Set.of("chat:write"), "tok-1", profile);
        fixture.channels().publicChannel(WS, CHANNEL, "UANN", "UBOB", "UADMIN", "UBOT");
        Message byBot = post(bot, "deployed", null, null);
        Message byWebhook = messages.post(bot, CHANNEL, new MessageService.Draft("disk full", null, null, null, false,
                null, true));
        Message byPerson = post(ann, "thanks", null, null);

        Map<String, JsonNode> shown = new HashMap<>();
        history(ann).path("messages").forEach(m -> shown.put(m.path("text").asString(), m));
        JsonNode posted = shown.get("deployed");
        assertThat(posted.path("user").asString()).isEqualTo("UBOT");
        assertThat(posted.has("subtype")).isFalse();
        assertThat(posted.path("bot_id").asString()).isEqualTo("B1");
        assertThat(posted.path("app_id").asString()).isEqualTo("A1");
        JsonNode shownProfile = posted.path("bot_profile");
        assertThat(shownProfile.path("id").asString()).isEqualTo("B1");
        assertThat(shownProfile.path("app_id").asString()).isEqualTo("A1");
        assertThat(shownProfile.path("name").asString()).isEqualTo("deploy-bot");
        assertThat(shownProfile.path("deleted").asBoolean(true)).isFalse();
        assertThat(shownProfile.path("updated").asLong()).isEqualTo(1_700_000_000L);
        assertThat(shownProfile.path("team_id").asString()).isEqualTo(WS);
        assertThat(shownProfile.path("icons").path("image_36").asString()).startsWith("http://chat.example/avatars/");
        assertThat(shownProfile.path("icons").has("image_48")).isTrue();
        assertThat(shownProfile.path("icons").has("image_72")).isTrue();

        JsonNode hooked = shown.get("disk full");
        assertThat(hooked.path("subtype").asString()).isEqualTo("bot_message");
        assertThat(hooked.has("user")).as("Slack's bot_message has no user").isFalse();
        assertThat(hooked.path("username").asString()).isEqualTo("deploy-bot");
        assertThat(hooked.path("bot_id").asString()).isEqualTo("B1");
        assertThat(hooked.path("app_id").asString()).isEqualTo("A1");
        assertThat(hooked.path("bot_profile").path("name").asString()).isEqualTo("deploy-bot");

        JsonNode human = shown.get("thanks");
        assertThat(human.has("bot_id") || human.has("app_id") || human.has("bot_profile")).isFalse();

        // The live events say the same, and the stored message keeps its bot through a reload.
        List<JsonNode> events = fixture.outboxPayloads(WS, CHANNEL).stream().map(SlackJson::tree)
                .filter(e -> e.path("type").asString().equals("message")).toList();
        assertThat(events).filteredOn(e -> e.path("text").asString().equals("deployed"))
                .singleElement().satisfies(e -> assertThat(e.path("bot_profile").path("id").asString()).isEqualTo("B1"));
        assertThat(events).filteredOn(e -> e.path("text").asString().equals("thanks"))
                .singleElement().satisfies(e -> assertThat(e.has("bot_id")).isFalse());
        assertThat(messages.find(ann, CHANNEL, Ts.format(byBot.ts())).bot()).isEqualTo(profile);
        assertThat(messages.find(ann, CHANNEL, Ts.format(byPerson.ts())).bot()).isNull();
        // A webhook's message is the bot's own: an admin may still delete it.
        messages.delete(admin, CHANNEL, Ts.format(byWebhook.ts()));
    }

    private JsonNode history(Caller caller, String... args) {
        Map<String, Object> params = new HashMap<>();
        params.put("channel", CHANNEL);
        for (int i = 0; i < args.length; i += 2) {
            params.put(args[i], args[i + 1]);
        }
        return SlackJson.tree(SlackJson.write(api.history(new ApiRequest("conversations.history", params, caller)).fields()));
    }

    @Test
    void aHistoryPageStopsAtItsSizeBoundAndItsCursorLeadsOnToEveryMessage() {
        int count = MessageService.PAGE_CHARS / MessageService.MAX_TEXT + 5;
        List<String> posted = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            posted.add(Ts.format(post(ann, i + ":" + "w".repeat(MessageService.MAX_TEXT - 8), null, null).ts()));
        }
        JsonNode first = history(ann, "limit", "999");
        assertThat(first.path("messages").size()).isLessThan(count).isPositive();
        assertThat(first.path("has_more").asBoolean()).isTrue();
        assertThat(first.path("messages").valueStream().mapToInt(m -> m.path("text").asString().length()).sum())
                .as("a page stays within its size bound").isLessThanOrEqualTo(MessageService.PAGE_CHARS);

        List<String> seen = new ArrayList<>();
        JsonNode page = first;
        while (true) {
            page.path("messages").forEach(m -> seen.add(m.path("ts").asString()));
            String cursor = page.path("response_metadata").path("next_cursor").asString("");
            if (cursor.isEmpty()) {
                assertThat(page.path("has_more").asBoolean()).isFalse();
                break;
            }
            page = history(ann, "limit", "999", "cursor", cursor);
        }
        Collections.reverse(seen);
        assertThat(seen).containsExactlyElementsOf(posted);
    }

    @Test
    void aRepliesPageStopsAtItsSizeBoundToo() {
        Message parent = post(ann, "parent", null, null);
        int count = MessageService.PAGE_CHARS / MessageService.MAX_TEXT + 5;
        List<Long> replies = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            replies.add(messages.post(bob, CHANNEL, new MessageService.Draft("r".repeat(MessageService.MAX_TEXT), null, null,
                    Ts.format(parent.ts()), false, null)).ts());
        }
        List<Long> seen = new ArrayList<>();
        long low = 0;
        while (true) {
            MessageService.Page page = messages.replies(ann, CHANNEL, Ts.format(parent.ts()), low, Long.MAX_VALUE, 1000);
            page.messages().stream().skip(1).forEach(m -> seen.add(m.ts()));
            assertThat(page.messages().stream().mapToInt(m -> m.text().length()).sum())
                    .isLessThanOrEqualTo(MessageService.PAGE_CHARS + "parent".length());
            if (!page.hasMore()) {
                break;
            }
            assertThat(page.messages()).hasSizeLessThan(count + 1);
            low = page.next() + 1;
        }
        assertThat(seen).containsExactlyElementsOf(replies);
    }

    @Test
    void pageSizesAreCapped() {
        for (int i = 0; i < MessageService.MAX_PAGE + 5; i++) {
            post(ann, "m" + i, null, null);
        }
        JsonNode page = history(ann, "limit", "100000");
        assertThat(page.path("messages").size()).isEqualTo(MessageService.MAX_PAGE);
        assertThat(page.path("has_more").asBoolean()).isTrue();
    }

    @Test
    void channelMessagesCanBeNeitherEditedNorDeletedEvenByTheirSubjectOrAnAdmin() {
        List<Message> system = new ArrayList<>();
        system.add(messages.postSystem(WS, CHANNEL, "UBOB", "channel_join", "<@UBOB> has joined the channel", Map.of()));
        system.add(messages.postSystem(WS, CHANNEL, "UBOB", "channel_leave",
                "<@UBOB> was removed from the channel by <@UANN>", Map.of()));
        system.add(messages.postSystem(WS, CHANNEL, "UBOB", "channel_topic", "<@UBOB> set the channel topic: x",
                Map.of("topic", "x")));
        system.add(messages.postSystem(WS, CHANNEL, "UBOB", "channel_archive", "<@UBOB> archived the channel", Map.of()));
        for (Message m : system) {
            String ts = Ts.format(m.ts());
            assertThatThrownBy(() -> messages.update(bob, CHANNEL, ts, "I never left", null, null))
                    .isInstanceOfSatisfying(SlackApiException.class, e -> assertThat(e.error()).isEqualTo("cant_update_message"));
            for (Caller deleter : List.of(bob, admin)) {
                assertThatThrownBy(() -> messages.delete(deleter, CHANNEL, ts))
                        .isInstanceOfSatisfying(SlackApiException.class, e -> assertThat(e.error()).isEqualTo("cant_delete_message"));
            }
            assertThat(messages.find(ann, CHANNEL, ts).text()).isEqualTo(m.text());
        }
        Message broadcast = messages.post(bob, CHANNEL, new MessageService.Draft("also here", null, null,
                Ts.format(post(ann, "parent", null, null).ts()), true, null));
        messages.update(bob, CHANNEL, Ts.format(broadcast.ts()), "edited broadcast", null, null);
        messages.delete(bob, CHANNEL, Ts.format(broadcast.ts()));
    }

    @Test
    void deletingAMessageRedactsItFromEveryEarlierEventOfTheOutbox() {
        Message other = post(bob, "unrelated words", null, null);
        Message m = post(ann, "the launch code is alpha", array(List.of(section("alpha in blocks"))),
                "[{\"text\":\"alpha in attachments\"}]");
        fixture.bean(PinService.class).add(ann, CHANNEL, Ts.format(m.ts()));
        fixture.bean(ReactionService.class).add(bob, CHANNEL, Ts.format(m.ts()), "eyes");
        messages.update(ann, CHANNEL, Ts.format(m.ts()), "the launch code is bravo", null, null);
        assertThat(String.join("\n", fixture.outboxPayloads(WS, CHANNEL))).contains("alpha", "bravo");
        int events = fixture.outboxPayloads(WS, CHANNEL).size();

        messages.delete(ann, CHANNEL, Ts.format(m.ts()));

        List<String> payloads = fixture.outboxPayloads(WS, CHANNEL);
        assertThat(payloads).as("every event keeps its place in the sequence").hasSize(events + 1);
        assertThat(payloads).noneMatch(p -> p.contains("alpha") || p.contains("bravo"));
        JsonNode posted = SlackJson.tree(payloads.get(1));
        assertThat(posted.path("ts").asString()).isEqualTo(Ts.format(m.ts()));
        assertThat(posted.path("text").asString()).isEmpty();
        assertThat(posted.has("blocks") || posted.has("attachments")).isFalse();
        JsonNode deleted = SlackJson.tree(payloads.getLast());
        assertThat(deleted.path("subtype").asString()).isEqualTo("message_deleted");
        assertThat(deleted.path("deleted_ts").asString()).isEqualTo(Ts.format(m.ts()));
        assertThat(payloads.getFirst()).as("other messages keep their text").contains("unrelated words");
        assertThat(other.text()).isEqualTo("unrelated words");
    }

    @Test
    void aDeletedThreadParentIsRedactedLikeAnyMessageButItsRepliesAreNot() {
        Message parent = post(ann, "parent secret", null, null);
        messages.post(bob, CHANNEL, new MessageService.Draft("reply stays", null, null, Ts.format(parent.ts()), false, null));
        messages.delete(ann, CHANNEL, Ts.format(parent.ts()));

        String all = String.join("\n", fixture.outboxPayloads(WS, CHANNEL));
        assertThat(all).doesNotContain("parent secret").contains("reply stays");
        assertThat(messages.find(ann, CHANNEL, Ts.format(parent.ts())).subtype()).isEqualTo("tombstone");
    }

    @Test
    void ephemeralMessagesNeverReachTheOutbox() throws Exception {
        post(ann, "before", null, null);
        List<String> before = fixture.outboxPayloads(WS, CHANNEL);
        BlockingQueue<String> delivered = new LinkedBlockingQueue<>();
        try (PubSub.Subscription s = fixture.pubSub().subscribe(UserEvents.topic(WS, "UBOB"), delivered::add)) {
            messages.postEphemeral(ann, CHANNEL, "UBOB", "for bob only", array(List.of(section("ephemeral block"))), null, null);
            assertThat(delivered.poll(10, TimeUnit.SECONDS)).as("delivered live").contains("for bob only");
        }
        post(ann, "after", null, null);
        List<String> after = fixture.outboxPayloads(WS, CHANNEL);
        assertThat(after).hasSize(before.size() + 1).noneMatch(p -> p.contains("for bob only") || p.contains("ephemeral block"));
    }

    @Test
    void cursorsOfHistoryStayOpaqueAndChecked() {
        post(ann, "one", null, null);
        assertThatThrownBy(() -> history(ann, "cursor", Cursors.encode("next_at", 5)))
                .isInstanceOfSatisfying(SlackApiException.class, e -> assertThat(e.error()).isEqualTo("invalid_cursor"));
    }
}
