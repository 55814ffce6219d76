package dev.parley.common.event;

import dev.parley.common.event.inprocess.InProcessEventLog;
import dev.parley.common.event.kafka.KafkaEventLog;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Chooses the event log adapter with {@code parley.eventlog.type}: {@code inprocess} (default) or {@code kafka}. */
@AutoConfiguration
class EventLogAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "parley.eventlog.type", havingValue = "inprocess", matchIfMissing = true)
    static class InProcess {
        @Bean(destroyMethod = "close")
        EventLog inProcessEventLog() {
            return new InProcessEventLog();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "parley.eventlog.type", havingValue = "kafka")
    static class Kafka {
        @Bean(destroyMethod = "close")
        EventLog kafkaEventLog(Environment env) {
            String servers = env.getProperty("parley.kafka.bootstrap-servers", "");
            if (servers.isBlank()) {
                throw new IllegalStateException("parley.eventlog.type=kafka needs parley.kafka.bootstrap-servers");
            }
            return new KafkaEventLog(servers,
                    env.getProperty("parley.kafka.topic", "parley.channel-events"),
                    env.getProperty("parley.kafka.partitions", Integer.class, 12),
                    env.getProperty("parley.kafka.replication-factor", Short.class, (short) 1),
                    env.getProperty("parley.kafka.group-prefix", "parley."));
        }
    }
}
