// bench/users: seeds a stopped server's data folder with users and groups, then times the
// bare SQL of the users list on it (the baseline the API is compared with). Run by bench/users
// with the server's jars on the class path, in Java's single-file source mode.
//
//   java UsersSeed.java <main.fdb> <users> <groups> <warm-up rounds> <timed rounds>
//
// Prints "baseline <name> <median microseconds>" lines on stdout, progress on stderr.

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.ream.central.persistence.Jdbc;
import org.ream.central.users.UserQueries;
import org.ream.central.users.UserView;

public class UsersSeed {

    static final String[] FIRST = {"Carol", "Kohei", "Eliot", "Thomas", "Hana", "Ivan", "Judy", "Frank", "Gina", "Dave", "Erin", "Lucie",
            "Pavel", "Marie", "Jan", "Sofia", "Omar", "Chen", "Ana", "Lars"};
    static final String[] LAST = {"Kai", "Pineapple", "Novak", "Svoboda", "Dvorak", "Martin", "Bernard", "Dubois", "Muller", "Schmidt",
            "Garcia", "Lopez", "Tanaka", "Sato", "Smith", "Jones", "Brown", "Wilson", "Taylor", "Moreau", "Petit", "Roux", "Fournier",
            "Girard", "Bonnet", "Dupont", "Lambert", "Fontaine", "Rousseau", "Vincent", "Muller", "Lefevre", "Faure", "Andre", "Mercier",
            "Blanc", "Guerin", "Boyer", "Garnier", "Chevalier", "Francois", "Legrand", "Gauthier", "Garcia", "Perrin", "Robin", "Clement",
            "Morin", "Nicolas", "Henry"};

    /** What the benchmark searches: a surname, as someone typing in the search box would. */
    static final String SEARCH = "novak";

    public static void main(String[] args) throws Exception {
        String file = args[0];
        int users = Integer.parseInt(args[1]);
        int groups = Integer.parseInt(args[2]);
        int warmup = Integer.parseInt(args[3]);
        int rounds = Integer.parseInt(args[4]);
        java.nio.file.Path dataDir = java.nio.file.Path.of(args[5]);
        Properties p = new Properties();
        p.setProperty("user", "SYSDBA");
        p.setProperty("password", "masterkey");
        p.setProperty("charSet", "UTF-8");
        try (Connection c = DriverManager.getConnection("jdbc:firebird:embedded:" + file, p)) {
            seed(c, users, groups);
            byte[] key = pinKey(dataDir);
            seedPins(c, users, key);
            baseline(c, warmup, rounds);
            pinBaseline(c, key, warmup, rounds);
        }
    }

