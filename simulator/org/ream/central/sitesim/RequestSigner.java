package org.ream.central.sitesim;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Signs what a site sends (docs/site-protocol.md, "Identity and signing"): the headers of a
 * request to the central server and the {@code signature} property of a pushed payload. The
 * protocol's signing code belongs to the sites feature; until it is merged the simulator only
 * names its site, so a central server that checks signatures refuses it with 401.
 */
public interface RequestSigner {

    // TODO: plug in the protocol's key derivation and HMAC (replication.payload.SiteKeys) once merged.
    RequestSigner UNSIGNED = new RequestSigner() {
        @Override
        public Map<String, String> headers(String site, String method, String pathAndQuery, byte[] body) {
            return Map.of("X-Ream-Site", URLEncoder.encode(site, StandardCharsets.UTF_8).replace("+", "%20"));
        }

        @Override
        public String bodySignature(String site, byte[] body) {
            return null;
        }
    };

    /** The X-Ream-* headers of a request. */
    Map<String, String> headers(String site, String method, String pathAndQuery, byte[] body);

    /** The signature of a pushed payload, or null when unsigned. */
    String bodySignature(String site, byte[] body);
}
