package org.ream.central.mail;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import org.ream.central.logging.SystemLog;
import org.ream.central.notification.SmtpServer;
import org.ream.central.settings.SettingsStore;

/**
 * Hands a rendered mail to the outgoing SMTP server. The server, its security and its
 * credentials are read from the settings at every send, so a change on the settings page
 * applies to the next attempt without a restart.
 */
@ApplicationScoped
@Named("smtpSender")
public class SmtpSender {

    static final String SUBSYSTEM = "Mail";
    static final String CONTEXT = "Email sender";

    @Inject
    SettingsStore settings;

    @Inject
    MailConfig config;

    @Inject
    SystemLog systemLog;

    @Inject
    MeterRegistry meters;

    /** The server as the settings say now. */
    public SmtpServer currentServer() {
        return SmtpServer.of(settings::get);
    }

    /** Step of the mail-send route: a failure propagates so the queue transaction rolls back. */
    public void send(RenderedMail mail) throws MessagingException {
        SmtpServer server = currentServer();
        deliver(server, mail);
        meters.counter("ream.mail.sent").increment();
        systemLog.info(SUBSYSTEM, CONTEXT, "Email \"" + mail.subject() + "\" sent to " + String.join(", ", mail.to()) + " through " + server.describe());
    }

    /** Connects (with TLS and login as configured), sends, disconnects; throws what the server answered. */
    public void deliver(SmtpServer server, RenderedMail mail) throws MessagingException {
        String problem = server.problem();
        if (problem != null) {
            throw new MessagingException(problem);
        }
        Session session = Session.getInstance(server.sessionProperties(config.connectTimeout(), config.readTimeout()));
        MimeMessage message = message(session, server, mail);
        try (Transport transport = session.getTransport(server.protocol())) {
            transport.connect(server.host(), server.port(), server.authenticates() ? server.user() : null,
                    server.authenticates() ? server.password() : null);
            transport.sendMessage(message, message.getAllRecipients());
        }
    }

    private static MimeMessage message(Session session, SmtpServer server, RenderedMail mail) throws MessagingException {
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress(server.sender(), true));
        m.setRecipients(Message.RecipientType.TO, InternetAddress.parse(String.join(",", mail.to()), true));
        m.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
        m.setSentDate(new Date());
        // RFC 3834: tells mail servers and out-of-office responders that no human sent this.
        m.setHeader("Auto-Submitted", "auto-generated");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(mail.text(), StandardCharsets.UTF_8.name(), "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(mail.html(), StandardCharsets.UTF_8.name(), "html");
        // Readers show the last alternative they understand: plain text first, HTML last.
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        m.setContent(alternative);
        m.saveChanges();
        return m;
    }
}
