package dev.parley.channel.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.parley.channel.ChannelServiceApplication;
import dev.parley.channel.client.ChannelAccess;
import dev.parley.channel.client.ChannelClient;
import dev.parley.common.api.SlackApiException;
import dev.parley.common.auth.Caller;
import dev.parley.common.id.Ids;
import dev.parley.messaging.client.MessagingClient;
import dev.parley.workspace.client.WorkspaceClient;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;

/**
 * What guests see of conversations, through the channel role's own services on the embedded store: only the channels
 * they were invited to and the people in them, with a single-channel guest held to one channel. The workspace and
 * messaging services are fakes that know each test's users.
 */
@SpringBootTest(classes = ChannelServiceApplication.class,
        properties = {"parley.target=channel", "parley.store.sharding-guard=true"})
class GuestRulesTest {

    private static final Map<String, String> ROLES = new ConcurrentHashMap<>();

    @TestBean
    WorkspaceClient workspaceClient;

    @TestBean
    MessagingClient messagingClient;

    @Autowired
    ChannelService channels;

    @Autowired
    MembershipService membership;

    @Autowired
    DirectMessageService directMessages;

    @Autowired
    ChannelClient channelClient;

    private final String workspace = Ids.workspace();
    private final Caller owner = person("admin");
    private final Caller member = person("member");
    private final Caller guest = person("guest");
    private final Caller singleChannelGuest = person("single_channel_guest");

    static WorkspaceClient workspaceClient() {
        return new WorkspaceClient() {
            @Override
            public UserNames usersByName(NamesQuery query) {
                throw new UnsupportedOperationException("no search here");
            }

            @Override
            public UserNames users(UserIds query) {
                throw new UnsupportedOperationException("no search here");
            }

            @Override
            public WorkspaceIds workspaceIds(WorkspaceIdsQuery query) {
                throw new UnsupportedOperationException();
            }

            @Override
            public String jwks() {
                throw new UnsupportedOperationException("no tokens here");
            }

            @Override
            public UserIds activeUsers(UserIds query) {
                return new UserIds(query.workspaceId(), query.userIds().stream().distinct()
                        .filter(ROLES::containsKey).toList());
            }

            @Override
            public Members activeMembers(UserIds query) {
                return new Members(query.userIds().stream().distinct().filter(ROLES::containsKey)
                        .map(id -> new Member(id, ROLES.get(id))).toList());
            }

            @Override
            public dev.parley.common.auth.OpaqueTokens.Grant opaqueToken(TokenHash query) {
                throw new UnsupportedOperationException("no tokens here");
            }

            @Override
            public GroupMembers groupMembers(GroupQuery query) {
                throw new UnsupportedOperationException("no group mentions here");
            }
        };
    }

