package org.ream.central.authserver;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An Azure AD (Entra ID) server (manual 6.6.2) for "Sign in with Microsoft": tenant, the
 * application's client id and secret, and the authority (login.microsoftonline.com unless a
 * national cloud or a test stub is used).
 */
public record AzureSettings(String tenantId, String clientId, String clientSecret, String authority, boolean signInWithMicrosoft) {

    public static final String DEFAULT_AUTHORITY = "https://login.microsoftonline.com";
    public static final List<String> SECRETS = List.of("clientSecret");
    private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,253}");

    public static AzureSettings from(Map<String, ?> m) {
        String tenant = Settings.required(m, "tenantId");
        if (!TENANT.matcher(tenant).matches()) {
            throw new InvalidServerSettings("tenantId", "must be a tenant id (GUID) or domain, not " + tenant);
        }
        String clientId = Settings.required(m, "clientId");
        String secret = Settings.secret(m, "clientSecret", 1000);
        if (secret.isEmpty()) {
            throw new InvalidServerSettings("clientSecret", "is required");
        }
        String authority = Settings.text(m, "authority");
        if (authority.isEmpty()) {
            authority = DEFAULT_AUTHORITY;
        }
        try {
            URI u = new URI(authority);
            if (!("https".equals(u.getScheme()) || "http".equals(u.getScheme())) || u.getHost() == null) {
                throw new InvalidServerSettings("authority", "must be an http(s) URL such as " + DEFAULT_AUTHORITY);
            }
        } catch (URISyntaxException e) {
            throw new InvalidServerSettings("authority", "must be an http(s) URL such as " + DEFAULT_AUTHORITY);
        }
        while (authority.endsWith("/")) {
            authority = authority.substring(0, authority.length() - 1);
        }
        return new AzureSettings(tenant, clientId, secret, authority, Settings.bool(m, "signInWithMicrosoft", true));
    }

    /** Where the OpenID Connect discovery document of the tenant lives (v2.0 endpoints). */
    public String discoveryUrl() {
        return authority + "/" + tenantId + "/v2.0/.well-known/openid-configuration";
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tenantId", tenantId);
        m.put("clientId", clientId);
        m.put("clientSecret", clientSecret);
        m.put("authority", authority);
        m.put("signInWithMicrosoft", signInWithMicrosoft);
        return m;
    }
}
