package org.ream.central.replication.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.ream.central.replication.payload.PayloadException;
import org.ream.central.replication.payload.PayloadRecord;
import org.ream.central.replication.payload.RecordType;

/**
 * Where one record type lands: its table (keyed on SITE_ID, SITE_RECORD_ID) and the columns
 * its fields fill. {@code userReference}: the table also has SITE_USER_ID, USER_NAME (among the
 * columns) and USER_ID, the central user resolved by name when known.
 */
public record ReplicatedTable(RecordType type, String table, List<Column> columns, boolean userReference) {

    public ReplicatedTable {
        columns = List.copyOf(columns);
    }

    /** The column values of a record, in {@link #columns()} order; a field of the wrong kind refuses the record. */
    public Object[] values(PayloadRecord record, Instant headerCreated) throws PayloadException {
        Object[] out = new Object[columns.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = value(columns.get(i), record.fields(), record.line(), headerCreated);
        }
        return out;
    }

    public int indexOf(String column) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(column)) {
                return i;
            }
        }
        throw new IllegalArgumentException(table + " has no column " + column);
    }

    private static Object value(Column c, ObjectNode fields, int line, Instant headerCreated) throws PayloadException {
        JsonNode node = at(fields, c.path());
        if (node == null || node.isNull() || node.isMissingNode()) {
            if (c.required()) {
                throw new PayloadException(line, "\"" + c.path() + "\" is required");
            }
            return c.fallback() == Column.HEADER_CREATED ? headerCreated : c.fallback();
        }
        switch (c.kind()) {
            case ID -> {
                String s = scalarText(c, node, line);
                if (s.length() > c.length()) {
                    throw new PayloadException(line, "\"" + c.path() + "\" longer than " + c.length() + " characters");
                }
                return s;
            }
            case TEXT -> {
                String s = scalarText(c, node, line);
                return s.length() > c.length() ? s.substring(0, c.length()) : s;
            }
            case INSTANT -> {
                if (!node.isTextual()) {
                    throw bad(c, line, "an ISO-8601 instant");
                }
                try {
                    return Instant.parse(node.textValue());
                } catch (DateTimeParseException e) {
                    throw bad(c, line, "an ISO-8601 instant");
                }
            }
            case COUNT -> {
                if (!node.canConvertToLong() || !node.isIntegralNumber() || node.longValue() < 0) {
                    throw bad(c, line, "a whole number of at least 0");
                }
                return node.longValue();
            }
            case NUMBER -> {
                if (!node.isIntegralNumber() || !node.canConvertToLong()) {
                    throw bad(c, line, "a whole number");
                }
                return node.longValue();
            }
            case MONEY -> {
                if (!node.isNumber()) {
                    throw bad(c, line, "a number");
                }
                BigDecimal amount = node.decimalValue().setScale(4, RoundingMode.HALF_UP);
                if (amount.precision() > 18) {
                    throw bad(c, line, "an amount below 10^14");
                }
                return amount;
            }
            case BOOL -> {
                if (!node.isBoolean()) {
                    throw bad(c, line, "true or false");
                }
                return node.booleanValue();
            }
            case JSON -> {
                return node.toString();
            }
            default -> throw new IllegalStateException(c.kind().name());
        }
    }

    private static String scalarText(Column c, JsonNode node, int line) throws PayloadException {
        if (!node.isValueNode()) {
            throw bad(c, line, "a string");
        }
        return node.asText();
    }

    private static PayloadException bad(Column c, int line, String expected) {
        return new PayloadException(line, "\"" + c.path() + "\" is not " + expected);
    }

    private static JsonNode at(ObjectNode fields, String path) {
        JsonNode node = fields;
        for (String part : path.split("\\.")) {
            node = node == null ? null : node.get(part);
        }
        return node;
    }
}
