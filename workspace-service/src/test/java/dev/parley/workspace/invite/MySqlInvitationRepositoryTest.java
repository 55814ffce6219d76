package dev.parley.workspace.invite;

import dev.parley.common.testing.TestStore;

/** The invitation store on MariaDB/MySQL, the distributed adapter. */
class MySqlInvitationRepositoryTest extends InvitationRepositoryContractTest {

    @Override
    protected TestStore createStore() {
        return TestStore.mysql("workspace");
    }
}
