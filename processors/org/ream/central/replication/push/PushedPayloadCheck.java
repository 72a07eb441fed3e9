package org.ream.central.replication.push;

import java.io.ByteArrayInputStream;
import org.ream.central.replication.payload.PayloadException;
import org.ream.central.replication.payload.PayloadReader;
import org.ream.central.replication.payload.PayloadSummary;
import org.ream.central.replication.payload.SiteKeys;

/**
 * Whether a payload pushed to {@code replication.payloads} may be stored (docs/site-protocol.md,
 * "Push"): its {@code signature} property is the HMAC of the body with the site's key, the body
 * is a whole, valid payload, and its header names the site and batch of the message's
 * properties. The signature is checked first, so nothing unauthenticated is parsed.
 */
public final class PushedPayloadCheck {

    /** The payload read whole when accepted, else why it was refused. */
    public record Verdict(PayloadSummary summary, String refusal) {

        public boolean accepted() {
            return refusal == null;
        }

        static Verdict refused(String reason) {
            return new Verdict(null, reason);
        }
    }

    private PushedPayloadCheck() {
    }

    /**
     * @param site      the {@code site} property (the sender's name, already known to be a site)
     * @param batch     the {@code batch} property
     * @param signature the {@code signature} property
     * @param key       the site's key (SiteKeys.deriveKey of its communication password)
     * @param body      the message body
     */
    public static Verdict check(String site, String batch, String signature, byte[] key, byte[] body) {
        if (signature == null || signature.isBlank()) {
            return Verdict.refused("the message has no signature property");
        }
        if (body == null || body.length == 0) {
            return Verdict.refused("the message has no body");
        }
        if (!SiteKeys.verifyBody(key, body, signature)) {
            return Verdict.refused("the signature does not match the body (another communication password, or the body was changed)");
        }
        if (batch == null || batch.isBlank()) {
            return Verdict.refused("the message has no batch property");
        }
        PayloadSummary summary;
        try {
            summary = PayloadReader.verify(new ByteArrayInputStream(body));
        } catch (PayloadException e) {
            return Verdict.refused("the body is not a readable payload: " + e.getMessage());
        }
        if (!site.equals(summary.header().site())) {
            return Verdict.refused("the payload's header names site '" + summary.header().site() + "', the message site '" + site + "'");
        }
        if (!batch.equals(summary.header().batch())) {
            return Verdict.refused("the payload's header names batch '" + summary.header().batch() + "', the message batch '" + batch + "'");
        }
        return new Verdict(summary, null);
    }
}
