package dev.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.team.TeamInfoResponse;
import com.slack.api.methods.response.usergroups.UsergroupsCreateResponse;
import com.slack.api.methods.response.usergroups.UsergroupsListResponse;
import com.slack.api.methods.response.usergroups.users.UsergroupsUsersListResponse;
import com.slack.api.methods.response.usergroups.users.UsergroupsUsersUpdateResponse;
import com.slack.api.methods.response.users.UsersInfoResponse;
import com.slack.api.methods.response.users.UsersLookupByEmailResponse;
import com.slack.api.methods.response.users.profile.UsersProfileSetResponse;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * People through the Web API and the socket: an invitation (mailed where the topology has a mail server) accepted
 * into a guest of one channel, profiles and their {@code user_change}, user groups whose mention counts as a mention
 * of each member, and the audit log, channel changes included.
 */
interface PeopleScenario {

    String apiUrl();

    String rtmUrl(int user);

    /** The mail server the topology sends invitations to, when it has one. */
    default Optional<GreenMail> mailbox() {
        return Optional.empty();
    }

    private static List<String> ids(JsonNode array) {
        List<String> ids = new ArrayList<>();
        array.forEach(e -> ids.add(e.isString() ? e.asString() : e.path("id").asString()));
        return ids;
    }

    @Test
    default void anInvitedGuestJoinsWithTheirChannelAndTheWorkspaceHearsOfIt() throws Exception {
        TestTeam team = TestTeam.create(apiUrl(), 2);
        SlackClient owner = team.get(0).api();
        String channel = owner.ok("conversations.create", "name", "guests-" + System.nanoTime() % 100000)
                .path("channel").path("id").asString();
        String email = "guest-" + System.nanoTime() + "@" + team.domain() + ".test";
        int mailsBefore = mailbox().map(m -> m.getReceivedMessages().length).orElse(0);
        try (RtmClient ownerSocket = RtmClient.connect(rtmUrl(1), owner.token())) {
            ownerSocket.awaitType("hello");
            JsonNode invite = owner.ok("admin.users.invite", "email", email, "channel_ids", channel,
                    "real_name", "Gus Guest", "is_ultra_restricted", "true").path("invite");
            String url = invite.path("url").asString();
            assertThat(invite.path("is_ultra_restricted").asBoolean()).isTrue();
            if (mailbox().isPresent()) {
                GreenMail mail = mailbox().get();
                assertThat(mail.waitForIncomingEmail(20_000, mailsBefore + 1)).isTrue();
                MimeMessage received = mail.getReceivedMessages()[mailsBefore];
                assertThat(received.getAllRecipients()[0].toString()).isEqualTo(email);
                Matcher link = Pattern.compile("\\S+/invite/\\S+").matcher((String) received.getContent());
                assertThat(link.find()).isTrue();
                assertThat(link.group()).isEqualTo(url);
                assertThat(invite.path("email_sent").asBoolean()).isTrue();
            } else {
                assertThat(invite.path("email_sent").asBoolean()).as("no mail server: the admin shares the link").isFalse();
            }
            String token = url.substring(url.lastIndexOf('/') + 1);
            SlackClient anonymous = new SlackClient(apiUrl(), null);
            JsonNode accepted = anonymous.ok("auth.acceptInvite", "invite_token", token, "password", "guest password 1");
            String guestId = accepted.path("user_id").asString();
            assertThat(ids(accepted.path("channel_ids"))).containsExactly(channel);
            assertThat(anonymous.call("auth.acceptInvite", "invite_token", token, "password", "guest password 2")
                    .path("error").asString()).isEqualTo("invalid_invite");

            JsonNode joined = ownerSocket.await(f -> "team_join".equals(f.path("type").asString(""))
                    && guestId.equals(f.path("user").path("id").asString("")), Duration.ofSeconds(30));
            assertThat(joined.path("user").path("is_ultra_restricted").asBoolean()).isTrue();
            assertThat(ids(owner.ok("conversations.members", "channel", channel).path("members"))).contains(guestId);
            SlackClient guest = new SlackClient(apiUrl(), accepted.path("token").asString());
            assertThat(guest.ok("auth.test").path("user_id").asString()).isEqualTo(guestId);
            assertThat(owner.ok("users.info", "user", guestId).path("user").path("is_restricted").asBoolean()).isTrue();
        }
    }

