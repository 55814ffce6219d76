package dev.parley.channel.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.parley.channel.ChannelFixture;
import dev.parley.common.api.SlackApiException;
import dev.parley.common.auth.Caller;
import dev.parley.common.id.Ids;
import dev.parley.common.testing.TestStore;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An admin converts a channel between public and private ({@code admin.conversations.convertToPrivate/Public}): it
 * keeps its id and members, non-members lose sight of a now private channel, Slack's errors for what cannot be
 * converted, and Slack's channel message for each conversion. On every store adapter.
 */
abstract class ChannelConversionContractTest {

    protected abstract TestStore createStore(String... modules);

    private static final String WS = "T1";

    private ChannelFixture fixture;
    private ChannelService channels;
    private MembershipService membership;
    private final Caller admin = new Caller(WS, Ids.user(), "admin");
    private final Caller member = new Caller(WS, Ids.user(), "member");
    private final Caller outsider = new Caller(WS, Ids.user(), "member");

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

    private static String error(Runnable call) {
        SlackApiException e = catchThrowableOfType(SlackApiException.class, call::run);
        return e == null ? "ok" : e.error();
    }

    @Test
    void aPublicChannelMadePrivateKeepsItsMembersAndDisappearsForEveryoneElse() {
        Channel channel = channels.create(member, "plans-" + Ids.user().toLowerCase(), false);
        assertThat(channels.visible(outsider, channel.id()).id()).isEqualTo(channel.id());
        fixture.channelMessages().clear();

        Channel converted = channels.convert(admin, channel.id(), true);

        assertThat(converted.id()).isEqualTo(channel.id());
        assertThat(converted.isPrivate()).isTrue();
        assertThat(channels.visible(member, channel.id()).isPrivate()).as("members keep access").isTrue();
        assertThat(error(() -> channels.visible(outsider, channel.id()))).isEqualTo("channel_not_found");
        assertThat(channels.access(outsider, channel.id()).visible()).isFalse();
        assertThat(channels.list(outsider, List.of(Channel.PUBLIC, Channel.PRIVATE), false, "", 100))
                .extracting(Channel::id).doesNotContain(channel.id());
        assertThat(channels.list(member, List.of(Channel.PRIVATE), false, "", 100)).extracting(Channel::id)
                .contains(channel.id());
        assertThat(fixture.channelMessages()).extracting(m -> m.subtype() + " " + m.userId())
                .containsExactly("channel_convert_to_private " + admin.userId());

        channels.convert(admin, channel.id(), false);
        assertThat(channels.visible(outsider, channel.id()).isPrivate()).as("public again").isFalse();
        assertThat(fixture.channelMessages()).extracting(m -> m.subtype())
                .containsExactly("channel_convert_to_private", "channel_convert_to_public");
    }

    @Test
    void onlyAdminsConvertAndOnlyWhatSlackConverts() {
        Channel open = channels.create(member, "open-" + Ids.user().toLowerCase(), false);
        Channel secret = channels.create(member, "secret-" + Ids.user().toLowerCase(), true);
        Channel archived = channels.create(member, "old-" + Ids.user().toLowerCase(), false);
        channels.archive(member, archived.id(), true);
        fixture.channelMessages().clear();

        assertThat(error(() -> channels.convert(member, open.id(), true))).isEqualTo("not_an_admin");
        assertThat(error(() -> channels.convert(admin, secret.id(), true))).as("already private")
                .isEqualTo("channel_type_not_supported");
        assertThat(error(() -> channels.convert(admin, open.id(), false))).as("already public").isEqualTo("not_supported");
        assertThat(error(() -> channels.convert(admin, archived.id(), true))).isEqualTo("could_not_convert_channel");
        assertThat(error(() -> channels.convert(admin, "C0NOSUCH", true))).isEqualTo("channel_not_found");
        Channel dm = fixture.bean(DirectMessageService.class).open(member, List.of(outsider.userId())).channel();
        Channel group = fixture.bean(DirectMessageService.class).open(member, List.of(outsider.userId(), admin.userId()))
                .channel();
        assertThat(error(() -> channels.convert(admin, dm.id(), true))).isEqualTo("channel_type_not_supported");
        assertThat(error(() -> channels.convert(admin, group.id(), true))).isEqualTo("channel_type_not_supported");
        assertThat(error(() -> channels.convert(admin, dm.id(), false))).isEqualTo("not_supported");
        assertThat(error(() -> channels.convert(admin, null, true))).isEqualTo("channel_not_found");
        assertThat(channels.visible(outsider, open.id()).isPrivate()).as("refusals change nothing").isFalse();
        assertThat(fixture.channelMessages()).isEmpty();

        // An admin reaches a private channel it is not in, as Slack's admin methods do.
        assertThat(channels.convert(admin, secret.id(), false).isPrivate()).isFalse();
    }
}
