package org.ream.central.replication.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSetMetaData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.ream.central.persistence.Databases;
import org.ream.central.replication.model.ReplicatedModel;
import org.ream.central.replication.model.ReplicatedTable;
import org.ream.central.replication.payload.PayloadHeader;
import org.ream.central.replication.payload.PayloadWriter;
import org.ream.central.replication.payload.RecordType;

/** The loader against the embedded Firebird: loads, reloads, refusals, unknown users and printers, chunks and a failed load. */
@QuarkusTest
class PayloadLoaderTest {

    static final Set<RecordType> ALL = EnumSet.allOf(RecordType.class);

    @Inject
    Databases databases;

    @Inject
    ReplicationBatches batches;

    @Inject
    PayloadLoader loader;

    static String tag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    long site(String name) {
        long id = databases.newId();
        databases.mainJdbc().update("INSERT INTO SITES (ID, NAME, ADDRESS, PORT, SECURE, ENABLED, STATUS, CREATED_AT) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                id, name, "site.example", 8093, true, true, "READY", Instant.now());
        return id;
    }

    long user(String username) {
        long id = databases.newId();
        databases.mainJdbc().update("INSERT INTO USERS (ID, USERNAME, CREATED_AT, UPDATED_AT) VALUES (?, ?, ?, ?)", id, username, Instant.now(),
                Instant.now());
        return id;
    }

    static Path payload(String site, String batch, Consumer<PayloadWriter> records) {
        try {
            Path file = Files.createTempFile("payload-", ".ndjson.gz");
            try (OutputStream out = Files.newOutputStream(file);
                    PayloadWriter w = new PayloadWriter(out, new PayloadHeader(site, batch, "cursor-" + batch,
                            Instant.parse("2026-11-25T22:00:01Z"), List.of("session", "printer")))) {
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

    static void session(PayloadWriter w, String id, String username, String printerId, int printBw) {
        w.write(RecordType.SESSION, id, m("userId", "u-" + username, "username", username, "printerId", printerId,
                "start", "2026-11-25T08:00:00Z", "end", "2026-11-25T08:05:00Z",
                "counters", m("printBw", printBw, "colorL1", 2, "a4", printBw + 2, "simplex", printBw), "priceUser", 1.25, "priceAdmin", 1.1));
    }

    static void everyType(PayloadWriter w, String knownUser, String unknownUser) {
        w.write(RecordType.PRINTER_GROUP, "g-1", m("name", "Floor 2"));
        w.write(RecordType.PRINTER, "p-12", m("name", "Floor 2 colour", "model", "bizhub C300i", "serial", "A7PU021", "ip", "10.0.2.12",
                "location", "Floor 2", "groupIds", List.of("g-1", "g-2")));
        session(w, "s-1", knownUser, "p-12", 10);
        session(w, "s-2", unknownUser, "p-404", 3);
        w.write(RecordType.PRINTER_JOB, "pj-1", m("sessionId", "s-1", "jobId", "j-1", "printerId", "p-12", "userId", "u-1", "username", knownUser,
                "kind", "PRINT", "start", "2026-11-25T08:01:00Z", "counters", m("printColor", 4, "colorL3", 4), "priceUser", 0.8));
        w.write(RecordType.JOB, "j-1", m("username", knownUser, "name", "report.pdf", "received", "2026-11-25T07:59:00Z", "pages", 4, "color", true));
        w.write(RecordType.PRINTER_EVENT, "e-1", m("printerId", "p-12", "at", "2026-11-25T09:00:00Z", "kind", "PAPER_JAM", "severity", "ERROR"));
        w.write(RecordType.TONER_REPLACEMENT, "t-1", m("printerId", "p-12", "at", "2026-11-25T10:00:00Z", "color", "CYAN", "pageCounter", 120345));
        w.write(RecordType.PRICE_LIST, "pl-1", m("name", "Standard", "currency", "CZK", "items", List.of(m("format", "A4", "bw", 0.5))));
        w.write(RecordType.PROJECT, "pr-1", m("code", "P-100", "name", "Marketing"));
    }

    /** Every replicated row of a site, all columns but the central ID, as text. */
    String state(long siteId) {
        StringBuilder out = new StringBuilder();
        List<String> tables = new ArrayList<>();
        for (ReplicatedTable t : ReplicatedModel.tables().values()) {
            tables.add(t.table());
        }
        for (String table : tables) {
            out.append(table).append(databases.mainJdbc().query("SELECT * FROM " + table + " WHERE SITE_ID = ? ORDER BY SITE_RECORD_ID", rs -> {
                ResultSetMetaData md = rs.getMetaData();
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    row.append(md.getColumnName(i)).append('=').append(rs.getObject(i)).append(';');
                }
                return row.toString();
            }, siteId)).append('\n');
        }
        out.append(databases.mainJdbc().query("SELECT PRINTER_RECORD_ID, GROUP_RECORD_ID FROM PRINTER_GROUP_MEMBERS WHERE SITE_ID = ?"
                + " ORDER BY 1, 2", rs -> rs.getString(1) + ">" + rs.getString(2), siteId));
        return out.toString();
    }

    long rows(String table, long siteId) {
        return databases.mainJdbc().count("SELECT COUNT(*) FROM " + table + " WHERE SITE_ID = ?", siteId);
    }

    @Test
    void loadsEveryTypeKeepsUnknownUsersAndPrintersAndReloadChangesNothing() {
        String t = tag();
        long siteId = site("Prague-" + t);
        long tom = user("tom-" + t);
        Path file = payload("Prague-" + t, "b-" + t, w -> everyType(w, "tom-" + t, "ann-" + t));
        ReplicationBatch batch = batches.recordDownloaded(siteId, file);
        assertThat(batch.status()).isEqualTo(BatchStatus.DOWNLOADED);
        assertThat(batch.cursor()).isEqualTo("cursor-b-" + t);

        LoadResult first = loader.load(batch.id(), ALL);
        assertThat(first.status()).isEqualTo(BatchStatus.LOADED);
        assertThat(first.records()).isEqualTo(10);
        assertThat(first.inserted()).isEqualTo(10);
        for (ReplicatedTable table : ReplicatedModel.tables().values()) {
            assertThat(rows(table.table(), siteId)).as(table.table()).isGreaterThan(0);
        }
        assertThat(databases.mainJdbc().query("SELECT SITE_RECORD_ID, USER_ID, PRINT_BW, COLOR_L1, PRICE_USER, PRINTER_RECORD_ID FROM USER_SESSIONS"
                + " WHERE SITE_ID = ? ORDER BY SITE_RECORD_ID", rs -> rs.getString(1) + "|" + rs.getObject(2) + "|" + rs.getLong(3) + "|" + rs.getLong(4)
                        + "|" + rs.getBigDecimal(5).stripTrailingZeros().toPlainString() + "|" + rs.getString(6), siteId))
                .containsExactly("s-1|" + tom + "|10|2|1.25|p-12", "s-2|null|3|2|1.25|p-404");
        assertThat(databases.mainJdbc().one("SELECT MODEL, SERIAL_NUMBER, IP_ADDRESS, LOCATION, STATUS FROM PRINTERS WHERE SITE_ID = ?",
                rs -> rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getString(4) + "|" + rs.getString(5), siteId))
                .contains("bizhub C300i|A7PU021|10.0.2.12|Floor 2|ACTIVE");
        String state = state(siteId);
        assertThat(state).contains("p-12>g-1", "p-12>g-2");

        LoadResult again = loader.load(batch.id(), ALL);
        assertThat(again.status()).isEqualTo(BatchStatus.LOADED);
        assertThat(again.inserted()).isZero();
        assertThat(again.updated()).as("a payload loaded again changes no row").isZero();
        assertThat(state(siteId)).isEqualTo(state);
        ReplicationBatch loaded = batches.find(batch.id()).orElseThrow();
        assertThat(loaded.status()).isEqualTo(BatchStatus.LOADED);
        assertThat(loaded.recordCount()).isEqualTo(10);
        assertThat(loaded.updated()).isZero();
        assertThat(loaded.loadedAt()).isNotNull();

        long ann = user("ann-" + t);
        assertThat(loader.linkUsers()).isGreaterThanOrEqualTo(1);
        assertThat(databases.mainJdbc().one("SELECT USER_ID FROM USER_SESSIONS WHERE SITE_ID = ? AND SITE_RECORD_ID = 's-2'", rs -> rs.getLong(1), siteId))
                .contains(ann);
    }

    @Test
    void aCorrectedRecordReplacesTheEarlierOneAndTheLastOfARepeatedIdWins() {
        String t = tag();
        long siteId = site("Brno-" + t);
        loader.load(batches.recordDownloaded(siteId, payload("Brno-" + t, "1", w -> session(w, "s-1", "eve", "p-1", 5))).id(), ALL);
        LoadResult second = loader.load(batches.recordDownloaded(siteId, payload("Brno-" + t, "2", w -> {
            session(w, "s-1", "eve", "p-1", 7);
            session(w, "s-1", "eve", "p-1", 8);
            w.write(RecordType.PRINTER, "p-1", m("name", "old name", "groupIds", List.of("g-1")));
            w.write(RecordType.PRINTER, "p-1", m("name", "new name", "groupIds", List.of("g-2")));
        })).id(), ALL);
        assertThat(second.updated()).isEqualTo(1);
        assertThat(second.inserted()).isEqualTo(1);
        assertThat(databases.mainJdbc().query("SELECT PRINT_BW FROM USER_SESSIONS WHERE SITE_ID = ?", rs -> rs.getLong(1), siteId)).containsExactly(8L);
        assertThat(state(siteId)).contains("NAME=new name").contains("[p-1>g-2]");
    }

    @Test
    void typesNotChosenAreSkipped() {
        String t = tag();
        long siteId = site("Ostrava-" + t);
        long id = batches.recordDownloaded(siteId, payload("Ostrava-" + t, "b", w -> everyType(w, "x", "y"))).id();
        LoadResult result = loader.load(id, EnumSet.of(RecordType.PROJECT));
        assertThat(result.status()).isEqualTo(BatchStatus.LOADED);
        assertThat(result.skipped()).isEqualTo(6);
        assertThat(rows("PROJECTS", siteId)).isEqualTo(1);
        assertThat(rows("USER_SESSIONS", siteId)).isEqualTo(2);
        assertThat(rows("PRINTERS", siteId)).isEqualTo(1);
        assertThat(rows("JOBS", siteId)).isZero();
        assertThat(rows("PRINTER_EVENTS", siteId)).isZero();
        assertThat(batches.find(id).orElseThrow().skipped()).isEqualTo(6);
    }

    @Test
    void aRefusedPayloadLoadsNothingAndRecordsWhy() throws Exception {
        String t = tag();
        long siteId = site("Plzen-" + t);
        // A bad field on the last line of 1,500 records: a loader writing before validating would have committed a chunk.
        Path badField = payload("Plzen-" + t, "bad-field", w -> {
            for (int i = 0; i < 1500; i++) {
                session(w, "s-" + i, "u", "p", 1);
            }
            w.write(RecordType.SESSION, "s-last", m("start", "not a date"));
        });
        LoadResult result = loader.load(batches.recordDownloaded(siteId, badField).id(), ALL);
        assertThat(result.status()).isEqualTo(BatchStatus.FAILED);
        assertThat(result.failedLine()).isEqualTo(1502);
        assertThat(result.reason()).contains("nothing loaded").contains("\"start\" is not an ISO-8601 instant");
        assertThat(rows("USER_SESSIONS", siteId)).isZero();

        // Truncated: the trailer and part of the last record are missing.
        Path whole = payload("Plzen-" + t, "truncated", w -> {
            for (int i = 0; i < 1500; i++) {
                session(w, "s-" + i, "u", "p", 1);
            }
        });
        Path cut = Files.createTempFile("cut-", ".gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(cut))) {
            byte[] text = new java.util.zip.GZIPInputStream(Files.newInputStream(whole)).readAllBytes();
            out.write(text, 0, text.length - 120);
        }
        ReplicationBatch truncated = batches.recordDownloaded(siteId, cut);
        LoadResult refused = loader.load(truncated.id(), ALL);
        assertThat(refused.status()).isEqualTo(BatchStatus.FAILED);
        assertThat(refused.reason()).contains("truncated");
        assertThat(rows("USER_SESSIONS", siteId)).isZero();
        ReplicationBatch stored = batches.find(truncated.id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(BatchStatus.FAILED);
        assertThat(stored.reason()).contains("truncated");
        assertThat(stored.failedLine()).isNotNull();

        // Not gzip at all: recorded FAILED under its file name when stored.
        Path garbage = Files.createTempFile("garbage-", ".gz");
        Files.writeString(garbage, "<html>502 Bad Gateway</html>");
        ReplicationBatch g = batches.recordDownloaded(siteId, garbage);
        assertThat(g.status()).isEqualTo(BatchStatus.FAILED);
        assertThat(g.batchKey()).isEqualTo(garbage.getFileName().toString());
        assertThat(g.reason()).contains("not a gzip stream");
    }

    @Test
    void aPayloadOfAnotherSiteIsRefused() {
        String t = tag();
        long siteId = site("Liberec-" + t);
        LoadResult result = loader.load(batches.recordDownloaded(siteId, payload("Prague", "x", w -> session(w, "s-1", "u", "p", 1))).id(), ALL);
        assertThat(result.status()).isEqualTo(BatchStatus.FAILED);
        assertThat(result.reason()).contains("from site \"Prague\"");
        assertThat(rows("USER_SESSIONS", siteId)).isZero();
    }

    @Test
    void loadsInChunksAndALoadCutShortConvergesWhenRepeated() {
        String t = tag();
        long siteId = site("Olomouc-" + t);
        long id = batches.recordDownloaded(siteId, payload("Olomouc-" + t, "big", w -> {
            for (int i = 0; i < 3500; i++) {
                session(w, "s-" + i, "user-" + (i % 50) + "-" + t, "p-" + (i % 7), i % 9);
            }
        })).id();
        List<Integer> progress = new ArrayList<>();
        PayloadLoader failing = new PayloadLoader(databases, batches) {
            @Override
            protected void chunkCommitted(long batchId, int processed) {
                progress.add(processed);
                if (processed == 2000) {
                    throw new IllegalStateException("power cut");
                }
            }
        };
        LoadResult cut = failing.load(id, ALL);
        assertThat(cut.status()).isEqualTo(BatchStatus.FAILED);
        assertThat(cut.reason()).contains("power cut");
        assertThat(progress).containsExactly(1000, 2000);
        assertThat(rows("USER_SESSIONS", siteId)).isEqualTo(2000);
        assertThat(batches.find(id).orElseThrow().processed()).isEqualTo(2000);

        LoadResult again = loader.load(id, ALL);
        assertThat(again.status()).isEqualTo(BatchStatus.LOADED);
        assertThat(again.records()).isEqualTo(3500);
        assertThat(again.inserted()).isEqualTo(1500);
        assertThat(again.updated()).as("the 2,000 rows of the first try are there, unchanged").isZero();
        assertThat(rows("USER_SESSIONS", siteId)).isEqualTo(3500);
        ReplicationBatch done = batches.find(id).orElseThrow();
        assertThat(done.processed()).isEqualTo(3500);
        assertThat(done.inserted()).isEqualTo(1500);
    }
}
