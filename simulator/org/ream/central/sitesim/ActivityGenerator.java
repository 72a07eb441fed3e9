package org.ream.central.sitesim;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Realistic, reproducible activity of one site. Batch 1 holds the site's reference data
 * (printer groups, price lists, projects, printers) and day 1; batch k holds day k. Every day is
 * drawn from its own seeded random streams (one per kind of data), so a batch can be made again
 * alone, and asking for fewer types never changes the records of the others: the same seed gives
 * the same records with the same ids. Records go to the sink one by one; only the printers and
 * users of the site are held.
 */
public final class ActivityGenerator {

    /** Share of a day's sessions per hour (UTC): the office-hour peaks of a print server. */
    private static final double[] HOURLY = {0.2, 0.1, 0.1, 0.1, 0.1, 0.3, 1, 3, 7, 10, 11, 9, 5, 8, 10, 9, 6, 3, 1.5, 1,
            0.6, 0.4, 0.3, 0.2};
    private static final double WEEKEND = 0.08;

    private static final String[][] MODELS = {
            {"Kyocera", "TASKalfa 2554ci", "MFP", "C"}, {"Kyocera", "ECOSYS P3145dn", "PRINTER", "B"},
            {"HP", "LaserJet Enterprise M507", "PRINTER", "B"}, {"HP", "Color LaserJet MFP M480f", "MFP", "C"},
            {"Ricoh", "IM C3000", "MFP", "C"}, {"Ricoh", "IM 430F", "MFP", "B"},
            {"Canon", "imageRUNNER ADVANCE DX C5840i", "MFP", "C"}, {"Xerox", "VersaLink C405", "MFP", "C"},
            {"Konica Minolta", "bizhub C300i", "MFP", "C"}, {"Brother", "MFC-L6900DW", "MFP", "B"},
            {"Epson", "WorkForce Enterprise AM-C4000", "MFP", "C"}, {"Sharp", "MX-3071", "MFP", "C"}};
    private static final String[] PROJECTS = {"General administration", "Annual report", "Marketing campaign",
            "Customer support", "Research", "Tender documents", "Training", "Legal", "Facilities", "Recruitment"};
    private static final String[] DOCUMENTS = {"Invoice", "Report", "Minutes", "Contract", "Presentation", "Offer",
            "Timesheet", "Delivery note", "Budget", "Letter", "Manual", "Drawing"};
    private static final String[] EXTENSIONS = {".pdf", ".docx", ".xlsx", ".pptx", ".txt", ".png"};
    private static final String[][] EVENTS = {
            {"PAPER_JAM", "WARNING", "J-0511", "Paper jam in tray 2"}, {"TONER_LOW", "WARNING", "T-0100", "Toner low"},
            {"PAPER_OUT", "WARNING", "P-0020", "Paper empty in tray 1"}, {"DOOR_OPEN", "INFO", "D-0001", "Front cover open"},
            {"OFFLINE", "ERROR", "E-0100", "Device not reachable"}, {"SERVICE_CALL", "ERROR", "C-6000", "Service call: fuser unit"}};
    private static final String[] TONERS = {"black", "cyan", "magenta", "yellow"};

    private final SiteSpec spec;
    private final List<Printer> printers;
    private final List<SiteUser> users;
    private final int floors;
    private final int projects;

    private record Printer(int number, String id, String name, boolean colour, long counterBase) {
    }

    /** A user of the site: the site's id for it and its user name (as the central server knows it). */
    public record SiteUser(String id, String username) {
    }

    private record Operation(String kind, String jobId, Instant start, Instant end, Map<String, Object> counters,
            double priceUser, double priceAdmin) {
    }

    public ActivityGenerator(SiteSpec spec) {
        this.spec = spec;
        this.floors = Math.min(10, (spec.printers() + 14) / 15);
        this.projects = Math.min(PROJECTS.length, 3 + spec.users() / 50);
        this.users = makeUsers(spec);
        this.printers = makePrinters(spec, floors);
    }

    public SiteSpec spec() {
        return spec;
    }

    public List<SiteUser> users() {
        return users;
    }

    /** Batches the site recorded: one per day. */
    public int batches() {
        return spec.days();
    }

    /** The header of batch {@code k} (1-based): its cursor is {@code k}, six digits. */
    public BatchHeader header(int k, List<String> types) {
        Instant created = dayStart(k).plusSeconds(5); // just after the day it holds
        String cursor = cursor(k);
        return new BatchHeader(spec.name(), created + "-" + cursor, cursor, created, types);
    }

