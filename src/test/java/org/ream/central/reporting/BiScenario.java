package org.ream.central.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.ream.central.persistence.Databases;
import org.ream.central.replication.load.LoadResult;
import org.ream.central.replication.load.PayloadLoader;
import org.ream.central.replication.load.ReplicationBatches;
import org.ream.central.replication.payload.PayloadHeader;
import org.ream.central.replication.payload.PayloadWriter;
import org.ream.central.replication.payload.RecordType;
import org.ream.central.sitesim.ActivityGenerator;
import org.ream.central.sitesim.RecordTypes;
import org.ream.central.sitesim.SimRecord;
import org.ream.central.sitesim.SiteSpec;

/**
 * Data for the BI views, loaded through the real loader, and what the views must show for it:
 * a hand-made site whose figures are worked out below from the manual's rules (one session of
 * known counters, its printer jobs and jobs, toner replacements, an event), and a day of a
 * simulated site whose figures are recomputed here from the simulator's own records. The same
 * checks run on each database.
 */
final class BiScenario {

    static final ObjectMapper JSON = new ObjectMapper();

    final String tag = UUID.randomUUID().toString().substring(0, 8);
    final String ann = "ann-" + tag;
    final String zed = "zed-" + tag;
    long siteId;
    long annId;
    long groupId;
    long simSiteId;
    SiteSpec simSpec;
    final List<SimRecord> simRecords = new ArrayList<>();

    /** Creates the sites and the central user ann (in an accounting group) and loads both payloads. */
    void load(Databases databases, ReplicationBatches batches, PayloadLoader loader) {
        Instant now = Instant.now();
        siteId = site(databases, "BI-" + tag);
        annId = databases.newId();
        databases.mainJdbc().update("INSERT INTO USERS (ID, USERNAME, FULL_NAME, EMAIL, PHONE, PERSONAL_NUMBER, LANG, NOTES, CREATED_AT, UPDATED_AT)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", annId, ann, "Ann Example", ann + "@example.org", "+420 111", "P-" + tag, "fr", "BI test", now, now);
        groupId = databases.newId();
        databases.mainJdbc().update("INSERT INTO USER_GROUPS (ID, NAME, FULL_PATH, CREATED_AT) VALUES (?, ?, ?, ?)", groupId, "Finance-" + tag,
                "Finance-" + tag, now);
        long otherGroup = databases.newId();
        databases.mainJdbc().update("INSERT INTO USER_GROUPS (ID, NAME, FULL_PATH, CREATED_AT) VALUES (?, ?, ?, ?)", otherGroup, "Club-" + tag,
                "Club-" + tag, now);
        databases.mainJdbc().update("INSERT INTO GROUP_MEMBERS (GROUP_ID, USER_ID, IS_ACCOUNTING) VALUES (?, ?, ?)", otherGroup, annId, false);
        databases.mainJdbc().update("INSERT INTO GROUP_MEMBERS (GROUP_ID, USER_ID, IS_ACCOUNTING) VALUES (?, ?, ?)", groupId, annId, true);
        loadFile(batches, loader, siteId, payload("BI-" + tag, this::handMade));

        simSpec = new SiteSpec(0, "Sim-" + tag, 42, 4, 12, 1, LocalDate.of(2026, 11, 2), 4.0, "user%05d", 0, null);
        simSiteId = site(databases, simSpec.name());
        ActivityGenerator generator = new ActivityGenerator(simSpec);
        generator.batch(1, Set.copyOf(RecordTypes.ALL), simRecords::add);
        loadFile(batches, loader, simSiteId, payload(simSpec.name(), w -> simRecords.forEach(r -> w.write(JSON.valueToTree(withType(r))))));
    }

