package org.ream.central.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ream.central.notification.SmtpSecurity;
import org.ream.central.security.Actor;
import org.ream.central.settings.SettingsStore;

/**
 * The mail-send route against the real embedded broker and a real SMTP server. The queue's
 * back-off is shortened here (a fixed short delay instead of 2 s doubling) so an outage of a
 * few seconds is retried several times; the rule itself is the broker's, unchanged.
 */
@QuarkusTest
class MailPipelineTest {

    private static final String QUEUE = "notification.email";
    private static final String DLQ = "DLQ.notification.email";
    private static final Duration ARRIVAL = Duration.ofSeconds(30);

    @Inject
    MailQueue mailQueue;

    @Inject
    SettingsStore settings;

    @Inject
    MeterRegistry meters;

    private SmtpReceiver smtp;

    @BeforeEach
    void mailServerAndShortBackOff() throws Exception {
        BrokerQueues.overrideRedelivery(QUEUE, 250, 200);
        smtp = SmtpReceiver.smtp().start();
        useServer(smtp, SmtpSecurity.PREFER_STARTTLS, true);
    }

    @AfterEach
    void stop() throws Exception {
        smtp.stop();
        BrokerQueues.restoreRedelivery(QUEUE);
    }

    private void useServer(SmtpReceiver server, SmtpSecurity security, boolean validateCertificate) {
        settings.write(server.settings(security, validateCertificate), Actor.SYSTEM, "SMTP server of the test", "smtp");
    }

    private double counter(String name) {
        return meters.counter(name).count();
    }

