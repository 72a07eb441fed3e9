package org.ream.central.replication.model;

import static org.ream.central.replication.model.Column.bool;
import static org.ream.central.replication.model.Column.count;
import static org.ream.central.replication.model.Column.id;
import static org.ream.central.replication.model.Column.instant;
import static org.ream.central.replication.model.Column.json;
import static org.ream.central.replication.model.Column.money;
import static org.ream.central.replication.model.Column.number;
import static org.ream.central.replication.model.Column.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ream.central.replication.payload.PayloadException;
import org.ream.central.replication.payload.PayloadReader;
import org.ream.central.replication.payload.PayloadRecord;
import org.ream.central.replication.payload.RecordType;

/** The replicated data model: each payload type's table and columns (docs/replication-model.md). */
public final class ReplicatedModel {

    /** A printer's {@code groupIds} land here, replaced whole with the printer. */
    public static final String PRINTER_GROUP_MEMBERS = "PRINTER_GROUP_MEMBERS";

    private static final Map<RecordType, ReplicatedTable> TABLES = new EnumMap<>(RecordType.class);

    static {
        add(RecordType.PRINTER_GROUP, "PRINTER_GROUPS", false,
                text("NAME", "name", 255).mandatory(), id("PARENT_RECORD_ID", "parentId"), text("DESCRIPTION", "description", 1000));
        add(RecordType.PRINTER, "PRINTERS", false,
                text("NAME", "name", 255).mandatory(), text("STATUS", "status", 20).orElse("ACTIVE"), text("MODEL", "model", 255),
                text("VENDOR", "vendor", 100), text("SERIAL_NUMBER", "serial", 100), text("IP_ADDRESS", "ip", 64),
                text("HOST_NAME", "hostName", 255), text("MAC_ADDRESS", "mac", 32), text("LOCATION", "location", 255),
                text("CONTACT", "contact", 255), text("DEVICE_KIND", "kind", 40), bool("COLOR_CAPABLE", "color", null),
                id("PRICE_LIST_RECORD_ID", "priceListId"), instant("UPDATED_AT", "updated").orElse(Column.HEADER_CREATED));
        add(RecordType.SESSION, "USER_SESSIONS", true, with(counters(),
                id("SITE_USER_ID", "userId"), text("USER_NAME", "username", 255), id("PRINTER_RECORD_ID", "printerId"),
                id("PROJECT_RECORD_ID", "projectId"), instant("STARTED_AT", "start").mandatory(), instant("ENDED_AT", "end"),
                money("PRICE_USER", "priceUser"), money("PRICE_ADMIN", "priceAdmin")));
        add(RecordType.PRINTER_JOB, "PRINTER_JOBS", true, with(counters(),
                id("SITE_USER_ID", "userId"), text("USER_NAME", "username", 255), id("SESSION_RECORD_ID", "sessionId"),
                id("JOB_RECORD_ID", "jobId"), id("PRINTER_RECORD_ID", "printerId"), id("PROJECT_RECORD_ID", "projectId"),
                text("JOB_KIND", "kind", 20), instant("STARTED_AT", "start").mandatory(), instant("ENDED_AT", "end"),
                money("PRICE_USER", "priceUser"), money("PRICE_ADMIN", "priceAdmin")));
        add(RecordType.JOB, "JOBS", true,
                id("SITE_USER_ID", "userId"), text("USER_NAME", "username", 255), text("JOB_NAME", "name", 255),
                text("QUEUE_NAME", "queue", 255), id("PRINTER_RECORD_ID", "printerId"), id("PROJECT_RECORD_ID", "projectId"),
                instant("RECEIVED_AT", "received").mandatory(), instant("PRINTED_AT", "printed"), text("JOB_STATUS", "status", 20),
                count("PAGES", "pages"), count("COPIES", "copies"), bool("COLOR", "color", null), bool("DUPLEX", "duplex", null),
                text("PAPER_FORMAT", "format", 20), number("SIZE_BYTES", "size"), money("PRICE_USER", "price"));
        add(RecordType.PRINTER_EVENT, "PRINTER_EVENTS", false,
                id("PRINTER_RECORD_ID", "printerId").mandatory(), instant("EVENT_AT", "at").mandatory(), text("EVENT_KIND", "kind", 40),
                text("SEVERITY", "severity", 20), text("EVENT_CODE", "code", 64), text("DESCRIPTION", "description", 1000),
                instant("RESOLVED_AT", "resolved"));
        add(RecordType.TONER_REPLACEMENT, "TONER_REPLACEMENTS", false,
                id("PRINTER_RECORD_ID", "printerId").mandatory(), instant("REPLACED_AT", "at").mandatory(), text("TONER_COLOR", "color", 20),
                text("TONER_NAME", "toner", 255), text("TONER_SERIAL", "serial", 100), number("PAGE_COUNTER", "pageCounter"),
                number("PREVIOUS_LEVEL", "previousLevel"));
        add(RecordType.PRICE_LIST, "PRICE_LISTS", false,
                text("NAME", "name", 255).mandatory(), text("DESCRIPTION", "description", 1000), text("CURRENCY", "currency", 3),
                json("ITEMS", "items"));
        add(RecordType.PROJECT, "PROJECTS", false,
                text("PROJECT_CODE", "code", 64), text("NAME", "name", 255).mandatory(), text("DESCRIPTION", "description", 1000),
                bool("ACTIVE", "active", true));
    }