    private static Map<String, Object> withType(SimRecord r) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("type", r.type());
        node.put("id", r.id());
        node.putAll(r.fields());
        return node;
    }

    private static long site(Databases databases, String name) {
        long id = databases.newId();
        databases.mainJdbc().update("INSERT INTO SITES (ID, NAME, ADDRESS, PORT, SECURE, ENABLED, STATUS, CREATED_AT) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                id, name, "site.example", 8093, true, true, "READY", Instant.now());
        return id;
    }

    private static void loadFile(ReplicationBatches batches, PayloadLoader loader, long siteId, Path file) {
        LoadResult result = loader.load(batches.recordDownloaded(siteId, file).id(), EnumSet.allOf(RecordType.class));
        assertThat(result.loaded()).as(String.valueOf(result.reason())).isTrue();
    }

    private static Path payload(String site, Consumer<PayloadWriter> records) {
        try {
            Path file = Files.createTempFile("bi-", ".ndjson.gz");
            try (OutputStream out = Files.newOutputStream(file);
                    PayloadWriter w = new PayloadWriter(out, new PayloadHeader(site, "b-" + UUID.randomUUID(), "000001",
                            Instant.parse("2026-11-03T00:00:05Z"), Arrays.stream(RecordType.values()).map(RecordType::wireName).toList()))) {
                records.accept(w);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> m(Object... kv) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            out.put((String) kv[i], kv[i + 1]);
        }
        return out;
    }

    private void handMade(PayloadWriter w) {
        w.write(RecordType.PRINTER, "p-1", m("name", "Colour MFP", "status", "ACTIVE", "model", "TASKalfa 2554ci", "vendor", "Kyocera",
                "serial", "KY123", "ip", "10.0.0.11", "mac", "00:17:c8:00:00:0b", "location", "Floor 1", "contact", "IT", "kind", "MFP", "color", true));
        w.write(RecordType.PRINTER, "p-2", m("name", "Mono printer", "status", "OFFLINE", "kind", "PRINTER", "color", false));
        w.write(RecordType.PROJECT, "pr-1", m("code", "P-1", "name", "Annual report"));
        w.write(RecordType.SESSION, "s-1", m("userId", "u-1", "username", ann, "printerId", "p-1", "projectId", "pr-1",
                "start", "2026-11-02T08:00:00Z", "end", "2026-11-02T08:10:30Z",
                "counters", m("printBw", 10, "printColor", 4, "copyBw", 6, "copyColor", 2, "scan", 5, "fax", 1, "a4", 12, "a3", 5,
                        "otherFormat", 3, "simplex", 14, "duplex", 8, "sheets", 15),
                "priceUser", 1.5, "priceAdmin", 1.2));
        w.write(RecordType.SESSION, "s-2", m("userId", "u-2", "username", zed, "printerId", "p-2", "start", "2026-11-02T09:00:00Z",
                "counters", m("printBw", 3, "a4", 3, "simplex", 3, "sheets", 3)));
        w.write(RecordType.PRINTER_JOB, "pj-1", m("userId", "u-1", "username", ann, "sessionId", "s-1", "jobId", "j-1", "printerId", "p-1",
                "projectId", "pr-1", "kind", "PRINT", "start", "2026-11-02T08:01:00Z", "end", "2026-11-02T08:02:00Z",
                "counters", m("printBw", 10, "printColor", 4, "a4", 9, "a3", 5, "simplex", 6, "duplex", 8, "sheets", 10), "priceUser", 1.1));
        w.write(RecordType.PRINTER_JOB, "pj-2", m("userId", "u-1", "username", ann, "sessionId", "s-1", "printerId", "p-1", "kind", "COPY",
                "start", "2026-11-02T08:03:00Z", "end", "2026-11-02T08:04:00Z", "counters", m("copyBw", 6, "copyColor", 2, "a4", 8, "simplex", 8,
                        "sheets", 8), "priceUser", 0.4));
        w.write(RecordType.PRINTER_JOB, "pj-3", m("username", ann, "sessionId", "s-1", "printerId", "p-1", "kind", "SCAN",
                "start", "2026-11-02T08:05:00Z", "counters", m("scan", 5)));
        w.write(RecordType.PRINTER_JOB, "pj-4", m("username", ann, "sessionId", "s-1", "printerId", "p-1", "kind", "FAX",
                "start", "2026-11-02T08:06:00Z", "counters", m("fax", 1)));
        w.write(RecordType.JOB, "j-1", m("userId", "u-1", "username", ann, "name", "report.pdf", "queue", "Follow Me", "printerId", "p-1",
                "received", "2026-11-02T07:55:00Z", "printed", "2026-11-02T08:01:00Z", "status", "PRINTED", "pages", 14, "copies", 1,
                "color", true, "duplex", true, "format", "A4", "size", 123456));
        w.write(RecordType.JOB, "j-2", m("username", ann, "name", "old \"draft\".docx", "printerId", "p-1", "received", "2026-11-01T16:00:00Z",
                "status", "EXPIRED", "pages", 3, "copies", 2, "color", false, "duplex", false));
        w.write(RecordType.PRINTER_EVENT, "ev-1", m("printerId", "p-1", "at", "2026-11-02T10:00:00Z", "kind", "PAPER_JAM", "severity", "WARNING",
                "code", "J-\"05\"", "description", "Paper jam in tray 2", "resolved", "2026-11-02T10:20:00Z"));
        w.write(RecordType.TONER_REPLACEMENT, "tr-1", m("printerId", "p-1", "at", "2026-11-01T07:00:00Z", "color", "black", "toner", "TK-1K",
                "pageCounter", 1000, "previousLevel", 3));
        w.write(RecordType.TONER_REPLACEMENT, "tr-2", m("printerId", "p-1", "at", "2026-11-02T07:30:00Z", "color", "Black", "toner", "TK-2K",
                "serial", "SN-2", "pageCounter", 4000, "previousLevel", 1));
        w.write(RecordType.TONER_REPLACEMENT, "tr-3", m("printerId", "p-1", "at", "2026-11-01T07:00:00Z", "color", "cyan", "toner", "TK-1C",
                "pageCounter", 900));
    }

    // ---- checks --------------------------------------------------------------------------

    /** A row of a query as column label (upper case) -> value. */
    static List<Map<String, Object>> rows(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<Map<String, Object>> out = new ArrayList<>();
                while (rs.next()) {
                    Map<String, Object> row = new HashMap<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        Object v = rs.getObject(i);
                        if (v instanceof java.sql.Timestamp ts) {
                            v = ts.toLocalDateTime();
                        } else if (v instanceof java.sql.Date d) {
                            v = d.toLocalDate();
                        } else if (v instanceof java.sql.Time t) {
                            v = t.toLocalTime();
                        } else if (v instanceof Number n && !(v instanceof BigDecimal)) {
                            v = new BigDecimal(n.toString());
                        } else if (v instanceof String s) {
                            v = s.strip(); // Firebird pads CHAR results of CASE
                        }
                        row.put(rs.getMetaData().getColumnLabel(i).toUpperCase(), v);
                    }
                    out.add(row);
                }
                return out;
            }
        }
    }

    static Map<String, Object> one(Connection c, String sql, Object... params) throws SQLException {
        List<Map<String, Object>> r = rows(c, sql, params);
        assertThat(r).as(sql).hasSize(1);
        return r.get(0);
    }

    long id(Connection c, String table, String recordId) throws SQLException {
        return num(one(c, "SELECT ID FROM " + table + " WHERE SITE_ID = ? AND SITE_RECORD_ID = ?", siteId, recordId).get("ID")).longValue();
    }

    static BigDecimal num(Object o) {
        return o == null ? null : (BigDecimal) o;
    }

    static BigDecimal dec(String s) {
        return new BigDecimal(s);
    }

    /** The manual's environmental figures of a number of A4 units: trees (6 decimals), g CO2, Wh, Wh recycled. */
    static BigDecimal[] impact(long a4) {
        return new BigDecimal[] {BigDecimal.valueOf(a4).divide(BigDecimal.valueOf(8333), 6, RoundingMode.HALF_UP),
                BigDecimal.valueOf(a4).multiply(dec("12.7")), BigDecimal.valueOf(a4 * 48), BigDecimal.valueOf(a4 * 32)};
    }

    static void assertNumbers(Map<String, Object> row, Object... expected) {
        for (int i = 0; i < expected.length; i += 2) {
            String col = (String) expected[i];
            Object want = expected[i + 1];
            if (want == null) {
                assertThat(row.get(col)).as(col).isNull();
            } else {
                assertThat(num(row.get(col))).as(col).isEqualByComparingTo(want instanceof BigDecimal b ? b : new BigDecimal(want.toString()));
            }
        }
    }

    /** Every figure of the hand-made site in every view. */
    void checkHandMade(Connection c) throws Exception {
        long p1 = id(c, "PRINTERS", "p-1");
        long p2 = id(c, "PRINTERS", "p-2");
        long pr1 = id(c, "PROJECTS", "pr-1");
        long s1 = id(c, "USER_SESSIONS", "s-1");
        long s2 = id(c, "USER_SESSIONS", "s-2");
        long j1 = id(c, "JOBS", "j-1");
        long j2 = id(c, "JOBS", "j-2");

        Map<String, Object> printer = one(c, "SELECT * FROM dim_PRINTER_V2 WHERE ID = ?", p1);
        assertThat(printer).containsEntry("NAME", "Colour MFP").containsEntry("BRAND", "Kyocera").containsEntry("MODEL", "TASKalfa 2554ci")
                .containsEntry("SERIAL_NUMBER", "KY123").containsEntry("IP_ADDRESS", "10.0.0.11").containsEntry("MAC", "00:17:c8:00:00:0b")
                .containsEntry("LOCATION", "Floor 1").containsEntry("CONTACT", "IT").containsEntry("ASSET_NUMBER", null).containsEntry("NOTES", null);
        // Counters: the loaded sessions on the printer (s-1 only).
        assertNumbers(printer, "MODE", 2, "IS_COLOR", 1, "IS_COPIER", 1, "IS_A3", null, "COPIER_COLOR_COUNTER", 2, "COPIER_MONO_COUNTER", 6,
                "PRINTER_COLOR_COUNTER", 4, "PRINTER_MONO_COUNTER", 10, "SCANNER_COUNTER", 5, "FAX_COUNTER", 1, "SITE_ID", siteId);
        assertNumbers(one(c, "SELECT * FROM dim_PRINTER_V2 WHERE ID = ?", p2), "MODE", 1, "IS_COLOR", 0, "IS_COPIER", 0,
                "PRINTER_MONO_COUNTER", 3, "COPIER_MONO_COUNTER", 0, "SCANNER_COUNTER", 0);

        Map<String, Object> user = one(c, "SELECT * FROM dim_User WHERE ID = ?", annId);
        assertThat(user).containsEntry("USERNAME", ann).containsEntry("FULLNAME", "Ann Example").containsEntry("EMAIL", ann + "@example.org")
                .containsEntry("PHONE", "+420 111").containsEntry("PERSONAL_NUMBER", "P-" + tag).containsEntry("LANGUAGE", "fr")
                .containsEntry("NOTES", "BI test").containsEntry("CREDIT", null);

        Map<String, Object> session = one(c, "SELECT * FROM FACT_SESSION_COUNTERS WHERE ID = ?", s1);
        assertThat(session).containsEntry("FINISH_DATE", LocalDate.of(2026, 11, 2)).containsEntry("FINISH_TIME", LocalTime.of(8, 10, 30));
        assertNumbers(session, "FINISH_YEAR", 2026, "FINISH_MONTH", 11, "FINISH_DAY", 2, "FINISH_HOUR", 8, "USER_ID", annId, "PRINTER_ID", p1,
                "PROJECT_ID", pr1, "USER_GROUP_ID", groupId, "TOTAL_PRICE_USER", "1.5", "TOTAL_PRICE_ADMIN", "1.2", "TOTAL_PAGES", 22,
                "PRINT_MONO", 10, "PRINT_COLOR", 4, "COPY_MONO", 6, "COPY_COLOR", 2, "COPY_SINGLECOLOR", null, "FAX", 1, "SCAN", 5,
                "PAPER_A4", 12, "PAPER_A3", 5, "PAPER_A5", null, "PAPER_B4", null, "PAPER_B5", null, "PAPER_FOLIO", null, "PAPER_LEDGER", null,
                "PAPER_STATEMENT", null, "PAPER_OTHER", 3, "SITE_ID", siteId);
        // A session of a user the central server does not know, without end or project: finish = start.
        Map<String, Object> unknown = one(c, "SELECT * FROM FACT_SESSION_COUNTERS WHERE ID = ?", s2);
        assertThat(unknown).containsEntry("FINISH_TIME", LocalTime.of(9, 0));
        assertNumbers(unknown, "USER_ID", null, "USER_GROUP_ID", null, "PROJECT_ID", null, "PRINTER_ID", p2, "TOTAL_PAGES", 3);

        // Environmental impact of s-1: 12 A4 + 5 A3 (x2) + 3 other = 25 A4 units.
        Map<String, Object> env = one(c, "SELECT * FROM FACT_SESSION_ENV_IMPACT WHERE ID = ?", s1);
        assertThat(env).containsEntry("DATE_CREATED", LocalDateTime.of(2026, 11, 2, 8, 0)).containsEntry("DATE_FINISHED",
                LocalDateTime.of(2026, 11, 2, 8, 10, 30));
        assertNumbers(env, "TOTAL_A4", 25, "USER_ID", annId, "GROUP_ID", groupId, "PRINTER_ID", p1, "TOTAL_TREES", "0.003000",
                "TOTAL_CO2_GRAMS", "317.5", "TOTAL_ENERGY_WH", 1200, "TOTAL_ENERGY_WH_RECYCLED", 800);

        long pj1 = id(c, "PRINTER_JOBS", "pj-1");
        Map<String, Object> counters = one(c, "SELECT * FROM fact_PRINTERJOB_COUNTERS_V3 WHERE PRINTERJOB_ID = ?", pj1);
        assertThat(counters).containsEntry("TYPE", "print").containsEntry("PAPER_FORMAT", "Mixed").containsEntry("DUPLEX", "Yes")
                .containsEntry("PAYMENT_ACCOUNT", null).containsEntry("FINISH_DATE", LocalDate.of(2026, 11, 2))
                .containsEntry("FINISH_TIME", LocalTime.of(8, 2));
        assertNumbers(counters, "USER_ID", annId, "USER_GROUP_ID", groupId, "PRINTER_ID", p1, "PROJECT_ID", pr1, "SITE_ID", siteId,
                "FINISH_YEAR", 2026, "FINISH_MONTH", 11, "FINISH_DAY", 2, "FINISH_HOUR", 8, "SHEETS", 10, "MONO", 10, "COLOR", 4, "SINGLE", null,
                "PRICE", "1.1", "CLICK_MONO", null, "CLICK_COLOR", null, "SESSION_ID", s1, "JOB_ID", j1, "SCAN", 0, "FAX", 0);
        Map<String, Object> copy = one(c, "SELECT * FROM fact_PRINTERJOB_COUNTERS_V3 WHERE PRINTERJOB_ID = ?", id(c, "PRINTER_JOBS", "pj-2"));
        assertThat(copy).containsEntry("TYPE", "copy").containsEntry("PAPER_FORMAT", "A4").containsEntry("DUPLEX", "No");
        assertNumbers(copy, "PROJECT_ID", -56, "MONO", 6, "COLOR", 2, "JOB_ID", null, "SESSION_ID", s1);
        Map<String, Object> scan = one(c, "SELECT * FROM fact_PRINTERJOB_COUNTERS_V3 WHERE PRINTERJOB_ID = ?", id(c, "PRINTER_JOBS", "pj-3"));
        assertThat(scan).containsEntry("TYPE", "scan").containsEntry("PAPER_FORMAT", null);
        assertNumbers(scan, "SCAN", 5, "MONO", 0, "USER_ID", annId);
        assertThat(one(c, "SELECT TYPE FROM fact_PRINTERJOB_COUNTERS_V3 WHERE PRINTERJOB_ID = ?", id(c, "PRINTER_JOBS", "pj-4")))
                .containsEntry("TYPE", "faxTx");
        // pj-1: 9 A4 + 5 A3 = 19 A4 units.
        BigDecimal[] pj1Impact = impact(19);
        assertNumbers(one(c, "SELECT * FROM FACT_PRINTERJOB_ENV_IMPACT WHERE PRINTERJOB_ID = ?", pj1), "ID", pj1, "TOTAL_A4", 19,
                "TOTAL_TREES", pj1Impact[0], "TOTAL_CO2_GRAMS", pj1Impact[1], "TOTAL_ENERGY_WH", pj1Impact[2],
                "TOTAL_ENERGY_WH_RECYCLED", pj1Impact[3]);
        assertThat(pj1Impact[0]).isEqualByComparingTo("0.002280");
        assertThat(pj1Impact[1]).isEqualByComparingTo("241.3");

        Map<String, Object> printed = one(c, "SELECT * FROM fact_job WHERE ID = ?", j1);
        assertThat(printed).containsEntry("NAME", "report.pdf").containsEntry("STATE", "Printed").containsEntry("COMPUTER", null)
                .containsEntry("DATE_PRINTED", LocalDate.of(2026, 11, 2)).containsEntry("TIME_PRINTED", LocalTime.of(8, 1))
                .containsEntry("DATE_CREATED", LocalDate.of(2026, 11, 2)).containsEntry("TIME_CREATED", LocalTime.of(7, 55));
        assertNumbers(printed, "SESSION_ID", s1, "OWNER_ID", annId, "PRINTER_ID", p1, "SIZE_IN_BYTES", 123456, "PAGES_MONO", 0,
                "PAGES_COLOR", 14, "DUPLEX", 1, "COPIES", 1, "SITE_ID", siteId);
        Map<String, Object> expired = one(c, "SELECT * FROM fact_job WHERE ID = ?", j2);
        assertThat(expired).containsEntry("NAME", "old \"draft\".docx").containsEntry("STATE", "Expired or deleted")
                .containsEntry("DATE_PRINTED", null);
        assertNumbers(expired, "SESSION_ID", null, "PRINTER_ID", null, "PAGES_MONO", 3, "PAGES_COLOR", 0, "DUPLEX", 0, "COPIES", 2);

        List<Map<String, Object>> events = rows(c, "SELECT * FROM fact_PRINTER_EVENTS WHERE SITE_ID = ? ORDER BY CREATED, NAME", siteId);
        assertThat(events).extracting(e -> e.get("NAME") + "/" + e.get("TYPE")).containsExactly("TK-1C/toner replacement",
                "TK-1K/toner replacement", "TK-2K/toner replacement", "Paper jam in tray 2/alert");
        assertThat(events).allSatisfy(e -> assertThat(num(e.get("PRINTER_ID"))).isEqualByComparingTo(BigDecimal.valueOf(p1)));
        Map<String, Object> jam = events.get(3);
        assertThat(jam).containsEntry("CREATED", LocalDateTime.of(2026, 11, 2, 10, 0)).containsEntry("CLOSED", LocalDateTime.of(2026, 11, 2, 10, 20));
        JsonNode data = JSON.readTree((String) jam.get("DATA"));
        assertThat(data.get("kind").asText()).isEqualTo("PAPER_JAM");
        assertThat(data.get("severity").asText()).isEqualTo("WARNING");
        assertThat(data.get("code").asText()).isEqualTo("J-\"05\"");
        JsonNode toner = JSON.readTree((String) events.get(2).get("DATA"));
        assertThat(toner.get("pageCounter").asLong()).isEqualTo(4000);
        assertThat(toner.get("serial").asText()).isEqualTo("SN-2");
        assertThat(toner.get("previousLevel").asInt()).isEqualTo(1);
        assertThat(JSON.readTree((String) events.get(0).get("DATA")).get("serial").isNull()).isTrue();

        // Toners: black TK-1K installed 1 Nov at 1000 pages, replaced 2 Nov at 4000 by TK-2K; cyan TK-1C installed 1 Nov.
        List<Map<String, Object>> toners = rows(c, "SELECT * FROM fact_TONER_REPLACEMENTS WHERE SITE_ID = ? ORDER BY TYPE, INSTALLED", siteId);
        assertThat(toners).extracting(t -> t.get("NAME") + "/" + t.get("TYPE")).containsExactly("TK-1K/black", "TK-2K/black", "TK-1C/cyan");
        Map<String, Object> replaced = toners.get(0);
        assertThat(replaced).containsEntry("INSTALLED", LocalDateTime.of(2026, 11, 1, 7, 0)).containsEntry("REPLACED",
                LocalDateTime.of(2026, 11, 2, 7, 30));
        assertNumbers(replaced, "COUNTERS", 4000, "PERIOD", 1, "PAGES", 3000, "PRINTER_ID", p1);
        assertThat(rows(c, "SELECT * FROM V_TONERS_REPLACED WHERE SITE_ID = ?", siteId)).hasSize(1);
        // Installed since: the loaded sessions' pages on p-1 (all 22 for black; colour 4 + 2 for cyan).
        long daysSince = ChronoUnit.DAYS.between(LocalDate.of(2026, 11, 2), LocalDate.now());
        Map<String, Object> black = toners.get(1);
        assertThat(black).containsEntry("REPLACED", null).containsEntry("INSTALLED", LocalDateTime.of(2026, 11, 2, 7, 30));
        assertNumbers(black, "PAGES", 22, "COUNTERS", 4022);
        assertThat(num(black.get("PERIOD")).longValue()).isBetween(daysSince - 1, daysSince + 1);
        assertNumbers(toners.get(2), "PAGES", 6, "COUNTERS", 906);
        assertThat(rows(c, "SELECT * FROM V_TONERS_INSTALLED WHERE SITE_ID = ?", siteId)).hasSize(2);
    }

    /** The simulated site's day: every figure recomputed from the simulator's own records. */
    void checkSimulated(Connection c) throws Exception {
        Map<String, SimRecord> sessions = new HashMap<>();
        long printerJobs = 0;
        long jobs = 0;
        long printedJobs = 0;
        Map<String, long[]> perPrinter = new HashMap<>();
        for (SimRecord r : simRecords) {
            switch (r.type()) {
                case RecordTypes.SESSION -> {
                    sessions.put(r.id(), r);
                    Map<?, ?> k = (Map<?, ?>) r.fields().get("counters");
                    long[] t = perPrinter.computeIfAbsent((String) r.fields().get("printerId"), x -> new long[4]);
                    t[0] += n(k, "printBw");
                    t[1] += n(k, "printColor");
                    t[2] += n(k, "copyBw");
                    t[3] += n(k, "scan");
                }
                case RecordTypes.PRINTER_JOB -> printerJobs++;
                case RecordTypes.JOB -> {
                    jobs++;
                    printedJobs += "PRINTED".equals(r.fields().get("status")) ? 1 : 0;
                }
                default -> {
                }
            }
        }
        assertThat(sessions).isNotEmpty();
        List<Map<String, Object>> env = rows(c, "SELECT s.SITE_RECORD_ID AS RID, v.* FROM FACT_SESSION_ENV_IMPACT v JOIN USER_SESSIONS s"
                + " ON s.ID = v.ID WHERE v.SITE_ID = ?", simSiteId);
        assertThat(env).hasSize(sessions.size());
        long totalA4 = 0;
        for (Map<String, Object> row : env) {
            Map<?, ?> k = (Map<?, ?>) sessions.get((String) row.get("RID")).fields().get("counters");
            long a4 = n(k, "a4") + 2 * n(k, "a3") + n(k, "otherFormat");
            totalA4 += a4;
            BigDecimal[] want = impact(a4);
            assertNumbers(row, "TOTAL_A4", a4, "TOTAL_TREES", want[0], "TOTAL_CO2_GRAMS", want[1], "TOTAL_ENERGY_WH", want[2],
                    "TOTAL_ENERGY_WH_RECYCLED", want[3]);
        }
        assertThat(totalA4).as("the simulated day printed something").isPositive();
        assertNumbers(one(c, "SELECT SUM(TOTAL_A4) AS A4, SUM(TOTAL_ENERGY_WH) AS WH FROM FACT_SESSION_ENV_IMPACT WHERE SITE_ID = ?", simSiteId),
                "A4", totalA4, "WH", totalA4 * 48);
        for (Map.Entry<String, long[]> e : perPrinter.entrySet()) {
            Map<String, Object> p = one(c, "SELECT v.* FROM dim_PRINTER_V2 v JOIN PRINTERS p ON p.ID = v.ID WHERE p.SITE_ID = ? AND p.SITE_RECORD_ID = ?",
                    simSiteId, e.getKey());
            assertNumbers(p, "PRINTER_MONO_COUNTER", e.getValue()[0], "PRINTER_COLOR_COUNTER", e.getValue()[1], "COPIER_MONO_COUNTER",
                    e.getValue()[2], "SCANNER_COUNTER", e.getValue()[3]);
        }
        assertNumbers(one(c, "SELECT COUNT(*) AS N FROM fact_PRINTERJOB_COUNTERS_V3 WHERE SITE_ID = ?", simSiteId), "N", printerJobs);
        assertNumbers(one(c, "SELECT COUNT(*) AS N FROM fact_PRINTERJOB_COUNTERS_V3 WHERE SITE_ID = ? AND SESSION_ID IS NULL", simSiteId), "N", 0);
        assertNumbers(one(c, "SELECT COUNT(*) AS N FROM FACT_SESSION_COUNTERS WHERE SITE_ID = ?", simSiteId), "N", sessions.size());
        assertNumbers(one(c, "SELECT COUNT(*) AS N FROM fact_job WHERE SITE_ID = ?", simSiteId), "N", jobs);
        assertNumbers(one(c, "SELECT COUNT(*) AS N FROM fact_job WHERE SITE_ID = ? AND STATE = 'Printed' AND SESSION_ID IS NOT NULL", simSiteId),
                "N", printedJobs);
    }

    private static long n(Map<?, ?> counters, String key) {
        Object v = counters.get(key);
        return v == null ? 0 : ((Number) v).longValue();
    }

    /** Every view holds the documented columns, in order (docs/bi-views.md). */
    static void checkColumns(Connection c) throws SQLException {
        for (Map.Entry<String, List<String>> view : BiViews.columns().entrySet()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM " + view.getKey() + " WHERE 1 = 0"); ResultSet rs = ps.executeQuery()) {
                List<String> cols = new ArrayList<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    cols.add(rs.getMetaData().getColumnLabel(i).toUpperCase());
                }
                assertThat(cols).as(view.getKey()).containsExactlyElementsOf(view.getValue());
            }
        }
    }
}
