package dev.parley.workspace.audit;

import dev.parley.common.testing.TestStore;

/** The audit store on MariaDB/MySQL, the distributed adapter. */
class MySqlAuditRepositoryTest extends AuditRepositoryContractTest {

    @Override
    protected TestStore createStore() {
        return TestStore.mysql("workspace");
    }
}
