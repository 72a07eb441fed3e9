package org.ream.central.replication.payload;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One record line: its type, its id on its site, the whole JSON object and the line it came from. */
public record PayloadRecord(RecordType type, String id, ObjectNode fields, int line) {
}
