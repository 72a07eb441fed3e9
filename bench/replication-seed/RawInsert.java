// The baseline of bench/replication: a plain JDBC batch insert of the same rows the server
// loads, into a fresh database of the server's schema, in chunks of 1,000 rows, one commit each,
// each statement prepared once. Reading and mapping the payloads is not timed: only the inserts
// and commits are. Run with the server's classpath (the payload reader and the replicated model).
//
//   java -cp <server classpath> RawInsert.java <payload folder> <database file>
// prints: RAW rows=<n> insert_ms=<ms>
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.ream.central.persistence.Jdbc;
import org.ream.central.replication.model.Column;
import org.ream.central.replication.model.ReplicatedModel;
import org.ream.central.replication.model.ReplicatedTable;
import org.ream.central.replication.payload.PayloadReader;
import org.ream.central.replication.payload.PayloadRecord;
import org.ream.central.replication.payload.RecordType;

public class RawInsert {

    static final int CHUNK = 1000;

    public static void main(String[] args) throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of(args[0]))) {
            files = s.filter(p -> p.toString().endsWith(".ndjson.gz")).sorted().toList();
        }
        Properties p = new Properties();
        p.setProperty("user", "SYSDBA");
        p.setProperty("password", "masterkey");
        p.setProperty("charSet", "UTF-8");
        long rows = 0;
        long insertNanos = 0;
        long nextId = 1_000_000;
        try (Connection c = DriverManager.getConnection("jdbc:firebird:embedded:" + args[1], p)) {
            c.setAutoCommit(false);
            Map<RecordType, PreparedStatement> inserts = new EnumMap<>(RecordType.class);
            for (ReplicatedTable t : ReplicatedModel.tables().values()) {
                StringBuilder names = new StringBuilder("ID, SITE_ID, SITE_RECORD_ID, RECORD_HASH");
                StringBuilder marks = new StringBuilder("?, ?, ?, ?");
                for (Column col : t.columns()) {
                    names.append(", ").append(col.name());
                    marks.append(", ?");
                }
                if (t.userReference()) {
                    names.append(", USER_ID");
                    marks.append(", ?");
                }
                inserts.put(t.type(), c.prepareStatement("INSERT INTO " + t.table() + " (" + names + ") VALUES (" + marks + ")"));
            }
            PreparedStatement links = c.prepareStatement("INSERT INTO " + ReplicatedModel.PRINTER_GROUP_MEMBERS
                    + " (SITE_ID, PRINTER_RECORD_ID, GROUP_RECORD_ID) VALUES (?, ?, ?)");
            PreparedStatement site = c.prepareStatement("INSERT INTO SITES (ID, NAME, ADDRESS, PORT, SECURE, ENABLED, STATUS, CREATED_AT)"
                    + " VALUES (?, ?, '127.0.0.1', 8090, FALSE, TRUE, 'READY', CURRENT_TIMESTAMP)");
            Map<String, Long> siteIds = new HashMap<>();
            for (Path f : files) {
                // Untimed: read and map one payload (one site-day) into rows.
                List<Object[]> rowsOf = new ArrayList<>();
                List<RecordType> typeOf = new ArrayList<>();
                List<Object[]> linkRows = new ArrayList<>();
                long siteId;
                try (PayloadReader reader = PayloadReader.open(f)) {
                    String name = reader.header().site();
                    Long known = siteIds.get(name);
                    if (known == null) {
                        known = (long) siteIds.size() + 1;
                        siteIds.put(name, known);
                        site.setLong(1, known);
                        site.setString(2, name);
                        site.executeUpdate();
                        c.commit();
                    }
                    siteId = known;
                    Instant created = reader.header().created();
                    PayloadRecord r;
                    while ((r = reader.next()) != null) {
                        ReplicatedTable t = ReplicatedModel.table(r.type());
                        Object[] v = t.values(r, created);
                        Object[] row = new Object[v.length + 4 + (t.userReference() ? 1 : 0)];
                        row[0] = nextId++;
                        row[1] = siteId;
                        row[2] = r.id();
                        row[3] = hash(r);
                        System.arraycopy(v, 0, row, 4, v.length);
                        rowsOf.add(row);
                        typeOf.add(r.type());
                        if (r.type() == RecordType.PRINTER) {
                            for (String g : ReplicatedModel.printerGroupIds(r)) {
                                linkRows.add(new Object[] {siteId, r.id(), g});
                            }
                        }
                    }
                }
                // Timed: the inserts, a commit every 1,000 rows.
                long t0 = System.nanoTime();
                Map<RecordType, Integer> pending = new EnumMap<>(RecordType.class);
                int inChunk = 0;
                for (int i = 0; i < rowsOf.size(); i++) {
                    PreparedStatement ps = inserts.get(typeOf.get(i));
                    Jdbc.bind(ps, rowsOf.get(i));
                    ps.addBatch();
                    pending.merge(typeOf.get(i), 1, Integer::sum);
                    if (++inChunk == CHUNK) {
                        flush(inserts, pending);
                        c.commit();
                        inChunk = 0;
                    }
                }
                flush(inserts, pending);
                for (Object[] l : linkRows) {
                    Jdbc.bind(links, l);
                    links.addBatch();
                }
                if (!linkRows.isEmpty()) {
                    links.executeBatch();
                }
                c.commit();
                insertNanos += System.nanoTime() - t0;
                rows += rowsOf.size() + linkRows.size();
            }
        }
        System.out.printf("RAW rows=%d insert_ms=%d%n", rows, insertNanos / 1_000_000);
    }

    static void flush(Map<RecordType, PreparedStatement> inserts, Map<RecordType, Integer> pending) throws Exception {
        for (RecordType t : pending.keySet()) {
            inserts.get(t).executeBatch();
        }
        pending.clear();
    }

    /** The loader keeps the SHA-256 of each record: the baseline stores the same column. */
    static String hash(PayloadRecord r) throws Exception {
        java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
        sha.update(r.type().wireName().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(r.id().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(r.fields().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return java.util.HexFormat.of().formatHex(sha.digest());
    }
}
