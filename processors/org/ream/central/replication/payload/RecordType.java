package org.ream.central.replication.payload;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** The kinds of replicated records (manual 6.9), by the {@code type} they carry in a payload. */
public enum RecordType {
    SESSION("session", true),
    PRINTER("printer", true),
    PRINTER_GROUP("printerGroup", false),
    PRINTER_EVENT("printerEvent", false),
    PRICE_LIST("priceList", false),
    PROJECT("project", false),
    JOB("job", false),
    PRINTER_JOB("printerJob", false),
    TONER_REPLACEMENT("tonerReplacement", false);

    private final String wireName;
    private final boolean always;

    RecordType(String wireName, boolean always) {
        this.wireName = wireName;
        this.always = always;
    }

    /** The {@code type} value in a payload line. */
    public String wireName() {
        return wireName;
    }

    /** User sessions and printers are always replicated; the replication settings cannot turn them off. */
    public boolean alwaysReplicated() {
        return always;
    }

    public static Optional<RecordType> fromWire(String name) {
        for (RecordType t : values()) {
            if (t.wireName.equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** The types a load takes: those chosen in the settings plus the ones always replicated. */
    public static Set<RecordType> effective(Set<RecordType> chosen) {
        EnumSet<RecordType> out = EnumSet.noneOf(RecordType.class);
        out.addAll(chosen);
        for (RecordType t : values()) {
            if (t.always) {
                out.add(t);
            }
        }
        return out;
    }
}
