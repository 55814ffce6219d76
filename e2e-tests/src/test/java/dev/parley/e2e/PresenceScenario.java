package dev.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Presence, do-not-disturb and custom status through the Web API and the socket: sockets that asked with
 * {@code presence_sub} hear a user go away and come back, batched in Slack's shape; nobody else does.
 */
interface PresenceScenario {

    String apiUrl();

    String rtmUrl(int user);

    private static Predicate<JsonNode> presence(String user, String value) {
        return f -> "presence_change".equals(f.path("type").asString("")) && value.equals(f.path("presence").asString(""))
                && f.path("users").toString().contains(user);
    }

    @Test
    default void presenceChangesReachTheSocketsThatSubscribed() {
        TestTeam team = TestTeam.create(apiUrl(), 3);
        SlackClient ann = team.get(0).api();
        SlackClient bob = team.get(1).api();
        String bobId = team.get(1).id();
        String channel = ann.ok("conversations.create", "name", "presence-" + System.nanoTime() % 100000)
                .path("channel").path("id").asString();
        team.get(2).api().ok("conversations.join", "channel", channel);
        try (RtmClient annSocket = RtmClient.connect(rtmUrl(0), ann.token());
             RtmClient carolSocket = RtmClient.connect(rtmUrl(1), team.get(2).token())) {
            annSocket.awaitType("hello");
            carolSocket.awaitType("hello");
            annSocket.send("{\"id\":1,\"type\":\"presence_sub\",\"ids\":[\"" + bobId + "\"]}");
            assertThat(annSocket.awaitReply(1).path("ok").asBoolean()).isTrue();

            RtmClient bobSocket = RtmClient.connect(rtmUrl(1), bob.token());
            bobSocket.awaitType("hello");
            annSocket.await(presence(bobId, "active"), Duration.ofSeconds(30));
            JsonNode self = bob.ok("users.getPresence");
            assertThat(self.path("presence").asString()).isEqualTo("active");
            assertThat(self.path("online").asBoolean()).isTrue();
            assertThat(self.path("connection_count").asInt()).isEqualTo(1);
            assertThat(ann.ok("users.getPresence", "user", bobId).path("presence").asString()).isEqualTo("active");

            bob.ok("users.setPresence", "presence", "away");
            annSocket.await(presence(bobId, "away"), Duration.ofSeconds(30));
            assertThat(bob.ok("users.getPresence").path("manual_away").asBoolean()).isTrue();
            bob.ok("users.setPresence", "presence", "auto");
            annSocket.await(presence(bobId, "active"), Duration.ofSeconds(30));

            bobSocket.close();
            annSocket.await(presence(bobId, "away"), Duration.ofSeconds(30));
            assertThat(ann.ok("users.getPresence", "user", bobId).path("presence").asString()).isEqualTo("away");

            // Fence: carol gets a later message, and never a presence change she did not ask for.
            ann.ok("chat.postMessage", "channel", channel, "text", "fence");
            carolSocket.await(f -> "fence".equals(f.path("text").asString("")), Duration.ofSeconds(20));
            assertThat(carolSocket.pending()).noneMatch(f -> "presence_change".equals(f.path("type").asString("")));
            assertThat(bob.call("users.setPresence", "presence", "busy").path("error").asString())
                    .isEqualTo("invalid_presence");
        }
    }

    @Test
    default void snoozeAndCustomStatusRoundTrip() {
        TestTeam team = TestTeam.create(apiUrl(), 2);
        SlackClient ann = team.get(0).api();
        SlackClient bob = team.get(1).api();
        JsonNode snoozed = bob.ok("dnd.setSnooze", "num_minutes", "30");
        assertThat(snoozed.path("snooze_enabled").asBoolean()).isTrue();
        assertThat(ann.ok("dnd.info", "user", team.get(1).id()).path("snooze_enabled").asBoolean()).isTrue();
        assertThat(ann.ok("dnd.teamInfo", "users", team.get(1).id()).path("users").path(team.get(1).id())
                .path("snooze_enabled").asBoolean()).isTrue();
        bob.ok("dnd.endSnooze");
        assertThat(bob.call("dnd.endSnooze").path("error").asString()).isEqualTo("snooze_not_active");

        bob.ok("users.profile.set", "profile", "{\"status_text\":\"riding a train\",\"status_emoji\":\":train:\","
                + "\"status_expiration\":0}");
        JsonNode profile = ann.ok("users.profile.get", "user", team.get(1).id()).path("profile");
        assertThat(profile.path("status_text").asString()).isEqualTo("riding a train");
        assertThat(profile.path("status_emoji").asString()).isEqualTo(":train:");
        assertThat(bob.call("users.profile.set", "profile", "{\"status_text\":\"" + "x".repeat(101) + "\"}")
                .path("error").asString()).isEqualTo("too_long");
        assertThat(ann.ok("users.profile.get", "user", team.get(1).id()).path("profile").path("status_text").asString())
                .isEqualTo("riding a train");
    }
}
