package org.ream.central.pins;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.ream.central.mail.Mail;
import org.ream.central.mail.MailQueue;
import org.ream.central.settings.SettingsStore;
import org.ream.central.usersettings.MailTemplateText;

/** The PIN mails of the user settings (8.8), from the texts the administrator edits there. */
@ApplicationScoped
public class PinMails {

    static final String TEMPLATE = "pin";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    @Inject
    SettingsStore settings;

    @Inject
    MailQueue queue;

    /** Queues the "new PIN" mail; the PIN travels in the queued mail only, never in the database. */
    public void sendNewPin(String email, String username, String fullName, String pin, Instant validUntil) {
        Map<String, String> values = Map.of(
                "pin", pin,
                "validity", validUntil == null ? "no time limit" : WHEN.format(validUntil.atZone(settings.timeZone())),
                "username", username,
                "realname", fullName == null || fullName.isBlank() ? username : fullName,
                "admin", settings.get("general.adminEmail"));
        send(email, "pin.mailSubject", "pin.mailMessage", values);
    }

    /** Queues the "PIN reset code" mail. */
    public void sendResetCode(String email, String username, String fullName, String code) {
        Map<String, String> values = Map.of(
                "code", code,
                "username", username,
                "realname", fullName == null || fullName.isBlank() ? username : fullName,
                "admin", settings.get("general.adminEmail"));
        send(email, "pin.resetMailSubject", "pin.resetMailMessage", values);
    }

    private void send(String email, String subjectKey, String messageKey, Map<String, String> values) {
        String subject = MailTemplateText.fill(settings.get(subjectKey), values);
        String text = MailTemplateText.fill(settings.get(messageKey), values);
        queue.send(new Mail(List.of(email), subject, TEMPLATE, Map.of("text", text)));
    }
}
