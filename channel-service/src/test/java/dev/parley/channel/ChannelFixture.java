package dev.parley.channel;

import dev.parley.common.event.UserEvents;
import dev.parley.common.event.outbox.ChannelEventOutbox;
import dev.parley.common.pubsub.inprocess.InProcessPubSub;
import dev.parley.common.testing.PartialFake;
import dev.parley.common.testing.TestStore;
import dev.parley.messaging.client.MessagingClient;
import dev.parley.workspace.client.WorkspaceClient;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.EnableTransactionManagement;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The channel role's services and repositories wired as the application wires them (transactions included), on a
 * test store. The workspace service knows every user id as active; the messaging service records the channel
 * messages it is asked to write.
 */
public final class ChannelFixture implements AutoCloseable {

    @Configuration(proxyBeanMethods = false)
    @EnableTransactionManagement
    static class Transactions {
    }

    private final TestStore store;
    private final List<MessagingClient.SystemPost> channelMessages = new CopyOnWriteArrayList<>();
    private final AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();

    public ChannelFixture(TestStore store) {
        this.store = store;
        DataSource dataSource = store.dataSource();
        JdbcTransactionManager transactions = new JdbcTransactionManager(dataSource);
        context.register(Transactions.class);
        context.registerBean(DataSource.class, () -> dataSource);
        context.registerBean(JdbcClient.class, () -> JdbcClient.create(dataSource));
        context.registerBean(PlatformTransactionManager.class, () -> transactions);
        context.registerBean(TransactionTemplate.class, () -> new TransactionTemplate(transactions));
        context.registerBean(ChannelEventOutbox.class, () -> new ChannelEventOutbox(dataSource));
        context.registerBean(UserEvents.class, () -> new UserEvents(new InProcessPubSub()));
        context.registerBean(WorkspaceClient.class, () -> PartialFake.of(WorkspaceClient.class, new Object() {
            public WorkspaceClient.UserIds activeUsers(WorkspaceClient.UserIds query) {
                return new WorkspaceClient.UserIds(query.workspaceId(), query.userIds().stream().distinct().toList());
            }

            public WorkspaceClient.Members activeMembers(WorkspaceClient.UserIds query) {
                return new WorkspaceClient.Members(query.userIds().stream().distinct()
                        .map(id -> new WorkspaceClient.Member(id, dev.parley.common.auth.MemberRole.MEMBER.id()))
                        .toList());
            }
        }));
        context.registerBean(MessagingClient.class, () -> PartialFake.of(MessagingClient.class, new Object() {
            public MessagingClient.PostResult postSystem(MessagingClient.SystemPost post) {
                channelMessages.add(post);
                return new MessagingClient.PostResult(true, null, post.channelId(), "1.000001", post.text());
            }

            public MessagingClient.UnreadCounts unread(MessagingClient.UnreadQuery query) {
                return new MessagingClient.UnreadCounts(0, 0, 0);
            }
        }));
        // Full members see everyone without asking; guests' views are GuestRulesTest's.
        context.registerBean(dev.parley.channel.client.People.class, () -> new dev.parley.channel.client.People(() -> {
            throw new UnsupportedOperationException("the fixture's callers are full members");
        }));
        context.scan("dev.parley.channel.conversation", "dev.parley.channel.stream");
        context.refresh();
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public TestStore store() {
        return store;
    }

    public List<MessagingClient.SystemPost> channelMessages() {
        return channelMessages;
    }

    @Override
    public void close() {
        context.close();
        store.close();
    }
}