    static long nextId(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT NEXT VALUE FOR REAM_ID_SEQ FROM RDB$DATABASE"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static void seed(Connection c, int users, int groups) throws SQLException {
        long t0 = System.nanoTime();
        c.setAutoCommit(false);
        // Ids above anything the server has handed out; the sequence is moved past them at the end.
        long base = nextId(c) + 1000;
        Timestamp now = Timestamp.valueOf(LocalDateTime.now());
        // Groups: 50 top-level departments with sub-groups below them.
        long[] groupIds = new long[groups];
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO USER_GROUPS (ID, PARENT_ID, NAME, FULL_PATH, IS_SYSTEM, CREATED_AT, CHANGE_NO)"
                + " VALUES (?, ?, ?, ?, FALSE, ?, 0)")) {
            String[] paths = new String[groups];
            for (int g = 0; g < groups; g++) {
                groupIds[g] = base + g;
                boolean top = g < 50;
                int parent = top ? -1 : g % 50;
                String name = top ? "Department " + g : "Team " + g;
                paths[g] = top ? name : paths[parent] + "|" + name;
                ps.setLong(1, groupIds[g]);
                if (top) {
                    ps.setNull(2, java.sql.Types.BIGINT);
                } else {
                    ps.setLong(2, groupIds[parent]);
                }
                ps.setString(3, name);
                ps.setString(4, paths[g]);
                ps.setTimestamp(5, now);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        c.commit();
        long userBase = base + groups;
        try (PreparedStatement u = c.prepareStatement("INSERT INTO USERS (ID, USERNAME, FULL_NAME, EMAIL, PERSONAL_NUMBER, LANG, IS_SYSTEM,"
                + " USE_AUTH_SERVER, FAILED_LOGINS, LOCKED_AT, DELETED_AT, CREATED_AT, UPDATED_AT, CHANGE_NO) VALUES (?, ?, ?, ?, ?, 'en', FALSE, FALSE, 0, ?, ?, ?, ?, 0)");
             PreparedStatement k = c.prepareStatement("INSERT INTO USER_CARDS (ID, USER_ID, CARD, CREATED_AT) VALUES (?, ?, ?, ?)");
             PreparedStatement m = c.prepareStatement("INSERT INTO GROUP_MEMBERS (GROUP_ID, USER_ID, IS_ACCOUNTING, IS_MANAGER) VALUES (?, ?, ?, ?)")) {
            for (int i = 0; i < users; i++) {
                long id = userBase + i;
                String first = FIRST[i % FIRST.length];
                String last = LAST[(i / FIRST.length) % LAST.length];
                u.setLong(1, id);
                u.setString(2, String.format("user%06d", i));
                u.setString(3, first + " " + last);
                u.setString(4, String.format("user%06d@example.com", i));
                u.setString(5, String.format("P%07d", i));
                // 1 % deleted, 0.1 % locked, 2 % without group (unclassified).
                u.setTimestamp(6, i % 1000 == 7 ? now : null);
                u.setTimestamp(7, i % 100 == 3 ? now : null);
                u.setTimestamp(8, now);
                u.setTimestamp(9, now);
                u.addBatch();
                k.setLong(1, userBase + users + i);
                k.setLong(2, id);
                k.setString(3, String.format("%08X", 0x7E000000L + i));
                k.setTimestamp(4, now);
                k.addBatch();
                if (i % 100 != 3 && i % 50 != 1) {
                    int g = 50 + (i % (groups - 50));
                    m.setLong(1, groupIds[g]);
                    m.setLong(2, id);
                    m.setBoolean(3, true);
                    m.setBoolean(4, i % 200 == 0);
                    m.addBatch();
                    if (i % 3 == 0) {
                        m.setLong(1, groupIds[g % 50]);
                        m.setLong(2, id);
                        m.setBoolean(3, false);
                        m.setBoolean(4, false);
                        m.addBatch();
                    }
                }
                if (i % 5000 == 4999) {
                    u.executeBatch();
                    k.executeBatch();
                    m.executeBatch();
                    c.commit();
                }
            }
            u.executeBatch();
            k.executeBatch();
            m.executeBatch();
        }
        try (PreparedStatement s = c.prepareStatement("ALTER SEQUENCE REAM_ID_SEQ RESTART WITH " + (userBase + 2L * users + 1000))) {
            s.execute();
        }
        c.commit();
        // Fresh index statistics, as a database that has been running a while has them.
        List<String> indexes = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT TRIM(RDB$INDEX_NAME) FROM RDB$INDICES WHERE RDB$SYSTEM_FLAG = 0");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                indexes.add(rs.getString(1));
            }
        }
        for (String ix : indexes) {
            try (PreparedStatement ps = c.prepareStatement("SET STATISTICS INDEX " + ix)) {
                ps.execute();
            }
        }
        c.commit();
        System.err.printf("seeded %d users, %d groups in %d ms%n", users, groups, (System.nanoTime() - t0) / 1_000_000);
    }

    /** The PIN the benchmark logs in with (user000042's); every user has one PIN. */
    static String pinOf(int user) {
        return String.valueOf(100000 + user);
    }

    static final int MEASURED_PIN_USER = 42;

    /** The server's PIN lookup key (data/config/pin-lookup.key, 64 hex digits), made as the server makes it when missing. */
    static byte[] pinKey(java.nio.file.Path dataDir) throws Exception {
        java.nio.file.Path file = dataDir.resolve("config/pin-lookup.key");
        if (!java.nio.file.Files.exists(file)) {
            byte[] raw = new byte[32];
            new java.security.SecureRandom().nextBytes(raw);
            java.nio.file.Files.createDirectories(file.getParent());
            java.nio.file.Files.writeString(file, java.util.HexFormat.of().formatHex(raw));
        }
        return java.util.HexFormat.of().parseHex(java.nio.file.Files.readString(file).strip());
    }

    static String lookupKey(byte[] key, String value) throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
        return java.util.HexFormat.of().formatHex(mac.doFinal(value.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /**
     * One PIN per user with its lookup key, as the server stores them. Only the measured user's
     * hash is made from its PIN: a login only ever hashes the rows its lookup key finds, so the
     * other rows share one hash (100,000 Argon2 hashes would take most of an hour).
     */
    static void seedPins(Connection c, int users, byte[] key) throws Exception {
        long t0 = System.nanoTime();
        c.setAutoCommit(false);
        long userBase;
        try (PreparedStatement ps = c.prepareStatement("SELECT ID FROM USERS WHERE USERNAME = ?")) {
            ps.setString(1, String.format("user%06d", 0));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                userBase = rs.getLong(1);
            }
        }
        long idBase = nextId(c) + 1000;
        String shared = org.ream.central.security.PasswordHasher.hashPin("0000000");
        Timestamp now = Timestamp.valueOf(LocalDateTime.now());
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO USER_PINS (ID, USER_ID, PIN_HASH, LOOKUP_KEY, CREATED_AT) VALUES (?, ?, ?, ?, ?)")) {
            for (int i = 0; i < users; i++) {
                String pin = pinOf(i);
                ps.setLong(1, idBase + i);
                ps.setLong(2, userBase + i);
                ps.setString(3, i == MEASURED_PIN_USER ? org.ream.central.security.PasswordHasher.hashPin(pin) : shared);
                ps.setString(4, lookupKey(key, "pin:" + pin));
                ps.setTimestamp(5, now);
                ps.addBatch();
                if (i % 5000 == 4999) {
                    ps.executeBatch();
                    c.commit();
                }
            }
            ps.executeBatch();
        }
        try (PreparedStatement s = c.prepareStatement("ALTER SEQUENCE REAM_ID_SEQ RESTART WITH " + (idBase + users + 1000))) {
            s.execute();
        }
        try (PreparedStatement s = c.prepareStatement("SET STATISTICS INDEX IX_USER_PINS_LOOKUP")) {
            s.execute();
        }
        c.commit();
        System.err.printf("seeded %d PINs in %d ms%n", users, (System.nanoTime() - t0) / 1_000_000);
    }

    /**
     * The irreducible work of a login by PIN: both lookup keys (typed and MD5 form), the indexed
     * look-up, and the one Argon2 verification of the row found. The API adds the session, the log
     * line and HTTP; a strong hash is what the issue asks PINs to be stored as, so it is in both.
     */
    static void pinBaseline(Connection c, byte[] key, int warmup, int rounds) throws Exception {
        String pin = pinOf(MEASURED_PIN_USER);
        long[] t = new long[rounds];
        for (int r = -(warmup + rounds); r < rounds; r++) { // warmed up as the API's PIN login is
            long t0 = System.nanoTime();
            String md5 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(pin.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            boolean ok = false;
            try (PreparedStatement ps = c.prepareStatement("SELECT ID, USER_ID, PIN_HASH, VALID_UNTIL FROM USER_PINS WHERE LOOKUP_KEY IN (?, ?)")) {
                ps.setString(1, lookupKey(key, "pin:" + pin));
                ps.setString(2, lookupKey(key, "md5:" + md5));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ok |= org.ream.central.security.PasswordHasher.verify(pin, rs.getString(3));
                    }
                }
            }
            if (!ok) {
                throw new IllegalStateException("the seeded PIN does not verify");
            }
            if (r >= 0) {
                t[r] = (System.nanoTime() - t0) / 1000;
            }
        }
        Arrays.sort(t);
        System.out.printf("baseline pin %d rows=1%n", t[rounds / 2]);
        System.out.printf("pin %s%n", pin);
    }

    /** Warmed up like the API (all statements in turn, as many rounds), then each timed on its own. */
    static void baseline(Connection c, int warmup, int rounds) throws SQLException {
        c.setAutoCommit(true);
        List<UserQueries.Sql> all = List.of(UserQueries.page(UserView.ALL, null, null, null, 101),
                UserQueries.page(UserView.ALL, SEARCH, null, null, 101), UserQueries.page(UserView.DELETED, null, null, null, 101));
        for (int i = 0; i < warmup; i++) {
            for (UserQueries.Sql q : all) {
                run(c, q);
            }
        }
        time(c, "list", all.get(0), rounds);
        time(c, "search", all.get(1), rounds);
        time(c, "deleted", all.get(2), rounds);
    }

    static int run(Connection c, UserQueries.Sql q) throws SQLException {
        int rows = 0;
        try (PreparedStatement ps = c.prepareStatement(q.sql())) {
            Jdbc.bind(ps, q.params().toArray());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    for (int col = 1; col <= 9; col++) {
                        rs.getObject(col);
                    }
                    rows++;
                }
            }
        }
        return rows;
    }

    /** Median over the rounds, after as many more warm-up runs, of preparing and executing the statement and reading every row. */
    static void time(Connection c, String name, UserQueries.Sql q, int rounds) throws SQLException {
        long[] t = new long[rounds];
        int rows = 0;
        for (int r = -rounds; r < rounds; r++) {
            long t0 = System.nanoTime();
            rows = run(c, q);
            if (r >= 0) {
                t[r] = (System.nanoTime() - t0) / 1000;
            }
        }
        Arrays.sort(t);
        System.out.printf("baseline %s %d rows=%d%n", name, t[rounds / 2], rows);
    }
}
