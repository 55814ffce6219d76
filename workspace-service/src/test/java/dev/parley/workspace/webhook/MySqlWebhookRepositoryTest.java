package dev.parley.workspace.webhook;

import dev.parley.common.testing.TestStore;

/** The webhook store on the real adapter, against the MariaDB/MySQL test server. */
class MySqlWebhookRepositoryTest extends WebhookRepositoryContractTest {

    @Override
    protected TestStore createStore() {
        return TestStore.mysql("workspace");
    }
}
