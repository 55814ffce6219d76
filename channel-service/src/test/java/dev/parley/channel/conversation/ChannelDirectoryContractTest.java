package dev.parley.channel.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.channel.ChannelFixture;
import dev.parley.channel.client.ChannelClient.ChannelSummary;
import dev.parley.common.auth.Caller;
import dev.parley.common.id.Ids;
import dev.parley.common.testing.TestStore;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What search asks of the channel service, on every store adapter: the conversations a user may read now (a removed
 * member at once no longer, a guest only its own, archived ones still), each DM naming its other member.
 */
abstract class ChannelDirectoryContractTest {

    protected abstract TestStore createStore(String... modules);

    private final String ws = Ids.workspace();
    private final Caller admin = new Caller(ws, Ids.user(), "admin");
    private final Caller ann = new Caller(ws, Ids.user(), "member");
    private final Caller bob = new Caller(ws, Ids.user(), "member");
    private final Caller guest = new Caller(ws, Ids.user(), "guest");

    private ChannelFixture fixture;
    private ChannelService channels;
    private MembershipService membership;
    private DirectMessageService directMessages;
    private ChannelDirectory directory;

    @BeforeEach
    void open() {
        fixture = new ChannelFixture(createStore("channel", "eventlog"));
        channels = fixture.bean(ChannelService.class);
        membership = fixture.bean(MembershipService.class);
        directMessages = fixture.bean(DirectMessageService.class);
        directory = fixture.bean(ChannelDirectory.class);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private static List<String> ids(List<ChannelSummary> summaries) {
        return summaries.stream().map(ChannelSummary::id).toList();
    }

    @Test
    void aMemberReadsPublicChannelsArchivedOnesTooAndOnlyThePrivateOnesItIsIn() {
        Channel general = channels.create(admin, "general", false);
        Channel old = channels.create(admin, "old", false);
        channels.archive(admin, old.id(), true);
        Channel secret = channels.create(admin, "secret", true);
        membership.invite(admin, secret.id(), List.of(ann.userId()));
        Channel other = channels.create(admin, "other-secret", true);

        List<ChannelSummary> annReads = directory.readable(ann);
        assertThat(ids(annReads)).containsExactlyInAnyOrder(general.id(), old.id(), secret.id());
        assertThat(annReads).contains(new ChannelSummary(old.id(), "old", Channel.PUBLIC, true, null),
                new ChannelSummary(secret.id(), "secret", Channel.PRIVATE, false, null));
        assertThat(ids(directory.readable(bob))).containsExactlyInAnyOrder(general.id(), old.id());
        assertThat(ids(directory.readable(admin))).contains(secret.id(), other.id());

        membership.kick(admin, secret.id(), ann.userId());
        assertThat(ids(directory.readable(ann))).as("removed from the private channel")
                .containsExactlyInAnyOrder(general.id(), old.id());
    }

    @Test
    void aGuestReadsOnlyTheChannelsItIsIn() {
        Channel general = channels.create(admin, "general", false);
        Channel lobby = channels.create(admin, "lobby", false);
        membership.invite(admin, lobby.id(), List.of(guest.userId()));

        assertThat(ids(directory.readable(guest))).containsExactly(lobby.id());
        assertThat(ids(directory.readable(new Caller(ws, guest.userId(), "member")))).as("the same user as a member")
                .containsExactlyInAnyOrder(general.id(), lobby.id());
    }

    @Test
    void directMessagesNameTheOtherMemberAsSeenByEachOfTheirUsers() {
        Channel dm = directMessages.open(ann, List.of(bob.userId())).channel();
        Channel self = directMessages.open(ann, List.of(ann.userId())).channel();
        Channel group = directMessages.open(ann, List.of(bob.userId(), admin.userId())).channel();

        assertThat(directory.readable(ann)).contains(new ChannelSummary(dm.id(), null, Channel.IM, false, bob.userId()),
                new ChannelSummary(self.id(), null, Channel.IM, false, ann.userId()),
                new ChannelSummary(group.id(), group.name(), Channel.MPIM, false, null));
        assertThat(directory.readable(bob)).contains(new ChannelSummary(dm.id(), null, Channel.IM, false, ann.userId()))
                .extracting(ChannelSummary::id).doesNotContain(self.id());

    }
}
