package org.ream.central.replication.load;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;
import org.ream.central.persistence.DataAccessException;
import org.ream.central.persistence.Databases;
import org.ream.central.persistence.Jdbc;
import org.ream.central.replication.model.Column;
import org.ream.central.replication.model.ReplicatedModel;
import org.ream.central.replication.model.ReplicatedTable;
import org.ream.central.replication.payload.PayloadException;
import org.ream.central.replication.payload.PayloadHeader;
import org.ream.central.replication.payload.PayloadReader;
import org.ream.central.replication.payload.PayloadRecord;
import org.ream.central.replication.payload.RecordType;

/**
 * The second phase of replication (manual 6.14.1): loads a stored payload into the database.
 * The payload is read whole first (a refused one writes nothing), then again, upserting by
 * (SITE_ID, SITE_RECORD_ID) in chunks of {@link #CHUNK_SIZE} records, one transaction each,
 * with the batch's progress committed in the same transaction. Loading again converges.
 */
@ApplicationScoped
public class PayloadLoader {

    public static final int CHUNK_SIZE = 1000;

    private static final Logger LOG = Logger.getLogger(PayloadLoader.class);

    private final Databases databases;
    private final ReplicationBatches batches;

    @Inject
    public PayloadLoader(Databases databases, ReplicationBatches batches) {
        this.databases = databases;
        this.batches = batches;
    }

