package org.ream.central.sitesim;

/**
 * Where the simulator writes a payload. The simulator only needs these calls, so the site
 * protocol's own codec (replication.payload.PayloadWriter) can replace {@link NdjsonPayloadOut}
 * behind it without touching the generator or the server.
 */
public interface PayloadOut {

    /** Writes the header line; called once, first. */
    void begin(BatchHeader header);

    /** Writes one record line. */
    void record(SimRecord record);

    /** Writes the trailer and ends the payload; closes the target. */
    void finish();

    /**
     * Ends the payload as a site that died while sending it: no trailer and no end of the gzip
     * stream, but what was written is readable up to there. Closes the target.
     */
    void abort();

    /** Records written so far. */
    int records();

    /** Signs the trailer with the site's key (SiteKeys.payloadSignature); null leaves it unsigned. Call before finish. */
    default void signWith(byte[] siteKey) {
    }
}
