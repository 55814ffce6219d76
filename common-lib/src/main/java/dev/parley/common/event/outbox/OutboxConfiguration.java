package dev.parley.common.event.outbox;

import dev.parley.common.event.EventLog;
import dev.parley.common.pubsub.PubSub;
import dev.parley.common.pubsub.TtlKeys;
import dev.parley.common.store.SchemaModule;
import java.time.Duration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/** Imported by every service that writes channel events: the outbox tables, the outbox, its relay and its purge. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OutboxProperties.class)
public class OutboxConfiguration {

    @Bean
    SchemaModule eventLogSchema() {
        return new SchemaModule("eventlog");
    }

    @Bean
    ChannelEventOutbox channelEventOutbox(javax.sql.DataSource dataSource) {
        return new ChannelEventOutbox(dataSource);
    }

    @Bean
    OutboxRelay outboxRelay(JdbcTemplate jdbc, EventLog eventLog, TtlKeys leases, ChannelEventOutbox outbox, PubSub pubSub,
                            Environment env) {
        return new OutboxRelay(jdbc, eventLog, leases, outbox,
                env.getProperty("parley.eventlog.relay-poll-interval", Duration.class, Duration.ofMillis(100)), pubSub);
    }

    @Bean
    OutboxPurge outboxPurge(JdbcTemplate jdbc, TtlKeys leases, OutboxProperties properties) {
        return new OutboxPurge(jdbc, leases, properties);
    }
}