    public static String cursor(int k) {
        return String.format("%06d", k);
    }

    /** Writes batch {@code k} (1-based) whole: header, records, trailer. */
    public void writeBatch(int k, List<String> types, PayloadOut out) {
        out.begin(header(k, types));
        batch(k, Set.copyOf(types), out::record);
        out.finish();
    }

    /** The records of batch {@code k} (1-based) of the given types. */
    public void batch(int k, Set<String> types, Consumer<SimRecord> sink) {
        if (k < 1 || k > batches()) {
            throw new IllegalArgumentException("no batch " + k + " (1.." + batches() + ")");
        }
        if (k == 1) {
            referenceData(types, sink);
        }
        day(k, types, sink);
    }

    /** Printer groups, price lists, projects and printers of the site. */
    public void referenceData(Set<String> types, Consumer<SimRecord> sink) {
        String updated = dayStart(0).toString();
        if (types.contains(RecordTypes.PRINTER_GROUP)) {
            sink.accept(rec(RecordTypes.PRINTER_GROUP, "g-all", "name", "All printers", "description",
                    "Every printer of " + spec.name()));
            for (int f = 1; f <= floors; f++) {
                sink.accept(rec(RecordTypes.PRINTER_GROUP, "g-floor" + f, "name", "Floor " + f, "parentId", "g-all"));
            }
            sink.accept(rec(RecordTypes.PRINTER_GROUP, "g-colour", "name", "Colour printers", "parentId", "g-all"));
        }
        if (types.contains(RecordTypes.PRICE_LIST)) {
            sink.accept(rec(RecordTypes.PRICE_LIST, "pl-standard", "name", "Standard", "description",
                    "Price per page", "currency", "EUR", "items", priceItems(1.0)));
            sink.accept(rec(RecordTypes.PRICE_LIST, "pl-reduced", "name", "Reduced", "description",
                    "Students and interns", "currency", "EUR", "items", priceItems(0.5)));
        }
        if (types.contains(RecordTypes.PROJECT)) {
            for (int p = 1; p <= projects; p++) {
                sink.accept(rec(RecordTypes.PROJECT, "pr-" + p, "code", String.format("P-%04d", p), "name",
                        PROJECTS[p - 1], "description", PROJECTS[p - 1] + " (" + spec.name() + ")", "active", p != projects || projects < 4));
            }
        }
        SplittableRandom r = random(0, 4);
        for (Printer p : printers) { // always sent
            String[] m = MODELS[(int) Math.floorMod(mix(spec.seed(), p.number(), 7), MODELS.length)];
            int floor = 1 + (p.number() - 1) % floors;
            List<String> groups = new ArrayList<>(List.of("g-all", "g-floor" + floor));
            if (p.colour()) {
                groups.add("g-colour");
            }
            int host = spec.index() * 1024 + p.number();
            sink.accept(rec(RecordTypes.PRINTER, p.id(), "name", p.name(), "status", "ACTIVE", "model", m[1], "vendor", m[0],
                    "serial", serial(m[0], r), "ip", "10." + ((host >> 16) & 255) + "." + ((host >> 8) & 255) + "." + (host & 255),
                    "hostName", "prn-" + p.number() + "." + spec.name().toLowerCase() + ".example",
                    "mac", String.format("00:17:c8:%02x:%02x:%02x", (host >> 16) & 255, (host >> 8) & 255, host & 255),
                    "location", "Building " + (char) ('A' + (floor - 1) / 4) + ", floor " + floor, "contact", "IT helpdesk",
                    "kind", m[2], "color", p.colour(), "priceListId", "pl-standard", "updated", updated, "groupIds", groups));
        }
    }

    /** The sessions (with their jobs and printer jobs), printer events and toner replacements of day {@code d} (1-based). */
    public void day(int d, Set<String> types, Consumer<SimRecord> sink) {
        sessions(d, types, sink);
        if (types.contains(RecordTypes.PRINTER_EVENT)) {
            events(d, sink);
        }
        if (types.contains(RecordTypes.TONER_REPLACEMENT)) {
            toners(d, sink);
        }
    }

