package dev.parley.workspace.mail.none;

import dev.parley.workspace.mail.Mailer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default without a mail server: sends nothing and says so in the log. The admin who invited shares the link
 * from the answer instead; the log names the recipient, never the link, which is a credential.
 */
public class UndeliveredMailer implements Mailer {

    private static final Logger log = LoggerFactory.getLogger(UndeliveredMailer.class);

    @Override
    public boolean send(Mail mail) {
        log.info("No mail server is configured (parley.mail.type=none): not mailing \"{}\" to {}", mail.subject(), mail.to());
        return false;
    }

    @Override
    public boolean delivers() {
        return false;
    }
}
