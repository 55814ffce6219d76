package dev.parley.workspace.mail;

/**
 * Sends mail (invitations). Chosen by {@code parley.mail.type}: {@code none} (the default: nothing is sent, an admin
 * shares the link) or {@code smtp}.
 */
public interface Mailer {

    /** A plain-text mail to one address. */
    record Mail(String to, String subject, String text) {
    }

    /** Sends the mail; false when it was not sent (no mail server, or the server refused it). */
    boolean send(Mail mail);

    /** Whether this mailer delivers mail at all, so answers can say whether the invitee was mailed. */
    boolean delivers();
}