    /** Sessions on day {@code d}: users x sessions per user, a twelfth of it at weekends, rounded. */
    public int sessionCount(int d) {
        DayOfWeek dow = spec.firstDay().plusDays(d - 1L).getDayOfWeek();
        double factor = dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY ? WEEKEND : 1.0;
        return (int) Math.round(spec.users() * spec.sessionsPerUser() * factor);
    }

    private void sessions(int d, Set<String> types, Consumer<SimRecord> sink) {
        SplittableRandom r = random(d, 1);
        int total = sessionCount(d);
        double sum = Arrays.stream(HOURLY).sum();
        double cumulative = 0;
        int done = 0;
        int seq = 0;
        int jobSeq = 0;
        int pjSeq = 0;
        Instant day = dayStart(d - 1);
        for (int h = 0; h < 24; h++) {
            cumulative += HOURLY[h];
            int upTo = (int) Math.round(total * cumulative / sum);
            int[] offsets = new int[upTo - done];
            for (int i = 0; i < offsets.length; i++) {
                offsets[i] = r.nextInt(3600);
            }
            Arrays.sort(offsets);
            done = upTo;
            for (int offset : offsets) {
                String sessionId = "s-" + d + "-" + (++seq);
                int userIndex = r.nextInt(users.size());
                SiteUser user = users.get(userIndex);
                Printer printer = r.nextDouble() < 0.75 ? printers.get(userIndex % printers.size())
                        : printers.get(r.nextInt(printers.size()));
                String projectId = r.nextDouble() < 0.3 ? "pr-" + (1 + r.nextInt(projects)) : null;
                Instant start = day.plusSeconds(h * 3600L + offset);
                Instant at = start.plusSeconds(5 + r.nextInt(20));
                double kind = r.nextDouble();
                List<Operation> ops = new ArrayList<>(3);
                if (kind < 0.70) {
                    int jobs = 1 + (r.nextDouble() < 0.3 ? 1 + r.nextInt(2) : 0);
                    for (int j = 0; j < jobs; j++) {
                        String jobId = "j-" + d + "-" + (++jobSeq);
                        Operation op = operation("PRINT", jobId, printer, at, r);
                        ops.add(op);
                        at = op.end().plusSeconds(2);
                        // drawn whether or not jobs are sent, so that the other types stay the same
                        SimRecord job = job(jobId, user, printer, projectId, start.minusSeconds(30 + r.nextInt(7200)),
                                op.start(), "PRINTED", op, r);
                        if (types.contains(RecordTypes.JOB)) {
                            sink.accept(job);
                        }
                    }
                    if (r.nextDouble() < 0.1) {
                        ops.add(operation("COPY", null, printer, at, r));
                    }
                } else {
                    ops.add(operation(kind < 0.85 ? "COPY" : kind < 0.95 ? "SCAN" : "FAX", null, printer, at, r));
                }
                if (r.nextDouble() < 0.05) { // a job sent but never released: it expires unprinted
                    String jobId = "j-" + d + "-" + (++jobSeq);
                    Operation op = operation("PRINT", jobId, printer, at, r);
                    SimRecord job = job(jobId, user, printer, projectId, start.minusSeconds(60 + r.nextInt(3600)), null,
                            "EXPIRED", op, r);
                    if (types.contains(RecordTypes.JOB)) {
                        sink.accept(job);
                    }
                }
                Map<String, Object> counters = newCounters();
                double priceUser = 0;
                double priceAdmin = 0;
                for (Operation op : ops) {
                    op.counters().forEach((k, v) -> counters.merge(k, v, (a, b) -> (Integer) a + (Integer) b));
                    priceUser += op.priceUser();
                    priceAdmin += op.priceAdmin();
                    if (types.contains(RecordTypes.PRINTER_JOB)) {
                        sink.accept(rec(RecordTypes.PRINTER_JOB, "pj-" + d + "-" + (++pjSeq), "userId", user.id(), "username",
                                user.username(), "sessionId", sessionId, "jobId", op.jobId(), "printerId", printer.id(),
                                "projectId", projectId, "kind", op.kind(), "start", op.start().toString(), "end",
                                op.end().toString(), "counters", op.counters(), "priceUser", money(op.priceUser()),
                                "priceAdmin", money(op.priceAdmin())));
                    } else {
                        pjSeq++;
                    }
                }
                Instant end = ops.get(ops.size() - 1).end().plusSeconds(3 + r.nextInt(30));
                sink.accept(rec(RecordTypes.SESSION, sessionId, "userId", user.id(), "username", user.username(), "printerId",
                        printer.id(), "projectId", projectId, "start", start.toString(), "end", end.toString(), "counters",
                        counters, "priceUser", money(priceUser), "priceAdmin", money(priceAdmin)));
            }
        }
    }

