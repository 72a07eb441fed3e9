package org.ream.central.reporting;

import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.ream.central.logging.TestAccounts;
import org.ream.central.persistence.Databases;
import org.ream.central.persistence.Jdbc;
import org.ream.central.replication.load.LoadResult;
import org.ream.central.replication.load.PayloadLoader;
import org.ream.central.replication.load.ReplicationBatches;
import org.ream.central.replication.payload.RecordType;
import org.ream.central.reporting.counting.PageCounters;
import org.ream.central.sitesim.ActivityGenerator;
import org.ream.central.sitesim.NdjsonPayloadOut;
import org.ream.central.sitesim.RecordTypes;
import org.ream.central.sitesim.SiteSpec;

/**
 * One simulated site's two weeks, loaded with the real loader, for the report tests: 10
 * printers, 20 users (19 central users, one the central server does not know), two groups that
 * overlap (Sales, accounting; Support), the site synchronising Sales, and rights for the site
 * given to a user and to a group. Days run from 2026-10-20, across Paris's end of summer time
 * (2026-10-25) and a month's end. Made once per database and test run; scoped by unique names;
 * the site is disabled, so that no replication run of another test tries to reach it.
 */
public final class ReportTestSite {

    public static final LocalDate FIRST = LocalDate.of(2026, 10, 20);
    public static final LocalDate LAST = LocalDate.of(2026, 11, 2);
    public static final int DAYS = 14;
    public static final ZoneId ZONE = ZoneId.of("Europe/Paris");

    private static final Map<String, ReportTestSite> LOADED = new HashMap<>();

    public final long siteId;
    public final String siteName;
    /** The site's users by position; the last is unknown centrally. */
    public final List<String> users;
    /** Logs in with {@link TestAccounts#PASSWORD}; no right. */
    public final String loginUser;
    public final long loginUserId;
    public final long salesGroup;
    public final long supportGroup;
    public final String salesName;
    public final String supportName;
    public final List<Long> batches;

    private ReportTestSite(long siteId, String siteName, List<String> users, String loginUser, long loginUserId, long salesGroup, long supportGroup,
            String salesName, String supportName, List<Long> batches) {
        this.siteId = siteId;
        this.siteName = siteName;
        this.users = users;
        this.loginUser = loginUser;
        this.loginUserId = loginUserId;
        this.salesGroup = salesGroup;
        this.supportGroup = supportGroup;
        this.salesName = salesName;
        this.supportName = supportName;
        this.batches = batches;
    }

    public static synchronized ReportTestSite load(Databases databases, ReplicationBatches batches, PayloadLoader loader) throws Exception {
        String key = databases.mainTarget().url();
        ReportTestSite site = LOADED.get(key);
        if (site == null) {
            site = create(databases, batches, loader);
            LOADED.put(key, site);
        }
        return site;
    }

    private static ReportTestSite create(Databases databases, ReplicationBatches batches, PayloadLoader loader) throws Exception {
        Jdbc jdbc = databases.mainJdbc();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Instant now = Instant.now();
        String login = TestAccounts.user(databases, "rr-" + tag + "-u01");
        long loginId = TestAccounts.userId(databases, login);
        jdbc.update("UPDATE USERS SET FULL_NAME = ? WHERE ID = ?", "Report User 01", loginId);
        List<String> users = new ArrayList<>(List.of(login));
        List<Long> ids = new ArrayList<>(List.of(loginId));
        for (int i = 2; i <= 19; i++) {
            String name = "rr-" + tag + String.format("-u%02d", i);
            long id = databases.newId();
            jdbc.update("INSERT INTO USERS (ID, USERNAME, FULL_NAME, IS_SYSTEM, USE_AUTH_SERVER, FAILED_LOGINS, CREATED_AT, UPDATED_AT, CHANGE_NO)"
                    + " VALUES (?, ?, ?, ?, ?, 0, ?, ?, 0)", id, name, String.format("Report User %02d", i), false, false, now, now);
            users.add(name);
            ids.add(id);
        }
        users.add("rr-" + tag + "-ghost"); // sessions of a user the central server does not know

        String salesName = "rr-" + tag + " Sales";
        String supportName = "rr-" + tag + " Support";
        long sales = group(databases, salesName, now);
        long support = group(databases, supportName, now);
        for (int i = 0; i < 10; i++) {
            jdbc.update("INSERT INTO GROUP_MEMBERS (GROUP_ID, USER_ID, IS_ACCOUNTING, IS_MANAGER) VALUES (?, ?, ?, ?)", sales, ids.get(i), true, i == 0);
        }
        for (int i = 7; i < 15; i++) {
            jdbc.update("INSERT INTO GROUP_MEMBERS (GROUP_ID, USER_ID, IS_ACCOUNTING, IS_MANAGER) VALUES (?, ?, ?, ?)", support, ids.get(i), false, false);
        }

        int index = 500 + Math.floorMod(tag.hashCode(), 400);
        SiteSpec spec = new SiteSpec(index, "RR-" + tag, 11, 10, users.size(), DAYS, FIRST, 4.0, "user%05d", 0, users);
        long siteId = databases.newId();
        jdbc.update("INSERT INTO SITES (ID, NAME, ADDRESS, PORT, SECURE, ENABLED, STATUS, CREATED_AT) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", siteId,
                spec.name(), "10.9.8.7", 8093, false, false, "READY", now);
        jdbc.update("INSERT INTO SITE_SYNC_GROUPS (SITE_ID, GROUP_ID) VALUES (?, ?)", siteId, sales);
        jdbc.update("INSERT INTO SITE_RIGHTS (ID, SITE_ID, RIGHT_CODE, USER_ID, GROUP_ID) VALUES (?, ?, ?, ?, ?)", databases.newId(), siteId,
                "MANAGE_REPORTS", ids.get(15), null);
        jdbc.update("INSERT INTO SITE_RIGHTS (ID, SITE_ID, RIGHT_CODE, USER_ID, GROUP_ID) VALUES (?, ?, ?, ?, ?)", databases.newId(), siteId,
                "VIEW_PRINTERS", null, support);

        ActivityGenerator generator = new ActivityGenerator(spec);
        List<Long> loaded = new ArrayList<>();
        for (int k = 1; k <= DAYS; k++) {
            Path file = Files.createTempFile("rr-sim-", ".ndjson.gz");
            try (OutputStream out = Files.newOutputStream(file)) {
                generator.writeBatch(k, RecordTypes.ALL, new NdjsonPayloadOut(out));
            }
            long batch = batches.recordDownloaded(siteId, file).id();
            LoadResult r = loader.load(batch, EnumSet.allOf(RecordType.class));
            if (!r.loaded()) {
                throw new IllegalStateException("batch " + k + " did not load: " + r.reason());
            }
            loaded.add(batch);
        }
        return new ReportTestSite(siteId, spec.name(), List.copyOf(users), login, loginId, sales, support, salesName, supportName, List.copyOf(loaded));
    }

