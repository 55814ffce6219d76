package dev.parley.workspace.usergroup;

import dev.parley.common.testing.TestStore;

/** The usergroup store on the embedded adapter (H2 in MySQL mode). */
class H2UserGroupRepositoryTest extends UserGroupRepositoryContractTest {

    @Override
    protected TestStore createStore() {
        return TestStore.h2("workspace");
    }
}
