package dev.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The limits and privacy rules that keep one user from hurting the service or learning about others, through the Web
 * API and the socket: Slack's message limits with their error detail, pages bounded in size, reactions.list blind to
 * hidden channels, group DM names apart from channel names, channel messages nobody rewrites, and deleted messages
 * replayed without their content. Each topology implements the two URLs.
 */
interface SafeguardsScenario {

    Duration WAIT = Duration.ofSeconds(20);
    /** Characters of text Slack allows in one message. */
    int MAX_TEXT = 40_000;

    String apiUrl();

    String rtmUrl(int user);

    private static String error(JsonNode answer) {
        return answer.path("error").asString("");
    }

    private static String channelId(JsonNode answer) {
        return answer.path("channel").path("id").asString();
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 6);
    }

    private static String section(String text) {
        return "{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"" + text + "\"}}";
    }

    private static String array(List<String> items) {
        return "[" + String.join(",", items) + "]";
    }

    @Test
    default void messagesKeepToSlacksLimitsWithItsErrorDetail() {
        TestTeam team = TestTeam.create(apiUrl(), 2);
        SlackClient ann = team.get(0).api();
        String channel = channelId(ann.ok("conversations.create", "name", unique("limits")));
        ann.ok("conversations.invite", "channel", channel, "users", team.get(1).id());

        ann.ok("chat.postMessage", "channel", channel, "text", "fifty", "blocks", array(Collections.nCopies(50, section("row"))));
        JsonNode tooMany = ann.call("chat.postMessage", "channel", channel, "text", "x",
                "blocks", array(Collections.nCopies(51, section("row"))));
        assertThat(error(tooMany)).isEqualTo("invalid_blocks");
        assertThat(tooMany.path("response_metadata").path("messages").get(0).asString())
                .startsWith("[ERROR] ").endsWith("[json-pointer:/blocks]");

        JsonNode unknown = ann.call("chat.postMessage", "channel", channel, "text", "x", "blocks", "[{\"type\":\"marquee\"}]");
        assertThat(error(unknown)).isEqualTo("invalid_blocks");
        JsonNode header = ann.call("chat.postMessage", "channel", channel, "text", "x",
                "blocks", "[{\"type\":\"header\",\"text\":{\"type\":\"plain_text\",\"text\":\"" + "h".repeat(151) + "\"}}]");
        assertThat(header.path("response_metadata").path("messages").valueStream().map(JsonNode::asString))
                .contains("[ERROR] must be less than 151 characters [json-pointer:/blocks/0/text/text]");
        assertThat(error(ann.call("chat.postMessage", "channel", channel, "text", "x".repeat(MAX_TEXT + 1))))
                .isEqualTo("msg_too_long");
        assertThat(error(ann.call("chat.postMessage", "channel", channel, "text", "x",
                "attachments", array(Collections.nCopies(101, "{\"text\":\"a\"}"))))).isEqualTo("too_many_attachments");

        String ts = ann.ok("chat.postMessage", "channel", channel, "text", "plain").path("ts").asString();
        assertThat(error(ann.call("chat.update", "channel", channel, "ts", ts, "blocks", "[{\"type\":\"header\"}]")))
                .isEqualTo("invalid_blocks");
        assertThat(error(ann.call("chat.postEphemeral", "channel", channel, "user", team.get(1).id(), "text", "x",
                "blocks", "[{\"type\":\"image\",\"image_url\":\"https://example.com/i.png\"}]"))).isEqualTo("invalid_blocks");
        assertThat(ann.ok("conversations.history", "channel", channel, "limit", "1").path("messages").get(0)
                .path("text").asString()).as("refused calls change nothing").isEqualTo("plain");
    }

    @Test
    default void aPageOfBigMessagesStopsEarlyAndItsCursorLeadsOnToTheRest() {
        TestTeam team = TestTeam.create(apiUrl(), 1);
        SlackClient ann = team.get(0).api();
        String channel = channelId(ann.ok("conversations.create", "name", unique("big")));
        List<String> posted = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String text = String.format("%02d", i) + "w".repeat(MAX_TEXT - 2);
            posted.add(ann.ok("chat.postMessage", "channel", channel, "text", text).path("ts").asString());
        }
        JsonNode first = ann.ok("conversations.history", "channel", channel, "limit", "999");
        assertThat(first.path("messages").size()).as("bounded by size, not only by count").isBetween(1, 29);
        assertThat(first.path("has_more").asBoolean()).isTrue();

        List<String> seen = new ArrayList<>();
        JsonNode page = first;
        while (true) {
            page.path("messages").valueStream().filter(m -> m.path("subtype").isMissingNode())
                    .forEach(m -> seen.add(m.path("ts").asString()));
            String cursor = page.path("response_metadata").path("next_cursor").asString("");
            if (cursor.isEmpty()) {
                break;
            }
            page = ann.ok("conversations.history", "channel", channel, "limit", "999", "cursor", cursor);
        }
        Collections.reverse(seen);
        assertThat(seen).containsExactlyElementsOf(posted);
    }

    @Test
    default void reactionsListShowsNothingOfWhatTheCallerCannotSee() {
        TestTeam team = TestTeam.create(apiUrl(), 3);
        SlackClient ann = team.get(0).api();
        TestTeam.Member bob = team.get(1);
        SlackClient carol = team.get(2).api();
        String open = channelId(ann.ok("conversations.create", "name", unique("open")));
        String dm = channelId(ann.ok("conversations.open", "users", bob.id()));

        String one = ann.ok("chat.postMessage", "channel", open, "text", "visible one").path("ts").asString();
        ann.ok("reactions.add", "channel", open, "timestamp", one, "name", "eyes");
        String hidden = ann.ok("chat.postMessage", "channel", dm, "text", "just us").path("ts").asString();
        ann.ok("reactions.add", "channel", dm, "timestamp", hidden, "name", "eyes");
        String two = ann.ok("chat.postMessage", "channel", open, "text", "visible two").path("ts").asString();
        ann.ok("reactions.add", "channel", open, "timestamp", two, "name", "eyes");

        JsonNode first = carol.ok("reactions.list", "user", team.get(0).id(), "limit", "1");
        assertThat(first.path("items").valueStream().map(i -> i.path("message").path("text").asString()))
                .containsExactly("visible two");
        String cursor = first.path("response_metadata").path("next_cursor").asString();
        JsonNode second = carol.ok("reactions.list", "user", team.get(0).id(), "limit", "1", "cursor", cursor);
        assertThat(second.path("items").valueStream().map(i -> i.path("message").path("text").asString()))
                .as("the DM neither fills a page nor leaves a trace").containsExactly("visible one");
        assertThat(second.path("response_metadata").path("next_cursor").asString()).isEmpty();
        assertThat(bob.api().ok("reactions.list", "user", team.get(0).id()).path("items").size()).isEqualTo(3);
    }

    @Test
    default void groupDmNamesNeverCollideWithChannelNames() {
        TestTeam team = TestTeam.create(apiUrl(), 4);
        TestTeam.Member ann = team.get(0);
        TestTeam.Member bob = team.get(1);
        TestTeam.Member carol = team.get(2);
        TestTeam.Member mallory = team.get(3);

        String group = channelId(ann.api().ok("conversations.open", "users", bob.id() + "," + carol.id()));
        String name = ann.api().ok("conversations.info", "channel", group).path("channel").path("name").asString();
        assertThat(name).startsWith("mpdm-").endsWith("-1");
        assertThat(error(mallory.api().call("conversations.create", "name", name)))
                .as("a taken name would tell that the group DM exists").isEmpty();
        assertThat(channelId(carol.api().ok("conversations.open", "users", ann.id() + "," + bob.id()))).isEqualTo(group);

        String future = "mpdm-" + String.join("--", java.util.stream.Stream.of(ann.id(), bob.id(), mallory.id()).sorted()
                .map(id -> id.toLowerCase(Locale.ROOT)).toList()) + "-1";
        carol.api().ok("conversations.create", "name", future);
        JsonNode opened = ann.api().ok("conversations.open", "users", bob.id() + "," + mallory.id(), "return_im", "true");
        assertThat(opened.path("channel").path("is_mpim").asBoolean()).as("a channel of its name cannot block it").isTrue();
        assertThat(opened.path("channel").path("name").asString()).isEqualTo(future);
    }

    @Test
    default void channelMessagesCanBeNeitherEditedNorDeleted() {
        TestTeam team = TestTeam.create(apiUrl(), 2);
        SlackClient ann = team.get(0).api(); // the workspace's owner
        SlackClient bob = team.get(1).api();
        String channel = channelId(ann.ok("conversations.create", "name", unique("record")));
        bob.ok("conversations.join", "channel", channel);
        ann.ok("conversations.setTopic", "channel", channel, "topic", "Plans");

        JsonNode recent = ann.ok("conversations.history", "channel", channel, "limit", "2").path("messages");
        assertThat(recent.valueStream().map(m -> m.path("subtype").asString())).containsExactly("channel_topic", "channel_join");
        String join = recent.get(1).path("ts").asString();
        String topic = recent.get(0).path("ts").asString();
        assertThat(error(bob.call("chat.update", "channel", channel, "ts", join, "text", "I was never here")))
                .isEqualTo("cant_update_message");
        assertThat(error(bob.call("chat.delete", "channel", channel, "ts", join))).isEqualTo("cant_delete_message");
        assertThat(error(ann.call("chat.update", "channel", channel, "ts", topic, "text", "no topic"))).isEqualTo("cant_update_message");
        assertThat(error(ann.call("chat.delete", "channel", channel, "ts", topic))).isEqualTo("cant_delete_message");
        assertThat(ann.ok("conversations.history", "channel", channel, "limit", "2").path("messages").get(1)
                .path("text").asString()).contains("has joined the channel");
    }

    @Test
    default void aDeletedMessageIsReplayedWithoutWhatItSaid() {
        TestTeam team = TestTeam.create(apiUrl(), 2);
        SlackClient ann = team.get(0).api();
        TestTeam.Member bob = team.get(1);
        String channel = channelId(ann.ok("conversations.create", "name", unique("redact")));
        bob.api().ok("conversations.join", "channel", channel);

        long seen;
        try (RtmClient first = RtmClient.connect(rtmUrl(1), bob.token())) {
            first.awaitType("hello");
            ann.ok("chat.postMessage", "channel", channel, "text", "before");
            seen = first.await(f -> "before".equals(f.path("text").asString("")), WAIT).path("seq").asLong();
        }
        String ts = ann.ok("chat.postMessage", "channel", channel, "text", "the launch code is 0000",
                "blocks", array(List.of(section("code 0000")))).path("ts").asString();
        ann.ok("chat.update", "channel", channel, "ts", ts, "text", "the launch code is 1111");
        ann.ok("chat.delete", "channel", channel, "ts", ts);

        try (RtmClient back = RtmClient.connect(rtmUrl(0) + "?resume=1", bob.token())) {
            back.awaitType("hello");
            back.send("{\"id\":1,\"type\":\"resume\",\"channels\":{\"" + channel + "\":" + seen + "}}");
            assertThat(back.awaitReply(1).path("ok").asBoolean()).isTrue();
            JsonNode deleted = back.await(f -> "message_deleted".equals(f.path("subtype").asString("")), WAIT);
            assertThat(deleted.path("deleted_ts").asString()).isEqualTo(ts);
            List<JsonNode> replayed = new ArrayList<>(back.pending().stream()
                    .filter(f -> channel.equals(f.path("channel").asString(""))).toList());
            replayed.add(deleted);
            assertThat(replayed).as("the post, the edit and the deletion").hasSizeGreaterThanOrEqualTo(3);
            assertThat(replayed.stream().map(JsonNode::toString)).noneMatch(f -> f.contains("0000") || f.contains("1111"));
            JsonNode post = replayed.stream().filter(f -> ts.equals(f.path("ts").asString(""))).findFirst().orElseThrow();
            assertThat(post.path("text").asString()).isEmpty();
        }
    }
}
