package dev.parley.common.pubsub;

import dev.parley.common.pubsub.inprocess.InProcessPubSub;

class InProcessPubSubTest extends PubSubContractTest {

    private final PubSub pubSub = new InProcessPubSub();

    @Override
    protected PubSub pubSub() {
        return pubSub;
    }
}
