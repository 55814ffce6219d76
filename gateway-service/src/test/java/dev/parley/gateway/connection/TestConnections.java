package dev.parley.gateway.connection;

import dev.parley.channel.client.ChannelClient;
import dev.parley.common.pubsub.PubSub;
import dev.parley.gateway.GatewayProperties;
import dev.parley.gateway.testing.Beans;

/** Builds the gateway's socket registry for tests of other packages (its constructor is the container's). */
public final class TestConnections {

    private TestConnections() {
    }

    public static Connections create(PubSub pubSub, ChannelClient channels, GatewayProperties properties) {
        return new Connections(pubSub, Beans.provider(channels), properties);
    }
}
