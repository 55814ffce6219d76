package dev.parley.common.testing;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** One real KRaft Kafka broker (from the kafka_2.13 jar) per test JVM, started on first use. */
public final class TestKafka {

    private static EmbeddedKafkaKraftBroker broker;

    private TestKafka() {
    }

    public static synchronized String bootstrapServers() {
        if (broker == null) {
            EmbeddedKafkaKraftBroker started = new EmbeddedKafkaKraftBroker(1, 4);
            started.afterPropertiesSet();
            broker = started;
            Runtime.getRuntime().addShutdownHook(new Thread(started::destroy));
        }
        return broker.getBrokersAsString();
    }
}
