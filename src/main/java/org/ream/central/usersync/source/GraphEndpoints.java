package org.ream.central.usersync.source;

import java.net.URI;
import java.time.Duration;

/**
 * Where Microsoft Graph is and how patient to be with it. The token endpoint comes from the
 * Azure AD server's authority ({@code authority/tenant/oauth2/v2.0/token}).
 *
 * @param graphBase    e.g. https://graph.microsoft.com/v1.0 (a national cloud or a test stub otherwise)
 * @param scope        the scope of the app token; null: the origin of {@code graphBase} + "/.default"
 * @param timeout      longest wait for one answer
 * @param maxRetries   how often one request is repeated after 429, 503, 504 or a lost connection
 * @param maxRetryWait longest wait before a retry, whatever Retry-After asks
 */
public record GraphEndpoints(URI graphBase, String scope, Duration timeout, int maxRetries, Duration maxRetryWait) {

    public static final URI DEFAULT_GRAPH = URI.create("https://graph.microsoft.com/v1.0");

    public GraphEndpoints {
        String base = graphBase.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        graphBase = URI.create(base);
        if (scope == null || scope.isBlank()) {
            scope = graphBase.getScheme() + "://" + graphBase.getAuthority() + "/.default";
        }
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must not be negative");
        }
    }

    public static GraphEndpoints defaults() {
        return new GraphEndpoints(DEFAULT_GRAPH, null, Duration.ofSeconds(30), 5, Duration.ofSeconds(120));
    }
}
