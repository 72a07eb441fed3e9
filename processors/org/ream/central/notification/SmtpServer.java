package org.ream.central.notification;

import java.time.Duration;
import java.util.Locale;
import java.util.Properties;
import java.util.function.UnaryOperator;

/**
 * The outgoing SMTP server as configured on the settings page (manual 6.4.3), and the
 * Jakarta Mail session properties that make a connection behave as the page says.
 */
public record SmtpServer(String host, int port, SmtpSecurity security, boolean validateCertificate, String user, String password,
        String sender) {

    public SmtpServer {
        host = host == null ? "" : host.strip();
        user = user == null ? "" : user.strip();
        password = password == null ? "" : password;
        sender = sender == null ? "" : sender.strip();
        security = security == null ? SmtpSecurity.PREFER_STARTTLS : security;
    }

    /** Reads the smtp.* settings through the given lookup (key to stored value). */
    public static SmtpServer of(UnaryOperator<String> setting) {
        String port = setting.apply("smtp.port");
        String security = setting.apply("smtp.security");
        return new SmtpServer(setting.apply("smtp.host"),
                port == null || port.isBlank() ? 25 : Integer.parseInt(port.strip()),
                security == null || security.isBlank() ? SmtpSecurity.PREFER_STARTTLS : SmtpSecurity.valueOf(security.strip().toUpperCase(Locale.ROOT)),
                !"false".equalsIgnoreCase(String.valueOf(setting.apply("smtp.validateCertificate")).strip()),
                setting.apply("smtp.user"), setting.apply("smtp.password"), setting.apply("smtp.sender"));
    }

    /** Jakarta Mail transport name: implicit TLS is the "smtps" transport. */
    public String protocol() {
        return security == SmtpSecurity.IMPLICIT_TLS ? "smtps" : "smtp";
    }

    public boolean authenticates() {
        return !user.isEmpty();
    }

    /** What is missing before a mail can be sent, or null when the server is usable. */
    public String problem() {
        if (host.isEmpty()) {
            return "No outgoing SMTP server is set (Settings > Network > Outgoing SMTP server)";
        }
        if (sender.isEmpty()) {
            return "No sender address is set for the outgoing SMTP server (Settings > Network > Outgoing SMTP server)";
        }
        if (!Recipients.isAddress(sender)) {
            return "The sender address '" + sender + "' is not an email address";
        }
        return null;
    }

    /** "host:port (security)", for log lines; never the password. */
    public String describe() {
        return host + ":" + port + " (" + security.name().toLowerCase(Locale.ROOT).replace('_', ' ') + ")";
    }

    /**
     * Session properties for this server. Timeouts bound every connect, read and write so a
     * silent server fails the attempt (and the queue retries) instead of holding a consumer.
     */
    public Properties sessionProperties(Duration connectTimeout, Duration readTimeout) {
        String p = "mail." + protocol() + ".";
        Properties props = new Properties();
        props.setProperty("mail.transport.protocol", protocol());
        props.setProperty(p + "host", host);
        props.setProperty(p + "port", Integer.toString(port));
        props.setProperty(p + "from", sender);
        props.setProperty(p + "connectiontimeout", Long.toString(connectTimeout.toMillis()));
        props.setProperty(p + "timeout", Long.toString(readTimeout.toMillis()));
        props.setProperty(p + "writetimeout", Long.toString(readTimeout.toMillis()));
        props.setProperty(p + "auth", Boolean.toString(authenticates()));
        switch (security) {
            case PREFER_STARTTLS -> {
                props.setProperty(p + "starttls.enable", "true");
                props.setProperty(p + "starttls.required", "false");
            }
            case REQUIRE_STARTTLS -> {
                props.setProperty(p + "starttls.enable", "true");
                props.setProperty(p + "starttls.required", "true");
            }
            case IMPLICIT_TLS -> props.setProperty(p + "ssl.enable", "true");
        }
        if (validateCertificate) {
            // Default trust store, and the certificate must name the host we connected to.
            props.setProperty(p + "ssl.checkserveridentity", "true");
        } else {
            // "Validate certificate" off: any certificate, any name (self-signed internal relays).
            props.setProperty(p + "ssl.trust", "*");
            props.setProperty(p + "ssl.checkserveridentity", "false");
        }
        return props;
    }
}
