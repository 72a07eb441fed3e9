package org.ream.central.mail;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.ream.central.logging.SystemLog;
import org.ream.central.notification.Recipients;

/**
 * Entry point of the outgoing mail pipeline: every mail goes through the durable
 * notification.email queue, so an SMTP outage delays mail and loses none.
 */
@ApplicationScoped
public class MailQueue {

    /** JMS properties that say what a queued mail is, for log lines and for operators browsing the queue. */
    static final String HEADER_TO = "ReamMailTo";
    static final String HEADER_SUBJECT = "ReamMailSubject";
    static final String HEADER_TEMPLATE = "ReamMailTemplate";

    @Inject
    ProducerTemplate producer;

    @Inject
    MailConfig config;

    @Inject
    MailCodec codec;

    @Inject
    MailRenderer renderer;

    @Inject
    SystemLog systemLog;

    /**
     * Queues the mail; returns once the broker holds it durably. Refuses at once, with
     * {@link IllegalArgumentException}, what could never be sent: no valid recipient, an
     * unknown template, a model that is not JSON.
     */
    public void send(Mail mail) {
        if (mail == null) {
            throw new IllegalArgumentException("no mail to send");
        }
        List<String> to = Recipients.required(mail.to());
        if (!renderer.exists(mail.template())) {
            throw new IllegalArgumentException("'" + mail.template() + "' is not a mail template");
        }
        Mail queued = new Mail(to, mail.subject(), mail.template(), mail.model() == null ? Map.of() : mail.model());
        String body = codec.encode(queued);
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put(HEADER_TO, String.join(", ", to));
        headers.put(HEADER_TEMPLATE, mail.template());
        if (mail.subject() != null && !mail.subject().isBlank()) {
            headers.put(HEADER_SUBJECT, mail.subject().strip());
        }
        try {
            // Persistent and not transacted: the broker confirms the journal write before send returns.
            producer.sendBodyAndHeaders("jms:queue:" + config.queue() + "?deliveryPersistent=true", body, headers);
        } catch (CamelExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new MailQueueUnavailable("The mail " + describe(mail.subject(), headers.get(HEADER_TO).toString())
                    + " could not be queued: " + cause.getMessage(), cause);
        }
        systemLog.debug(SmtpSender.SUBSYSTEM, SmtpSender.CONTEXT, "Email " + describe(mail.subject(), headers.get(HEADER_TO).toString()) + " queued");
    }

    static String describe(String subject, String to) {
        return (subject == null || subject.isBlank() ? "" : "\"" + subject.strip() + "\" ") + "to " + (to == null ? "(unknown)" : to);
    }

    /** The broker did not take the mail: nothing was queued, the caller decides what to do. */
    public static class MailQueueUnavailable extends RuntimeException {
        public MailQueueUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
