package org.ream.central.sitesim;

import java.time.Instant;
import java.util.List;

/** The header line of a payload: {@code cursor} is what the central server sends back as {@code after}. */
public record BatchHeader(String site, String batch, String cursor, Instant created, List<String> types) {

    public BatchHeader {
        types = List.copyOf(types);
    }
}
