package org.ream.central.mail;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.StringWriter;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import org.apache.velocity.Template;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.app.VelocityEngine;
import org.apache.velocity.app.event.EventCartridge;
import org.apache.velocity.app.event.ReferenceInsertionEventHandler;
import org.apache.velocity.context.Context;
import org.apache.velocity.exception.VelocityException;
import org.apache.velocity.runtime.Renderable;
import org.apache.velocity.runtime.resource.loader.ClasspathResourceLoader;
import org.ream.central.notification.MailFormat;
import org.ream.central.notification.Recipients;
import org.ream.central.settings.SettingsStore;

/**
 * Renders a mail from its Velocity template (resources/templates/mail, classpath
 * ream/templates/mail) into a plain-text and an HTML body. Each template is merged twice with
 * the same model; in the HTML pass every inserted value is HTML-escaped unless it is markup
 * the template made on purpose ($htmlBody, $fmt.paragraphs(...)).
 */
@ApplicationScoped
@Named("mailRenderer")
public class MailRenderer {

    static final String FOLDER = "ream/templates/mail/";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final String DEFAULT_SUBJECT = "Ream Central";
    /** The frame the mail templates #parse, not a mail of its own. */
    private static final String LAYOUT = "layout";

    @Inject
    SettingsStore settings;

    // One engine for the class (it caches parsed templates), not one per CDI proxy.
    private static final VelocityEngine ENGINE = newEngine();

    private final VelocityEngine engine = ENGINE;

    private static VelocityEngine newEngine() {
        Properties p = new Properties();
        p.setProperty("resource.loaders", "class");
        p.setProperty("resource.loader.class.class", ClasspathResourceLoader.class.getName());
        p.setProperty("resource.loader.class.cache", "true");
        p.setProperty("resource.default_encoding", "UTF-8");
        VelocityEngine e = new VelocityEngine(p);
        e.init();
        return e;
    }

    /** Whether a template of that name exists (checked when a mail is queued, not an hour later). */
    public boolean exists(String template) {
        return template != null && NAME.matcher(template).matches() && !LAYOUT.equals(template)
                && engine.resourceExists(FOLDER + template + ".vm");
    }

    /** Step of the mail-send route: times in the general settings' time zone. */
    public RenderedMail render(Mail mail) {
        return renderIn(mail, settings.timeZone());
    }

    public RenderedMail renderIn(Mail mail, ZoneId zone) {
        if (!exists(mail.template())) {
            throw new MailRejected("There is no mail template '" + mail.template() + "' (" + FOLDER + ")", null);
        }
        List<String> to;
        try {
            to = Recipients.required(mail.to());
        } catch (IllegalArgumentException e) {
            throw new MailRejected("The mail has no valid recipient: " + e.getMessage(), e);
        }
        try {
            Template template = engine.getTemplate(FOLDER + mail.template() + ".vm", "UTF-8");
            VelocityContext text = context(mail, zone, "text");
            String textBody = merge(template, text);
            Object s = text.get("subject");
            String subject = s == null || s.toString().isBlank() ? DEFAULT_SUBJECT : s.toString().strip().replaceAll("\\s+", " ");

            VelocityContext html = context(mail, zone, "html");
            html.put("subject", subject);
            EventCartridge escaping = new EventCartridge();
            escaping.addEventHandler(new HtmlEscaping());
            escaping.attachToContext(html);
            String htmlBody = merge(template, html);
            return new RenderedMail(to, subject, textBody, htmlBody, mail.template());
        } catch (VelocityException e) {
            throw new MailRejected("The mail template '" + mail.template() + "' failed: " + e.getMessage(), e);
        }
    }

    private static VelocityContext context(Mail mail, ZoneId zone, String format) {
        VelocityContext ctx = new VelocityContext();
        if (mail.model() != null) {
            for (Map.Entry<String, Object> e : mail.model().entrySet()) {
                ctx.put(e.getKey(), e.getValue());
            }
        }
        if (mail.subject() != null && !mail.subject().isBlank()) {
            ctx.put("subject", mail.subject().strip());
        }
        ctx.put("format", format);
        ctx.put("fmt", new MailFormat(zone));
        return ctx;
    }

    private static String merge(Template template, VelocityContext ctx) {
        StringWriter out = new StringWriter();
        template.merge(ctx, out);
        return out.toString().strip() + "\n";
    }

    private static final class HtmlEscaping implements ReferenceInsertionEventHandler {
        @Override
        public Object referenceInsert(Context context, String reference, Object value) {
            if (value == null || value instanceof Renderable || value instanceof MailFormat.Html) {
                return value;
            }
            return MailFormat.escapeHtml(value.toString());
        }
    }
}
