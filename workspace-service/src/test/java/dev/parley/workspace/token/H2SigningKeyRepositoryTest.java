package dev.parley.workspace.token;

import dev.parley.common.testing.TestStore;

/** The signing key store on the embedded adapter (H2 in MySQL mode). */
class H2SigningKeyRepositoryTest extends SigningKeyRepositoryContractTest {

    @Override
    protected TestStore createStore() {
        return TestStore.h2("workspace");
    }
}
