package dev.parley.workspace.webhook;

import dev.parley.common.testing.TestStore;

/** The webhook store on the embedded adapter (H2 in MySQL mode). */
class H2WebhookRepositoryTest extends WebhookRepositoryContractTest {

    @Override
    protected TestStore createStore() {
        return TestStore.h2("workspace");
    }
}
