package dev.parley.gateway.rtm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.channel.client.People;
import dev.parley.common.event.ChannelEvent;
import dev.parley.common.json.SlackJson;
import dev.parley.common.pubsub.inprocess.InProcessPubSub;
import dev.parley.gateway.GatewayProperties;
import dev.parley.gateway.connection.Connections;
import dev.parley.gateway.connection.TestConnections;
import dev.parley.gateway.edge.TestEdge;
import dev.parley.gateway.fanout.Fanout;
import dev.parley.gateway.testing.Beans;
import dev.parley.gateway.testing.InMemoryChannelClient;
import dev.parley.gateway.testing.Tokens;
import dev.parley.gateway.testing.WsClient;
import dev.parley.messaging.client.MessagingClient;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A gateway's socket side as the container assembles it: the real edge, handshake, socket handler, protocol and
 * connection registry, with in-process pub/sub, the channel stream contract in memory and a messaging double.
 */
final class RtmStack implements AutoCloseable {

    static final String WS = "T1";

    final InProcessPubSub pubSub = new InProcessPubSub();
    final InMemoryChannelClient store = new InMemoryChannelClient();
    final Tokens tokens = new Tokens();
    final List<MessagingClient.PostCommand> posts = new CopyOnWriteArrayList<>();
    final GatewayProperties properties;
    final Connections connections;
    final RtmProtocol protocol;
    final TestEdge edge;
    private final List<WsClient> clients = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();

    RtmStack(GatewayProperties properties) {
        this.properties = properties;
        connections = TestConnections.create(pubSub, store, properties);
        protocol = new RtmProtocol(connections, Beans.provider(store), Beans.provider(new Messaging()), tokens.verifier(),
                properties, new People(() -> store));
        RtmHandshake.Factory handshakes = new RtmHandshake.Factory(tokens.verifier(), properties, protocol);
        edge = TestEdge.start(new RtmEndpoint(handshakes, connections), TestEdge.closedPort(), properties);
    }

    /** A socket of the user, greeted and started (following its channels). */
    WsClient open(String userId) {
        return open(WsClient.bearer(tokens.token(WS, userId)), "", false);
    }

    /** A socket of a user of the given role ({@code guest}, …). */
    WsClient open(String userId, String role) {
        return open(WsClient.bearer(tokens.token(WS, userId, role, java.time.Duration.ofHours(1))), "", false);
    }

    WsClient open(HttpHeaders headers, String query, boolean answerPings) {
        WsClient client;
        try {
            client = WsClient.connect(edge.port(), "/rtm" + query, headers, answerPings, 0);
        } catch (WsClient.Refused e) {
            throw new AssertionError("upgrade refused: " + e.getMessage(), e);
        }
        clients.add(client);
        assertThat(client.frames().nextJson().path("type").asString()).isEqualTo("hello");
        ready(client);
        return client;
    }

    /**
     * Waits until the socket's earlier frames and its start have been served: a frame served in order behind them
     * (a {@code mark}) has been answered.
     */
    void ready(WsClient client) {
        String id = "ready-" + ids.incrementAndGet();
        client.send("{\"type\":\"mark\",\"id\":\"" + id + "\",\"channel\":\"C0\",\"ts\":\"1.0\"}");
        client.frames().until(f -> id.equals(f.path("reply_to").asString()));
    }

    ChannelEvent post(String channelId) {
        ChannelEvent event = store.append(channelId, ChannelEvent.Routing.MEMBERS);
        pubSub.publish(Fanout.topic(event.workspaceId()), SlackJson.write(event));
        return event;
    }

    @Override
    public void close() {
        edge.close();
        clients.forEach(WsClient::close);
        connections.stop();
    }

    /** Posts succeed and are remembered. */
    private final class Messaging implements MessagingClient {
        @Override
        public PostResult post(PostCommand command) {
            posts.add(command);
            return new PostResult(true, null, command.channelId(), "1795463065.000100", command.text());
        }

        @Override
        public PostResult postSystem(SystemPost post) {
            throw new UnsupportedOperationException();
        }

        @Override
        public PostResult postAsBot(BotPost post) {
            throw new UnsupportedOperationException();
        }

        @Override
        public UnreadCounts unread(UnreadQuery query) {
            throw new UnsupportedOperationException();
        }

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
    }
}
