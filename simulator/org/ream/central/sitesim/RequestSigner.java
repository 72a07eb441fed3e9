package org.ream.central.sitesim;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Signs what a site sends (docs/site-protocol.md, "Identity and signing"): the headers of a
 * request to the central server and the {@code signature} property of a pushed payload. The
 * protocol's key derivation and HMAC are the central server's own ({@code sites.SiteSignature},
 * {@code replication.payload.SiteKeys}).
 */
public interface RequestSigner {

    /** Signs with the communication password, as a real site does. */
    static RequestSigner withPassword(String password) {
        org.ream.central.sites.SiteSignature signature = new org.ream.central.sites.SiteSignature(java.time.Clock.systemUTC());
        return new RequestSigner() {
            @Override
            public Map<String, String> headers(String site, String method, String pathAndQuery, byte[] body) {
                return signature.headers(site, password, method, pathAndQuery, body);
            }

            @Override
            public String bodySignature(String site, byte[] body) {
                return org.ream.central.replication.payload.SiteKeys.signBody(signature.key(site, password), body);
            }

            @Override
            public String brokerToken(String site) {
                return org.ream.central.replication.payload.SiteKeys.brokerToken(signature.key(site, password));
            }

            @Override
            public byte[] payloadKey(String site) {
                return signature.key(site, password);
            }
        };
    }

    /** Names the site without signing (tests of the simulator alone; a central server refuses it with 401). */
    RequestSigner UNSIGNED = new RequestSigner() {
        @Override
        public Map<String, String> headers(String site, String method, String pathAndQuery, byte[] body) {
            return Map.of("X-Ream-Site", URLEncoder.encode(site, StandardCharsets.UTF_8).replace("+", "%20"));
        }

        @Override
        public String bodySignature(String site, byte[] body) {
            return null;
        }

        @Override
        public String brokerToken(String site) {
            return null;
        }
    };

    /** The site's key to sign its payloads' trailers, or null when unsigned. */
    default byte[] payloadKey(String site) {
        return null;
    }

    /** The X-Ream-* headers of a request. */
    Map<String, String> headers(String site, String method, String pathAndQuery, byte[] body);

    /** The signature of a pushed payload, or null when unsigned. */
    String bodySignature(String site, byte[] body);

    /** The password of the site on the central server's broker (its user is the site name), or null when unsigned. */
    String brokerToken(String site);
}
