package dev.parley.common.event;

import dev.parley.common.pubsub.PubSub;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/** The user stream's sender, available to every service that tells one user something. */
@AutoConfiguration
class UserStreamAutoConfiguration {

    @Bean
    UserEvents userEvents(PubSub pubSub) {
        return new UserEvents(pubSub);
    }
}
