package dev.parley.workspace.mail;

import dev.parley.workspace.mail.none.UndeliveredMailer;
import dev.parley.workspace.mail.smtp.SmtpMailer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Picks the mail adapter with {@code parley.mail.type}; an unknown value has already stopped start-up. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MailProperties.class)
class MailConfiguration {

    @Bean
    @ConditionalOnProperty(name = "parley.mail.type", havingValue = "none", matchIfMissing = true)
    Mailer undeliveredMailer() {
        return new UndeliveredMailer();
    }

    @Bean
    @ConditionalOnProperty(name = "parley.mail.type", havingValue = "smtp")
    Mailer smtpMailer(MailProperties properties) {
        return new SmtpMailer(properties);
    }
}