    static MessagingClient messagingClient() {
        return new MessagingClient() {
            @Override
            public StoredMessages messages(MessagesQuery query) {
                throw new UnsupportedOperationException();
            }

            @Override
            public StoredMessages export(ExportQuery query) {
                throw new UnsupportedOperationException();
            }

            @Override
            public PostResult shareFiles(FileShare share) {
                throw new UnsupportedOperationException();
            }

            @Override
            public FileUpdated updateFile(FileUpdate update) {
                throw new UnsupportedOperationException();
            }

            @Override
            public PostResult post(PostCommand command) {
                throw new UnsupportedOperationException();
            }

            @Override
            public PostResult postAsBot(BotPost post) {
                throw new UnsupportedOperationException();
            }

            @Override
            public PostResult postSystem(SystemPost post) {
                return new PostResult(true, null, post.channelId(), "1.000001", post.text());
            }

            @Override
            public UnreadCounts unread(UnreadQuery query) {
                return new UnreadCounts(0, 0, 0);
            }
        };
    }

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("parley.data-dir", () -> Path.of("target", "guest-rules-test", UUID.randomUUID().toString())
                .toAbsolutePath().toString());
    }

    private Caller person(String role) {
        String id = Ids.user();
        ROLES.put(id, role);
        return new Caller(workspace, id, role);
    }

    private static String error(Runnable action) {
        SlackApiException e = catchThrowableOfType(SlackApiException.class, action::run);
        return e == null ? null : e.error();
    }

    private String name(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aGuestSeesOnlyTheChannelsItWasInvitedTo() {
        Channel invited = channels.create(owner, name("invited"), false);
        Channel other = channels.create(owner, name("other"), false);
        Channel secret = channels.create(owner, name("secret"), true);
        membership.invite(owner, invited.id(), List.of(guest.userId()));

        assertThat(channels.visible(member, other.id()).id()).isEqualTo(other.id());
        for (Channel hidden : List.of(other, secret)) {
            assertThat(error(() -> channels.visible(guest, hidden.id()))).isEqualTo("channel_not_found");
            assertThat(channelClient.access(ChannelClient.AccessQuery.of(guest, hidden.id())))
                    .isEqualTo(ChannelAccess.invisible());
            assertThat(error(() -> membership.members(guest, hidden.id(), "", 10))).isEqualTo("channel_not_found");
        }
        assertThat(channelClient.access(ChannelClient.AccessQuery.of(guest, invited.id())).member()).isTrue();
        assertThat(channelClient.access(ChannelClient.AccessQuery.of(member, other.id())).visible()).isTrue();

        Set<String> types = Set.of(Channel.PUBLIC, Channel.PRIVATE, Channel.IM, Channel.MPIM);
        assertThat(channels.list(guest, types, false, "", 100)).extracting(Channel::id).containsExactly(invited.id());
        assertThat(channels.list(member, types, false, "", 100)).extracting(Channel::id)
                .contains(invited.id(), other.id()).doesNotContain(secret.id());
        assertThat(membership.conversationsOf(guest, owner.userId(), types, false, "", 100)).extracting(Channel::id)
                .containsExactly(invited.id());
        assertThat(error(() -> channels.setTopic(guest, other.id(), "x", false))).isEqualTo("channel_not_found");
        assertThat(error(() -> membership.leave(guest, other.id()))).isEqualTo("channel_not_found");
    }

    @Test
    void aGuestSeesThePeopleOfItsConversationsAndOpensDirectMessagesOnlyWithThem() {
        Channel invited = channels.create(owner, name("people"), false);
        membership.invite(owner, invited.id(), List.of(guest.userId()));
        Caller stranger = person("member");

        List<String> seen = channelClient.coMembers(new ChannelClient.CoMembersQuery(workspace, guest.userId(),
                List.of(owner.userId(), stranger.userId(), guest.userId()), "", 10)).userIds();
        assertThat(seen).containsExactlyInAnyOrder(owner.userId(), guest.userId());

        assertThat(error(() -> directMessages.open(guest, List.of(stranger.userId())))).isEqualTo("user_not_found");
        assertThat(error(() -> directMessages.open(guest, List.of(owner.userId(), stranger.userId()))))
                .isEqualTo("user_not_found");
        assertThat(directMessages.open(guest, List.of(owner.userId())).channel().type()).isEqualTo(Channel.IM);
        assertThat(directMessages.open(stranger, List.of(guest.userId())).channel().type())
                .as("members may talk to guests").isEqualTo(Channel.IM);
    }

    @Test
    void aSingleChannelGuestIsInOneChannelAtATime() {
        Channel first = channels.create(owner, name("first"), false);
        Channel second = channels.create(owner, name("second"), true);
        membership.invite(owner, first.id(), List.of(singleChannelGuest.userId()));

        assertThat(error(() -> membership.invite(owner, second.id(), List.of(member.userId(), singleChannelGuest.userId()))))
                .isEqualTo("ura_max_channels");
        assertThat(membership.members(owner, second.id(), "", 10)).as("the failed call added nobody")
                .containsExactly(owner.userId());
        assertThat(error(() -> membership.invite(owner, first.id(), List.of(singleChannelGuest.userId()))))
                .isEqualTo("already_in_channel");
        assertThat(directMessages.open(singleChannelGuest, List.of(owner.userId())).channel().type())
                .as("a direct message is not a channel").isEqualTo(Channel.IM);

        membership.kick(owner, first.id(), singleChannelGuest.userId());
        membership.invite(owner, second.id(), List.of(singleChannelGuest.userId()));
        assertThat(membership.memberChannels(workspace, singleChannelGuest.userId())).contains(second.id())
                .doesNotContain(first.id());
    }
}
