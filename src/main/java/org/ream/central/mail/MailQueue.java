package org.ream.central.mail;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Entry point of the outgoing mail pipeline: every mail goes through the durable
 * notification.email queue, so an SMTP outage delays mail and loses none.
 */
@ApplicationScoped
public class MailQueue {

    /** Queues the mail; returns once the broker holds it durably. */
    public void send(Mail mail) {
        throw new UnsupportedOperationException("mail pipeline not wired yet");
    }
}
