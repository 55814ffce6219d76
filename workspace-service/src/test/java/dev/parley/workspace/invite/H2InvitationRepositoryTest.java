package dev.parley.workspace.invite;

import dev.parley.common.testing.TestStore;

/** The invitation store on the embedded adapter (H2 in MySQL mode). */
class H2InvitationRepositoryTest extends InvitationRepositoryContractTest {

    @Override
    protected TestStore createStore() {
        return TestStore.h2("workspace");
    }
}
