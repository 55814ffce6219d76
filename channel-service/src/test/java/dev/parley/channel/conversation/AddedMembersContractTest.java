package dev.parley.channel.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.channel.ChannelFixture;
import dev.parley.common.auth.Caller;
import dev.parley.common.id.Ids;
import dev.parley.common.testing.TestStore;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A new account joins its invited channels on an administrator's behalf: each with Slack's join message naming the
 * inviter, private channels too; archived channels, DMs and unknown ids are skipped. On every store adapter.
 */
abstract class AddedMembersContractTest {

    protected abstract TestStore createStore(String... modules);

    private static final String WS = "T1";

    private ChannelFixture fixture;
    private ChannelService channels;
    private MembershipService membership;
    private final String admin = Ids.user();
    private final String guest = Ids.user();

    @BeforeEach
    void open() {
        fixture = new ChannelFixture(createStore("channel", "eventlog"));
        channels = fixture.bean(ChannelService.class);
        membership = fixture.bean(MembershipService.class);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private Caller as(String user) {
        return new Caller(WS, user, "admin");
    }

    @Test
    void theAccountJoinsEachChannelItMayWithAJoinMessage() {
        Channel open = channels.create(as(admin), "open-" + Ids.user().toLowerCase(), false);
        Channel secret = channels.create(as(admin), "secret-" + Ids.user().toLowerCase(), true);
        Channel archived = channels.create(as(admin), "old-" + Ids.user().toLowerCase(), false);
        channels.archive(as(admin), archived.id(), true);
        fixture.channelMessages().clear();

        List<String> joined = membership.addToChannels(WS, guest,
                List.of(open.id(), secret.id(), archived.id(), "C0NOSUCH", open.id()), admin);

        assertThat(joined).containsExactly(open.id(), secret.id());
        assertThat(membership.memberChannels(WS, guest)).containsExactlyInAnyOrder(open.id(), secret.id());
        assertThat(channels.visible(new Caller(WS, guest, "guest"), secret.id()).id()).isEqualTo(secret.id());
        assertThat(fixture.channelMessages()).extracting(m -> m.subtype() + " " + m.channelId() + " " + m.fields())
                .containsExactlyInAnyOrder("channel_join " + open.id() + " {inviter=" + admin + "}",
                        "channel_join " + secret.id() + " {inviter=" + admin + "}");
        assertThat(membership.addToChannels(WS, guest, List.of(open.id()), admin))
                .as("already a member: still in it, nothing new").containsExactly(open.id());
        assertThat(fixture.channelMessages()).hasSize(2);
    }
}
