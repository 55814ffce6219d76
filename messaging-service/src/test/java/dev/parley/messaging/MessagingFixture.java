package dev.parley.messaging;

import dev.parley.channel.client.ChannelAccess;
import dev.parley.channel.client.ChannelClient;
import dev.parley.common.auth.Caller;
import dev.parley.common.event.UserEvents;
import dev.parley.common.event.outbox.ChannelEventOutbox;
import dev.parley.common.pubsub.PubSub;
import dev.parley.common.pubsub.inprocess.InProcessPubSub;
import dev.parley.common.testing.PartialFake;
import dev.parley.common.testing.TestStore;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The messaging role's services, repositories and Web API beans wired as the application wires them, on a test
 * store. The channel service is an in-memory stand-in that knows the channels each test declares.
 */
public final class MessagingFixture implements AutoCloseable {

    private final TestStore store;
    private final Channels channels = new Channels();
    private final PubSub pubSub = new InProcessPubSub();
    private final AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();

    public MessagingFixture(TestStore store) {
        this.store = store;
        DataSource dataSource = store.dataSource();
        JdbcTransactionManager transactions = new JdbcTransactionManager(dataSource);
        context.registerBean(DataSource.class, () -> dataSource);
        context.registerBean(JdbcClient.class, () -> JdbcClient.create(dataSource));
        context.registerBean(PlatformTransactionManager.class, () -> transactions);
        context.registerBean(TransactionTemplate.class, () -> new TransactionTemplate(transactions));
        context.registerBean(ChannelEventOutbox.class, () -> new ChannelEventOutbox(dataSource));
        context.registerBean(ChannelClient.class, () -> PartialFake.of(ChannelClient.class, channels));
        context.registerBean(UserEvents.class, () -> new UserEvents(pubSub));
        context.registerBean(dev.parley.common.pubsub.PubSub.class, () -> pubSub);
        // The internal client other services call (the files service's shares and file updates, …).
        context.registerBean(MessagingInternalController.class);
        context.scan("dev.parley.messaging.message", "dev.parley.messaging.reaction", "dev.parley.messaging.pin",
                "dev.parley.messaging.mention");
        context.refresh();
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** What other services call: the messaging service's side of {@link dev.parley.messaging.client.MessagingClient}. */
    public dev.parley.messaging.client.MessagingClient client() {
        return context.getBean(MessagingInternalController.class);
    }

    public Channels channels() {
        return channels;
    }

    public PubSub pubSub() {
        return pubSub;
    }

    public TestStore store() {
        return store;
    }

    /** Every stored payload of the channel's events, in sequence order. */
    public List<String> outboxPayloads(String workspaceId, String channelId) {
        return store.jdbc().sql("SELECT payload FROM channel_event WHERE workspace_id = ? AND channel_id = ? ORDER BY seq")
                .params(workspaceId, channelId)
                .query(String.class)
                .list();
    }

    @Override
    public void close() {
        context.close();
        store.close();
    }

    /**
     * The channel service as messaging sees it: which channels exist, who may see them and who is in them, and which
     * are archived. As the channel service rules, a guest sees only the channels it is in.
     */
    public static final class Channels {

        private record Declared(String type, Set<String> members, boolean archived) {
        }

        private final Map<String, Declared> declared = new ConcurrentHashMap<>();

        public Channels publicChannel(String workspaceId, String channelId, String... members) {
            declared.put(workspaceId + "/" + channelId, new Declared("channel", Set.of(members), false));
            return this;
        }

        /** A private channel, DM or group DM: invisible to non-members. */
        public Channels privateChannel(String workspaceId, String channelId, String... members) {
            declared.put(workspaceId + "/" + channelId, new Declared("group", Set.of(members), false));
            return this;
        }

        /** Archives a declared channel: still readable, no longer postable. */
        public Channels archive(String workspaceId, String channelId) {
            declared.computeIfPresent(workspaceId + "/" + channelId, (k, c) -> new Declared(c.type(), c.members(), true));
            return this;
        }

        public ChannelAccess access(ChannelClient.AccessQuery query) {
            Declared channel = declared.get(query.workspaceId() + "/" + query.channelId());
            if (channel == null) {
                return ChannelAccess.invisible();
            }
            boolean member = channel.members().contains(query.userId());
            boolean guest = new Caller(query.workspaceId(), query.userId(), query.role()).isGuest();
            boolean openToCaller = "channel".equals(channel.type()) && !guest;
            return !openToCaller && !member ? ChannelAccess.invisible()
                    : new ChannelAccess(true, channel.type(), channel.archived(), member);
        }

        public ChannelClient.MemberChannels memberChannels(ChannelClient.MemberQuery query) {
            return new ChannelClient.MemberChannels(declared.entrySet().stream()
                    .filter(e -> e.getKey().startsWith(query.workspaceId() + "/")
                            && e.getValue().members().contains(query.userId()))
                    .map(e -> new ChannelClient.Head(e.getKey().substring(query.workspaceId().length() + 1), 0))
                    .toList());
        }
    }
}
