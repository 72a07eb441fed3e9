package org.ream.central.mail;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ream.central.logging.SystemLog;
import org.ream.central.notification.Recipients;
import org.ream.central.notification.SmtpFailure;
import org.ream.central.notification.SmtpServer;
import org.ream.central.security.CurrentUser;
import org.ream.central.security.RequiresRight;
import org.ream.central.security.Right;
import org.ream.central.settings.SettingDef;
import org.ream.central.settings.SettingValidator;
import org.ream.central.settings.SettingsCatalog;
import org.ream.central.settings.SettingsStore;
import org.ream.central.settings.ValidationException;

/**
 * The Test button of the outgoing SMTP server page (manual 6.4.3): connects, logs in if a
 * user is set, and sends a test mail right away, not through the queue, so the administrator
 * reads the server's answer on the page. The page may send the values it shows before they
 * are saved ("settings"); missing ones, and a password left as the placeholder, are the saved ones.
 */
@Path("/api/settings/smtp/test")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SmtpTestResource {

    public record SmtpTestRequest(String recipient, Map<String, String> settings) {
    }

    @Inject
    SettingsStore store;

    @Inject
    SmtpSender sender;

    @Inject
    MailRenderer renderer;

    @Inject
    SystemLog systemLog;

    @Inject
    CurrentUser current;

    @POST
    @RequiresRight(Right.MANAGE_SETTINGS)
    public Response test(SmtpTestRequest request) {
        if (request == null) {
            throw new ValidationException("recipient", "is required");
        }
        List<String> recipients;
        try {
            recipients = Recipients.required(request.recipient() == null ? List.of() : List.of(request.recipient()));
        } catch (IllegalArgumentException e) {
            throw new ValidationException("recipient", e.getMessage());
        }
        SmtpServer server = server(request.settings());
        Mail mail = new Mail(recipients, null, "test", Map.of("server", server.describe(), "sentAt", Instant.now().toString()));
        try {
            sender.deliver(server, renderer.render(mail));
        } catch (Exception e) {
            String answer = SmtpFailure.describe(e);
            systemLog.warning(SmtpSender.SUBSYSTEM, SmtpSender.CONTEXT, "SMTP test by " + current.actor().username() + " through "
                    + server.describe() + " failed: " + answer);
            return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON).entity(Map.of("error", answer)).build();
        }
        systemLog.info(SmtpSender.SUBSYSTEM, SmtpSender.CONTEXT, "SMTP test by " + current.actor().username() + ": test email sent to "
                + String.join(", ", recipients) + " through " + server.describe());
        return Response.ok(Map.of("ok", true)).build();
    }

    private SmtpServer server(Map<String, String> submitted) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        List<SettingDef> defs = SettingsCatalog.section("smtp").orElseThrow();
        for (SettingDef d : defs) {
            values.put(d.key(), store.get(d.key()));
        }
        if (submitted != null) {
            for (Map.Entry<String, String> e : submitted.entrySet()) {
                SettingDef def = defs.stream().filter(d -> d.key().equals(e.getKey())).findFirst().orElse(null);
                if (def == null) {
                    errors.put(e.getKey(), "is not a setting of the page 'smtp'");
                } else if (!(def.secret() && SettingsStore.SECRET_SET.equals(e.getValue()))) {
                    try {
                        values.put(def.key(), SettingValidator.normalise(def, e.getValue()));
                    } catch (IllegalArgumentException ex) {
                        errors.put(def.key(), ex.getMessage());
                    }
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException("Test not run: " + errors.size() + " field(s) need attention", errors);
        }
        return SmtpServer.of(values::get);
    }
}
