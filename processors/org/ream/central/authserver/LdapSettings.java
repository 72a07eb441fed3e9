package org.ream.central.authserver;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An LDAP authentication server (manual 6.6.1): domain, type, security, addresses tried in
 * order (none: domain controllers discovered through DNS SRV), the search account for types
 * that look users up before binding, and the client certificate Google Workspace requires.
 */
public record LdapSettings(String domain, LdapType type, LdapSecurity security, List<ServerAddress> addresses, String baseDn,
        String bindUser, String bindPassword, String clientCertificate, String clientKey, String trustedCertificate,
        boolean validateCertificate, int timeoutSeconds) {

    public enum LdapType { ACTIVE_DIRECTORY, NOVELL, OPENLDAP, LOTUS_DOMINO, GOOGLE_WORKSPACE }

    public enum LdapSecurity { NONE, STARTTLS, SSL }

    /** Fields never returned by the API and stored encrypted. */
    public static final List<String> SECRETS = List.of("bindPassword", "clientKey");

    private static final Pattern DOMAIN = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*");

    public static LdapSettings from(Map<String, ?> m) {
        String domain = Settings.required(m, "domain");
        if (!DOMAIN.matcher(domain).matches() || domain.length() > 253) {
            throw new InvalidServerSettings("domain", "is not a domain name: " + domain);
        }
        LdapType type = Settings.choice(m, "type", LdapType.class, null);
        LdapSecurity security = Settings.choice(m, "security", LdapSecurity.class, type == LdapType.GOOGLE_WORKSPACE ? LdapSecurity.SSL : null);
        if (type == LdapType.ACTIVE_DIRECTORY && security == LdapSecurity.NONE) {
            // The manual asks for SSL with Active Directory; StartTLS protects the password as well.
            throw new InvalidServerSettings("security", "Active Directory needs SSL (port 636) or StartTLS: passwords must not cross the network in clear");
        }
        int port = security == LdapSecurity.SSL ? 636 : 389;
        List<ServerAddress> addresses = new ArrayList<>();
        for (String a : Settings.list(m, "addresses")) {
            addresses.add(ServerAddress.parse("addresses", a, port));
        }
        String bindUser = Settings.text(m, "bindUser");
        String bindPassword = Settings.secret(m, "bindPassword", 1000);
        if (!bindUser.isEmpty() && bindPassword.isEmpty()) {
            throw new InvalidServerSettings("bindPassword", "is required with a bind user");
        }
        String cert = Settings.text(m, "clientCertificate");
        String key = Settings.text(m, "clientKey");
        Settings.pem("clientCertificate", cert, "certificate");
        Settings.pem("clientKey", key, "private key");
        String trusted = Settings.text(m, "trustedCertificate");
        Settings.pem("trustedCertificate", trusted, "certificate");
        if (type == LdapType.GOOGLE_WORKSPACE) {
            if (cert.isEmpty()) {
                throw new InvalidServerSettings("clientCertificate", "is required for Google Workspace (secure LDAP)");
            }
            if (key.isEmpty()) {
                throw new InvalidServerSettings("clientKey", "is required for Google Workspace (secure LDAP)");
            }
            if (security == LdapSecurity.NONE) {
                throw new InvalidServerSettings("security", "Google Workspace secure LDAP needs SSL or StartTLS");
            }
            if (addresses.isEmpty()) {
                addresses.add(new ServerAddress("ldap.google.com", port));
            }
        } else if (cert.isEmpty() != key.isEmpty()) {
            throw new InvalidServerSettings(cert.isEmpty() ? "clientCertificate" : "clientKey", "client certificate and key go together");
        }
        String baseDn = Settings.text(m, "baseDn");
        return new LdapSettings(domain.toLowerCase(Locale.ROOT), type, security, List.copyOf(addresses), baseDn.isEmpty() ? baseDnOf(domain) : baseDn,
                bindUser, bindPassword, cert, key, trusted, Settings.bool(m, "validateCertificate", true),
                Settings.integer(m, "timeoutSeconds", 5, 1, 60));
    }

    /** dc=example,dc=com for example.com. */
    public static String baseDnOf(String domain) {
        StringBuilder sb = new StringBuilder();
        for (String part : domain.toLowerCase(Locale.ROOT).split("\\.")) {
            sb.append(sb.isEmpty() ? "" : ",").append("dc=").append(part);
        }
        return sb.toString();
    }

    public int defaultPort() {
        return security == LdapSecurity.SSL ? 636 : 389;
    }

    /** No address given: the domain controllers are found through DNS (Auto-discover in the manual). */
    public boolean autoDiscover() {
        return addresses.isEmpty();
    }

    /** Active Directory binds the user directly as user@domain; the others look the DN up first. */
    public boolean bindsDirectly() {
        return type == LdapType.ACTIVE_DIRECTORY;
    }

    /** The name Active Directory accepts in a bind: a UPN or DOMAIN\\user as given, else user@domain. */
    public String directBindName(String username) {
        return username.contains("@") || username.contains("\\") ? username : username + "@" + domain;
    }

    /** The attribute(s) a user name is matched against when searching, by directory type. */
    public String userFilterAttribute() {
        return switch (type) {
            case ACTIVE_DIRECTORY -> "sAMAccountName";
            case NOVELL, LOTUS_DOMINO -> "cn";
            case OPENLDAP, GOOGLE_WORKSPACE -> "uid";
        };
    }

    /** The settings as stored and shown (secrets included: the caller strips or encrypts them). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("domain", domain);
        m.put("type", type.name());
        m.put("security", security.name());
        m.put("addresses", addresses.stream().map(ServerAddress::toString).toList());
        m.put("baseDn", baseDn);
        m.put("bindUser", bindUser);
        m.put("bindPassword", bindPassword);
        m.put("clientCertificate", clientCertificate);
        m.put("clientKey", clientKey);
        m.put("trustedCertificate", trustedCertificate);
        m.put("validateCertificate", validateCertificate);
        m.put("timeoutSeconds", timeoutSeconds);
        return m;
    }
}
