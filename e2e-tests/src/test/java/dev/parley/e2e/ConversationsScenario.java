package dev.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The conversation and message methods a Slack client uses, through the Web API, with the live events each change
 * sends and the sockets it must not reach. Each topology implements the two URLs.
 */
interface ConversationsScenario {

    Duration WAIT = Duration.ofSeconds(20);

    String apiUrl();

    String rtmUrl(int user);

    private static Predicate<JsonNode> type(String type) {
        return f -> type.equals(f.path("type").asString(""));
    }

    private static Predicate<JsonNode> type(String type, String field, String value) {
        return f -> type.equals(f.path("type").asString("")) && value.equals(f.path(field).asString(""));
    }

    private static String id(JsonNode answer) {
        return answer.path("channel").path("id").asString();
    }

    private static String error(JsonNode answer) {
        return answer.path("error").asString("");
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 6);
    }

    @Test
    default void channelsLiveThroughTheirWholeLifeAndEveryoneSeesWhatTheyMay() {
        TestTeam team = TestTeam.create(apiUrl(), 3);
        TestTeam.Member ann = team.get(0);
        TestTeam.Member bob = team.get(1);
        TestTeam.Member carol = team.get(2);
        try (RtmClient annSocket = RtmClient.connect(rtmUrl(0), ann.token());
             RtmClient bobSocket = RtmClient.connect(rtmUrl(1), bob.token());
             RtmClient carolSocket = RtmClient.connect(rtmUrl(0), carol.token())) {
            annSocket.awaitType("hello");
            bobSocket.awaitType("hello");
            carolSocket.awaitType("hello");

            // A public channel is announced to the whole workspace.
            String name = unique("general");
            String channel = id(ann.api().ok("conversations.create", "name", name));
            carolSocket.await(f -> type("channel_created").test(f) && f.path("channel").path("id").asString("").equals(channel), WAIT);

            JsonNode info = ann.api().ok("conversations.info", "channel", channel, "include_num_members", "true").path("channel");
            assertThat(info.path("name").asString()).isEqualTo(name);
            assertThat(info.path("is_channel").asBoolean()).isTrue();
            assertThat(info.path("is_member").asBoolean()).isTrue();
            assertThat(info.path("num_members").asInt()).isEqualTo(1);
            assertThat(info.path("unread_count").asInt()).isZero();

            // Invite, then members see each other's messages live; Carol, outside, does not.
            ann.api().ok("conversations.invite", "channel", channel, "users", bob.id());
            bobSocket.await(type("member_joined_channel", "user", bob.id()), WAIT);
            assertThat(error(ann.api().call("conversations.invite", "channel", channel, "users", bob.id())))
                    .isEqualTo("already_in_channel");
            assertThat(error(ann.api().call("conversations.invite", "channel", channel, "users", "UNOSUCHUSER")))
                    .isEqualTo("user_not_found");
            assertThat(ann.api().ok("conversations.members", "channel", channel).path("members").valueStream()
                    .map(JsonNode::asString).toList()).containsExactlyInAnyOrder(ann.id(), bob.id());

            String first = ann.api().ok("chat.postMessage", "channel", channel, "text", "hi <@" + bob.id() + "> and <!here>")
                    .path("ts").asString();
            bobSocket.await(type("message", "ts", first), WAIT);

            // The invitation is in history as Slack's channel_join message.
            JsonNode joinMessage = ann.api().ok("conversations.history", "channel", channel).path("messages").get(1);
            assertThat(joinMessage.path("subtype").asString()).isEqualTo("channel_join");
            assertThat(joinMessage.path("user").asString()).isEqualTo(bob.id());
            assertThat(joinMessage.path("inviter").asString()).isEqualTo(ann.id());

            // Unread state and marking: Bob has his join and Ann's message unread, and only Ann's counts for display;
            // marking tells his own sockets only.
            JsonNode bobInfo = bob.api().ok("conversations.info", "channel", channel).path("channel");
            assertThat(bobInfo.path("unread_count").asInt()).isEqualTo(2);
            assertThat(bobInfo.path("unread_count_display").asInt()).isEqualTo(1);
            JsonNode annInfo = ann.api().ok("conversations.info", "channel", channel).path("channel");
            assertThat(annInfo.path("unread_count").asInt()).isEqualTo(2);
            assertThat(annInfo.path("unread_count_display").asInt()).as("own messages are not shown as unread").isEqualTo(1);
            bob.api().ok("conversations.mark", "channel", channel, "ts", first);
            JsonNode marked = bobSocket.await(type("channel_marked", "channel", channel), WAIT);
            assertThat(marked.path("ts").asString()).isEqualTo(first);
            assertThat(bob.api().ok("conversations.info", "channel", channel).path("channel").path("unread_count").asInt()).isZero();
            // The socket's mark frame does the same, and is refused where the user is not a member.
            bobSocket.send("{\"id\":41,\"type\":\"mark\",\"channel\":\"" + channel + "\",\"ts\":\"" + first + "\"}");
            assertThat(bobSocket.await(f -> f.path("reply_to").asInt(-1) == 41, WAIT).path("ok").asBoolean()).isTrue();
            bobSocket.await(type("channel_marked", "channel", channel), WAIT);
            carolSocket.send("{\"id\":42,\"type\":\"mark\",\"channel\":\"" + channel + "\",\"ts\":\"" + first + "\"}");
            assertThat(carolSocket.await(f -> f.path("reply_to").asInt(-1) == 42, WAIT).path("error").path("msg").asString())
                    .isEqualTo("not_in_channel");
            assertThat(carolSocket.pending()).noneMatch(type("channel_marked"));

            // Edit and delete: only the author edits; the author or an admin deletes.
            assertThat(error(bob.api().call("chat.update", "channel", channel, "ts", first, "text", "hijacked")))
                    .isEqualTo("cant_update_message");
            ann.api().ok("chat.update", "channel", channel, "ts", first, "text", "hello everyone");
            JsonNode changed = bobSocket.await(type("message", "subtype", "message_changed"), WAIT);
            assertThat(changed.path("message").path("text").asString()).isEqualTo("hello everyone");
            assertThat(changed.path("previous_message").path("text").asString()).startsWith("hi <@");
            assertThat(changed.path("message").path("edited").path("user").asString()).isEqualTo(ann.id());

            String bobs = bob.api().ok("chat.postMessage", "channel", channel, "text", "from bob").path("ts").asString();
            annSocket.await(type("message", "ts", bobs), WAIT);
            ann.api().ok("chat.delete", "channel", channel, "ts", bobs); // Ann owns the workspace
            JsonNode deleted = bobSocket.await(type("message", "subtype", "message_deleted"), WAIT);
            assertThat(deleted.path("deleted_ts").asString()).isEqualTo(bobs);
            assertThat(error(bob.api().call("chat.delete", "channel", channel, "ts", first))).isEqualTo("cant_delete_message");
            assertThat(error(ann.api().call("chat.delete", "channel", channel, "ts", bobs))).isEqualTo("message_not_found");
            assertThat(error(ann.api().call("chat.update", "channel", channel, "ts", "not-a-ts", "text", "x")))
                    .isEqualTo("message_not_found");

            // Reactions and pins, live.
            bob.api().ok("reactions.add", "channel", channel, "timestamp", first, "name", ":tada:");
            JsonNode reaction = annSocket.await(type("reaction_added"), WAIT);
            assertThat(reaction.path("reaction").asString()).isEqualTo("tada");
            assertThat(reaction.path("item").path("ts").asString()).isEqualTo(first);
            assertThat(reaction.path("item_user").asString()).isEqualTo(ann.id());
            assertThat(error(bob.api().call("reactions.add", "channel", channel, "timestamp", first, "name", "tada")))
                    .isEqualTo("already_reacted");
            assertThat(error(bob.api().call("reactions.remove", "channel", channel, "timestamp", first, "name", "smile")))
                    .isEqualTo("no_reaction");
            JsonNode listed = bob.api().ok("reactions.list").path("items");
            assertThat(listed.size()).isEqualTo(1);
            assertThat(listed.get(0).path("message").path("ts").asString()).isEqualTo(first);
            bob.api().ok("reactions.remove", "channel", channel, "timestamp", first, "name", "tada");
            annSocket.await(type("reaction_removed"), WAIT);

            ann.api().ok("pins.add", "channel", channel, "timestamp", first);
            assertThat(bobSocket.await(type("pin_added"), WAIT).path("item").path("message").path("ts").asString())
                    .isEqualTo(first);
            assertThat(error(ann.api().call("pins.add", "channel", channel, "timestamp", first))).isEqualTo("already_pinned");
            JsonNode history = bob.api().ok("conversations.history", "channel", channel);
            assertThat(history.path("pin_count").asInt()).isEqualTo(1);
            assertThat(history.path("messages").get(0).path("pinned_to").get(0).asString()).isEqualTo(channel);
            ann.api().ok("pins.remove", "channel", channel, "timestamp", first);
            bobSocket.await(type("pin_removed"), WAIT);
            assertThat(error(ann.api().call("pins.remove", "channel", channel, "timestamp", first))).isEqualTo("no_pin");

            // An ephemeral message reaches Bob alone and is not stored.
            String ephemeral = ann.api().ok("chat.postEphemeral", "channel", channel, "user", bob.id(), "text", "psst")
                    .path("message_ts").asString();
            bobSocket.await(f -> f.path("is_ephemeral").asBoolean(false) && f.path("text").asString("").equals("psst"), WAIT);
            assertThat(error(ann.api().call("chat.postEphemeral", "channel", channel, "user", carol.id(), "text", "x")))
                    .isEqualTo("user_not_in_channel");
            assertThat(bob.api().ok("conversations.history", "channel", channel).path("messages").valueStream()
                    .map(m -> m.path("ts").asString())).doesNotContain(ephemeral);

            // Rename, topic and purpose.
            String renamed = unique("renamed");
            assertThat(error(bob.api().call("conversations.rename", "channel", channel, "name", renamed))).isEqualTo("not_authorized");
            ann.api().ok("conversations.rename", "channel", channel, "name", renamed);
            assertThat(carolSocket.await(type("channel_rename"), WAIT).path("channel").path("name").asString()).isEqualTo(renamed);
            bob.api().ok("conversations.setTopic", "channel", channel, "topic", "Launch plans");
            bob.api().ok("conversations.setPurpose", "channel", channel, "purpose", "Ship it");
            JsonNode after = ann.api().ok("conversations.info", "channel", channel).path("channel");
            assertThat(after.path("name").asString()).isEqualTo(renamed);
            assertThat(after.path("topic").path("value").asString()).isEqualTo("Launch plans");
            assertThat(after.path("topic").path("creator").asString()).isEqualTo(bob.id());
            assertThat(after.path("purpose").path("value").asString()).isEqualTo("Ship it");
            JsonNode latest = ann.api().ok("conversations.history", "channel", channel, "limit", "3").path("messages");
            assertThat(latest.valueStream().map(m -> m.path("subtype").asString()))
                    .containsExactly("channel_purpose", "channel_topic", "channel_name");
            assertThat(latest.get(1).path("topic").asString()).isEqualTo("Launch plans");
            assertThat(latest.get(2).path("name").asString()).isEqualTo(renamed);
            assertThat(error(bob.api().call("conversations.setTopic", "channel", channel, "topic", "x".repeat(251))))
                    .isEqualTo("too_long");

            // Kick and leave: the channel's events stop reaching the one who left.
            assertThat(error(bob.api().call("conversations.kick", "channel", channel, "user", ann.id()))).isEqualTo("restricted_action");
            ann.api().ok("conversations.kick", "channel", channel, "user", bob.id());
            bobSocket.await(type("member_left_channel", "user", bob.id()), WAIT);
            assertThat(error(bob.api().call("chat.postMessage", "channel", channel, "text", "x"))).isEqualTo("not_in_channel");
            bob.api().ok("conversations.join", "channel", channel);
            bob.api().ok("conversations.leave", "channel", channel);
            assertThat(bob.api().ok("conversations.leave", "channel", channel).path("not_in_channel").asBoolean()).isTrue();

            // Archive: announced, posting refused, then unarchived.
            ann.api().ok("conversations.archive", "channel", channel);
            carolSocket.await(type("channel_archive", "channel", channel), WAIT);
            assertThat(error(ann.api().call("chat.postMessage", "channel", channel, "text", "x"))).isEqualTo("is_archived");
            assertThat(error(carol.api().call("conversations.join", "channel", channel))).isEqualTo("is_archived");
            assertThat(error(ann.api().call("conversations.archive", "channel", channel))).isEqualTo("already_archived");
            assertThat(carol.api().ok("conversations.list", "exclude_archived", "true").path("channels").valueStream()
                    .map(c -> c.path("id").asString())).doesNotContain(channel);
            ann.api().ok("conversations.unarchive", "channel", channel);
            carolSocket.await(type("channel_unarchive", "channel", channel), WAIT);
            ann.api().ok("chat.postMessage", "channel", channel, "text", "back");

            String lastOfBob = bobSocket.pending().stream().filter(type("message"))
                    .map(f -> f.path("text").asString("")).reduce((a, b) -> b).orElse("");
            assertThat(lastOfBob).as("Bob left before this").isNotEqualTo("back");
        }
    }

    @Test
    default void directMessagesAndPrivateChannelsStayWithTheirMembers() {
        TestTeam team = TestTeam.create(apiUrl(), 3);
        TestTeam.Member ann = team.get(0);
        TestTeam.Member bob = team.get(1);
        TestTeam.Member carol = team.get(2);
        try (RtmClient bobSocket = RtmClient.connect(rtmUrl(1), bob.token());
             RtmClient carolSocket = RtmClient.connect(rtmUrl(0), carol.token())) {
            bobSocket.awaitType("hello");
            carolSocket.awaitType("hello");

            // A 1:1 DM: opened once, announced to both, found again by either side.
            JsonNode opened = ann.api().ok("conversations.open", "users", bob.id());
            String dm = id(opened);
            assertThat(dm).startsWith("D");
            assertThat(bobSocket.await(type("im_created"), WAIT).path("channel").path("id").asString()).isEqualTo(dm);
            JsonNode again = bob.api().ok("conversations.open", "users", ann.id(), "return_im", "true");
            assertThat(id(again)).isEqualTo(dm);
            assertThat(again.path("already_open").asBoolean()).isTrue();
            assertThat(again.path("channel").path("is_im").asBoolean()).isTrue();
            assertThat(again.path("channel").path("user").asString()).isEqualTo(ann.id());
            String dmTs = ann.api().ok("chat.postMessage", "channel", dm, "text", "just us").path("ts").asString();
            bobSocket.await(type("message", "ts", dmTs), WAIT);
            assertThat(error(carol.api().call("conversations.history", "channel", dm))).isEqualTo("channel_not_found");
            assertThat(error(ann.api().call("conversations.leave", "channel", dm))).isEqualTo("method_not_supported_for_channel_type");
            assertThat(error(ann.api().call("conversations.open", "users", "UNOSUCHUSER"))).isEqualTo("user_not_found");

            // A group DM of three.
            String mpim = id(ann.api().ok("conversations.open", "users", bob.id() + "," + carol.id()));
            assertThat(mpim).isNotEqualTo(dm);
            carolSocket.await(type("mpim_joined"), WAIT);
            String groupTs = carol.api().ok("chat.postMessage", "channel", mpim, "text", "all three").path("ts").asString();
            bobSocket.await(type("message", "ts", groupTs), WAIT);
            assertThat(id(bob.api().ok("conversations.open", "users", carol.id() + "," + ann.id()))).isEqualTo(mpim);

            // A private channel: invisible to Carol in every method, its events never reach her.
            try (RtmClient annSocket = RtmClient.connect(rtmUrl(0), ann.token())) {
                annSocket.awaitType("hello");
                String created = id(ann.api().ok("conversations.create", "name", unique("hidden"), "is_private", "true"));
                assertThat(annSocket.await(type("group_joined"), WAIT).path("channel").path("id").asString()).isEqualTo(created);
            }
            String secret = id(ann.api().ok("conversations.create", "name", unique("secret"), "is_private", "true"));
            ann.api().ok("conversations.invite", "channel", secret, "users", bob.id());
            String secretTs = ann.api().ok("chat.postMessage", "channel", secret, "text", "classified").path("ts").asString();
            bobSocket.await(type("message", "ts", secretTs), WAIT);
            for (String method : List.of("conversations.info", "conversations.history", "conversations.members",
                    "conversations.join", "conversations.leave", "conversations.setTopic")) {
                assertThat(error(carol.api().call(method, "channel", secret))).as(method).isEqualTo("channel_not_found");
            }
            assertThat(error(carol.api().call("conversations.replies", "channel", secret, "ts", secretTs))).isEqualTo("channel_not_found");
            assertThat(error(carol.api().call("reactions.add", "channel", secret, "timestamp", secretTs, "name", "eyes")))
                    .isEqualTo("channel_not_found");
            assertThat(carol.api().ok("conversations.list", "types", "public_channel,private_channel,im,mpim")
                    .path("channels").valueStream().map(c -> c.path("id").asString()).toList())
                    .doesNotContain(secret, dm).contains(mpim);
            assertThat(carol.api().ok("users.conversations", "user", bob.id(), "types", "public_channel,private_channel")
                    .path("channels").valueStream().map(c -> c.path("id").asString())).doesNotContain(secret);
            assertThat(bob.api().ok("users.conversations", "types", "private_channel,im,mpim").path("channels").valueStream()
                    .map(c -> c.path("id").asString()).toList()).contains(secret, dm, mpim);
            assertThat(carolSocket.pending()).noneMatch(type("group_joined"));
            assertThat(carolSocket.pending()).noneMatch(f -> f.path("channel").asString("").equals(secret)
                    || f.path("channel").path("id").asString("").equals(secret)
                    || f.path("channel").asString("").equals(dm));
        }
    }

    @Test
    default void anAdminMakesAChannelPrivateAndPublicAgainAndOnlyMembersKeepSeeingIt() throws Exception {
        TestTeam team = TestTeam.create(apiUrl(), 3);
        SlackClient owner = team.get(0).api();
        SlackClient bob = team.get(1).api();
        SlackClient carol = team.get(2).api();
        String channel = owner.ok("conversations.create", "name", "plans-" + UUID.randomUUID().toString().substring(0, 8))
                .path("channel").path("id").asString();
        owner.ok("conversations.invite", "channel", channel, "users", team.get(1).id());
        carol.ok("conversations.info", "channel", channel);

        assertThat(bob.call("admin.conversations.convertToPrivate", "channel_id", channel).path("error").asString())
                .isEqualTo("not_an_admin");
        try (RtmClient bobSocket = RtmClient.connect(rtmUrl(1), team.get(1).token())) {
            bobSocket.awaitType("hello");
            owner.ok("admin.conversations.convertToPrivate", "channel_id", channel);
            JsonNode told = bobSocket.await(f -> "channel_convert_to_private".equals(f.path("subtype").asString(""))
                    && channel.equals(f.path("channel").asString("")), Duration.ofSeconds(20));
            assertThat(told.path("user").asString()).isEqualTo(team.get(0).id());
        }
        assertThat(bob.ok("conversations.info", "channel", channel).path("channel").path("is_private").asBoolean()).isTrue();
        assertThat(bob.ok("conversations.history", "channel", channel).path("ok").asBoolean()).as("members keep access")
                .isTrue();
        assertThat(carol.call("conversations.info", "channel", channel).path("error").asString())
                .isEqualTo("channel_not_found");
        assertThat(carol.call("conversations.history", "channel", channel).path("error").asString())
                .isEqualTo("channel_not_found");
        assertThat(carol.ok("conversations.list", "types", "public_channel,private_channel").toString())
                .doesNotContain(channel);
        assertThat(owner.call("admin.conversations.convertToPrivate", "channel_id", channel).path("error").asString())
                .as("already private").isEqualTo("channel_type_not_supported");

        owner.ok("admin.conversations.convertToPublic", "channel_id", channel);
        assertThat(carol.ok("conversations.info", "channel", channel).path("channel").path("is_private").asBoolean())
                .isFalse();
        assertThat(owner.call("admin.conversations.convertToPublic", "channel_id", channel).path("error").asString())
                .as("already public").isEqualTo("not_supported");

        // Both conversions reach the audit log, by the owner who made them.
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<String> actions = List.of();
        while (System.nanoTime() < deadline && !actions.containsAll(List.of("public_channel_converted_to_private",
                "private_channel_converted_to_public"))) {
            Thread.sleep(250);
            actions = owner.ok("admin.auditlogs.list", "entity", channel).path("entries").findValuesAsString("action");
        }
        assertThat(actions).contains("public_channel_converted_to_private", "private_channel_converted_to_public");
    }

    @Test
    default void listsPageWithCursorsAndClampLimits() {
        TestTeam team = TestTeam.create(apiUrl(), 1);
        SlackClient ann = team.get(0).api();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(id(ann.ok("conversations.create", "name", unique("page" + i))));
        }
        List<String> seen = new ArrayList<>();
        String cursor = "";
        do {
            JsonNode page = cursor.isEmpty() ? ann.ok("conversations.list", "limit", "2")
                    : ann.ok("conversations.list", "limit", "2", "cursor", cursor);
            assertThat(page.path("channels").size()).isLessThanOrEqualTo(2);
            page.path("channels").forEach(c -> seen.add(c.path("id").asString()));
            cursor = page.path("response_metadata").path("next_cursor").asString("");
        } while (!cursor.isEmpty());
        assertThat(seen).containsExactlyInAnyOrderElementsOf(created);

        String channel = created.getFirst();
        for (int i = 0; i < 3; i++) {
            ann.ok("chat.postMessage", "channel", channel, "text", "m" + i);
        }
        assertThat(ann.ok("conversations.history", "channel", channel, "limit", "0").path("messages").size()).isEqualTo(3);
        assertThat(ann.ok("conversations.history", "channel", channel, "limit", "-5").path("messages").size()).isEqualTo(3);
        assertThat(ann.ok("conversations.history", "channel", channel, "limit", "100000").path("messages").size()).isEqualTo(3);
        assertThat(error(ann.call("conversations.list", "cursor", "bm9wZQ=="))).isEqualTo("invalid_cursor");
        assertThat(error(ann.call("conversations.list", "types", "bogus"))).isEqualTo("invalid_types");
        assertThat(error(ann.call("chat.postMessage", "channel", channel, "text", "x", "thread_ts", "123.000001")))
                .isEqualTo("thread_not_found");
        assertThat(error(ann.call("chat.postMessage", "channel", channel, "blocks", "{not json"))).isEqualTo("invalid_blocks");
        JsonNode withBlocks = ann.ok("chat.postMessage", "channel", channel, "text", "fallback",
                "blocks", "[{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"*hi*\"}}]",
                "attachments", "[{\"color\":\"#36a64f\",\"text\":\"att\"}]");
        JsonNode stored = ann.ok("conversations.history", "channel", channel, "limit", "1").path("messages").get(0);
        assertThat(stored.path("ts").asString()).isEqualTo(withBlocks.path("ts").asString());
        assertThat(stored.path("blocks").get(0).path("text").path("text").asString()).isEqualTo("*hi*");
        assertThat(stored.path("attachments").get(0).path("color").asString()).isEqualTo("#36a64f");
        JsonNode link = ann.ok("chat.getPermalink", "channel", channel, "message_ts", withBlocks.path("ts").asString());
        assertThat(link.path("permalink").asString()).contains("/archives/" + channel + "/p");
    }

    @Test
    default void concurrentPostersGetUniqueStrictlyIncreasingTsSeenInOrderLive() throws Exception {
        TestTeam team = TestTeam.create(apiUrl(), 2);
        SlackClient ann = team.get(0).api();
        String channel = id(ann.ok("conversations.create", "name", unique("busy")));
        ann.ok("conversations.invite", "channel", channel, "users", team.get(1).id());
        int posters = 8;
        int each = 25;
        try (RtmClient watcher = RtmClient.connect(rtmUrl(1), team.get(1).token())) {
            watcher.awaitType("hello");
            ExecutorService pool = Executors.newFixedThreadPool(posters);
            List<Future<List<String>>> results = new ArrayList<>();
            for (int p = 0; p < posters; p++) {
                SlackClient poster = p % 2 == 0 ? ann : team.get(1).api();
                int id = p;
                results.add(pool.submit(() -> {
                    List<String> mine = new ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        mine.add(poster.ok("chat.postMessage", "channel", channel, "text", id + ":" + i).path("ts").asString());
                    }
                    return mine;
                }));
            }
            List<String> all = new ArrayList<>();
            for (Future<List<String>> f : results) {
                List<String> mine = f.get();
                assertThat(mine).as("one poster's messages keep their order").isSortedAccordingTo(ConversationsScenario::byTs);
                all.addAll(mine);
            }
            pool.shutdown();
            assertThat(all).doesNotHaveDuplicates().hasSize(posters * each);

            List<String> live = new ArrayList<>();
            while (live.size() < posters * each) {
                // Only the posted messages: the invitation's channel_join may still be on its way.
                live.add(watcher.await(f -> type("message").test(f) && f.path("subtype").isMissingNode(), WAIT)
                        .path("ts").asString());
            }
            List<String> sorted = new ArrayList<>(all);
            sorted.sort(ConversationsScenario::byTs);
            assertThat(live).as("live delivery in channel order, nothing lost or repeated").containsExactlyElementsOf(sorted);

            List<String> history = new ArrayList<>();
            String cursor = "";
            do {
                JsonNode page = cursor.isEmpty() ? ann.ok("conversations.history", "channel", channel, "limit", "90")
                        : ann.ok("conversations.history", "channel", channel, "limit", "90", "cursor", cursor);
                page.path("messages").valueStream().filter(m -> m.path("subtype").isMissingNode())
                        .forEach(m -> history.add(m.path("ts").asString()));
                cursor = page.path("response_metadata").path("next_cursor").asString("");
            } while (!cursor.isEmpty());
            Collections.reverse(history);
            assertThat(history).containsExactlyElementsOf(sorted);
        }
    }

    private static int byTs(String a, String b) {
        return Long.compare(Long.parseLong(a.replace(".", "")), Long.parseLong(b.replace(".", "")));
    }
}
