package dev.parley.common.pubsub;

import dev.parley.common.pubsub.inprocess.InProcessTtlKeys;

class InProcessTtlKeysTest extends TtlKeysContractTest {

    private final TtlKeys keys = new InProcessTtlKeys();

    @Override
    protected TtlKeys keys() {
        return keys;
    }
}