    /**
     * Loads a recorded batch, taking the records of the {@code chosen} types (sessions and
     * printers always), and marks it LOADED with its counts or FAILED with the reason. Never
     * throws for a bad payload or a database failure: the result (and the batch row) say so.
     */
    public LoadResult load(long batchId, Set<RecordType> chosen) {
        Set<RecordType> types = RecordType.effective(chosen);
        Jdbc jdbc = databases.mainJdbc();
        // The batch and its site's name in one transaction: on Firebird every transaction, even a
        // read, costs a forced write of the transaction inventory.
        Object[] found = jdbc.inTransaction(c -> {
            List<ReplicationBatch> b = Jdbc.query(c, "SELECT " + ReplicationBatches.COLUMNS + " FROM REPLICATION_BATCHES WHERE ID = ?",
                    ReplicationBatches::map, batchId);
            if (b.isEmpty()) {
                return null;
            }
            List<String> name = Jdbc.query(c, "SELECT NAME FROM SITES WHERE ID = ?", rs -> rs.getString(1), b.get(0).siteId());
            List<String> memo = Jdbc.query(c, "SELECT LOADED_DIGEST FROM REPLICATION_BATCHES WHERE ID = ?", rs -> rs.getString(1), batchId);
            return new Object[] {b.get(0), name.isEmpty() ? null : name.get(0), memo.isEmpty() ? null : memo.get(0)};
        });
        if (found == null) {
            throw new IllegalArgumentException("no replication batch " + batchId);
        }
        ReplicationBatch batch = (ReplicationBatch) found[0];
        String siteName = (String) found[1];
        String loadedBefore = (String) found[2];
        startLinkState();
        // Marked LOADING with the first chunk and LOADED with the last, in their transactions:
        // each commit is a forced write, and a payload of one site-day is only a few chunks.
        Instant startedAt = Instant.now();
        long t0 = System.nanoTime();
        Checked checked;
        try {
            checked = check(batch, siteName, types);
        } catch (PayloadException e) {
            return fail(batch, startedAt, 0, 0, 0, e.line(), "payload refused, nothing loaded: " + e.getMessage());
        }
        long checkedAt = System.nanoTime();
        String digest = checked.digest() + "|" + types.stream().map(RecordType::wireName).sorted().collect(java.util.stream.Collectors.joining(","));
        if (digest.equals(loadedBefore)) {
            // The same records under the same types were loaded completely before: nothing to write.
            jdbc.inTransaction(c -> markLoaded(c, batchId, checked.records(), checked.records(), 0, 0, checked.skipped(), startedAt, digest));
            LOG.debugf("Batch %s of site %d: %d records loaded before, unchanged, in %d ms", batch.batchKey(), batch.siteId(), checked.records(),
                    (System.nanoTime() - t0) / 1_000_000);
            return new LoadResult(batchId, BatchStatus.LOADED, checked.records(), 0, 0, checked.skipped(), null, null);
        }
        Tally tally = new Tally();
        BatchContext context = new BatchContext(batch, checked.created(), startedAt, checked.records(), digest);
        try {
            if (checked.rows() != null) {
                List<Row> rows = checked.rows();
                for (int from = 0; from < rows.size(); from += CHUNK_SIZE) {
                    List<Row> chunk = rows.subList(from, Math.min(rows.size(), from + CHUNK_SIZE));
                    // The records of types not chosen count with the first chunk.
                    int skippedHere = from == 0 ? checked.skipped() : 0;
                    tally.pendingSkipped = skippedHere;
                    context.last = from + CHUNK_SIZE >= rows.size();
                    writeChunk(context, chunk, chunk.size() + skippedHere, tally);
                }
                if (rows.isEmpty()) {
                    tally.skipped = checked.skipped();
                }
            } else {
                // Too large to keep: read again, chunk by chunk (the first pass found it sound).
                try (PayloadReader reader = PayloadReader.open(batch.file())) {
                    List<Row> chunk = new ArrayList<>(CHUNK_SIZE);
                    int inChunk = 0;
                    PayloadRecord rec;
                    while ((rec = reader.next()) != null) {
                        inChunk++;
                        if (types.contains(rec.type())) {
                            chunk.add(row(rec, checked.created()));
                        } else {
                            tally.pendingSkipped++;
                        }
                        if (inChunk == CHUNK_SIZE) {
                            writeChunk(context, chunk, inChunk, tally);
                            chunk.clear();
                            inChunk = 0;
                        }
                    }
                    if (inChunk > 0) {
                        writeChunk(context, chunk, inChunk, tally);
                    }
                }
            }
        } catch (PayloadException e) {
            // The file changed between the two passes.
            return fail(batch, startedAt, tally.inserted, tally.updated, tally.skipped, e.line(), "payload refused: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.warnf(e, "Replication batch %d of site %d failed after %d records", batchId, batch.siteId(), tally.processed);
            return fail(batch, startedAt, tally.inserted, tally.updated, tally.skipped, null, "load failed after " + tally.processed + " records: "
                    + e.getMessage());
        }
        int records = checked.records();
        if (!context.finished) {
            // Nothing written (no record of a chosen type), or read in two passes: marked here.
            jdbc.inTransaction(c -> markLoaded(c, batchId, records, records, tally.inserted, tally.updated, tally.skipped, startedAt, digest));
        }
        long end = System.nanoTime();
        LOG.debugf("Batch %s of site %d: %d records (%d inserted, %d updated, %d skipped) in %d ms: read and check %d ms, compare %d ms (lookups %d ms), write %d ms",
                batch.batchKey(), batch.siteId(), records, tally.inserted, tally.updated, tally.skipped, (end - t0) / 1_000_000,
                (checkedAt - t0) / 1_000_000, context.compareNanos / 1_000_000, context.lookupNanos / 1_000_000, context.writeNanos / 1_000_000);
        return new LoadResult(batchId, BatchStatus.LOADED, records, tally.inserted, tally.updated, tally.skipped, null, null);
    }

    /** Marks a batch LOADED with its counts and the digest of what was loaded (in the caller's transaction). */
    private static Object markLoaded(Connection c, long batchId, int records, int processed, int inserted, int updated, int skipped,
            Instant startedAt, String digest) throws SQLException {
        Jdbc.update(c, "UPDATE REPLICATION_BATCHES SET STATUS = ?, RECORD_COUNT = ?, PROCESSED_COUNT = ?, INSERTED_COUNT = ?, UPDATED_COUNT = ?,"
                + " SKIPPED_COUNT = ?, LOAD_STARTED_AT = ?, LOADED_AT = ?, FAILED_LINE = NULL, REASON = NULL, LOADED_DIGEST = ? WHERE ID = ?",
                BatchStatus.LOADED, records, processed, inserted, updated, skipped, startedAt, Instant.now(), digest, batchId);
        return null;
    }

    static final String LINKED_CHANGE_NO = "linkedUserChangeNo";

    /**
     * Links rows kept by user name to the users created or renamed since the last link (users'
     * CHANGE_NO beyond the one recorded in REPLICATION_STATE). Called when the load queue is
     * empty rather than after each payload: a link visits every unlinked row, and rows of users
     * the central server already knew were linked as they were written. Returns the rows linked.
     */
    public int linkNewUsers() {
        Jdbc jdbc = databases.mainJdbc();
        long current = jdbc.one("SELECT MAX(CHANGE_NO) FROM USERS", rs -> rs.getLong(1)).orElse(0L);
        Long linked = jdbc.one("SELECT NUM_VALUE FROM REPLICATION_STATE WHERE NAME = ?", rs -> rs.getLong(1), LINKED_CHANGE_NO).orElse(null);
        if (linked != null && linked >= current) {
            return 0;
        }
        int rows = linkUsers();
        if (linked == null) {
            jdbc.update("INSERT INTO REPLICATION_STATE (NAME, NUM_VALUE) VALUES (?, ?)", LINKED_CHANGE_NO, current);
        } else {
            jdbc.update("UPDATE REPLICATION_STATE SET NUM_VALUE = ? WHERE NAME = ?", current, LINKED_CHANGE_NO);
        }
        return rows;
    }

    /**
     * Before the first load ever, nothing is waiting to be linked: the users known now are
     * looked up as rows are written, so the link state starts at the current change number.
     */
    private void startLinkState() {
        if (linkStateChecked) {
            return;
        }
        Jdbc jdbc = databases.mainJdbc();
        if (jdbc.one("SELECT NUM_VALUE FROM REPLICATION_STATE WHERE NAME = ?", rs -> rs.getLong(1), LINKED_CHANGE_NO).isEmpty()) {
            boolean empty = ReplicatedModel.tables().values().stream().filter(ReplicatedTable::userReference)
                    .allMatch(t -> jdbc.count("SELECT COUNT(*) FROM " + t.table()) == 0);
            if (empty) {
                long current = jdbc.one("SELECT MAX(CHANGE_NO) FROM USERS", rs -> rs.getLong(1)).orElse(0L);
                jdbc.update("INSERT INTO REPLICATION_STATE (NAME, NUM_VALUE) VALUES (?, ?)", LINKED_CHANGE_NO, current);
            }
        }
        linkStateChecked = true;
    }

    private volatile boolean linkStateChecked;

    /**
     * Sets USER_ID on replicated rows kept by user name only, for the names now known as central
     * users (after a user synchronisation, say). Returns the rows linked.
     */
    public int linkUsers() {
        int linked = 0;
        for (ReplicatedTable t : ReplicatedModel.tables().values()) {
            if (t.userReference()) {
                linked += databases.mainJdbc().update("UPDATE " + t.table() + " SET USER_ID = (SELECT u.ID FROM USERS u WHERE u.USERNAME = "
                        + t.table() + ".USER_NAME) WHERE USER_ID IS NULL AND USER_NAME IS NOT NULL AND EXISTS (SELECT 1 FROM USERS u WHERE u.USERNAME = "
                        + t.table() + ".USER_NAME)");
            }
        }
        return linked;
    }

    /** Called after each chunk's commit, with the records of the payload processed so far. */
    protected void chunkCommitted(long batchId, int processed) {
    }

    /** A record mapped to its columns: what a chunk writes. */
    record Row(RecordType type, String id, Object[] values, String hash, Set<String> groupIds) {
    }

    /** What the first pass found: the record count, and the rows when the payload was small enough to keep. */
    private record Checked(int records, Instant created, List<Row> rows, int skipped, String digest) {
    }

    /**
     * The first pass: every line, field and the trailer, and that the payload is this batch's.
     * Up to {@link #KEEP_ROWS} mapped rows are kept, so that a payload of ordinary size is read
     * and parsed once; a larger one is read again when written.
     */
    private Checked check(ReplicationBatch batch, String siteName, Set<RecordType> types) throws PayloadException {
        if (siteName == null) {
            throw new PayloadException(0, "site " + batch.siteId() + " does not exist");
        }
        try (PayloadReader reader = PayloadReader.open(batch.file())) {
            PayloadHeader header = reader.header();
            if (!header.site().equals(siteName)) {
                throw new PayloadException(1, "the payload is from site \"" + header.site() + "\", not \"" + siteName + "\"");
            }
            boolean catchUp = batch.batchKey().startsWith(ReplicationBatches.CATCHUP_PREFIX);
            if (!(catchUp ? ReplicationBatches.catchUpKey(header.batch()) : header.batch()).equals(batch.batchKey())) {
                throw new PayloadException(1, "the payload is batch \"" + header.batch() + "\", not \"" + batch.batchKey() + "\"");
            }
            List<Row> rows = new ArrayList<>();
            int skipped = 0;
            PayloadRecord rec;
            while ((rec = reader.next()) != null) {
                Row row = row(rec, header.created());
                if (rows != null) {
                    if (!types.contains(rec.type())) {
                        skipped++;
                    } else if (rows.size() < keepRows) {
                        rows.add(row);
                    } else {
                        rows = null;
                    }
                }
            }
            return new Checked(reader.recordCount(), header.created(), rows, skipped, reader.recordsSha256());
        }
    }

    static final long PROGRESS_NANOS = 2_000_000_000L;

    /** Rows kept from the first pass at most: about 1.5 KB each, so a few tens of MB of heap. */
    static final int KEEP_ROWS = 20_000;
    /** {@link #KEEP_ROWS}; tests lower it to take the two-pass path with small payloads. */
    volatile int keepRows = KEEP_ROWS;

    private static Row row(PayloadRecord rec, Instant created) throws PayloadException {
        Object[] values = ReplicatedModel.table(rec.type()).values(rec, created);
        Set<String> groups = rec.type() == RecordType.PRINTER ? ReplicatedModel.printerGroupIds(rec) : Set.of();
        return new Row(rec.type(), rec.id(), values, rec.lineHash() != null ? rec.lineHash() : hash(rec), groups);
    }

    /** What the chunks of one batch share: the central users looked up so far, and time spent. */
    private static final class BatchContext {
        final ReplicationBatch batch;
        final Instant created;
        final Map<String, Long> users = new HashMap<>();
        long progressAt = System.nanoTime();
        long compareNanos;
        long lookupNanos;
        long writeNanos;

        final Instant startedAt;
        final int records;
        boolean first = true;
        /** The chunk about to be written is the payload's last: it marks the batch LOADED. */
        boolean last;
        boolean finished;

        final String digest;

        BatchContext(ReplicationBatch batch, Instant created, Instant startedAt, int records, String digest) {
            this.batch = batch;
            this.created = created;
            this.startedAt = startedAt;
            this.records = records;
            this.digest = digest;
        }
    }

    private void writeChunk(BatchContext context, List<Row> chunk, int inChunk, Tally tally) {
        ReplicationBatch batch = context.batch;
        int[] counts = databases.mainJdbc().inTransaction(c -> {
            int inserted = 0;
            int updated = 0;
            Map<RecordType, Map<String, Row>> byType = new EnumMap<>(RecordType.class);
            for (Row r : chunk) {
                // A record sent twice in a chunk: the later one wins, as it would across chunks.
                Map<String, Row> ofType = byType.computeIfAbsent(r.type(), k -> new LinkedHashMap<>());
                ofType.remove(r.id());
                ofType.put(r.id(), r);
            }
            for (Map.Entry<RecordType, Map<String, Row>> e : byType.entrySet()) {
                Upserted u = upsert(c, context, ReplicatedModel.table(e.getKey()), new ArrayList<>(e.getValue().values()));
                inserted += u.inserted();
                updated += u.updated();
                if (e.getKey() == RecordType.PRINTER) {
                    // Only printers that were inserted or changed: an unchanged one keeps its links untouched.
                    replaceGroupLinks(c, batch.siteId(), e.getValue().values().stream().filter(r -> u.changed().contains(r.id())).toList());
                }
            }
            // Progress goes with the rows it counts. A chunk that wrote nothing reports at most every
            // PROGRESS_NANOS: its commit would otherwise be the only write (a forced one on Firebird).
            long now = System.nanoTime();
            if (context.last) {
                markLoaded(c, batch.id(), context.records, tally.processed + inChunk, tally.inserted + inserted, tally.updated + updated,
                        tally.skipped + tally.pendingSkipped, context.startedAt, context.digest);
            } else if (context.first || inserted + updated > 0 || now - context.progressAt >= PROGRESS_NANOS) {
                Jdbc.update(c, "UPDATE REPLICATION_BATCHES SET STATUS = ?, LOAD_STARTED_AT = ?, LOADED_AT = NULL, FAILED_LINE = NULL, REASON = NULL, LOADED_DIGEST = NULL,"
                        + " PROCESSED_COUNT = ?, INSERTED_COUNT = ?, UPDATED_COUNT = ?, SKIPPED_COUNT = ? WHERE ID = ?", BatchStatus.LOADING,
                        context.startedAt, tally.processed + inChunk, tally.inserted + inserted, tally.updated + updated,
                        tally.skipped + tally.pendingSkipped, batch.id());
                context.progressAt = now;
            }
            return new int[] {inserted, updated};
        });
        tally.processed += inChunk;
        tally.inserted += counts[0];
        tally.updated += counts[1];
        tally.skipped += tally.pendingSkipped;
        tally.pendingSkipped = 0;
        context.first = false;
        context.finished = context.last;
        chunkCommitted(batch.id(), tally.processed);
    }

    /**
     * Ids looked up per query: the chunk's ids of one type, padded to this size so that the
     * statement is always the same one. Firebird answers a list of 50 five times faster per id
     * than one of 500 (measured on 3.0.11: 20 ms against 140 ms per 1,000 ids).
     */
    static final int LOOKUP_BATCH = 50;
    /** User names looked up per query, padded likewise. */
    static final int USER_LOOKUP_BATCH = 50;

    /**
     * Compare, then write: the rows already there are read with their record hash (the site's
     * record as sent); a new record is inserted, a changed one updated, an unchanged one left
     * alone, so loading a payload again writes nothing. Returns {inserted, updated}; records
     * that matched a row with the same hash are in neither.
     */
    private record Upserted(int inserted, int updated, java.util.Set<String> changed) {
    }

    private Upserted upsert(Connection c, BatchContext context, ReplicatedTable table, List<Row> records) throws SQLException {
        long siteId = context.batch.siteId();
        long t0 = System.nanoTime();
        List<Column> cols = table.columns();
        StringBuilder set = new StringBuilder();
        StringBuilder names = new StringBuilder("ID, SITE_ID, SITE_RECORD_ID, RECORD_HASH");
        StringBuilder marks = new StringBuilder("?, ?, ?, ?");
        for (Column col : cols) {
            set.append(col.name()).append(" = ?, ");
            names.append(", ").append(col.name());
            marks.append(", ?");
        }
        if (table.userReference()) {
            set.append("USER_ID = ?, ");
            names.append(", USER_ID");
            marks.append(", ?");
        }
        set.append("RECORD_HASH = ?");
        String updateSql = "UPDATE " + table.table() + " SET " + set + " WHERE SITE_ID = ? AND SITE_RECORD_ID = ?";
        String insertSql = "INSERT INTO " + table.table() + " (" + names + ") VALUES (" + marks + ")";

        long l0 = System.nanoTime();
        Map<String, String> existing = existingHashes(c, siteId, table.table(), records);
        context.lookupNanos += System.nanoTime() - l0;
        List<Row> changedRows = new ArrayList<>();
        for (Row r : records) {
            String known = existing.get(r.id());
            if (known == null || !known.equals(r.hash())) {
                changedRows.add(r);
            }
        }
        int userIndex = table.userReference() ? table.indexOf("USER_NAME") : -1;
        if (userIndex >= 0) {
            lookUpUsers(c, context.users, changedRows, userIndex);
        }
        List<Object[]> updates = new ArrayList<>();
        List<Object[]> inserts = new ArrayList<>();
        java.util.Set<String> changed = new java.util.HashSet<>();
        for (Row r : changedRows) {
            changed.add(r.id());
            Object[] v = r.values();
            if (userIndex >= 0) {
                Object[] withUser = Arrays.copyOf(v, v.length + 1);
                String name = (String) v[userIndex];
                withUser[v.length] = name == null ? null : context.users.get(name);
                v = withUser;
            }
            if (existing.containsKey(r.id())) {
                Object[] u = Arrays.copyOf(v, v.length + 3);
                u[v.length] = r.hash();
                u[v.length + 1] = siteId;
                u[v.length + 2] = r.id();
                updates.add(u);
            } else {
                Object[] row = new Object[v.length + 4];
                row[0] = databases.newId();
                row[1] = siteId;
                row[2] = r.id();
                row[3] = r.hash();
                System.arraycopy(v, 0, row, 4, v.length);
                inserts.add(row);
            }
        }
        long t1 = System.nanoTime();
        if (!updates.isEmpty()) {
            batch(c, updateSql, updates);
        }
        if (!inserts.isEmpty()) {
            batch(c, insertSql, inserts);
        }
        context.compareNanos += t1 - t0;
        context.writeNanos += System.nanoTime() - t1;
        return new Upserted(inserts.size(), updates.size(), changed);
    }

    /**
     * Adds to {@code users} the central user id (or null: not known yet, kept by name and linked
     * later) of every user name of these rows not looked up before in this batch.
     */
    private static void lookUpUsers(Connection c, Map<String, Long> users, List<Row> rows, int userIndex) throws SQLException {
        List<String> missing = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Row r : rows) {
            String name = (String) r.values()[userIndex];
            if (name != null && !users.containsKey(name) && seen.add(name)) {
                missing.add(name);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        StringBuilder in = new StringBuilder();
        for (int i = 0; i < USER_LOOKUP_BATCH; i++) {
            in.append(i == 0 ? "?" : ", ?");
        }
        String sql = "SELECT USERNAME, ID FROM USERS WHERE USERNAME IN (" + in + ")";
        for (int from = 0; from < missing.size(); from += USER_LOOKUP_BATCH) {
            List<String> part = missing.subList(from, Math.min(missing.size(), from + USER_LOOKUP_BATCH));
            Object[] params = new Object[USER_LOOKUP_BATCH];
            for (int i = 0; i < USER_LOOKUP_BATCH; i++) {
                params[i] = part.get(Math.min(i, part.size() - 1));
            }
            for (String name : part) {
                users.put(name, null);
            }
            Jdbc.query(c, sql, rs -> users.put(rs.getString(1), rs.getLong(2)), params);
        }
    }

    /** SITE_RECORD_ID to RECORD_HASH of the rows already there for these records. */
    private static Map<String, String> existingHashes(Connection c, long siteId, String table, List<Row> records) throws SQLException {
        StringBuilder in = new StringBuilder();
        for (int i = 0; i < LOOKUP_BATCH; i++) {
            in.append(i == 0 ? "?" : ", ?");
        }
        String sql = "SELECT SITE_RECORD_ID, RECORD_HASH FROM " + table + " WHERE SITE_ID = ? AND SITE_RECORD_ID IN (" + in + ")";
        Map<String, String> out = new HashMap<>();
        for (int from = 0; from < records.size(); from += LOOKUP_BATCH) {
            List<Row> part = records.subList(from, Math.min(records.size(), from + LOOKUP_BATCH));
            Object[] params = new Object[LOOKUP_BATCH + 1];
            params[0] = siteId;
            for (int i = 0; i < LOOKUP_BATCH; i++) {
                params[i + 1] = part.get(Math.min(i, part.size() - 1)).id(); // padded with the last id
            }
            Jdbc.query(c, sql, rs -> out.put(rs.getString(1), rs.getString(2)), params);
        }
        return out;
    }

    /** SHA-256 of the record as the site sent it (type, id and fields), hex. */
    static String hash(PayloadRecord r) {
        java.security.MessageDigest sha;
        try {
            sha = java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        sha.update(r.type().wireName().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(r.id().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(r.fields().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return java.util.HexFormat.of().formatHex(sha.digest());
    }

    private void replaceGroupLinks(Connection c, long siteId, Iterable<Row> printers) throws SQLException {
        List<Object[]> deletes = new ArrayList<>();
        List<Object[]> inserts = new ArrayList<>();
        for (Row p : printers) {
            deletes.add(new Object[] {siteId, p.id()});
            for (String g : p.groupIds()) {
                inserts.add(new Object[] {siteId, p.id(), g});
            }
        }
        if (!deletes.isEmpty()) {
            batch(c, "DELETE FROM " + ReplicatedModel.PRINTER_GROUP_MEMBERS + " WHERE SITE_ID = ? AND PRINTER_RECORD_ID = ?", deletes);
        }
        if (!inserts.isEmpty()) {
            batch(c, "INSERT INTO " + ReplicatedModel.PRINTER_GROUP_MEMBERS + " (SITE_ID, PRINTER_RECORD_ID, GROUP_RECORD_ID) VALUES (?, ?, ?)",
                    inserts);
        }
    }

    private static int[] batch(Connection c, String sql, List<Object[]> rows) throws SQLException {
        return Jdbc.batch(c, sql, rows);
    }

    private LoadResult fail(ReplicationBatch batch, Instant startedAt, int inserted, int updated, int skipped, Integer line, String reason) {
        String cut = ReplicationBatches.cut(reason);
        Integer failedLine = line == null || line == 0 ? null : line;
        LOG.warnf("Replication batch %s of site %d not loaded: %s", batch.batchKey(), batch.siteId(), cut);
        databases.mainJdbc().update("UPDATE REPLICATION_BATCHES SET STATUS = ?, FAILED_LINE = ?, REASON = ?, LOAD_STARTED_AT = ?, LOADED_AT = ?,"
                + " LOADED_DIGEST = NULL WHERE ID = ?",
                BatchStatus.FAILED, failedLine, cut, startedAt, Instant.now(), batch.id());
        return new LoadResult(batch.id(), BatchStatus.FAILED, 0, inserted, updated, skipped, failedLine, cut);
    }

    private static final class Tally {
        int processed;
        int inserted;
        int updated;
        int skipped;
        int pendingSkipped;
    }
}
