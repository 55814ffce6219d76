package dev.parley.common.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** An unknown adapter or role stops start-up before any bean is made, with a message naming the choices. */
class ParleyConfigValidatorTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ParleyConfigValidator.class));

    @Test
    void knownValuesStart() {
        context.withPropertyValues("parley.store.type=mysql", "parley.eventlog.type=kafka", "parley.pubsub.type=redis",
                        "parley.mail.type=smtp", "parley.ratelimit.type=inprocess", "parley.files.store=s3",
                        "parley.files.scanner=clamav", "parley.target=gateway,messaging")
                .run(started -> assertThat(started).hasNotFailed());
    }

    @Test
    void anUnknownAdapterIsRefusedWithTheChoices() {
        context.withPropertyValues("parley.store.type=oracle")
                .run(failed -> assertThat(failed).getFailure()
                        .hasStackTraceContaining("parley.store.type=oracle").hasStackTraceContaining("[h2, mysql]"));
        context.withPropertyValues("parley.pubsub.type=memcached")
                .run(failed -> assertThat(failed).getFailure().hasStackTraceContaining("[inprocess, redis]"));
        context.withPropertyValues("parley.mail.type=sendmail")
                .run(failed -> assertThat(failed).getFailure().hasStackTraceContaining("[none, smtp]"));
        context.withPropertyValues("parley.files.store=gcs")
                .run(failed -> assertThat(failed).getFailure()
                        .hasStackTraceContaining("parley.files.store=gcs").hasStackTraceContaining("[local, s3]"));
        context.withPropertyValues("parley.files.scanner=sophos")
                .run(failed -> assertThat(failed).getFailure()
                        .hasStackTraceContaining("parley.files.scanner=sophos").hasStackTraceContaining("[none, clamav]"));
        context.withPropertyValues("parley.ratelimit.type=memcached")
                .run(failed -> assertThat(failed).getFailure()
                        .hasStackTraceContaining("parley.ratelimit.type=memcached").hasStackTraceContaining("[inprocess, redis]"));
    }

    @Test
    void anUnknownRoleIsRefused() {
        context.withPropertyValues("parley.target=gateway,chat")
                .run(failed -> assertThat(failed).getFailure().hasStackTraceContaining("Unknown role 'chat'"));
    }
}