    private SimRecord job(String id, SiteUser user, Printer printer, String projectId, Instant received, Instant printed,
            String status, Operation op, SplittableRandom r) {
        Map<String, Object> c = op.counters();
        int pages = (Integer) c.get("printBw") + (Integer) c.get("printColor");
        String format = (Integer) c.get("a3") > 0 ? "A3" : (Integer) c.get("otherFormat") > 0 ? "Letter" : "A4";
        return rec(RecordTypes.JOB, id, "userId", user.id(), "username", user.username(), "name",
                DOCUMENTS[r.nextInt(DOCUMENTS.length)] + " " + (1 + r.nextInt(999)) + EXTENSIONS[r.nextInt(EXTENSIONS.length)],
                "queue", r.nextDouble() < 0.85 ? "Follow Me" : "Direct " + printer.name(), "printerId", printer.id(),
                "projectId", projectId, "received", received.toString(), "printed", printed == null ? null : printed.toString(),
                "status", status, "pages", pages, "copies", 1, "color", (Integer) c.get("printColor") > 0, "duplex",
                (Integer) c.get("duplex") > 0, "format", format, "size", 20_000L + pages * (40_000L + r.nextInt(200_000)),
                "price", money(op.priceUser()));
    }

    /** What a printer did once: pages by colour, format and sides, and their price. */
    private static Operation operation(String kind, String jobId, Printer printer, Instant start, SplittableRandom r) {
        int pages = Math.min(300, 1 + (int) Math.exp(r.nextGaussian() * 1.1 + 1.0));
        Map<String, Object> c = newCounters();
        boolean colour = printer.colour() && (kind.equals("PRINT") || kind.equals("COPY")) && r.nextDouble() < 0.3;
        double f = r.nextDouble();
        String format = f < 0.9 ? "a4" : f < 0.97 ? "a3" : "otherFormat";
        boolean duplex = (kind.equals("PRINT") || kind.equals("COPY")) && pages > 1 && r.nextDouble() < 0.55;
        double perPage;
        switch (kind) {
            case "PRINT", "COPY" -> {
                String k = kind.equals("PRINT") ? "print" : "copy";
                c.put(k + (colour ? "Color" : "Bw"), pages);
                if (colour) {
                    int l1 = r.nextInt(pages + 1);
                    int l2 = r.nextInt(pages - l1 + 1);
                    c.put("colorL1", l1);
                    c.put("colorL2", l2);
                    c.put("colorL3", pages - l1 - l2);
                    perPage = (l1 * 0.15 + l2 * 0.25 + (pages - l1 - l2) * 0.40) / pages;
                } else {
                    perPage = 0.05;
                }
                c.put(format, pages);
                c.put(duplex ? "duplex" : "simplex", pages);
                c.put("sheets", duplex ? (pages + 1) / 2 : pages);
            }
            case "SCAN" -> {
                c.put("scan", pages);
                perPage = 0;
            }
            default -> {
                c.put("fax", pages);
                c.put("sheets", 0);
                perPage = 0.10;
            }
        }
        double price = pages * perPage * (format.equals("a3") ? 2 : 1);
        Instant end = start.plusSeconds(3 + pages * (kind.equals("SCAN") ? 2L : 1L));
        return new Operation(kind, jobId, start, end, c, price, price * 0.9);
    }

    private void events(int d, Consumer<SimRecord> sink) {
        SplittableRandom r = random(d, 2);
        Instant day = dayStart(d - 1);
        int seq = 0;
        for (Printer p : printers) {
            if (r.nextDouble() < 0.15) {
                String[] e = EVENTS[r.nextInt(EVENTS.length)];
                Instant at = day.plusSeconds(7 * 3600 + r.nextInt(11 * 3600));
                sink.accept(rec(RecordTypes.PRINTER_EVENT, "ev-" + d + "-" + (++seq), "printerId", p.id(), "at", at.toString(),
                        "kind", e[0], "severity", e[1], "code", e[2], "description", e[3], "resolved",
                        at.plusSeconds(60 + r.nextInt(7200)).toString()));
            }
        }
    }

