package org.ream.central.usersync.apply;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ream.central.persistence.Databases;
import org.ream.central.usersync.GroupPath;
import org.ream.central.usersync.plan.LocalMembership;
import org.ream.central.usersync.plan.LocalPin;
import org.ream.central.usersync.plan.LocalSnapshot;
import org.ream.central.usersync.plan.LocalUser;

/**
 * Reads the local side of a run with one query per table (users, aliases, cards, PINs,
 * groups, memberships, delegates, authentication servers), never one per user.
 */
@ApplicationScoped
public class SnapshotLoader {

    @Inject
    Databases databases;

    @FunctionalInterface
    interface Row {
        void accept(ResultSet rs) throws SQLException;
    }

    private static final class Children {
        List<String> aliases = List.of();
        List<String> cards = List.of();
        List<LocalPin> pins = List.of();
        List<LocalMembership> groups = List.of();
        List<String> delegates = List.of();
    }

    private record UserColumns(long id, String username, String fullName, String email, String phone, String personalNumber, String language,
            String userStorage, boolean useAuthServer, Long authServerId, Long syncSourceId, String externalId, boolean deleted, boolean system) {
    }

    public LocalSnapshot load() {
        return databases.mainJdbc().inTransaction(this::load);
    }

    public LocalSnapshot load(Connection c) throws SQLException {
        List<UserColumns> rows = new ArrayList<>();
        Map<Long, String> names = new HashMap<>();
        each(c, "SELECT ID, USERNAME, FULL_NAME, EMAIL, PHONE, PERSONAL_NUMBER, LANG, USER_STORAGE, USE_AUTH_SERVER, AUTH_SERVER_ID, SYNC_SOURCE_ID,"
                + " SYNC_EXTERNAL_ID, DELETED_AT, IS_SYSTEM FROM USERS", rs -> {
                    UserColumns u = new UserColumns(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                            rs.getString(7), rs.getString(8), rs.getBoolean(9), rs.getObject(10, Long.class), rs.getObject(11, Long.class),
                            rs.getString(12), rs.getObject(13) != null, rs.getBoolean(14));
                    rows.add(u);
                    names.put(u.id(), u.username());
                });
        Map<Long, Children> children = new HashMap<>();
        each(c, "SELECT USER_ID, ALIAS FROM USER_ALIASES", rs -> {
            Children ch = add(children, rs.getLong(1));
            ch.aliases = append(ch.aliases, rs.getString(2));
        });
        each(c, "SELECT USER_ID, CARD FROM USER_CARDS", rs -> {
            Children ch = add(children, rs.getLong(1));
            ch.cards = append(ch.cards, rs.getString(2));
        });
        each(c, "SELECT USER_ID, ID, SYNC_KEY FROM USER_PINS", rs -> {
            Children ch = add(children, rs.getLong(1));
            ch.pins = append(ch.pins, new LocalPin(rs.getLong(2), rs.getString(3)));
        });
        Map<Long, GroupPath> groups = new HashMap<>();
        each(c, "SELECT ID, FULL_PATH FROM USER_GROUPS", rs -> groups.put(rs.getLong(1), GroupPath.parse(rs.getString(2))));
        each(c, "SELECT USER_ID, GROUP_ID, IS_ACCOUNTING, IS_MANAGER FROM GROUP_MEMBERS", rs -> {
            Children ch = add(children, rs.getLong(1));
            ch.groups = append(ch.groups, new LocalMembership(groups.get(rs.getLong(2)), rs.getBoolean(3), rs.getBoolean(4)));
        });
        each(c, "SELECT OWNER_USER_ID, DELEGATE_USER_ID FROM DELEGATES WHERE OWNER_USER_ID IS NOT NULL AND DELEGATE_USER_ID IS NOT NULL", rs -> {
            Children ch = add(children, rs.getLong(1));
            ch.delegates = append(ch.delegates, names.get(rs.getLong(2)));
        });
        Map<String, Long> authServers = new HashMap<>();
        each(c, "SELECT ID, NAME FROM AUTH_SERVERS", rs -> authServers.put(rs.getString(2), rs.getLong(1)));
        Children none = new Children();
        List<LocalUser> users = new ArrayList<>(rows.size());
        for (UserColumns u : rows) {
            Children ch = children.getOrDefault(u.id(), none);
            users.add(new LocalUser(u.id(), u.username(), u.fullName(), u.email(), u.phone(), u.personalNumber(), u.language(), u.userStorage(),
                    u.useAuthServer(), u.authServerId(), u.syncSourceId(), u.externalId(), u.deleted(), u.system(), ch.aliases, ch.cards, ch.pins,
                    ch.groups, ch.delegates));
        }
        Set<GroupPath> paths = new HashSet<>(groups.values());
        return new LocalSnapshot(users, paths, authServers);
    }

    private static Children add(Map<Long, Children> children, long id) {
        return children.computeIfAbsent(id, k -> new Children());
    }

    /** Most users have none or one value: no list until there is one. */
    private static <T> List<T> append(List<T> list, T value) {
        List<T> out = list.isEmpty() ? new ArrayList<>(2) : list;
        out.add(value);
        return out;
    }

    /** Streams a query's rows with a fetch size, in the caller's transaction. */
    static void each(Connection c, String sql, Row row) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            ps.setFetchSize(2000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    row.accept(rs);
                }
            }
        }
    }
}
