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
        ReplicationBatch batch = batches.find(batchId).orElseThrow(() -> new IllegalArgumentException("no replication batch " + batchId));
        Set<RecordType> types = RecordType.effective(chosen);
        Jdbc jdbc = databases.mainJdbc();
        jdbc.update("UPDATE REPLICATION_BATCHES SET STATUS = ?, LOAD_STARTED_AT = ?, LOADED_AT = NULL, PROCESSED_COUNT = 0, INSERTED_COUNT = 0,"
                + " UPDATED_COUNT = 0, SKIPPED_COUNT = 0, FAILED_LINE = NULL, REASON = NULL WHERE ID = ?", BatchStatus.LOADING, Instant.now(), batchId);
        int records;
        try {
            records = validate(batch);
        } catch (PayloadException e) {
            return fail(batch, 0, 0, 0, e.line(), "payload refused, nothing loaded: " + e.getMessage());
        }
        Tally tally = new Tally();
        try (PayloadReader reader = PayloadReader.open(batch.file())) {
            Instant created = reader.header().created();
            List<PayloadRecord> chunk = new ArrayList<>(CHUNK_SIZE);
            int inChunk = 0;
            PayloadRecord rec;
            while ((rec = reader.next()) != null) {
                inChunk++;
                if (types.contains(rec.type())) {
                    chunk.add(rec);
                } else {
                    tally.pendingSkipped++;
                }
                if (inChunk == CHUNK_SIZE) {
                    writeChunk(batch, chunk, inChunk, created, tally);
                    chunk.clear();
                    inChunk = 0;
                }
            }
            if (inChunk > 0) {
                writeChunk(batch, chunk, inChunk, created, tally);
            }
        } catch (PayloadException e) {
            // The file changed between the two passes.
            return fail(batch, tally.inserted, tally.updated, tally.skipped, e.line(), "payload refused: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.warnf(e, "Replication batch %d of site %d failed after %d records", batchId, batch.siteId(), tally.processed);
            return fail(batch, tally.inserted, tally.updated, tally.skipped, null, "load failed after " + tally.processed + " records: " + e.getMessage());
        }
        try {
            linkUsers();
        } catch (RuntimeException e) {
            LOG.warnf(e, "Linking replicated rows to central users failed");
        }
        jdbc.update("UPDATE REPLICATION_BATCHES SET STATUS = ?, RECORD_COUNT = ?, LOADED_AT = ? WHERE ID = ?", BatchStatus.LOADED, records,
                Instant.now(), batchId);
        return new LoadResult(batchId, BatchStatus.LOADED, records, tally.inserted, tally.updated, tally.skipped, null, null);
    }

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

    /** The first pass: every line, field and the trailer, and that the payload is this batch's. */
    private int validate(ReplicationBatch batch) throws PayloadException {
        String siteName = databases.mainJdbc().one("SELECT NAME FROM SITES WHERE ID = ?", rs -> rs.getString(1), batch.siteId())
                .orElseThrow(() -> new PayloadException(0, "site " + batch.siteId() + " does not exist"));
        try (PayloadReader reader = PayloadReader.open(batch.file())) {
            PayloadHeader header = reader.header();
            if (!header.site().equals(siteName)) {
                throw new PayloadException(1, "the payload is from site \"" + header.site() + "\", not \"" + siteName + "\"");
            }
            if (!header.batch().equals(batch.batchKey())) {
                throw new PayloadException(1, "the payload is batch \"" + header.batch() + "\", not \"" + batch.batchKey() + "\"");
            }
            PayloadRecord rec;
            while ((rec = reader.next()) != null) {
                ReplicatedModel.table(rec.type()).values(rec, header.created());
                if (rec.type() == RecordType.PRINTER) {
                    ReplicatedModel.printerGroupIds(rec);
                }
            }
            return reader.recordCount();
        }
    }

    private void writeChunk(ReplicationBatch batch, List<PayloadRecord> chunk, int inChunk, Instant created, Tally tally) {
        int[] counts = databases.mainJdbc().inTransaction(c -> {
            int inserted = 0;
            int updated = 0;
            Map<RecordType, Map<String, PayloadRecord>> byType = new EnumMap<>(RecordType.class);
            for (PayloadRecord r : chunk) {
                // A record sent twice in a chunk: the later one wins, as it would across chunks.
                Map<String, PayloadRecord> ofType = byType.computeIfAbsent(r.type(), k -> new LinkedHashMap<>());
                ofType.remove(r.id());
                ofType.put(r.id(), r);
            }
            for (Map.Entry<RecordType, Map<String, PayloadRecord>> e : byType.entrySet()) {
                Upserted u = upsert(c, batch.siteId(), ReplicatedModel.table(e.getKey()), new ArrayList<>(e.getValue().values()), created);
                inserted += u.inserted();
                updated += u.updated();
                if (e.getKey() == RecordType.PRINTER) {
                    // Only printers that were inserted or changed: an unchanged one keeps its links untouched.
                    replaceGroupLinks(c, batch.siteId(), e.getValue().values().stream().filter(r -> u.changed().contains(r.id())).toList());
                }
            }
            Jdbc.update(c, "UPDATE REPLICATION_BATCHES SET PROCESSED_COUNT = ?, INSERTED_COUNT = ?, UPDATED_COUNT = ?, SKIPPED_COUNT = ? WHERE ID = ?",
                    tally.processed + inChunk, tally.inserted + inserted, tally.updated + updated, tally.skipped + tally.pendingSkipped, batch.id());
            return new int[] {inserted, updated};
        });
        tally.processed += inChunk;
        tally.inserted += counts[0];
        tally.updated += counts[1];
        tally.skipped += tally.pendingSkipped;
        tally.pendingSkipped = 0;
        chunkCommitted(batch.id(), tally.processed);
    }

    /** Ids looked up per query: the chunk's ids of one type, padded to this size so that the statement is always the same one. */
    static final int LOOKUP_BATCH = 500;

    /**
     * Compare, then write: the rows already there are read with their record hash (the site's
     * record as sent); a new record is inserted, a changed one updated, an unchanged one left
     * alone, so loading a payload again writes nothing. Returns {inserted, updated}; records
     * that matched a row with the same hash are in neither.
     */
    private record Upserted(int inserted, int updated, java.util.Set<String> changed) {
    }

    private Upserted upsert(Connection c, long siteId, ReplicatedTable table, List<PayloadRecord> records, Instant created) throws SQLException {
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

        Map<String, String> existing = existingHashes(c, siteId, table.table(), records);
        List<Object[]> updates = new ArrayList<>();
        List<Object[]> inserts = new ArrayList<>();
        java.util.Set<String> changed = new java.util.HashSet<>();
        Map<String, Long> users = new HashMap<>();
        for (PayloadRecord r : records) {
            String hash = hash(r);
            boolean known = existing.containsKey(r.id());
            if (known && hash.equals(existing.get(r.id()))) {
                continue;
            }
            changed.add(r.id());
            Object[] v = mapped(table, r, created);
            if (table.userReference()) {
                Object[] withUser = Arrays.copyOf(v, v.length + 1);
                String name = (String) v[table.indexOf("USER_NAME")];
                withUser[v.length] = name == null ? null : users.computeIfAbsent(name, n -> userId(c, n));
                v = withUser;
            }
            if (known) {
                Object[] u = Arrays.copyOf(v, v.length + 3);
                u[v.length] = hash;
                u[v.length + 1] = siteId;
                u[v.length + 2] = r.id();
                updates.add(u);
            } else {
                Object[] row = new Object[v.length + 4];
                row[0] = databases.newId();
                row[1] = siteId;
                row[2] = r.id();
                row[3] = hash;
                System.arraycopy(v, 0, row, 4, v.length);
                inserts.add(row);
            }
        }
        if (!updates.isEmpty()) {
            batch(c, updateSql, updates);
        }
        if (!inserts.isEmpty()) {
            batch(c, insertSql, inserts);
        }
        return new Upserted(inserts.size(), updates.size(), changed);
    }

    /** SITE_RECORD_ID to RECORD_HASH of the rows already there for these records. */
    private static Map<String, String> existingHashes(Connection c, long siteId, String table, List<PayloadRecord> records) throws SQLException {
        StringBuilder in = new StringBuilder();
        for (int i = 0; i < LOOKUP_BATCH; i++) {
            in.append(i == 0 ? "?" : ", ?");
        }
        String sql = "SELECT SITE_RECORD_ID, RECORD_HASH FROM " + table + " WHERE SITE_ID = ? AND SITE_RECORD_ID IN (" + in + ")";
        Map<String, String> out = new HashMap<>();
        for (int from = 0; from < records.size(); from += LOOKUP_BATCH) {
            List<PayloadRecord> part = records.subList(from, Math.min(records.size(), from + LOOKUP_BATCH));
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

    private Object[] mapped(ReplicatedTable table, PayloadRecord r, Instant created) {
        try {
            return table.values(r, created);
        } catch (PayloadException e) {
            // Validated in the first pass.
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** The central user of a name, or null: a user not known yet is kept by name and linked later. */
    private static Long userId(Connection c, String username) {
        try {
            List<Long> ids = Jdbc.query(c, "SELECT ID FROM USERS WHERE USERNAME = ?", rs -> rs.getLong(1), username);
            return ids.isEmpty() ? null : ids.get(0);
        } catch (SQLException e) {
            throw new DataAccessException(e.getMessage(), e);
        }
    }

    private void replaceGroupLinks(Connection c, long siteId, Iterable<PayloadRecord> printers) throws SQLException {
        List<Object[]> deletes = new ArrayList<>();
        List<Object[]> inserts = new ArrayList<>();
        for (PayloadRecord p : printers) {
            deletes.add(new Object[] {siteId, p.id()});
            Set<String> groups;
            try {
                groups = ReplicatedModel.printerGroupIds(p);
            } catch (PayloadException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
            for (String g : groups) {
                inserts.add(new Object[] {siteId, p.id(), g});
            }
        }
        batch(c, "DELETE FROM " + ReplicatedModel.PRINTER_GROUP_MEMBERS + " WHERE SITE_ID = ? AND PRINTER_RECORD_ID = ?", deletes);
        if (!inserts.isEmpty()) {
            batch(c, "INSERT INTO " + ReplicatedModel.PRINTER_GROUP_MEMBERS + " (SITE_ID, PRINTER_RECORD_ID, GROUP_RECORD_ID) VALUES (?, ?, ?)",
                    inserts);
        }
    }

    /** One batch of rows for one statement; prepared per chunk (a few per thousand records, not worth caching). */
    private static int[] batch(Connection c, String sql, List<Object[]> rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (Object[] row : rows) {
                Jdbc.bind(ps, row);
                ps.addBatch();
            }
            return ps.executeBatch();
        }
    }

    private LoadResult fail(ReplicationBatch batch, int inserted, int updated, int skipped, Integer line, String reason) {
        String cut = ReplicationBatches.cut(reason);
        Integer failedLine = line == null || line == 0 ? null : line;
        LOG.warnf("Replication batch %s of site %d not loaded: %s", batch.batchKey(), batch.siteId(), cut);
        databases.mainJdbc().update("UPDATE REPLICATION_BATCHES SET STATUS = ?, FAILED_LINE = ?, REASON = ?, LOADED_AT = ? WHERE ID = ?",
                BatchStatus.FAILED, failedLine, cut, Instant.now(), batch.id());
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
