package dev.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Guests through the Web API and the socket: a guest sees only the channels it was invited to and the people in
 * them; everything else is {@code channel_not_found} or {@code user_not_found}, as if it did not exist. Guests cannot
 * create or join channels or invite anyone; a single-channel guest is in one channel at most.
 */
interface GuestScenario {

    Duration WAIT = Duration.ofSeconds(20);
    String ALL_TYPES = "public_channel,private_channel,mpim,im";

    String apiUrl();

    String rtmUrl(int user);

    private static String error(JsonNode answer) {
        return answer.path("error").asString("");
    }

    private static String create(TestTeam.Member who, String prefix, boolean isPrivate) {
        return who.api().ok("conversations.create", "name", prefix + "-" + UUID.randomUUID().toString().substring(0, 6),
                "is_private", Boolean.toString(isPrivate)).path("channel").path("id").asString();
    }

    private static List<String> ids(JsonNode list, String field) {
        return list.path(field).valueStream().map(c -> c.isString() ? c.asString() : c.path("id").asString()).toList();
    }

    private static Predicate<JsonNode> message(String ts) {
        return f -> "message".equals(f.path("type").asString("")) && ts.equals(f.path("ts").asString(""));
    }

    @Test
    default void aGuestSeesOnlyTheChannelsItWasInvitedToAndThePeopleInThem() {
        TestTeam team = TestTeam.create(apiUrl(), 3);
        TestTeam.Member ann = team.get(0);
        TestTeam.Member bob = team.get(1);
        TestTeam.Member carol = team.get(2);
        TestTeam.Member gus = team.add("guest");
        TestTeam.Member sam = team.add("single_channel_guest");
        String lobby = create(ann, "lobby", false);
        String plaza = create(ann, "plaza", false);
        String vault = create(ann, "vault", true);
        ann.api().ok("conversations.invite", "channel", lobby, "users", bob.id() + "," + gus.id() + "," + sam.id());
        carol.api().ok("conversations.join", "channel", plaza);
        String plazaTs = ann.api().ok("chat.postMessage", "channel", plaza, "text", "plaza news").path("ts").asString();

        // Channels: only the one it was invited to, in every list; the others do not exist for it.
        assertThat(ids(gus.api().ok("conversations.list", "types", ALL_TYPES), "channels")).containsExactly(lobby);
        assertThat(ids(gus.api().ok("users.conversations", "types", ALL_TYPES), "channels")).containsExactly(lobby);
        assertThat(ids(gus.api().ok("users.conversations", "types", ALL_TYPES, "user", ann.id()), "channels"))
                .containsExactly(lobby);
        for (String hidden : List.of(plaza, vault)) {
            for (String method : List.of("conversations.info", "conversations.history", "conversations.members",
                    "pins.list", "conversations.leave", "conversations.mark")) {
                assertThat(error(gus.api().call(method, "channel", hidden, "ts", plazaTs))).as(method)
                        .isEqualTo("channel_not_found");
            }
            assertThat(error(gus.api().call("chat.postMessage", "channel", hidden, "text", "hi")))
                    .isEqualTo("channel_not_found");
            assertThat(error(gus.api().call("reactions.add", "channel", hidden, "timestamp", plazaTs, "name", "eyes")))
                    .isEqualTo("channel_not_found");
        }
        assertThat(error(gus.api().call("conversations.replies", "channel", plaza, "ts", plazaTs)))
                .isEqualTo("channel_not_found");
        assertThat(error(gus.api().call("chat.getPermalink", "channel", plaza, "message_ts", plazaTs)))
                .isEqualTo("channel_not_found");
        assertThat(ids(bob.api().ok("conversations.list"), "channels")).as("members see every public channel")
                .contains(lobby, plaza);

        // Guests do not create, join or invite.
        assertThat(error(gus.api().call("conversations.create", "name", "guest-made"))).isEqualTo("restricted_action");
        assertThat(error(gus.api().call("conversations.join", "channel", plaza))).isEqualTo("restricted_action");
        assertThat(error(gus.api().call("conversations.invite", "channel", lobby, "users", carol.id())))
                .isEqualTo("restricted_action");

        // People: those of its channel, nobody else.
        assertThat(ids(gus.api().ok("users.list"), "members"))
                .containsExactlyInAnyOrder(ann.id(), bob.id(), gus.id(), sam.id());
        assertThat(ids(gus.api().ok("conversations.members", "channel", lobby), "members"))
                .containsExactlyInAnyOrder(ann.id(), bob.id(), gus.id(), sam.id());
        for (String method : List.of("users.info", "users.getPresence", "users.profile.get", "dnd.info")) {
            assertThat(error(gus.api().call(method, "user", carol.id()))).as(method).isEqualTo("user_not_found");
            gus.api().ok(method, "user", bob.id());
        }
        assertThat(error(gus.api().call("conversations.open", "users", carol.id()))).isEqualTo("user_not_found");
        String dm = gus.api().ok("conversations.open", "users", bob.id()).path("channel").path("id").asString();
        gus.api().ok("chat.postMessage", "channel", dm, "text", "hello from a guest");
        JsonNode seenByCarol = carol.api().ok("users.info", "user", gus.id()).path("user");
        assertThat(seenByCarol.path("is_restricted").asBoolean()).isTrue();
        assertThat(seenByCarol.path("is_ultra_restricted").asBoolean()).isFalse();
        assertThat(carol.api().ok("users.info", "user", sam.id()).path("user").path("is_ultra_restricted").asBoolean())
                .isTrue();

        // A single-channel guest is in one channel; a multi-channel guest may be invited to more.
        assertThat(error(ann.api().call("conversations.invite", "channel", plaza, "users", sam.id())))
                .isEqualTo("ura_max_channels");
        assertThat(error(ann.api().call("conversations.invite", "channel", vault, "users", carol.id() + "," + sam.id())))
                .isEqualTo("ura_max_channels");
        assertThat(ids(ann.api().ok("conversations.members", "channel", vault), "members")).as("nobody was added")
                .containsExactly(ann.id());
        ann.api().ok("conversations.invite", "channel", vault, "users", gus.id());
        assertThat(ids(gus.api().ok("conversations.list", "types", ALL_TYPES), "channels"))
                .containsExactlyInAnyOrder(lobby, vault, dm);
        ann.api().ok("conversations.kick", "channel", lobby, "user", sam.id());
        ann.api().ok("conversations.invite", "channel", plaza, "users", sam.id());
        assertThat(ids(sam.api().ok("conversations.list"), "channels")).containsExactly(plaza);
    }

