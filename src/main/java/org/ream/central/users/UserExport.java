package org.ream.central.users;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ream.central.persistence.Databases;
import org.ream.central.persistence.Jdbc;

/**
 * Export of users (8.6) in the CSV sync syntax (8.7.4), all users or the members of one group.
 * PINs and passwords are stored as one-way strong hashes and cannot be given back in the MD5
 * form of the syntax: those columns stay empty, which a sync in its default "synchronise if not
 * empty" mode reads as "keep the current values". EXTID stays empty, as the manual asks.
 */
@ApplicationScoped
public class UserExport {

    @Inject
    Databases databases;

    public long write(OutputStream out, Long groupId, String delimiter) throws IOException {
        return write(out, groupId, null, delimiter);
    }

    /** As {@link #write(OutputStream, Long, String)}, limited to the users of one synchronisation source when {@code syncSourceId} is given. */
    public long write(OutputStream out, Long groupId, Long syncSourceId, String delimiter) throws IOException {
        UserCsvFormat format = new UserCsvFormat(delimiter);
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        w.write('\uFEFF');
        w.write(format.headerLine());
        long[] n = {0};
        databases.mainJdbc().inTransaction(c -> {
            String scope = (groupId == null ? "" : " AND EXISTS (SELECT 1 FROM GROUP_MEMBERS s WHERE s.USER_ID = u.ID AND s.GROUP_ID = " + groupId + ")")
                    + (syncSourceId == null ? "" : " AND u.SYNC_SOURCE_ID = " + syncSourceId);
            // For one group, the side tables are read for its members only; for all users, whole
            // (a filter per row would cost more than the few rows of system users it saves).
            String members = groupId == null ? "" : " IN (SELECT s.USER_ID FROM GROUP_MEMBERS s WHERE s.GROUP_ID = " + groupId + ")";
            Map<Long, List<String>> aliases = multi(c, "SELECT a.USER_ID, a.ALIAS FROM USER_ALIASES a"
                    + (members.isEmpty() ? "" : " WHERE a.USER_ID" + members) + " ORDER BY a.ALIAS");
            Map<Long, List<String>> cards = multi(c, "SELECT k.USER_ID, k.CARD FROM USER_CARDS k"
                    + (members.isEmpty() ? "" : " WHERE k.USER_ID" + members) + " ORDER BY k.CARD");
            Map<Long, List<String>> groups = multi(c, "SELECT m.USER_ID, g.FULL_PATH FROM GROUP_MEMBERS m JOIN USER_GROUPS g ON g.ID = m.GROUP_ID"
                    + (members.isEmpty() ? "" : " WHERE m.USER_ID" + members) + " ORDER BY m.IS_ACCOUNTING DESC, g.FULL_PATH");
            Map<Long, List<String>> managed = multi(c, "SELECT m.USER_ID, g.FULL_PATH FROM GROUP_MEMBERS m JOIN USER_GROUPS g ON g.ID = m.GROUP_ID"
                    + " WHERE m.IS_MANAGER = ?" + (members.isEmpty() ? "" : " AND m.USER_ID" + members) + " ORDER BY g.FULL_PATH", true);
            Map<Long, List<String>> delegates = multi(c, "SELECT d.OWNER_USER_ID, x.USERNAME FROM DELEGATES d JOIN USERS x ON x.ID = d.DELEGATE_USER_ID"
                    + " WHERE d.OWNER_USER_ID IS NOT NULL" + (members.isEmpty() ? "" : " AND d.OWNER_USER_ID" + members) + " ORDER BY x.USERNAME");
            Map<Long, String> servers = new HashMap<>();
            Jdbc.query(c, "SELECT ID, NAME FROM AUTH_SERVERS", rs -> servers.put(rs.getLong(1), rs.getString(2)));
            List<Object[]> rows = Jdbc.query(c, "SELECT u.ID, u.USERNAME, u.FULL_NAME, u.EMAIL, u.PERSONAL_NUMBER, u.USER_STORAGE, u.AUTH_SERVER_ID,"
                    + " u.USE_AUTH_SERVER, u.PHONE, u.LANG FROM USERS u WHERE u.DELETED_AT IS NULL AND u.IS_SYSTEM = ?" + scope + " ORDER BY u.USERNAME",
                    rs -> new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                            rs.getObject(7, Long.class), rs.getBoolean(8), rs.getString(9), rs.getString(10)}, false);
            try {
                for (Object[] r : rows) {
                    long id = (Long) r[0];
                    String server = (Boolean) r[7] && r[6] != null ? servers.get((Long) r[6]) : null;
                    w.write(format.line(new UserCsvRow((String) r[2], (String) r[1], aliases.getOrDefault(id, List.of()), (String) r[3],
                            cards.getOrDefault(id, List.of()), groups.getOrDefault(id, List.of()), (String) r[4], (String) r[5], List.of(),
                            managed.getOrDefault(id, List.of()), server, (String) r[8], (String) r[9], null, null, delegates.getOrDefault(id, List.of()))));
                    n[0]++;
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return null;
        });
        w.flush();
        return n[0];
    }

    private static Map<Long, List<String>> multi(Connection c, String sql, Object... params) throws SQLException {
        Map<Long, List<String>> out = new HashMap<>();
        Jdbc.query(c, sql, rs -> out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2)), params);
        return out;
    }
}
