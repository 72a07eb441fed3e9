package org.ream.central.mail;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Start-up configuration of the outgoing mail pipeline (routes/mail.camel.yaml reads these
 * as {{ream.mail.*}}). The SMTP server itself is a runtime setting (page "smtp"), read at
 * each send; the retry timing is the broker's (artemis/broker.xml).
 */
@ConfigMapping(prefix = "ream.mail")
public interface MailConfig {

    /** The durable queue every mail goes through. */
    @WithDefault("notification.email")
    String queue();

    /** Where the broker puts a mail once every attempt has failed (for log lines and operators). */
    @WithDefault("DLQ.notification.email")
    String deadLetterQueue();

    /** Consumers of the queue: SMTP servers throttle parallel senders, so few. */
    @WithDefault("1")
    int consumers();

    @WithDefault("2")
    int maxConsumers();

    /** Longest wait for the SMTP server to accept the connection. */
    @WithDefault("10s")
    Duration connectTimeout();

    /** Longest wait for any one answer of the SMTP server, or for a write. */
    @WithDefault("60s")
    Duration readTimeout();
}
