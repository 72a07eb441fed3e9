package org.ream.central.replication.payload;

import java.time.Instant;
import java.util.List;

/**
 * Line 1 of a payload. {@code batch} names the payload on its site; {@code cursor} is what the
 * central server sends back as {@code after} on its next download.
 */
public record PayloadHeader(String site, String batch, String cursor, Instant created, List<String> types) {

    public static final String FORMAT = "ream-payload";
    public static final int VERSION = 1;

    public PayloadHeader {
        types = List.copyOf(types);
    }
}