    private static Map<String, Object> run(String name, String status) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("scheduleName", name);
        model.put("status", status);
        model.put("startedAt", Instant.parse("2026-11-25T01:00:00Z"));
        model.put("finishedAt", Instant.parse("2026-11-25T01:03:05Z"));
        model.put("message", "Report <Monthly> could not be written.");
        return model;
    }

    @Test
    void aQueuedMailArrivesRenderedFromItsTemplate() throws Exception {
        String name = "Export " + UUID.randomUUID();
        mailQueue.send(new Mail(List.of("admin@example.com; audit@example.com"), null, "schedule-result", run(name, "ERROR")));

        await().atMost(ARRIVAL).until(() -> smtp.receivedWithSubjectStarting("Task scheduler: " + name).size() == 2);
        MimeMessage m = smtp.receivedWithSubjectStarting("Task scheduler: " + name).get(0);
        assertThat(m.getSubject()).isEqualTo("Task scheduler: " + name + " failed");
        assertThat(m.getFrom()).containsExactly(new InternetAddress(SmtpReceiver.SENDER));
        assertThat(m.getAllRecipients()).extracting(Object::toString).containsExactly("admin@example.com", "audit@example.com");
        assertThat(m.getHeader("Auto-Submitted")).containsExactly("auto-generated");
        assertThat(m.isMimeType("multipart/alternative")).isTrue();
        assertThat(SmtpReceiver.part(m, "text/plain"))
                .contains("The scheduled task \"" + name + "\" failed.")
                .contains("Status:   ERROR")
                .contains("Duration: 3 min 05 s")
                .contains("Report <Monthly> could not be written.");
        assertThat(SmtpReceiver.part(m, "text/html"))
                .contains("Scheduled task: " + name)
                .contains("Report &lt;Monthly&gt; could not be written.");
        await().atMost(ARRIVAL).until(() -> BrokerQueues.depth(QUEUE) == 0);
    }

    @Test
    void anSmtpOutageDelaysMailAndLosesNone() throws Exception {
        smtp.stop();
        double failuresBefore = counter("ream.mail.failed");
        String batch = "Outage " + UUID.randomUUID();
        int count = 5;
        for (int i = 1; i <= count; i++) {
            mailQueue.send(new Mail(List.of("admin@example.com"), batch + " #" + i, "generic", Map.of("text", "Mail " + i + " of " + count)));
        }

        // The mails are tried and refused, again and again, while the server is away.
        await().atMost(ARRIVAL).until(() -> counter("ream.mail.failed") >= failuresBefore + 2 * count);
        assertThat(BrokerQueues.depth(QUEUE)).isGreaterThanOrEqualTo(count);

        smtp.start();
        await().atMost(ARRIVAL).until(() -> smtp.receivedWithSubjectStarting(batch).size() >= count);
        // None lost, none twice, and it stays so once the queue is empty.
        await().during(Duration.ofSeconds(2)).atMost(ARRIVAL)
                .until(() -> smtp.receivedWithSubjectStarting(batch).size() == count && BrokerQueues.depth(QUEUE) == 0);
        assertThat(smtp.receivedWithSubjectStarting(batch)).extracting(SmtpReceiver::subject)
                .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, count).mapToObj(i -> batch + " #" + i).toList());
        assertThat(BrokerQueues.count(DLQ, "ReamMailSubject LIKE '" + batch + "%'")).isZero();
    }

    @Test
    void aSettingsChangeAppliesToTheNextAttemptWithoutRestart() throws Exception {
        Map<String, String> wrong = new LinkedHashMap<>(smtp.settings(SmtpSecurity.PREFER_STARTTLS, true));
        wrong.put("smtp.port", Integer.toString(SmtpReceiver.freePort()));
        settings.write(wrong, Actor.SYSTEM, "SMTP server of the test", "smtp");
        double failuresBefore = counter("ream.mail.failed");
        String subject = "Moved server " + UUID.randomUUID();
        mailQueue.send(new Mail(List.of("admin@example.com"), subject, "generic", Map.of("text", "hello")));
        await().atMost(ARRIVAL).until(() -> counter("ream.mail.failed") > failuresBefore);

        useServer(smtp, SmtpSecurity.PREFER_STARTTLS, true);
        await().atMost(ARRIVAL).until(() -> smtp.receivedWithSubjectStarting(subject).size() == 1);
    }

    @Test
    void aMailThatNeverGoesOutWaitsInTheDeadLetterQueue() throws Exception {
        BrokerQueues.overrideRedelivery(QUEUE, 100, 3);
        assertThat(BrokerQueues.addressSettings(QUEUE)).contains("\"maxDeliveryAttempts\":3").contains("\"deadLetterAddress\":\"DLA\"");
        smtp.stop();
        double failuresBefore = counter("ream.mail.failed");
        double deadBefore = counter("ream.mail.dead-lettered");
        String subject = "Never " + UUID.randomUUID();
        String filter = "ReamMailSubject = '" + subject + "'";
        mailQueue.send(new Mail(List.of("admin@example.com"), subject, "generic", Map.of("text", "nobody will read this")));
        try {
            await().atMost(ARRIVAL).until(() -> BrokerQueues.count(DLQ, filter) == 1);
            assertThat(BrokerQueues.count(QUEUE, filter)).isZero();
            assertThat(counter("ream.mail.failed") - failuresBefore).isGreaterThanOrEqualTo(3);
            assertThat(counter("ream.mail.dead-lettered") - deadBefore).isGreaterThanOrEqualTo(1);
        } finally {
            BrokerQueues.remove(DLQ, filter);
        }
    }

    @Test
    void implicitTlsWithoutCertificateValidation() throws Exception {
        SmtpReceiver smtps = SmtpReceiver.smtps().start();
        try {
            useServer(smtps, SmtpSecurity.IMPLICIT_TLS, false);
            String subject = "Over TLS " + UUID.randomUUID();
            mailQueue.send(new Mail(List.of("admin@example.com"), subject, "generic", Map.of("text", "encrypted")));
            await().atMost(ARRIVAL).until(() -> smtps.receivedWithSubjectStarting(subject).size() == 1);
        } finally {
            smtps.stop();
        }
    }

    @Test
    void whatCouldNeverBeSentIsRefusedAtOnce() throws Exception {
        long before = BrokerQueues.depth(QUEUE);
        assertThatThrownBy(() -> mailQueue.send(new Mail(List.of("admin"), "s", "generic", Map.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'admin' is not an email address");
        assertThatThrownBy(() -> mailQueue.send(new Mail(List.of(" ; "), "s", "generic", Map.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one recipient");
        assertThatThrownBy(() -> mailQueue.send(new Mail(List.of("a@example.com"), "s", "no-such-template", Map.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'no-such-template' is not a mail template");
        assertThat(BrokerQueues.depth(QUEUE)).isEqualTo(before);
    }
}
