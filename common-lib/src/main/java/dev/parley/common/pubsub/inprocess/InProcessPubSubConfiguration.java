package dev.parley.common.pubsub.inprocess;

import dev.parley.common.pubsub.PubSub;
import dev.parley.common.pubsub.TtlKeys;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/** Pub/sub and TTL keys inside the one standalone process. */
@AutoConfiguration
@ConditionalOnProperty(name = "parley.pubsub.type", havingValue = "inprocess", matchIfMissing = true)
class InProcessPubSubConfiguration {

    @Bean
    PubSub inProcessPubSub() {
        return new InProcessPubSub();
    }

    @Bean
    TtlKeys inProcessTtlKeys() {
        return new InProcessTtlKeys();
    }
}
