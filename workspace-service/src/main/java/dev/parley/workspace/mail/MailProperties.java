package dev.parley.workspace.mail;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Outgoing mail ({@code parley.mail.*}): {@code type} picks the adapter ({@code none} or {@code smtp}, checked at
 * start), {@code from} the sender, and {@code smtp.*} the server.
 */
@ConfigurationProperties("parley.mail")
public record MailProperties(@DefaultValue("none") String type, @DefaultValue("parley@localhost") String from,
                             @DefaultValue Smtp smtp) {

    /** The SMTP server: host and port, optional credentials, STARTTLS, and how long to wait for it. */
    public record Smtp(@DefaultValue("localhost") String host, @DefaultValue("25") int port, String username,
                       String password, @DefaultValue("false") boolean starttls, @DefaultValue("10s") Duration timeout) {
    }
}
