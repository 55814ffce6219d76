package dev.parley.common.event;

import dev.parley.common.event.inprocess.InProcessEventLog;

class InProcessEventLogTest extends EventLogContractTest {

    @Override
    protected EventLog createEventLog() {
        return new InProcessEventLog();
    }
}
