package org.ream.central.sitesim;

import java.io.OutputStream;
import java.util.Set;
import java.util.List;

/** Writes one batch of a site, misbehaving as asked (the server, the queue and files share it). */
final class Payloads {

    private Payloads() {
    }

    static void write(ActivityGenerator site, int k, List<String> types, Misbehaviour m, OutputStream target) {
        write(site, k, types, m, target, null);
    }

    /** As above, the trailer signed with {@code siteKey} (null: unsigned), as a site serving downloads signs it. */
    static void write(ActivityGenerator site, int k, List<String> types, Misbehaviour m, OutputStream target, byte[] siteKey) {
        PayloadOut out = m == Misbehaviour.CORRUPT_LINE
                ? new NdjsonPayloadOut(target, s -> MisbehavingPayloadOut.breakingLine(s, 2))
                : new NdjsonPayloadOut(target);
        out.signWith(siteKey);
        write(site, k, types, m, out);
    }

    static void write(ActivityGenerator site, int k, List<String> types, Misbehaviour m, PayloadOut out) {
        if (m.payload()) {
            out = new MisbehavingPayloadOut(out, m, Math.max(1, site.sessionCount(k) / 2));
        }
        out.begin(site.header(k, types));
        try {
            site.batch(k, Set.copyOf(types), out::record);
        } catch (MisbehavingPayloadOut.Cut cut) {
            return;
        }
        out.finish();
    }
}
