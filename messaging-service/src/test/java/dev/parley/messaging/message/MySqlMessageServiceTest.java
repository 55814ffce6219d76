package dev.parley.messaging.message;

import dev.parley.common.testing.TestStore;

/** Message limits, redaction and permissions on the real adapter, against the MariaDB/MySQL test server. */
class MySqlMessageServiceTest extends MessageServiceContractTest {

    @Override
    protected TestStore createStore() {
        return TestStore.mysql("messaging", "eventlog");
    }
}
