package dev.parley.workspace.token;

import dev.parley.common.testing.TestStore;

/** The refresh token store on the embedded adapter (H2 in MySQL mode). */
class H2RefreshTokenRepositoryTest extends RefreshTokenRepositoryContractTest {

    @Override
    protected TestStore createStore() {
        return TestStore.h2("workspace");
    }
}
