package dev.parley.workspace.identity;

import dev.parley.common.testing.TestStore;

/** The workspace listing on the embedded adapter (H2 in MySQL mode). */
class H2WorkspaceListTest extends WorkspaceListContractTest {

    @Override
    protected TestStore createStore() {
        return TestStore.h2("workspace");
    }
}
