package dev.parley.workspace.profile;

import dev.parley.common.testing.TestStore;

/** The user directory on the embedded adapter (H2 in MySQL mode). */
class H2UserDirectoryTest extends UserDirectoryContractTest {

    @Override
    protected TestStore createStore() {
        return TestStore.h2("workspace");
    }
}
