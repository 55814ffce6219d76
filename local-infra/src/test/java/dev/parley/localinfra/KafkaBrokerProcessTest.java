package dev.parley.localinfra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The Kafka fixture really kills its broker, and a restart keeps the topic, its records and committed offsets. */
class KafkaBrokerProcessTest {

    private static final String TOPIC = "fault-test";
    private static final String GROUP = "fault-test-group";
    private static final int RECORDS = 200;

    @Test
    void killedBrokerComesBackWithItsRecordsAndCommittedOffsets() throws Exception {
        try (KafkaBrokerProcess broker = KafkaBrokerProcess.start()) {
            String bootstrap = broker.bootstrapServers();
            int port = Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
            try (Admin admin = admin(bootstrap)) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 4, (short) 1))).all().get();
            }
            Set<String> produced = produce(bootstrap);

            int consumed;
            try (KafkaConsumer<String, String> consumer = consumer(bootstrap, GROUP)) {
                consumer.subscribe(List.of(TOPIC));
                List<ConsumerRecord<String, String>> first = new ArrayList<>();
                await().atMost(Duration.ofSeconds(30)).until(() -> {
                    consumer.poll(Duration.ofMillis(200)).forEach(first::add);
                    return !first.isEmpty();
                });
                consumer.commitSync();
                consumed = first.size();
            }
            Map<TopicPartition, OffsetAndMetadata> committed = committedOffsets(bootstrap);
            assertThat(committed.values().stream().mapToLong(OffsetAndMetadata::offset).sum()).isEqualTo(consumed);
            assertThat(consumed).isBetween(1, RECORDS - 1);
            long pid = broker.pid();

            broker.kill();

            assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
            assertThat(ChildProcess.accepts(port)).as("port %d after kill", port).isFalse();

            broker.restart();

            assertThat(broker.bootstrapServers()).isEqualTo(bootstrap);
            assertThat(broker.pid()).isNotEqualTo(pid);
            assertThat(committedOffsets(bootstrap)).isEqualTo(committed);
            assertThat(readAll(bootstrap)).isEqualTo(produced);
            // The group resumes where it committed: it gets exactly the records it had not consumed.
            try (KafkaConsumer<String, String> consumer = consumer(bootstrap, GROUP)) {
                consumer.subscribe(List.of(TOPIC));
                List<String> rest = new ArrayList<>();
                await().atMost(Duration.ofSeconds(30)).until(() -> {
                    consumer.poll(Duration.ofMillis(200)).forEach(r -> rest.add(r.value()));
                    return rest.size() >= RECORDS - consumed;
                });
                consumer.poll(Duration.ofMillis(500)).forEach(r -> rest.add(r.value()));
                assertThat(rest).hasSize(RECORDS - consumed).doesNotHaveDuplicates();
            }
        }
    }

    private static Set<String> produce(String bootstrap) throws Exception {
        Set<String> values = new HashSet<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                new StringSerializer(), new StringSerializer())) {
            List<Future<RecordMetadata>> sends = new ArrayList<>();
            for (int i = 0; i < RECORDS; i++) {
                values.add("value-" + i);
                sends.add(producer.send(new ProducerRecord<>(TOPIC, "key-" + i, "value-" + i)));
            }
            for (Future<RecordMetadata> send : sends) {
                send.get();
            }
        }
        return values;
    }

    /** Every record of the topic, read from the beginning without a group. */
    private static Set<String> readAll(String bootstrap) {
        try (KafkaConsumer<String, String> consumer = consumer(bootstrap, null)) {
            List<TopicPartition> partitions = IntStream.range(0, 4).mapToObj(p -> new TopicPartition(TOPIC, p)).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Set<String> values = new HashSet<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
                return values.size() >= RECORDS;
            });
            return values;
        }
    }

    private static Map<TopicPartition, OffsetAndMetadata> committedOffsets(String bootstrap) throws Exception {
        try (Admin admin = admin(bootstrap)) {
            return admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get();
        }
    }

    private static Admin admin(String bootstrap) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    private static KafkaConsumer<String, String> consumer(String bootstrap, String group) {
        Map<String, Object> config = new java.util.HashMap<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 50));
        if (group != null) {
            config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }
}