    @Test
    default void aProfileChangeIsShownEverywhereAndReachesTheWorkspacesSockets() {
        TestTeam team = TestTeam.create(apiUrl(), 2);
        SlackClient ann = team.get(0).api();
        SlackClient bob = team.get(1).api();
        String bobId = team.get(1).id();
        try (RtmClient annSocket = RtmClient.connect(rtmUrl(0), ann.token())) {
            annSocket.awaitType("hello");
            JsonNode set = bob.ok("users.profile.set", "profile", "{\"display_name\":\"bobby\",\"title\":\"Pilot\","
                    + "\"tz\":\"America/New_York\",\"status_text\":\"flying\",\"status_emoji\":\":airplane:\"}")
                    .path("profile");
            assertThat(set.path("status_text").asString()).isEqualTo("flying");
            JsonNode change = annSocket.await(f -> "user_change".equals(f.path("type").asString(""))
                    && bobId.equals(f.path("user").path("id").asString("")), Duration.ofSeconds(30));
            assertThat(change.path("user").path("profile").path("title").asString()).isEqualTo("Pilot");
            assertThat(change.path("user").path("profile").path("status_emoji").asString()).isEqualTo(":airplane:");
        }
        JsonNode info = ann.ok("users.info", "user", bobId).path("user");
        assertThat(info.path("tz").asString()).isEqualTo("America/New_York");
        assertThat(info.path("profile").path("display_name").asString()).isEqualTo("bobby");
        assertThat(info.path("profile").path("status_text").asString()).isEqualTo("flying");
        assertThat(info.path("profile").path("image_72").asString()).contains("/avatars/");
        assertThat(ann.ok("users.profile.get", "user", bobId).path("profile").path("title").asString()).isEqualTo("Pilot");
        assertThat(ann.call("users.profile.set", "user", bobId, "name", "title", "value", "x").path("error").asString())
                .as("the owner may; this is the owner").isEmpty();
        assertThat(bob.call("users.profile.set", "user", team.get(0).id(), "name", "title", "value", "x")
                .path("error").asString()).isEqualTo("not_admin");
        assertThat(ann.ok("users.lookupByEmail", "email", "user1@" + team.domain() + ".test").path("user").path("id")
                .asString()).isEqualTo(bobId);
        assertThat(ann.call("users.lookupByEmail", "email", "nobody@" + team.domain() + ".test").path("error").asString())
                .isEqualTo("users_not_found");
        JsonNode teamInfo = bob.ok("team.info").path("team");
        assertThat(teamInfo.path("domain").asString()).isEqualTo(team.domain());
        assertThat(teamInfo.path("icon").path("image_default").asBoolean()).isTrue();
    }

    @Test
    default void aGroupMentionIsAMentionOfEachMember() throws Exception {
        TestTeam team = TestTeam.create(apiUrl(), 4);
        SlackClient ann = team.get(0).api();
        String channel = ann.ok("conversations.create", "name", "groups-" + System.nanoTime() % 100000)
                .path("channel").path("id").asString();
        for (int i = 1; i < 4; i++) {
            team.get(i).api().ok("conversations.join", "channel", channel);
        }
        String group = team.get(1).api().ok("usergroups.create", "name", "Oncall " + System.nanoTime(), "handle",
                "oncall-" + System.nanoTime()).path("usergroup").path("id").asString();
        team.get(1).api().ok("usergroups.users.update", "usergroup", group, "users",
                team.get(1).id() + "," + team.get(2).id());
        assertThat(ann.ok("usergroups.users.list", "usergroup", group).path("users").size()).isEqualTo(2);

        ann.ok("chat.postMessage", "channel", channel, "text", "no mention here");
        ann.ok("chat.postMessage", "channel", channel, "text", "<!subteam^" + group + "> standup in 5");
        assertThat(mentions(team.get(1).api(), channel)).isEqualTo(1);
        assertThat(mentions(team.get(2).api(), channel)).isEqualTo(1);
        assertThat(mentions(team.get(3).api(), channel)).as("not in the group").isZero();

        // Carol leaves the group: once the change notice reached the messaging service, a mention skips her.
        team.get(1).api().ok("usergroups.users.update", "usergroup", group, "users", team.get(1).id());
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        boolean skipped = false;
        while (!skipped && System.nanoTime() < deadline) {
            long bob = mentions(team.get(1).api(), channel);
            long carol = mentions(team.get(2).api(), channel);
            ann.ok("chat.postMessage", "channel", channel, "text", "<!subteam^" + group + "> again");
            skipped = mentions(team.get(1).api(), channel) == bob + 1 && mentions(team.get(2).api(), channel) == carol;
            if (!skipped) {
                Thread.sleep(200);
            }
        }
        assertThat(skipped).as("a mention after the change reaches the new members only").isTrue();
    }

