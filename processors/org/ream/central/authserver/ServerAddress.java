package org.ream.central.authserver;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One "host[:port]" entry of a server's address list; IPv6 literals in brackets. */
public record ServerAddress(String host, int port) {

    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9_.-]{0,251}[A-Za-z0-9])?");
    private static final Pattern BRACKETED = Pattern.compile("\\[([0-9A-Fa-f:.]+)](?::(\\d{1,5}))?");

    /** Parses an entry; {@code defaultPort} applies when none is written. */
    public static ServerAddress parse(String field, String text, int defaultPort) {
        String s = text == null ? "" : text.strip();
        if (s.isEmpty()) {
            throw new InvalidServerSettings(field, "an address is empty");
        }
        String host;
        String port = null;
        Matcher b = BRACKETED.matcher(s);
        if (b.matches()) {
            host = b.group(1);
            port = b.group(2);
        } else {
            int colon = s.indexOf(':');
            if (colon >= 0 && s.indexOf(':', colon + 1) < 0) {
                host = s.substring(0, colon);
                port = s.substring(colon + 1);
            } else if (colon >= 0) {
                throw new InvalidServerSettings(field, "write IPv6 addresses in brackets, e.g. [::1]:389, not " + s);
            } else {
                host = s;
            }
            if (!HOST.matcher(host).matches()) {
                throw new InvalidServerSettings(field, "is not a host name or IP address: " + host);
            }
        }
        int p = defaultPort;
        if (port != null) {
            try {
                p = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                throw new InvalidServerSettings(field, "port must be a number in " + s);
            }
        }
        if (p < 1 || p > 65535) {
            throw new InvalidServerSettings(field, "port must be between 1 and 65535 in " + s);
        }
        return new ServerAddress(host, p);
    }

    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
