package dev.parley.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.parley.channel.client.ChannelAccess;
import dev.parley.channel.client.ChannelClient;
import dev.parley.common.testing.PartialFake;
import dev.parley.common.event.ChannelEvent;
import dev.parley.common.event.EventLog;
import dev.parley.common.event.WorkspaceEvents;
import dev.parley.common.json.SlackJson;
import dev.parley.common.pubsub.PubSub;
import dev.parley.presence.client.PresenceClient;
import dev.parley.workspace.client.WorkspaceClient;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;
import tools.jackson.databind.JsonNode;

/**
 * The workspace role as its own process, over HTTP: invitations (mailed to a real SMTP server, GreenMail), accounts,
 * profiles, user groups and the audit log through the real dispatcher with real tokens. The channel and presence
 * services are in-memory stand-ins that remember what they were asked.
 */
@SpringBootTest(classes = WorkspaceServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"parley.target=workspace", "parley.store.sharding-guard=true", "parley.mail.type=smtp",
                "parley.mail.from=parley@test.example", "parley.public-url=http://chat.test.example/",
                // Every test makes its own team from one address; the limits themselves are tested elsewhere.
                "parley.ratelimit.tier1.burst=100", "parley.ratelimit.tier2.burst=1000",
                "parley.ratelimit.sign-in.address.burst=200"})
class WorkspaceWebApiTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final GreenMail SMTP = startSmtp();
    /** Channels the stand-in channel service knows: id → archived. */
    private static final Map<String, Boolean> CHANNELS = new ConcurrentHashMap<>();
    private static final List<ChannelClient.JoinCommand> JOINS = new CopyOnWriteArrayList<>();
    private static final Map<String, PresenceClient.Status> STATUSES = new ConcurrentHashMap<>();

    @TestBean
    ChannelClient channelClient;

    @TestBean
    PresenceClient presenceClient;

    @Autowired
    PubSub pubSub;

    @Autowired
    EventLog eventLog;

    @Autowired
    WorkspaceClient workspaceClient;

    @Autowired
    JdbcClient jdbc;

    @LocalServerPort
    int port;

    private static GreenMail startSmtp() {
        try (ServerSocket free = new ServerSocket(0)) {
            GreenMail smtp = new GreenMail(new ServerSetup(free.getLocalPort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            free.close();
            smtp.start();
            return smtp;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stopSmtp() {
        SMTP.stop();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("parley.data-dir", () -> Path.of("target", "workspace-web-api-test", UUID.randomUUID().toString())
                .toAbsolutePath().toString());
        registry.add("parley.mail.smtp.host", () -> "127.0.0.1");
        registry.add("parley.mail.smtp.port", () -> SMTP.getSmtp().getPort());
    }

    static ChannelClient channelClient() {
        return PartialFake.of(ChannelClient.class, new Object() {
            public ChannelAccess access(ChannelClient.AccessQuery query) {
                Boolean archived = CHANNELS.get(query.channelId());
                return archived == null ? ChannelAccess.invisible()
                        : new ChannelAccess(true, "channel", archived, true);
            }

            // Guests here share no conversation with anyone: each sees only itself.
            public ChannelClient.Users coMembers(ChannelClient.CoMembersQuery query) {
                return new ChannelClient.Users(query.among().isEmpty() ? List.of(query.userId())
                        : query.among().stream().filter(query.userId()::equals).distinct().toList());
            }

            public ChannelClient.Joined addMember(ChannelClient.JoinCommand command) {
                JOINS.add(command);
                return new ChannelClient.Joined(command.channelIds());
            }
        });
    }

    static PresenceClient presenceClient() {
        return new PresenceClient() {
            @Override
            public Statuses statuses(StatusQuery query) {
                Map<String, Status> found = new HashMap<>();
                query.userIds().forEach(u -> found.put(u, STATUSES.getOrDefault(query.workspaceId() + u, Status.NONE)));
                return new Statuses(found);
            }

            @Override
            public StatusResult setStatus(StatusUpdate update) {
                String text = update.fields().get("status_text");
                if (text != null && text.length() > 100) {
                    return new StatusResult(false, "too_long", null);
                }
                Status old = STATUSES.getOrDefault(update.workspaceId() + update.userId(), Status.NONE);
                Status now = new Status(text != null ? text : old.text(),
                        update.fields().getOrDefault("status_emoji", old.emoji()), old.expiration());
                STATUSES.put(update.workspaceId() + update.userId(), now);
                return new StatusResult(true, null, now);
            }

            @Override
            public void heartbeat(Heartbeats beats) {
            }

            @Override
            public void disconnected(Disconnect d) {
            }
        };
    }

    // ---- a workspace to work in ----

    /** A fresh workspace: its owner, an admin and a member, each signed in. */
    private final class Team {
        final String id;
        final String domain = "t" + UUID.randomUUID().toString().substring(0, 8);
        final String owner;
        final String ownerId;
        final String admin;
        final String adminId;
        final String member;
        final String memberId;

        Team() throws Exception {
            JsonNode created = ok(call(null, "workspaces.create", "name", "Acme " + domain, "domain", domain,
                    "email", "ann@" + domain + ".test", "password", "correct horse", "real_name", "Ann Owner"));
            id = created.path("team").path("id").asString();
            owner = created.path("token").asString();
            ownerId = created.path("user").path("id").asString();
            adminId = ok(call(owner, "admin.users.create", "email", "al@" + domain + ".test", "password", "battery staple",
                    "real_name", "Al Admin", "role", "admin")).path("user").path("id").asString();
            admin = signIn("al@" + domain + ".test", "battery staple");
            memberId = ok(call(owner, "admin.users.create", "email", "mo@" + domain + ".test", "password", "battery staple",
                    "real_name", "Mo Member")).path("user").path("id").asString();
            member = signIn("mo@" + domain + ".test", "battery staple");
        }

        String signIn(String email, String password) throws Exception {
            return ok(call(null, "auth.signin", "email", email, "password", password)).path("token").asString();
        }
    }

    private static String channel(boolean archived) {
        String id = "C" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
        CHANNELS.put(id, archived);
        return id;
    }

    private static String tokenOf(String url) {
        return url.substring(url.lastIndexOf('/') + 1);
    }

    // ---- invitations ----

    @Test
    void anInvitationIsMailedWithItsLinkAndAcceptedOnceIntoAGuestWithItsChannel() throws Exception {
        Team team = new Team();
        String channel = channel(false);
        int mailsBefore = SMTP.getReceivedMessages().length;

        JsonNode invite = ok(call(team.admin, "admin.users.invite", "email", "Gus@Example.test", "channel_ids", channel,
                "real_name", "Gus Guest", "is_ultra_restricted", "true")).path("invite");
        assertThat(invite.path("email").asString()).isEqualTo("gus@example.test");
        assertThat(invite.path("role").asString()).isEqualTo("single_channel_guest");
        assertThat(invite.path("is_ultra_restricted").asBoolean()).isTrue();
        assertThat(invite.path("email_sent").asBoolean()).isTrue();
        assertThat(invite.path("date_expire").asLong() - invite.path("date_create").asLong()).isEqualTo(7 * 24 * 3600);
        String url = invite.path("url").asString();
        assertThat(url).startsWith("http://chat.test.example/invite/");

        assertThat(SMTP.waitForIncomingEmail(10_000, mailsBefore + 1)).isTrue();
        MimeMessage mail = SMTP.getReceivedMessages()[mailsBefore];
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("gus@example.test");
        assertThat(mail.getSubject()).contains("Acme " + team.domain);
        assertThat((String) mail.getContent()).contains(url).contains("Al Admin");

        assertThat(ids(ok(call(team.owner, "admin.invites.list")).path("invites")))
                .containsExactly(invite.path("id").asString());

        JsonNode accepted = ok(call(null, "auth.acceptInvite", "invite_token", tokenOf(url), "password", "guest password"));
        String guestId = accepted.path("user_id").asString();
        assertThat(accepted.path("team_id").asString()).isEqualTo(team.id);
        assertThat(accepted.path("channel_ids").get(0).asString()).isEqualTo(channel);
        assertThat(JOINS).anyMatch(j -> j.userId().equals(guestId) && j.channelIds().equals(List.of(channel))
                && j.inviter().equals(team.adminId));
        JsonNode guest = ok(call(accepted.path("token").asString(), "users.info", "user", guestId)).path("user");
        assertThat(guest.path("real_name").asString()).isEqualTo("Gus Guest");
        assertThat(guest.path("is_restricted").asBoolean()).isTrue();
        assertThat(guest.path("is_ultra_restricted").asBoolean()).isTrue();

        assertError(call(null, "auth.acceptInvite", "invite_token", tokenOf(url), "password", "another password"), "invalid_invite");
        assertThat(ok(call(team.owner, "admin.invites.list")).path("invites").size()).isZero();
        assertThat(ok(call(null, "auth.signin", "email", "gus@example.test", "password", "guest password"))
                .path("user_id").asString()).isEqualTo(guestId);
        assertError(call(team.admin, "admin.users.invite", "email", "gus@example.test", "channel_ids", channel,
                "is_restricted", "true"), "already_in_team");
    }

    @Test
    void invitationsAreRefusedForBadInputAndNonAdmins() throws Exception {
        Team team = new Team();
        String channel = channel(false);
        String archived = channel(true);

        assertError(call(team.member, "admin.users.invite", "email", "x@example.test"), "not_an_admin");
        assertError(call(team.admin, "admin.users.invite", "email", "not an email"), "invalid_email");
        assertError(call(team.admin, "admin.users.invite", "email", "g@example.test", "is_restricted", "true"),
                "failed_to_validate_channels");
        assertError(call(team.admin, "admin.users.invite", "email", "g@example.test", "is_ultra_restricted", "true",
                "channel_ids", channel + "," + channel(false)), "failed_to_validate_channels");
        assertError(call(team.admin, "admin.users.invite", "email", "g@example.test", "channel_ids", archived),
                "failed_to_validate_channels");
        assertError(call(team.admin, "admin.users.invite", "email", "g@example.test", "channel_ids", "C0NOSUCH"),
                "failed_to_validate_channels");
        assertError(call(team.admin, "admin.users.invite", "email", "g@example.test", "channel_ids", "D123"),
                "failed_to_validate_channels");
        assertError(call(team.admin, "admin.users.invite", "email", "mo@" + team.domain + ".test"), "already_in_team");
        assertThat(ok(call(team.owner, "admin.invites.list")).path("invites").size()).as("nothing stored").isZero();
        assertError(call(null, "auth.acceptInvite", "invite_token", "no-such-token", "password", "whatever pw"), "invalid_invite");
        assertError(call(null, "auth.acceptInvite", "invite_token", "x".repeat(500), "password", "whatever pw"), "invalid_invite");
        assertError(call(null, "auth.acceptInvite", "password", "whatever pw"), "invalid_invite");
    }

    @Test
    void aResentInvitationHasANewLinkAndTheOldOneStopsWorking() throws Exception {
        Team team = new Team();
        String first = ok(call(team.admin, "admin.users.invite", "email", "rae@example.test")).path("invite").path("url").asString();
        assertError(call(team.admin, "admin.users.invite", "email", "rae@example.test"), "already_in_team_invited_user");

        JsonNode resent = ok(call(team.admin, "admin.users.invite", "email", "rae@example.test", "resend", "true"))
                .path("invite");
        String second = resent.path("url").asString();
        assertThat(second).isNotEqualTo(first);
        assertError(call(null, "auth.acceptInvite", "invite_token", tokenOf(first), "password", "rae password"), "invalid_invite");
        assertError(call(null, "auth.acceptInvite", "invite_token", tokenOf(second), "password", "short"), "invalid_password");
        JsonNode accepted = ok(call(null, "auth.acceptInvite", "invite_token", tokenOf(second), "password", "rae password",
                "name", "rae", "real_name", "Rae Member"));
        JsonNode rae = ok(call(team.owner, "users.info", "user", accepted.path("user_id").asString())).path("user");
        assertThat(rae.path("name").asString()).isEqualTo("rae");
        assertThat(rae.path("is_restricted").asBoolean()).isFalse();
        assertThat(rae.path("is_admin").asBoolean()).isFalse();
    }

    @Test
    void revokedAndExpiredInvitationsAreRefused() throws Exception {
        Team team = new Team();
        JsonNode revoked = ok(call(team.admin, "admin.users.invite", "email", "rev@example.test")).path("invite");
        JsonNode expired = ok(call(team.admin, "admin.users.invite", "email", "exp@example.test")).path("invite");

        assertError(call(team.member, "admin.invites.revoke", "invite_id", revoked.path("id").asString()), "not_an_admin");
        ok(call(team.owner, "admin.invites.revoke", "invite_id", revoked.path("id").asString()));
        assertError(call(team.owner, "admin.invites.revoke", "invite_id", revoked.path("id").asString()), "invite_not_found");
        assertError(call(null, "auth.acceptInvite", "invite_token", tokenOf(revoked.path("url").asString()), "password",
                "rev password"), "invalid_invite");

        jdbc.sql("UPDATE invitation SET expires_at = 1 WHERE workspace_id = ? AND invite_id = ?")
                .params(team.id, expired.path("id").asString()).update();
        assertError(call(null, "auth.acceptInvite", "invite_token", tokenOf(expired.path("url").asString()), "password",
                "exp password"), "invite_expired");
        assertThat(ok(call(team.owner, "admin.invites.list")).path("invites").size()).isZero();
        // An expired invitation is replaced by a new one without resend.
        ok(call(team.admin, "admin.users.invite", "email", "exp@example.test"));
    }

    @Test
    void adminsCreateGuestsWithTheirChannels() throws Exception {
        Team team = new Team();
        String channel = channel(false);

        JsonNode guest = ok(call(team.admin, "admin.users.create", "email", "g1@example.test", "password", "guest pass 1",
                "is_restricted", "true", "channel_ids", channel)).path("user");
        assertThat(guest.path("is_restricted").asBoolean()).isTrue();
        assertThat(JOINS).anyMatch(j -> j.userId().equals(guest.path("id").asString()) && j.channelIds().equals(List.of(channel)));
        // Without channels a guest sees nothing until someone invites it into one.
        assertThat(ok(call(team.admin, "admin.users.create", "email", "g2@example.test", "password", "guest pass 2",
                "role", "guest")).path("user").path("is_restricted").asBoolean()).isTrue();
        assertError(call(team.admin, "admin.users.create", "email", "g4@example.test", "password", "guest pass 4",
                "role", "single_channel_guest", "channel_ids", channel + "," + channel(false)), "channel_not_found");
        assertError(call(team.admin, "admin.users.create", "email", "g3@example.test", "password", "guest pass 3",
                "role", "owner"), "invalid_role");
        assertError(call(team.admin, "admin.users.create", "email", "g3@example.test", "password", "guest pass 3",
                "role", "emperor"), "invalid_role");
        assertError(call(team.member, "admin.users.create", "email", "g3@example.test", "password", "guest pass 3"),
                "not_an_admin");
    }

    // ---- profiles ----

    @Test
    void aProfileIsEditedByItsUserShownEverywhereAndAnnouncedToTheWorkspace() throws Exception {
        Team team = new Team();
        BlockingQueue<JsonNode> news = new LinkedBlockingQueue<>();
        PubSub.Subscription sub = pubSub.subscribe(WorkspaceEvents.topic(team.id), m -> news.add(SlackJson.tree(m)));
        try {
            JsonNode set = ok(call(team.member, "users.profile.set", "profile", "{\"display_name\":\"mo\",\"title\":"
                    + "\"Engineer\",\"phone\":\"+41 44 000\",\"tz\":\"Europe/Zurich\",\"status_text\":\"on a train\","
                    + "\"status_emoji\":\":train:\",\"unknown_field\":\"ignored\"}")).path("profile");
            assertThat(set.path("display_name").asString()).isEqualTo("mo");
            assertThat(set.path("title").asString()).isEqualTo("Engineer");
            assertThat(set.path("status_text").asString()).isEqualTo("on a train");
            assertThat(set.path("real_name").asString()).isEqualTo("Mo Member");

            JsonNode change = next(news, e -> "user_change".equals(e.path("type").asString()));
            assertThat(change.path("user").path("id").asString()).isEqualTo(team.memberId);
            assertThat(change.path("user").path("profile").path("title").asString()).isEqualTo("Engineer");
            assertThat(change.path("user").path("profile").has("email")).as("events carry no email").isFalse();

            ok(call(team.member, "users.profile.set", "name", "real_name", "value", "Mo Renamed"));
            JsonNode info = ok(call(team.owner, "users.info", "user", team.memberId)).path("user");
            assertThat(info.path("real_name").asString()).isEqualTo("Mo Renamed");
            assertThat(info.path("tz").asString()).isEqualTo("Europe/Zurich");
            assertThat(info.path("tz_label").asString()).startsWith("Central European");
            assertThat(info.path("tz_offset").asInt()).isIn(3600, 7200);
            JsonNode profile = info.path("profile");
            assertThat(profile.path("display_name").asString()).isEqualTo("mo");
            assertThat(profile.path("phone").asString()).isEqualTo("+41 44 000");
            assertThat(profile.path("status_emoji").asString()).isEqualTo(":train:");
            assertThat(profile.path("email").asString()).isEqualTo("mo@" + team.domain + ".test");
            for (String size : List.of("24", "32", "48", "72", "192", "512")) {
                assertThat(profile.path("image_" + size).asString()).startsWith("http://chat.test.example/avatars/");
            }
            HttpResponse<String> avatar = HTTP.send(HttpRequest.newBuilder(URI.create(profile.path("image_72").asString()
                    .replace("http://chat.test.example/", "http://127.0.0.1:" + port + "/"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(avatar.statusCode()).isEqualTo(200);
            assertThat(avatar.headers().firstValue("Content-Type").orElse("")).startsWith("image/svg+xml");
            assertThat(avatar.body()).contains("<svg").contains(">M<");

            JsonNode listed = ok(call(team.member, "users.list")).path("members");
            assertThat(listed.size()).isEqualTo(3);
            JsonNode mo = java.util.stream.StreamSupport.stream(listed.spliterator(), false)
                    .filter(u -> u.path("id").asString().equals(team.memberId)).findFirst().orElseThrow();
            assertThat(mo.path("profile").path("title").asString()).isEqualTo("Engineer");
            assertThat(mo.path("profile").path("status_text").asString()).isEqualTo("on a train");
            assertThat(ok(call(team.owner, "users.profile.get", "user", team.memberId)).path("profile")
                    .path("title").asString()).isEqualTo("Engineer");
        } finally {
            sub.close();
        }
    }

    @Test
    void onlyAdminsEditOthersAndOnlyOwnersEditAdmins() throws Exception {
        Team team = new Team();
        assertError(call(team.member, "users.profile.set", "user", team.adminId, "name", "title", "value", "x"), "not_admin");
        assertError(call(team.admin, "users.profile.set", "user", team.ownerId, "name", "title", "value", "x"),
                "cannot_update_admin_user");
        ok(call(team.admin, "users.profile.set", "user", team.memberId, "name", "title", "value", "Set by admin"));
        ok(call(team.owner, "users.profile.set", "user", team.adminId, "name", "title", "value", "Set by owner"));
        assertThat(ok(call(team.member, "users.profile.get")).path("profile").path("title").asString()).isEqualTo("Set by admin");
        assertThat(ok(call(team.member, "users.profile.get", "user", team.adminId)).path("profile").path("title")
                .asString()).isEqualTo("Set by owner");
        assertError(call(team.owner, "users.profile.set", "user", "U0NOSUCHUSR", "name", "title", "value", "x"),
                "user_not_found");
        assertError(call(team.owner, "users.profile.get", "user", "not-a-user"), "user_not_found");
    }

    @Test
    void aRefusedProfileChangesNothing() throws Exception {
        Team team = new Team();
        ok(call(team.member, "users.profile.set", "profile", "{\"title\":\"Before\",\"status_text\":\"before\"}"));

        assertError(call(team.member, "users.profile.set", "profile", "{\"title\":\"After\",\"status_text\":\""
                + "x".repeat(101) + "\"}"), "too_long");
        assertError(call(team.member, "users.profile.set", "profile", "{\"title\":\"After\",\"tz\":\"Mars/Olympus\"}"),
                "invalid_profile");
        assertError(call(team.member, "users.profile.set", "profile", "{\"title\":\"" + "t".repeat(256) + "\"}"), "too_long");
        assertError(call(team.member, "users.profile.set", "profile", "{\"real_name\":\"  \"}"), "invalid_profile");
        assertError(call(team.member, "users.profile.set", "profile", "{not json"), "invalid_profile");
        assertError(call(team.member, "users.profile.set", "profile", "[1]"), "invalid_profile");
        assertError(call(team.member, "users.profile.set", "profile", "{\"title\":{\"nested\":1}}"), "invalid_profile");
        assertError(call(team.member, "users.profile.set"), "invalid_profile");
        JsonNode unchanged = ok(call(team.member, "users.profile.get")).path("profile");
        assertThat(unchanged.path("title").asString()).isEqualTo("Before");
        assertThat(unchanged.path("status_text").asString()).isEqualTo("before");
    }

    @Test
    void lookupByEmailAndTeamInfoAnswerInSlacksShape() throws Exception {
        Team team = new Team();
        assertThat(ok(call(team.member, "users.lookupByEmail", "email", "AL@" + team.domain + ".test")).path("user")
                .path("id").asString()).isEqualTo(team.adminId);
        assertError(call(team.member, "users.lookupByEmail", "email", "nobody@" + team.domain + ".test"), "users_not_found");
        Team other = new Team();
        assertError(call(team.member, "users.lookupByEmail", "email", "al@" + other.domain + ".test"), "users_not_found");

        JsonNode info = ok(call(team.member, "team.info")).path("team");
        assertThat(info.path("id").asString()).isEqualTo(team.id);
        assertThat(info.path("domain").asString()).isEqualTo(team.domain);
        assertThat(info.path("email_domain").asString()).isEmpty();
        assertThat(info.path("icon").path("image_default").asBoolean()).isTrue();
        assertThat(info.path("icon").path("image_132").asString()).startsWith("http://chat.test.example/avatars/");
        assertThat(ok(call(team.member, "team.info", "team", team.id)).path("team").path("id").asString()).isEqualTo(team.id);
        assertError(call(team.member, "team.info", "team", other.id), "team_not_found");
        assertError(call(team.member, "team.info", "domain", other.domain), "team_not_found");
    }

    // ---- user groups ----

    @Test
    void userGroupsAreCreatedListedEditedAndTheirMembersSet() throws Exception {
        Team team = new Team();
        List<String> notices = new CopyOnWriteArrayList<>();
        PubSub.Subscription sub = pubSub.subscribe(WorkspaceClient.GROUP_CHANGES, notices::add);
        try {
            JsonNode created = ok(call(team.member, "usergroups.create", "name", "Marketing Team", "description",
                    "Gurus")).path("usergroup");
            String group = created.path("id").asString();
            assertThat(group).startsWith("S");
            assertThat(created.path("handle").asString()).isEqualTo("marketing-team");
            assertThat(created.path("is_usergroup").asBoolean()).isTrue();
            assertThat(created.path("created_by").asString()).isEqualTo(team.memberId);
            assertThat(created.path("date_delete").asLong()).isZero();
            assertThat(created.path("user_count").asInt()).isZero();

            assertError(call(team.member, "usergroups.create", "name", "MARKETING team"), "name_already_exists");
            assertError(call(team.member, "usergroups.create", "name", "Other", "handle", "marketing-team"),
                    "handle_already_exists");
            assertError(call(team.member, "usergroups.create", "name", "Clash", "handle", "mo"), "handle_already_exists");
            assertError(call(team.member, "usergroups.create", "name", "Bad", "handle", "no spaces!"), "bad_handle");
            assertError(call(team.member, "usergroups.create", "name", "n".repeat(256)), "name_too_long");
            assertError(call(team.member, "usergroups.create"), "missing_argument");

            JsonNode updated = ok(call(team.member, "usergroups.users.update", "usergroup", group, "users",
                    team.memberId + "," + team.adminId)).path("usergroup");
            assertThat(updated.path("users").size()).isEqualTo(2);
            assertThat(updated.path("user_count").asInt()).isEqualTo(2);
            assertError(call(team.member, "usergroups.users.update", "usergroup", group, "users", ""), "no_users_provided");
            assertError(call(team.member, "usergroups.users.update", "usergroup", group, "users", "U0NOSUCHUSR"),
                    "invalid_users");
            assertError(call(team.member, "usergroups.users.update", "usergroup", "S0NOSUCH", "users", team.memberId),
                    "no_such_subteam");
            assertThat(ok(call(team.member, "usergroups.users.list", "usergroup", group)).path("users").size()).isEqualTo(2);
            assertThat(workspaceClient.groupMembers(new WorkspaceClient.GroupQuery(team.id, List.of(group, "S0NOSUCH")))
                    .members()).containsOnlyKeys(group)
                    .hasEntrySatisfying(group, m -> assertThat(m).containsExactlyInAnyOrder(team.memberId, team.adminId));

            JsonNode renamed = ok(call(team.member, "usergroups.update", "usergroup", group, "name", "Growth",
                    "handle", "growth")).path("usergroup");
            assertThat(renamed.path("name").asString()).isEqualTo("Growth");
            assertThat(renamed.path("description").asString()).isEqualTo("Gurus");

            JsonNode listed = ok(call(team.member, "usergroups.list", "include_users", "true", "include_count", "true"))
                    .path("usergroups");
            assertThat(listed.size()).isEqualTo(1);
            assertThat(listed.get(0).path("users").size()).isEqualTo(2);
            assertThat(listed.get(0).path("user_count").asInt()).isEqualTo(2);
            assertThat(ok(call(team.member, "usergroups.list")).path("usergroups").get(0).has("users")).isFalse();

            assertError(call(team.member, "usergroups.disable", "usergroup", group), "permission_denied");
            JsonNode disabled = ok(call(team.admin, "usergroups.disable", "usergroup", group)).path("usergroup");
            assertThat(disabled.path("date_delete").asLong()).isPositive();
            assertThat(disabled.path("deleted_by").asString()).isEqualTo(team.adminId);
            assertThat(ok(call(team.member, "usergroups.list")).path("usergroups").size()).isZero();
            assertThat(ok(call(team.member, "usergroups.list", "include_disabled", "true")).path("usergroups").size()).isOne();
            assertError(call(team.member, "usergroups.users.list", "usergroup", group), "no_such_subteam");
            assertThat(ok(call(team.member, "usergroups.users.list", "usergroup", group, "include_disabled", "true"))
                    .path("users").size()).isEqualTo(2);
            assertThat(workspaceClient.groupMembers(new WorkspaceClient.GroupQuery(team.id, List.of(group))).members())
                    .as("a disabled group's mention reaches nobody").isEmpty();
            ok(call(team.owner, "usergroups.enable", "usergroup", group));
            assertThat(workspaceClient.groupMembers(new WorkspaceClient.GroupQuery(team.id, List.of(group))).members())
                    .containsKey(group);

            Team other = new Team();
            assertError(call(other.owner, "usergroups.users.list", "usergroup", group), "no_such_subteam");
            assertThat(workspaceClient.groupMembers(new WorkspaceClient.GroupQuery(other.id, List.of(group))).members())
                    .isEmpty();
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(notices).contains(team.id + ":" + group));
        } finally {
            sub.close();
        }
    }

    @Test
    void guestsCannotEditUserGroups() throws Exception {
        Team team = new Team();
        String guest = team.signIn(ok(call(team.admin, "admin.users.create", "email", "gg@example.test", "password",
                "guest password", "role", "guest", "channel_ids", channel(false))).path("user").path("profile")
                .path("email").asString(), "guest password");
        assertError(call(guest, "usergroups.create", "name", "Guests"), "permission_denied");
        assertThat(ok(call(guest, "usergroups.list")).path("usergroups").size()).isZero();
    }

    // ---- audit log ----

    @Test
    void signInsInvitationsAndGroupChangesAreAudited() throws Exception {
        Team team = new Team();
        assertError(call(null, "auth.signin", "email", "mo@" + team.domain + ".test", "password", "wrong password"),
                "invalid_auth");
        assertError(call(null, "auth.signin", "email", "stranger@" + team.domain + ".test", "password", "whatever"),
                "invalid_auth");
        ok(call(team.admin, "admin.users.invite", "email", "new@example.test"));
        ok(call(team.member, "usergroups.create", "name", "Audited"));

        JsonNode entries = ok(call(team.admin, "admin.auditlogs.list")).path("entries");
        List<String> actions = entries.findValuesAsString("action");
        assertThat(actions).contains("user_login", "user_login_failed", "user_created", "invite_sent",
                "user_group_created");
        assertThat(actions.indexOf("user_group_created")).as("newest first").isLessThan(actions.indexOf("user_login_failed"));
        JsonNode failed = ok(call(team.owner, "admin.auditlogs.list", "action", "user_login_failed")).path("entries");
        assertThat(failed.size()).as("an unknown email records nothing").isOne();
        JsonNode entry = failed.get(0);
        assertThat(entry.path("id").asString()).isNotEmpty();
        assertThat(entry.path("date_create").asLong()).isPositive();
        assertThat(entry.path("actor").path("type").asString()).isEqualTo("user");
        assertThat(entry.path("actor").path("user").path("id").asString()).isEqualTo(team.memberId);
        assertThat(entry.path("actor").path("user").path("email").asString()).isEqualTo("mo@" + team.domain + ".test");
        assertThat(entry.path("entity").path("type").asString()).isEqualTo("user");
        assertThat(entry.path("context").path("location").path("type").asString()).isEqualTo("workspace");
        assertThat(entry.path("context").path("location").path("domain").asString()).isEqualTo(team.domain);
        assertThat(entry.path("context").path("ip_address").asString()).isEqualTo("127.0.0.1");
        assertThat(entry.path("context").path("ua").asString()).isNotEmpty();

        assertThat(ok(call(team.owner, "admin.auditlogs.list", "actor", team.memberId)).path("entries")
                .findValuesAsString("action")).containsOnly("user_login", "user_login_failed", "user_group_created");
        JsonNode page = ok(call(team.owner, "admin.auditlogs.list", "limit", "2"));
        assertThat(page.path("entries").size()).isEqualTo(2);
        String cursor = page.path("response_metadata").path("next_cursor").asString();
        JsonNode next = ok(call(team.owner, "admin.auditlogs.list", "limit", "100", "cursor", cursor));
        assertThat(next.path("entries").size()).isEqualTo(entries.size() - 2);
        assertThat(ids(next.path("entries"))).doesNotContainAnyElementsOf(ids(page.path("entries")));
        assertError(call(team.owner, "admin.auditlogs.list", "cursor", "bm90IG91cnM="), "invalid_cursor");
        assertError(call(team.owner, "admin.auditlogs.list", "oldest", "yesterday"), "invalid_arguments");
        assertError(call(team.member, "admin.auditlogs.list"), "not_an_admin");
        Team other = new Team();
        assertThat(ok(call(other.owner, "admin.auditlogs.list", "actor", team.memberId)).path("entries").size())
                .as("another workspace's log").isZero();
    }

    @Test
    void channelVisibilityChangesComeFromTheEventLogOnceEach() throws Exception {
        Team team = new Team();
        ChannelEvent created = new ChannelEvent(team.id, "G0PRIVATE01", 1, "group_joined",
                "{\"type\":\"group_joined\",\"channel\":{\"id\":\"G0PRIVATE01\",\"name\":\"secret\",\"creator\":\""
                        + team.memberId + "\"},\"event_ts\":\"1700000000.000100\"}",
                ChannelEvent.Routing.users(List.of(team.memberId)));
        ChannelEvent archived = new ChannelEvent(team.id, "C0PUBLIC001", 7, "channel_archive",
                "{\"type\":\"channel_archive\",\"channel\":\"C0PUBLIC001\",\"user\":\"" + team.adminId
                        + "\",\"event_ts\":\"1700000001.000100\"}", ChannelEvent.Routing.WORKSPACE);
        ChannelEvent joined = new ChannelEvent(team.id, "G0PRIVATE01", 2, "group_joined",
                "{\"type\":\"group_joined\",\"channel\":{\"id\":\"G0PRIVATE01\"}}", ChannelEvent.Routing.MEMBERS);
        eventLog.publish(List.of(created, archived, joined, created, archived));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode entries = ok(call(team.owner, "admin.auditlogs.list", "action",
                    "private_channel_created,public_channel_archive")).path("entries");
            assertThat(entries.findValuesAsString("action"))
                    .containsExactly("public_channel_archive", "private_channel_created");
        });
        JsonNode entries = ok(call(team.owner, "admin.auditlogs.list", "action",
                "private_channel_created,public_channel_archive")).path("entries");
        JsonNode createdEntry = entries.get(1);
        assertThat(createdEntry.path("actor").path("user").path("id").asString()).isEqualTo(team.memberId);
        assertThat(createdEntry.path("entity").path("channel").path("name").asString()).isEqualTo("secret");
        assertThat(createdEntry.path("entity").path("channel").path("privacy").asString()).isEqualTo("private");
        assertThat(createdEntry.path("date_create").asLong()).isEqualTo(1700000000L);
        assertThat(entries.get(0).path("entity").path("channel").path("privacy").asString()).isEqualTo("public");
        // Fence: a later event is recorded, and still nothing twice.
        eventLog.publish(List.of(new ChannelEvent(team.id, "C0PUBLIC001", 8, "channel_unarchive",
                "{\"type\":\"channel_unarchive\",\"channel\":\"C0PUBLIC001\",\"user\":\"" + team.adminId + "\"}",
                ChannelEvent.Routing.WORKSPACE)));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(ok(call(team.owner, "admin.auditlogs.list", "action", "public_channel_unarchive"))
                        .path("entries").size()).isOne());
        assertThat(ok(call(team.owner, "admin.auditlogs.list", "action",
                "private_channel_created,public_channel_archive")).path("entries").size()).isEqualTo(2);
    }

    // ---- plumbing ----

    private static List<String> ids(JsonNode array) {
        List<String> ids = new ArrayList<>();
        array.forEach(e -> ids.add(e.path("id").asString()));
        return ids;
    }

    private static JsonNode next(BlockingQueue<JsonNode> queue, Predicate<JsonNode> matches) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            JsonNode next = queue.poll(100, TimeUnit.MILLISECONDS);
            if (next != null && matches.test(next)) {
                return next;
            }
        }
        throw new AssertionError("no matching event arrived");
    }

    private JsonNode call(String token, String method, String... form) throws Exception {
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < form.length; i += 2) {
            pairs.add(URLEncoder.encode(form[i], StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(form[i + 1], StandardCharsets.UTF_8));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/" + method))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("User-Agent", "workspace-web-api-test")
                .POST(HttpRequest.BodyPublishers.ofString(String.join("&", pairs)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("Web API errors are Slack envelopes, not HTTP errors").isEqualTo(200);
        return SlackJson.tree(response.body());
    }

    private static void assertError(JsonNode answer, String error) {
        assertThat(answer.path("ok").asBoolean()).as("%s", answer).isFalse();
        assertThat(answer.path("error").asString()).as("%s", answer).isEqualTo(error);
    }

    private static JsonNode ok(JsonNode answer) {
        assertThat(answer.path("ok").asBoolean()).as("%s", answer).isTrue();
        return answer;
    }
}
