package dev.parley.common.event;

import dev.parley.common.pubsub.PubSub;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/** The senders of the user stream and of workspace-wide live events, available to every service. */
@AutoConfiguration
class UserStreamAutoConfiguration {

    @Bean
    UserEvents userEvents(PubSub pubSub) {
        return new UserEvents(pubSub);
    }

    @Bean
    WorkspaceEvents workspaceEvents(PubSub pubSub) {
        return new WorkspaceEvents(pubSub);
    }
}