    @Test
    default void theOfficialSdkReadsPeopleAndGroups() throws Exception {
        TestTeam team = TestTeam.create(apiUrl(), 2);
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(apiUrl() + "/api/");
        MethodsClient sdk = Slack.getInstance(config).methods(team.get(0).token());
        String bobId = team.get(1).id();

        UsersProfileSetResponse set = sdk.usersProfileSet(r -> r.user(bobId).name("title").value("Navigator"));
        assertThat(set.isOk()).as(set.toString()).isTrue();
        assertThat(set.getProfile().getTitle()).isEqualTo("Navigator");
        UsersInfoResponse info = sdk.usersInfo(r -> r.user(bobId));
        assertThat(info.isOk()).as(info.toString()).isTrue();
        assertThat(info.getUser().getProfile().getTitle()).isEqualTo("Navigator");
        assertThat(info.getUser().getTz()).isEqualTo("UTC");
        assertThat(info.getUser().getProfile().getImage72()).contains("/avatars/");
        UsersLookupByEmailResponse byEmail = sdk.usersLookupByEmail(r -> r.email("user1@" + team.domain() + ".test"));
        assertThat(byEmail.isOk()).as(byEmail.toString()).isTrue();
        assertThat(byEmail.getUser().getId()).isEqualTo(bobId);
        TeamInfoResponse teamInfo = sdk.teamInfo(r -> r);
        assertThat(teamInfo.isOk()).as(teamInfo.toString()).isTrue();
        assertThat(teamInfo.getTeam().getDomain()).isEqualTo(team.domain());
        assertThat(teamInfo.getTeam().getIcon().isImageDefault()).isTrue();

        UsergroupsCreateResponse created = sdk.usergroupsCreate(r -> r.name("Crew " + System.nanoTime()));
        assertThat(created.isOk()).as(created.toString()).isTrue();
        String group = created.getUsergroup().getId();
        UsergroupsUsersUpdateResponse members = sdk.usergroupsUsersUpdate(r -> r.usergroup(group)
                .users(List.of(bobId, team.get(0).id())));
        assertThat(members.isOk()).as(members.toString()).isTrue();
        assertThat(members.getUsergroup().getUsers()).containsExactlyInAnyOrder(bobId, team.get(0).id());
        UsergroupsListResponse listed = sdk.usergroupsList(r -> r.includeUsers(true).includeCount(true));
        assertThat(listed.isOk()).as(listed.toString()).isTrue();
        assertThat(listed.getUsergroups()).singleElement().satisfies(g -> assertThat(g.getUserCount()).isEqualTo(2));
        UsergroupsUsersListResponse users = sdk.usergroupsUsersList(r -> r.usergroup(group));
        assertThat(users.getUsers()).hasSize(2);
        assertThat(sdk.usergroupsDisable(r -> r.usergroup(group)).getUsergroup().getDateDelete()).isPositive();
        assertThat(sdk.usergroupsUsersList(r -> r.usergroup("S0NOSUCH")).getError()).isEqualTo("no_such_subteam");
    }

    private static long mentions(SlackClient member, String channel) {
        return member.ok("conversations.info", "channel", channel).path("channel").path("mention_count").asLong();
    }

    @Test
    default void theAuditLogRecordsSignInsInvitationsAndChannelChanges() throws Exception {
        TestTeam team = TestTeam.create(apiUrl(), 2);
        SlackClient owner = team.get(0).api();
        String secret = owner.ok("conversations.create", "name", "secret-" + System.nanoTime() % 100000,
                "is_private", "true").path("channel").path("id").asString();
        String open = owner.ok("conversations.create", "name", "open-" + System.nanoTime() % 100000)
                .path("channel").path("id").asString();
        owner.ok("conversations.archive", "channel", open);
        owner.ok("admin.users.invite", "email", "audited-" + System.nanoTime() + "@" + team.domain() + ".test");
        assertThat(new SlackClient(apiUrl(), null).call("auth.signin", "email", "user1@" + team.domain() + ".test",
                "password", "wrong password").path("error").asString()).isEqualTo("invalid_auth");

        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<String> actions = List.of();
        while (System.nanoTime() < deadline) {
            actions = owner.ok("admin.auditlogs.list").path("entries").findValuesAsString("action");
            if (actions.containsAll(List.of("private_channel_created", "public_channel_created", "public_channel_archive"))) {
                break;
            }
            Thread.sleep(250);
        }
        assertThat(actions).contains("user_login", "user_login_failed", "user_created", "invite_sent",
                "private_channel_created", "public_channel_created", "public_channel_archive");
        JsonNode archived = owner.ok("admin.auditlogs.list", "action", "public_channel_archive").path("entries").get(0);
        assertThat(archived.path("entity").path("channel").path("id").asString()).isEqualTo(open);
        assertThat(archived.path("actor").path("user").path("id").asString()).isEqualTo(team.get(0).id());
        assertThat(owner.ok("admin.auditlogs.list", "entity", secret).path("entries").size()).isOne();
        assertThat(team.get(1).api().call("admin.auditlogs.list").path("error").asString()).isEqualTo("not_an_admin");
    }
}