    private static long group(Databases databases, String name, Instant now) {
        long id = databases.newId();
        databases.mainJdbc().update("INSERT INTO USER_GROUPS (ID, NAME, FULL_PATH, IS_SYSTEM, CREATED_AT, CHANGE_NO) VALUES (?, ?, ?, ?, ?, 0)", id, name,
                name, false, now);
        return id;
    }

    /** A USER_SESSIONS row of the site with what the tests sum: read apart from any report query. */
    public record Session(String userName, String fullName, String printerName, Instant startedAt, PageCounters counters, BigDecimal priceUser,
            BigDecimal priceAdmin, List<String> groups) {
        public LocalDate localDate() {
            return startedAt.atZone(ZONE).toLocalDate();
        }
    }

    /** The site's sessions, with their user's full name, printer name and group names (none: a list holding null). */
    public List<Session> sessions(Databases databases) {
        Jdbc jdbc = databases.mainJdbc();
        Map<Long, List<String>> groups = new LinkedHashMap<>();
        jdbc.query("SELECT m.USER_ID, g.NAME FROM GROUP_MEMBERS m JOIN USER_GROUPS g ON g.ID = m.GROUP_ID WHERE g.ID IN (?, ?)",
                rs -> groups.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2)), salesGroup, supportGroup);
        return jdbc.query("SELECT s.*, u.FULL_NAME AS FULL_NAME_, p.NAME AS PRINTER_NAME_ FROM USER_SESSIONS s LEFT JOIN USERS u ON u.ID = s.USER_ID"
                + " LEFT JOIN PRINTERS p ON p.SITE_ID = s.SITE_ID AND p.SITE_RECORD_ID = s.PRINTER_RECORD_ID WHERE s.SITE_ID = ?", rs -> {
                    Map<String, Long> counters = new HashMap<>();
                    for (String c : List.of("PRINT_BW", "PRINT_COLOR", "COPY_BW", "COPY_COLOR", "FAX_PAGES", "SCAN_PAGES", "PAGES_A4", "PAGES_A3",
                            "PAGES_OTHER", "SIMPLEX_PAGES", "DUPLEX_PAGES", "COLOR_L1", "COLOR_L2", "COLOR_L3", "SHEETS")) {
                        counters.put(c, rs.getLong(c));
                    }
                    long userId = rs.getLong("USER_ID");
                    List<String> g = rs.wasNull() ? null : groups.get(userId);
                    List<String> names = new ArrayList<>();
                    if (g == null || g.isEmpty()) {
                        names.add(null);
                    } else {
                        names.addAll(g);
                    }
                    return new Session(rs.getString("USER_NAME"), rs.getString("FULL_NAME_"), rs.getString("PRINTER_NAME_"), Jdbc.instant(rs, "STARTED_AT"),
                            PageCounters.fromReplicated(counters), rs.getBigDecimal("PRICE_USER"), rs.getBigDecimal("PRICE_ADMIN"), names);
                }, siteId);
    }
}
