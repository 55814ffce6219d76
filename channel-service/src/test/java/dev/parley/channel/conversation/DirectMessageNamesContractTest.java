package dev.parley.channel.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.channel.ChannelFixture;
import dev.parley.common.auth.Caller;
import dev.parley.common.id.Ids;
import dev.parley.common.store.SchemaMigrations;
import dev.parley.common.store.SchemaModule;
import dev.parley.common.testing.TestStore;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Group DMs are named {@code mpdm-<members>-1} like Slack's, in a name space of their own: a channel may take such a
 * name without breaking anyone's group DM, and a taken name never reveals that a group DM exists; on every
 * relational store adapter.
 */
abstract class DirectMessageNamesContractTest {

    /** A store with these schema modules migrated. */
    protected abstract TestStore createStore(String... modules);

    private static final String WS = "T1";

    private ChannelFixture fixture;
    private ChannelService channels;
    private DirectMessageService directMessages;
    private final String ann = Ids.user();
    private final String bob = Ids.user();
    private final String carol = Ids.user();
    private final String mallory = Ids.user();

    @BeforeEach
    void open() {
        fixture = new ChannelFixture(createStore("channel", "eventlog"));
        channels = fixture.bean(ChannelService.class);
        directMessages = fixture.bean(DirectMessageService.class);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private static Caller as(String user) {
        return new Caller(WS, user, "member");
    }

    private static String groupName(String... users) {
        return "mpdm-" + String.join("--", java.util.Arrays.stream(users).sorted().toList()).toLowerCase(Locale.ROOT) + "-1";
    }

    @Test
    void aChannelMayTakeTheNameOfAnExistingGroupDmWithoutLearningOfIt() {
        Channel group = directMessages.open(as(ann), List.of(bob, carol)).channel();
        assertThat(group.name()).isEqualTo(groupName(ann, bob, carol));

        Channel squatter = channels.create(as(mallory), group.name(), false);

        assertThat(squatter.name()).as("no name_taken to reveal the group DM").isEqualTo(group.name());
        DirectMessageService.Opened again = directMessages.open(as(carol), List.of(ann, bob));
        assertThat(again.alreadyOpen()).isTrue();
        assertThat(again.channel().id()).isEqualTo(group.id());
        assertThat(channels.visible(as(bob), group.id()).name()).isEqualTo(group.name());
    }

    @Test
    void aChannelNamedLikeAGroupDmBeforeItExistsCannotBlockIt() {
        String name = groupName(ann, bob, carol);
        channels.create(as(mallory), name, false);

        DirectMessageService.Opened opened = directMessages.open(as(ann), List.of(bob, carol));

        assertThat(opened.alreadyOpen()).isFalse();
        assertThat(opened.channel().name()).isEqualTo(name);
        assertThat(opened.channel().type()).isEqualTo(Channel.MPIM);
    }

    @Test
    void renamingAChannelToAGroupDmsNameIsNoHintEither() {
        Channel group = directMessages.open(as(ann), List.of(bob, carol)).channel();
        Channel channel = channels.create(as(mallory), "plain-" + Ids.user().toLowerCase(Locale.ROOT), false);

        assertThat(channels.rename(as(mallory), channel.id(), group.name()).name()).isEqualTo(group.name());
        assertThat(directMessages.open(as(bob), List.of(ann, carol)).channel().id()).isEqualTo(group.id());
    }

    @Test
    void aGroupDmOfNineKeepsItsWholeName() {
        List<String> others = IntStream.range(0, DirectMessageService.MAX_MPIM_OTHERS).mapToObj(i -> Ids.user()).toList();

        Channel group = directMessages.open(as(ann), others).channel();

        String[] everyone = java.util.stream.Stream.concat(others.stream(), java.util.stream.Stream.of(ann)).toArray(String[]::new);
        assertThat(group.name()).isEqualTo(groupName(everyone)).hasSizeGreaterThan(80);
        assertThat(channels.visible(as(others.getFirst()), group.id()).name()).isEqualTo(group.name());
    }

    @Test
    void theMigrationMovesExistingGroupDmNamesOutOfTheChannelNameSpace() {
        try (TestStore old = createStore()) {
            SchemaModule module = new SchemaModule("channel");
            Flyway.configure().dataSource(old.dataSource()).locations(module.location()).table(module.historyTable())
                    .target("1").load().migrate();
            String name = groupName(ann, bob, carol);
            old.jdbc().sql("INSERT INTO channel (workspace_id, channel_id, name, channel_type, creator, created_at) "
                    + "VALUES (?, ?, ?, 'mpim', ?, 0)").params(WS, "GOLDMPIM", name, ann).update();

            SchemaMigrations.migrate(old.dataSource(), List.of(module));

            ChannelRepository repository = new ChannelRepository(old.jdbc());
            assertThat(repository.find(WS, "GOLDMPIM").orElseThrow().name()).isEqualTo(name);
            Channel channel = new Channel(WS, "CNEW", name, Channel.PUBLIC, mallory, 0, false, Channel.Topic.NONE,
                    Channel.Topic.NONE);
            assertThat(repository.insert(channel)).as("the name is free for a channel").isTrue();
        }
    }

    @Test
    void channelNamesStayUniqueAmongChannels() {
        channels.create(as(ann), "general-" + ann.toLowerCase(Locale.ROOT), false);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> channels.create(as(bob), "general-" + ann.toLowerCase(Locale.ROOT), true))
                .isInstanceOfSatisfying(dev.parley.common.api.SlackApiException.class,
                        e -> assertThat(e.error()).isEqualTo("name_taken"));
    }
}
