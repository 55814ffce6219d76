package dev.parley.common.event.kafka;

import dev.parley.common.event.ChannelEvent;
import dev.parley.common.event.EventLog;
import dev.parley.common.json.SlackJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event log on Kafka: one topic keyed by channel id (so a channel's events stay in one partition, in order),
 * an idempotent producer with {@code acks=all}, and one consumer group per {@link #subscribe} group name.
 */
public class KafkaEventLog implements EventLog, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaEventLog.class);

    private final String bootstrapServers;
    private final String topic;
    private final String groupPrefix;
    private final KafkaProducer<String, String> producer;
    private final List<Member> members = new ArrayList<>();

    public KafkaEventLog(String bootstrapServers, String topic, int partitions, short replication, String groupPrefix) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.groupPrefix = groupPrefix;
        createTopic(partitions, replication);
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, groupPrefix + "producer");
        this.producer = new KafkaProducer<>(props);
    }

    private void createTopic(int partitions, short replication) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, replication))).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Cannot create Kafka topic " + topic + " at " + bootstrapServers, e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating Kafka topic " + topic, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka at " + bootstrapServers + " did not answer within 30 s", e);
        }
    }

    @Override
    public void publish(List<ChannelEvent> events) {
        List<Future<RecordMetadata>> sent = new ArrayList<>(events.size());
        for (ChannelEvent event : events) {
            sent.add(producer.send(new ProducerRecord<>(topic, event.channelId(), SlackJson.write(event))));
        }
        try {
            for (Future<RecordMetadata> f : sent) {
                f.get(60, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while publishing to Kafka", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not accept the events", e);
        }
    }

    @Override
    public synchronized Subscription subscribe(String group, Consumer<ChannelEvent> handler) {
        Member member = new Member(group, handler);
        members.add(member);
        member.thread.start();
        return () -> {
            synchronized (this) {
                members.remove(member);
            }
            member.stop();
        };
    }

    @Override
    public synchronized void close() {
        members.forEach(Member::stop);
        members.clear();
        producer.close(Duration.ofSeconds(5));
    }

    private final class Member {
        final KafkaConsumer<String, String> consumer;
        final Thread thread;
        volatile boolean running = true;

        Member(String group, Consumer<ChannelEvent> handler) {
            Properties props = new Properties();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            props.put(ConsumerConfig.GROUP_ID_CONFIG, groupPrefix + group);
            props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
            props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
            consumer = new KafkaConsumer<>(props);
            thread = Thread.ofPlatform().daemon().name("kafka-" + group).unstarted(() -> run(group, handler));
        }

        private void run(String group, Consumer<ChannelEvent> handler) {
            try {
                consumer.subscribe(List.of(topic));
                while (running) {
                    var records = consumer.poll(Duration.ofMillis(200));
                    for (ConsumerRecord<String, String> record : records) {
                        try {
                            handler.accept(SlackJson.read(record.value(), ChannelEvent.class));
                        } catch (RuntimeException e) {
                            log.warn("Consumer group {} failed on offset {}: {}", group, record.offset(), e.toString());
                        }
                    }
                    if (!records.isEmpty()) {
                        consumer.commitSync();
                    }
                }
            } catch (WakeupException e) {
                // stop() woke the poll: fall through to close.
            } finally {
                consumer.close(Duration.ofSeconds(5));
            }
        }

        void stop() {
            running = false;
            consumer.wakeup();
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
