package dev.parley.common.boot;

import dev.parley.common.role.Role;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts a Parley process with its roles and default port; configuration given on start-up still wins. */
public final class ParleyApplication {

    private ParleyApplication() {
    }

    public static ConfigurableApplicationContext run(Class<?> main, String target, int defaultPort, String... args) {
        return new SpringApplicationBuilder(main)
                .properties(Map.of(Role.PROPERTY, target, "server.port", defaultPort,
                        // Tomcat logs the first request it cannot parse with a stack trace; a client's bad request is
                        // answered (400), not the operator's business.
                        "logging.level.org.apache.coyote.http11.Http11Processor", "warn"))
                .run(args);
    }

    public static ConfigurableApplicationContext run(Class<?> main, Role role, int defaultPort, String... args) {
        return run(main, role.id(), defaultPort, args);
    }
}