    private void toners(int d, Consumer<SimRecord> sink) {
        SplittableRandom r = random(d, 3);
        Instant day = dayStart(d - 1);
        int seq = 0;
        for (Printer p : printers) {
            if (r.nextDouble() < 0.03) {
                String colour = p.colour() ? TONERS[r.nextInt(TONERS.length)] : "black";
                sink.accept(rec(RecordTypes.TONER_REPLACEMENT, "tr-" + d + "-" + (++seq), "printerId", p.id(), "at",
                        day.plusSeconds(7 * 3600 + r.nextInt(10 * 3600)).toString(), "color", colour, "toner",
                        "TK-" + (5000 + r.nextInt(300)) + colour.charAt(0), "serial", "TN" + (100000 + r.nextInt(900000)),
                        "pageCounter", p.counterBase() + d * 180L + r.nextInt(100), "previousLevel", r.nextInt(8)));
            }
        }
    }

    private static List<SiteUser> makeUsers(SiteSpec spec) {
        List<SiteUser> list = new ArrayList<>(spec.users());
        int space = spec.centralUsers() > 0 ? spec.centralUsers() : Integer.MAX_VALUE;
        for (int k = 1; k <= spec.users(); k++) {
            String name = spec.userNames() != null ? spec.userNames().get(k - 1)
                    : String.format(spec.userPattern(), (int) (((long) spec.index() * spec.users() + k - 1) % space) + 1);
            list.add(new SiteUser("u-" + k, name));
        }
        return List.copyOf(list);
    }

    private List<Printer> makePrinters(SiteSpec spec, int floors) {
        SplittableRandom r = random(0, 5);
        List<Printer> list = new ArrayList<>(spec.printers());
        for (int n = 1; n <= spec.printers(); n++) {
            String[] m = MODELS[(int) Math.floorMod(mix(spec.seed(), n, 7), MODELS.length)];
            int floor = 1 + (n - 1) % floors;
            list.add(new Printer(n, "p-" + n, String.format("%s F%d-%02d %s", spec.name(), floor, n, m[0]), m[3].equals("C"),
                    10_000L + r.nextInt(500_000)));
        }
        return List.copyOf(list);
    }

    private static List<Map<String, Object>> priceItems(double factor) {
        List<Map<String, Object>> items = new ArrayList<>();
        String[][] rows = {{"printBw", "A4", "0.05"}, {"printColor", "A4", "0.25"}, {"printBw", "A3", "0.10"},
                {"printColor", "A3", "0.50"}, {"copyBw", "A4", "0.05"}, {"copyColor", "A4", "0.25"}, {"fax", "A4", "0.10"}};
        for (String[] row : rows) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("counter", row[0]);
            item.put("format", row[1]);
            item.put("price", money(Double.parseDouble(row[2]) * factor));
            items.add(item);
        }
        return items;
    }

    private static String serial(String vendor, SplittableRandom r) {
        String prefix = vendor.replaceAll("[^A-Z]", "");
        return (prefix.isEmpty() ? "SN" : prefix) + Long.toString(1_000_000_000L + r.nextLong(8_999_999_999L), 36).toUpperCase();
    }

    private static Map<String, Object> newCounters() {
        Map<String, Object> c = new LinkedHashMap<>();
        for (String k : new String[] {"printBw", "printColor", "copyBw", "copyColor", "scan", "fax", "a4", "a3", "otherFormat",
                "simplex", "duplex", "colorL1", "colorL2", "colorL3", "sheets"}) {
            c.put(k, 0);
        }
        return c;
    }

    private static double money(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }

    /** A record; null values are left out. */
    private static SimRecord rec(String type, String id, Object... fields) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < fields.length; i += 2) {
            if (fields[i + 1] != null) {
                map.put((String) fields[i], fields[i + 1]);
            }
        }
        return new SimRecord(type, id, map);
    }

    private Instant dayStart(int daysAfterFirst) {
        LocalDate date = spec.firstDay().plusDays(daysAfterFirst);
        return date.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private SplittableRandom random(int day, int stream) {
        return new SplittableRandom(mix(mix(spec.seed(), spec.index(), 1), day, stream));
    }

    private static long mix(long seed, long a, long b) {
        long h = seed * 0x9E3779B97F4A7C15L + a;
        h = (h ^ (h >>> 31)) * 0xBF58476D1CE4E5B9L + b;
        h = (h ^ (h >>> 29)) * 0x94D049BB133111EBL;
        return h ^ (h >>> 32);
    }
}
