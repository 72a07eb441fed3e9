package org.ream.central.notification;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns a failed SMTP exchange into the one line an administrator needs: the server's own
 * answer where there is one ("535 5.7.8 Authentication credentials invalid"), else what
 * went wrong on the way (refused connection, untrusted certificate...).
 */
public final class SmtpFailure {

    private static final int MAX_LENGTH = 1000;

    private SmtpFailure() {
    }

    public static String describe(Throwable failure) {
        List<String> parts = new ArrayList<>();
        boolean certificate = false;
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 6; t = t.getCause() == t ? null : t.getCause(), depth++) {
            String m = t.getMessage() == null ? "" : t.getMessage().replaceAll("\\s+", " ").strip();
            String lower = (t.getClass().getName() + " " + m).toLowerCase(Locale.ROOT);
            certificate |= lower.contains("certpath") || lower.contains("certificate") || lower.contains("pkix");
            if (m.isEmpty()) {
                m = t.getClass().getSimpleName();
            }
            String current = m;
            // Causes are often repeated inside their wrapper's message: keep each fact once.
            if (parts.stream().noneMatch(p -> p.contains(current))) {
                parts.add(current);
            }
        }
        String text = parts.isEmpty() ? "unknown error" : String.join(": ", parts);
        if (certificate) {
            text += " (the server's certificate is not trusted: install a certificate from a trusted authority on the SMTP server, or turn off Validate certificate)";
        }
        return text.length() > MAX_LENGTH ? text.substring(0, MAX_LENGTH) + "..." : text;
    }
}