    private ReplicatedModel() {
    }

    public static ReplicatedTable table(RecordType type) {
        return TABLES.get(type);
    }

    public static Map<RecordType, ReplicatedTable> tables() {
        return Collections.unmodifiableMap(TABLES);
    }

    /**
     * The usage counters of sessions and printer jobs: pages by function and colour, by paper
     * format, simplex/duplex, colour levels (coverage) L1-L3, and sheets; absent counters are 0.
     */
    public static List<Column> counters() {
        return List.of(count("PRINT_BW", "counters.printBw"), count("PRINT_COLOR", "counters.printColor"),
                count("COPY_BW", "counters.copyBw"), count("COPY_COLOR", "counters.copyColor"), count("SCAN_PAGES", "counters.scan"),
                count("FAX_PAGES", "counters.fax"), count("PAGES_A4", "counters.a4"), count("PAGES_A3", "counters.a3"),
                count("PAGES_OTHER", "counters.otherFormat"), count("SIMPLEX_PAGES", "counters.simplex"),
                count("DUPLEX_PAGES", "counters.duplex"), count("COLOR_L1", "counters.colorL1"), count("COLOR_L2", "counters.colorL2"),
                count("COLOR_L3", "counters.colorL3"), count("SHEETS", "counters.sheets"));
    }

    /** A printer's printer-group ids (its {@code groupIds}), without repeats. */
    public static Set<String> printerGroupIds(PayloadRecord printer) throws PayloadException {
        JsonNode ids = printer.fields().get("groupIds");
        Set<String> out = new LinkedHashSet<>();
        if (ids == null || ids.isNull()) {
            return out;
        }
        if (!ids.isArray()) {
            throw new PayloadException(printer.line(), "\"groupIds\" is not a list");
        }
        for (JsonNode id : ids) {
            if (!id.isTextual() || id.textValue().isEmpty() || id.textValue().length() > PayloadReader.MAX_ID_LENGTH) {
                throw new PayloadException(printer.line(), "\"groupIds\" holds " + id + ", not a record id");
            }
            out.add(id.textValue());
        }
        return out;
    }

    private static List<Column> with(List<Column> tail, Column... head) {
        List<Column> all = new ArrayList<>(List.of(head));
        all.addAll(tail);
        return all;
    }

    private static void add(RecordType type, String table, boolean userReference, Column... columns) {
        add(type, table, userReference, List.of(columns));
    }

    private static void add(RecordType type, String table, boolean userReference, List<Column> columns) {
        TABLES.put(type, new ReplicatedTable(type, table, columns, userReference));
    }
}
