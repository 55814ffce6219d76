package dev.parley.common.avatar;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the default-avatar endpoint beside the Web API. */
@Configuration(proxyBeanMethods = false)
public class AvatarConfiguration {

    @Bean
    DefaultAvatarController defaultAvatarController() {
        return new DefaultAvatarController();
    }
}
