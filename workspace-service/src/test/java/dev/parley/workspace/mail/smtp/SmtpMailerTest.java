package dev.parley.workspace.mail.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.parley.workspace.mail.MailProperties;
import dev.parley.workspace.mail.Mailer;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The SMTP adapter against a real SMTP server (GreenMail) that the test starts on a free port. */
class SmtpMailerTest {

    private GreenMail smtp;
    private int port;

    @BeforeEach
    void start() throws Exception {
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    @AfterEach
    void stop() {
        smtp.stop();
    }

    private SmtpMailer mailer(int toPort) {
        return new SmtpMailer(new MailProperties("smtp", "parley@acme.test",
                new MailProperties.Smtp("127.0.0.1", toPort, null, null, false, Duration.ofSeconds(5))));
    }

    @Test
    void aMailArrivesWithItsSenderSubjectAndText() throws Exception {
        SmtpMailer mailer = mailer(port);

        assertThat(mailer.delivers()).isTrue();
        assertThat(mailer.send(new Mailer.Mail("gus@example.test", "Join Acme on Parley",
                "Accept here: http://localhost:8080/invite/abc — ünïcode too"))).isTrue();

        assertThat(smtp.waitForIncomingEmail(5000, 1)).isTrue();
        MimeMessage received = smtp.getReceivedMessages()[0];
        assertThat(received.getAllRecipients()[0].toString()).isEqualTo("gus@example.test");
        assertThat(received.getFrom()[0].toString()).isEqualTo("parley@acme.test");
        assertThat(received.getSubject()).isEqualTo("Join Acme on Parley");
        assertThat(((String) received.getContent()).trim()).isEqualTo("Accept here: http://localhost:8080/invite/abc — ünïcode too");
    }

    @Test
    void aServerThatCannotBeReachedIsReportedNotThrown() throws Exception {
        int closed;
        try (ServerSocket free = new ServerSocket(0)) {
            closed = free.getLocalPort();
        }
        assertThat(mailer(closed).send(new Mailer.Mail("gus@example.test", "s", "t"))).isFalse();
    }
}
