package org.ream.central.mail;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.jms.JMSException;
import java.time.Duration;
import org.apache.camel.Exchange;
import org.apache.camel.component.jms.JmsMessage;
import org.ream.central.logging.SystemLog;
import org.ream.central.notification.MailFormat;
import org.ream.central.notification.RedeliveryPlan;
import org.ream.central.notification.SmtpFailure;

/**
 * Writes a failed delivery attempt to the system log. The exchange stays failed, so the
 * queue transaction rolls back and the broker tries again later; the attempt the broker will
 * not repeat is logged as an error naming the dead-letter queue where the mail waits.
 */
@ApplicationScoped
@Named("mailFailures")
public class MailFailures {

    static final String DELIVERY_COUNT = "JMSXDeliveryCount";

    @Inject
    MailConfig config;

    @Inject
    SystemLog systemLog;

    @Inject
    QueueRedelivery redelivery;

    @Inject
    MeterRegistry meters;

    public void attemptFailed(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (failure == null) {
            failure = exchange.getException();
        }
        int attempt = attempt(exchange);
        String what = MailQueue.describe(exchange.getMessage().getHeader(MailQueue.HEADER_SUBJECT, String.class),
                exchange.getMessage().getHeader(MailQueue.HEADER_TO, String.class));
        String why = failure instanceof MailRejected ? failure.getMessage() : SmtpFailure.describe(failure);
        RedeliveryPlan plan = redelivery.plan(config.queue());
        meters.counter("ream.mail.failed").increment();
        if (plan != null && plan.isLast(attempt)) {
            meters.counter("ream.mail.dead-lettered").increment();
            systemLog.error(SmtpSender.SUBSYSTEM, SmtpSender.CONTEXT, "Email " + what + " was not sent after " + attempt
                    + " attempts and is kept in " + config.deadLetterQueue() + ": " + why, String.valueOf(failure));
        } else {
            String next = plan == null ? "" : " of " + plan.maxAttempts() + ", next in " + MailFormat.duration(Duration.ofMillis(plan.delayAfter(attempt)));
            systemLog.warning(SmtpSender.SUBSYSTEM, SmtpSender.CONTEXT, "Email " + what + " could not be sent (attempt " + attempt + next + "): " + why);
        }
    }

    private static int attempt(Exchange exchange) {
        Object count = exchange.getMessage().getHeader(DELIVERY_COUNT);
        if (count instanceof Number n) {
            return n.intValue();
        }
        if (count != null) {
            try {
                return Integer.parseInt(count.toString().strip());
            } catch (NumberFormatException e) {
                // read it from the JMS message below
            }
        }
        if (exchange.getIn() instanceof JmsMessage jms && jms.getJmsMessage() != null) {
            try {
                return jms.getJmsMessage().getIntProperty(DELIVERY_COUNT);
            } catch (JMSException | NumberFormatException e) {
                return 1;
            }
        }
        return 1;
    }
}
