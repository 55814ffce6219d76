package dev.parley.workspace.audit;

import dev.parley.common.testing.TestStore;

/** The audit store on the embedded adapter (H2 in MySQL mode). */
class H2AuditRepositoryTest extends AuditRepositoryContractTest {

    @Override
    protected TestStore createStore() {
        return TestStore.h2("workspace");
    }
}
