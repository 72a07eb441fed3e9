package org.ream.central.mail;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ream.central.notification.SmtpSecurity;

/**
 * A real SMTP server (GreenMail) on 127.0.0.1 and a port of its own that it keeps across
 * stop and start, so a test can take the mail server away and bring it back.
 */
public final class SmtpReceiver {

    public static final String SENDER = "ream@example.org";
    static final String USER = "ream";
    static final String PASSWORD = "s3cret";

    final int port;
    private final String protocol;
    private GreenMail server;

    private SmtpReceiver(String protocol) {
        this.protocol = protocol;
        this.port = freePort();
    }

    public static SmtpReceiver smtp() {
        return new SmtpReceiver(ServerSetup.PROTOCOL_SMTP);
    }

    /** Implicit TLS with GreenMail's own self-signed certificate. */
    static SmtpReceiver smtps() {
        return new SmtpReceiver(ServerSetup.PROTOCOL_SMTPS);
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public SmtpReceiver start() {
        server = new GreenMail(new ServerSetup(port, "127.0.0.1", protocol));
        server.withConfiguration(GreenMailConfiguration.aConfig().withUser(SENDER, USER, PASSWORD));
        server.start();
        return this;
    }

    public void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    public List<MimeMessage> received() {
        return server == null ? List.of() : Arrays.asList(server.getReceivedMessages());
    }

    public List<MimeMessage> receivedWithSubjectStarting(String prefix) {
        return received().stream().filter(m -> subject(m).startsWith(prefix)).toList();
    }

    /** The smtp.* settings that point Ream Central at this server, logging in as USER. */
    public Map<String, String> settings(SmtpSecurity security, boolean validateCertificate) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("smtp.host", "127.0.0.1");
        s.put("smtp.port", Integer.toString(port));
        s.put("smtp.security", security.name());
        s.put("smtp.validateCertificate", Boolean.toString(validateCertificate));
        s.put("smtp.user", USER);
        s.put("smtp.password", PASSWORD);
        s.put("smtp.sender", SENDER);
        return s;
    }

    public static String subject(MimeMessage m) {
        try {
            return String.valueOf(m.getSubject());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The body part of the given type (text/plain, text/html) of a multipart/alternative mail. */
    public static String part(MimeMessage m, String type) {
        try {
            Multipart alternative = (Multipart) m.getContent();
            for (int i = 0; i < alternative.getCount(); i++) {
                BodyPart p = alternative.getBodyPart(i);
                if (p.isMimeType(type)) {
                    return p.getContent().toString();
                }
            }
            throw new AssertionError("no " + type + " part in " + m.getContentType());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
