package dev.parley.common.event.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** {@code parley.outbox.*}: a week of published events by default, and a value that makes no sense stops start-up. */
class OutboxPropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(OutboxProperties.class)
    static class Bound {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(Bound.class);

    @Test
    void theDefaultsKeepAWeekAndPurgeEveryMinute() {
        context.run(started -> {
            OutboxProperties properties = started.getBean(OutboxProperties.class);
            assertThat(properties.retention()).isEqualTo(Duration.ofDays(7));
            assertThat(properties.purgeInterval()).isEqualTo(Duration.ofMinutes(1));
        });
        context.withPropertyValues("parley.outbox.retention=36h")
                .run(started -> assertThat(started.getBean(OutboxProperties.class).retention()).isEqualTo(Duration.ofHours(36)));
    }

    @Test
    void aRetentionThatIsNotAPositiveDurationStopsStartUp() {
        context.withPropertyValues("parley.outbox.retention=0s")
                .run(failed -> assertThat(failed).getFailure().hasStackTraceContaining("parley.outbox.retention"));
        context.withPropertyValues("parley.outbox.retention=a while")
                .run(failed -> assertThat(failed).hasFailed());
        context.withPropertyValues("parley.outbox.purge-interval=-1m")
                .run(failed -> assertThat(failed).getFailure().hasStackTraceContaining("parley.outbox.purge-interval"));
    }
}
