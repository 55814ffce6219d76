package dev.parley.common.event;

import dev.parley.common.event.kafka.KafkaEventLog;
import dev.parley.common.testing.TestKafka;
import java.util.UUID;

/** The Kafka adapter against a real KRaft broker. */
class KafkaEventLogTest extends EventLogContractTest {

    @Override
    protected EventLog createEventLog() {
        return new KafkaEventLog(TestKafka.bootstrapServers(), "parley-test-" + UUID.randomUUID(), 4, (short) 1, "test.");
    }
}
