package org.ream.central.sitesim;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The payload record types of docs/site-protocol.md (manual 6.9), in the order a site sends them. */
public final class RecordTypes {

    public static final String PRINTER_GROUP = "printerGroup";
    public static final String PRICE_LIST = "priceList";
    public static final String PROJECT = "project";
    public static final String PRINTER = "printer";
    public static final String JOB = "job";
    public static final String PRINTER_JOB = "printerJob";
    public static final String SESSION = "session";
    public static final String PRINTER_EVENT = "printerEvent";
    public static final String TONER_REPLACEMENT = "tonerReplacement";

    public static final List<String> ALL = List.of(PRINTER_GROUP, PRICE_LIST, PROJECT, PRINTER, JOB, PRINTER_JOB, SESSION,
            PRINTER_EVENT, TONER_REPLACEMENT);

    /** Replicated whatever the settings say (manual 6.9: "non modifiable"). */
    public static final Set<String> ALWAYS = Set.of(SESSION, PRINTER);

    private RecordTypes() {
    }

    /**
     * The types a download asks for ({@code types=a,b}; all when absent), plus those always sent,
     * in {@link #ALL}'s order. Unknown names are refused.
     */
    public static List<String> chosen(String csv) {
        Set<String> asked = new LinkedHashSet<>(ALWAYS);
        if (csv == null || csv.isBlank()) {
            asked.addAll(ALL);
        } else {
            for (String t : csv.split(",")) {
                String name = t.trim();
                if (name.isEmpty()) {
                    continue;
                }
                if (!ALL.contains(name)) {
                    throw new IllegalArgumentException("unknown record type: " + name);
                }
                asked.add(name);
            }
        }
        return ALL.stream().filter(asked::contains).toList();
    }
}
