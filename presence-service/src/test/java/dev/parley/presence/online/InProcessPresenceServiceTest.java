package dev.parley.presence.online;

import dev.parley.common.pubsub.PubSub;
import dev.parley.common.pubsub.TtlKeys;
import dev.parley.common.pubsub.inprocess.InProcessPubSub;
import dev.parley.common.pubsub.inprocess.InProcessTtlKeys;

/** Presence in the standalone process: in-process TTL keys and pub/sub. */
class InProcessPresenceServiceTest extends PresenceServiceTest {

    private final TtlKeys keys = new InProcessTtlKeys();
    private final PubSub pubSub = new InProcessPubSub();

    @Override
    protected TtlKeys keys() {
        return keys;
    }

    @Override
    protected PubSub pubSub() {
        return pubSub;
    }
}
