package org.ream.central.replication.payload;

import java.util.Map;

/** What a full pass over a valid payload found: its header and the number of records per type. */
public record PayloadSummary(PayloadHeader header, int records, Map<RecordType, Integer> perType) {

    public PayloadSummary {
        perType = Map.copyOf(perType);
    }
}