    @Test
    default void aGuestsSocketGetsTheEventsOfItsChannelsOnly() {
        TestTeam team = TestTeam.create(apiUrl(), 2);
        TestTeam.Member ann = team.get(0);
        TestTeam.Member bob = team.get(1);
        TestTeam.Member gus = team.add("guest");
        String lobby = create(ann, "lobby", false);
        String plaza = create(ann, "plaza", false);
        ann.api().ok("conversations.invite", "channel", lobby, "users", gus.id() + "," + bob.id());
        bob.api().ok("conversations.join", "channel", plaza);
        try (RtmClient gusSocket = RtmClient.connect(rtmUrl(0), gus.token());
             RtmClient bobSocket = RtmClient.connect(rtmUrl(1), bob.token())) {
            gusSocket.awaitType("hello");
            bobSocket.awaitType("hello");

            // Workspace-wide news of a public channel and everything in channels it is not in pass it by.
            String news = create(ann, "news", false);
            bobSocket.await(f -> "channel_created".equals(f.path("type").asString(""))
                    && news.equals(f.path("channel").path("id").asString("")), WAIT);
            String plazaTs = ann.api().ok("chat.postMessage", "channel", plaza, "text", "plaza only").path("ts").asString();
            bobSocket.await(message(plazaTs), WAIT);
            ann.api().ok("conversations.rename", "channel", plaza, "name", "plaza-" + UUID.randomUUID().toString().substring(0, 6));
            ann.api().ok("conversations.archive", "channel", news);
            bobSocket.await(f -> "channel_archive".equals(f.path("type").asString("")), WAIT);

            // The guest's own channel reaches it, and its socket refuses what its token may not do.
            gusSocket.send("{\"id\":1,\"type\":\"message\",\"channel\":\"" + plaza + "\",\"text\":\"x\"}");
            assertThat(gusSocket.awaitReply(1).path("error").path("msg").asString()).isEqualTo("channel_not_found");
            gusSocket.send("{\"id\":2,\"type\":\"mark\",\"channel\":\"" + plaza + "\",\"ts\":\"" + plazaTs + "\"}");
            assertThat(gusSocket.awaitReply(2).path("error").path("msg").asString()).isEqualTo("channel_not_found");
            gusSocket.send("{\"id\":3,\"type\":\"presence_sub\",\"ids\":[\"" + bob.id() + "\"]}");
            assertThat(gusSocket.awaitReply(3).path("ok").asBoolean()).isTrue();
            String fence = ann.api().ok("chat.postMessage", "channel", lobby, "text", "fence").path("ts").asString();
            gusSocket.await(message(fence), WAIT);
            assertThat(gusSocket.pending()).noneMatch(f -> f.toString().contains(plaza) || f.toString().contains(news));
        }
    }
}
