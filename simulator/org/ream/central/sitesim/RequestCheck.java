package org.ream.central.sitesim;

import com.sun.net.httpserver.HttpExchange;

/**
 * Decides whether a request from the central server is accepted (docs/site-protocol.md,
 * "Identity and signing").
 */
@FunctionalInterface
public interface RequestCheck {

    /** Accepts every request (tests of the simulator alone). */
    RequestCheck ACCEPT_ALL = exchange -> null;

    /**
     * Accepts only requests signed for {@code site} with the communication password, as a real
     * site does (timestamp window and replay memory included).
     */
    static RequestCheck signedFor(String site, String password) {
        org.ream.central.sites.SiteSignature signature = new org.ream.central.sites.SiteSignature(java.time.Clock.systemUTC());
        byte[] key = signature.key(site, password);
        return new RequestCheck() {
            @Override
            public byte[] payloadKey() {
                return key;
            }

            @Override
            public String refusal(HttpExchange exchange) {
                return check(exchange);
            }

            private String check(HttpExchange exchange) {
            var h = exchange.getRequestHeaders();
            String named = org.ream.central.sites.SiteSignature.siteName(h.getFirst(org.ream.central.sites.SiteSignature.SITE_HEADER));
            if (!site.equals(named)) {
                return "request for site '" + named + "', this is '" + site + "'";
            }
            String pathAndQuery = exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
            return signature.refusal(site, password, exchange.getRequestMethod(), pathAndQuery, h.getFirst(org.ream.central.sites.SiteSignature.TIMESTAMP_HEADER),
                    h.getFirst(org.ream.central.sites.SiteSignature.NONCE_HEADER), h.getFirst(org.ream.central.sites.SiteSignature.SIGNATURE_HEADER), new byte[0])
                    .orElse(null);
            }
        };
    }

    /** The site's key to sign the payloads it serves (the trailer's signature), or null to leave them unsigned. */
    default byte[] payloadKey() {
        return null;
    }

    /** Why the request is refused (answered 401), or null when it is accepted. */
    String refusal(HttpExchange exchange);
}
