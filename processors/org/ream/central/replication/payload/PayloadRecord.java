package org.ream.central.replication.payload;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One record line: its type, its id on its site, the whole JSON object, the line it came from
 * and the SHA-256 (hex) of the line's bytes as sent, which tells a record sent again unchanged.
 */
public record PayloadRecord(RecordType type, String id, ObjectNode fields, int line, String lineHash) {

    /** A record built rather than read: its hash is that of its fields as JSON text. */
    public PayloadRecord(RecordType type, String id, ObjectNode fields, int line) {
        this(type, id, fields, line, null);
    }
}
