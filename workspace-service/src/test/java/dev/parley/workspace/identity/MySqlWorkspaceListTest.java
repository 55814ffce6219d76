package dev.parley.workspace.identity;

import dev.parley.common.testing.TestStore;

/** The workspace listing on the real adapter, against the MariaDB/MySQL test server. */
class MySqlWorkspaceListTest extends WorkspaceListContractTest {

    @Override
    protected TestStore createStore() {
        return TestStore.mysql("workspace");
    }
}
