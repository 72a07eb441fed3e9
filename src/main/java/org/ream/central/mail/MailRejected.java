package org.ream.central.mail;

/** A queued mail that cannot become a message whatever the SMTP server does (bad JSON, broken template). */
public class MailRejected extends RuntimeException {

    public MailRejected(String message, Throwable cause) {
        super(message, cause);
    }
}
