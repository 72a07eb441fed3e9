package org.ream.central.usersync.apply;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jboss.logging.Logger;
import org.ream.central.audit.AuditLog;
import org.ream.central.persistence.Databases;
import org.ream.central.persistence.Jdbc;
import org.ream.central.pins.Pins;
import org.ream.central.security.Actor;
import org.ream.central.security.WebSessions;
import org.ream.central.usersync.GroupPath;
import org.ream.central.usersync.plan.LocalMembership;
import org.ream.central.usersync.plan.PinAdd;
import org.ream.central.usersync.plan.SyncCounts;
import org.ream.central.usersync.plan.SyncPlan;
import org.ream.central.usersync.plan.UserAction;
import org.ream.central.usersync.plan.UserEdits;
import org.ream.central.usersync.plan.UserPlan;
import org.ream.central.usersync.plan.UserRow;

/**
 * Writes a plan: the users that change, in chunks of one transaction each, every table written
 * with one JDBC batch per statement. A chunk that fails is rolled back whole and its users are
 * reported failed; the other chunks stand, and the next run converges. A dry run executes the
 * same statements and rolls each chunk back. Unchanged users cost no statement at all.
 */
@ApplicationScoped
public class PlanApplier {

    static final String AUDIT = "Users";
    public static final int DEFAULT_CHUNK = 1000;
    private static final Logger LOG = Logger.getLogger(PlanApplier.class);

    @Inject
    Databases databases;

    @Inject
    Pins pins;

    @Inject
    AuditLog audit;

    @Inject
    WebSessions sessions;

    public SyncResult apply(SyncPlan plan, boolean dryRun, SyncProgress progress) {
        return apply(plan, dryRun, DEFAULT_CHUNK, Actor.SYSTEM, progress);
    }

    public SyncResult apply(SyncPlan plan, boolean dryRun, int chunkSize, Actor actor, SyncProgress progress) {
        if (plan.stopped()) {
            return new SyncResult(dryRun, plan.stopReason(), plan.users(), plan.counts(), plan.notes(), 0);
        }
        List<UserPlan> results = new ArrayList<>(plan.users());
        List<Integer> writing = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            if (results.get(i).writes()) {
                writing.add(i);
            }
        }
        Ids ids = writing.isEmpty() ? null : loadIds();
        List<Integer> deferredDelegates = new ArrayList<>();
        List<Long> deactivated = new ArrayList<>();
        boolean rightsChanged = false;
        int rows = 0;
        int total = writing.size();
        for (int from = 0; from < total; from += chunkSize) {
            List<Integer> chunk = writing.subList(from, Math.min(total, from + chunkSize));
            Chunk ch = new Chunk(ids, plan.sourceId());
            try {
                rows += databases.mainJdbc().inTransaction(c -> {
                    int n = write(c, chunk.stream().map(results::get).toList(), ch);
                    audit.record(c, actor, AUDIT, "USERS_SYNCHRONISED", "User synchronisation " + (dryRun ? "(dry run) " : "") + "wrote " + chunk.size()
                            + " users.", null, details(chunk.stream().map(results::get).toList()));
                    if (dryRun) {
                        c.rollback();
                    }
                    return n;
                });
                if (!dryRun) {
                    ids.commit(ch);
                    rightsChanged |= ch.membershipsChanged;
                    deactivated.addAll(ch.deactivated);
                }
                for (int i : chunk) {
                    if (ch.delegatesDeferred.contains(results.get(i))) {
                        deferredDelegates.add(i);
                    }
                }
            } catch (RuntimeException e) {
                LOG.warnf(e, "User synchronisation: a chunk of %d users was rolled back", chunk.size());
                String why = "not written, the chunk was rolled back: " + e.getMessage();
                for (int i : chunk) {
                    results.set(i, results.get(i).failed(why));
                }
            }
            progress.progress(Math.min(total, from + chunkSize), total);
        }
        if (!deferredDelegates.isEmpty() && !dryRun) {
            rows += writeDeferredDelegates(results, deferredDelegates, ids);
        }
        if (rightsChanged) {
            sessions.rightsChanged();
        }
        for (long id : deactivated) {
            sessions.closeAll(id);
        }
        return new SyncResult(dryRun, null, results, SyncCounts.of(results), plan.notes(), rows);
    }

    /** Ids of the groups and users by their keys: committed ones, and a chunk's until it commits. */
    static final class Ids {
        final Map<GroupPath, Long> groups;
        final Map<String, Long> users;

        Ids(Map<GroupPath, Long> groups, Map<String, Long> users) {
            this.groups = groups;
            this.users = users;
        }

        void commit(Chunk ch) {
            groups.putAll(ch.groups);
            users.putAll(ch.users);
        }
    }

    static final class Chunk {
        final Ids base;
        final long sourceId;
        final Map<GroupPath, Long> groups = new HashMap<>();
        final Map<String, Long> users = new HashMap<>();
        final List<UserPlan> delegatesDeferred = new ArrayList<>();
        final List<Long> deactivated = new ArrayList<>();
        boolean membershipsChanged;

        Chunk(Ids base, long sourceId) {
            this.base = base;
            this.sourceId = sourceId;
        }

        Long group(GroupPath p) {
            Long id = base.groups.get(p);
            return id != null ? id : groups.get(p);
        }

        Long user(String name) {
            Long id = base.users.get(name);
            return id != null ? id : users.get(name);
        }
    }

    private Ids loadIds() {
        return databases.mainJdbc().inTransaction(c -> {
            Map<GroupPath, Long> groups = new HashMap<>();
            SnapshotLoader.each(c, "SELECT ID, FULL_PATH FROM USER_GROUPS", rs -> groups.put(GroupPath.parse(rs.getString(2)), rs.getLong(1)));
            Map<String, Long> users = new HashMap<>();
            SnapshotLoader.each(c, "SELECT ID, USERNAME FROM USERS", rs -> users.put(rs.getString(2), rs.getLong(1)));
            return new Ids(groups, users);
        });
    }

    /** One chunk, table by table: removals before insertions, so a card or name moving between users within the chunk never clashes. */
    private int write(Connection c, List<UserPlan> users, Chunk ch) throws SQLException {
        Instant now = Instant.now();
        Batches b = new Batches(c);
        createGroups(b, users, ch, now);
        Map<UserPlan, Long> idOf = new LinkedHashMap<>();
        for (UserPlan u : users) {
            if (u.action() == UserAction.ADD) {
                long id = databases.newId();
                idOf.put(u, id);
                ch.users.put(u.username(), id);
                UserRow r = u.row();
                b.add("INSERT INTO USERS (ID, USERNAME, FULL_NAME, EMAIL, PHONE, PERSONAL_NUMBER, LANG, USER_STORAGE, USE_AUTH_SERVER, AUTH_SERVER_ID,"
                        + " SYNC_SOURCE_ID, SYNC_EXTERNAL_ID, IS_SYSTEM, FAILED_LOGINS, CREATED_AT, UPDATED_AT, CHANGE_NO)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)", id, r.username(), r.fullName(), r.email(), r.phone(),
                        r.personalNumber(), r.language(), r.userStorage(), r.useAuthServer(), r.authServerId(), r.syncSourceId(), r.externalId(), false,
                        now, now, databases.newChangeNo());
            } else if (u.localId() != null) {
                idOf.put(u, u.localId());
            }
        }
        for (UserPlan u : users) {
            long id = idOf.get(u);
            UserEdits e = u.edits();
            switch (u.action()) {
                case UPDATE, RENAME, UNDELETE -> {
                    UserRow r = u.row();
                    b.add("UPDATE USERS SET USERNAME = ?, FULL_NAME = ?, EMAIL = ?, PHONE = ?, PERSONAL_NUMBER = ?, LANG = ?, USER_STORAGE = ?,"
                            + " USE_AUTH_SERVER = ?, AUTH_SERVER_ID = ?, SYNC_SOURCE_ID = ?, SYNC_EXTERNAL_ID = ?, DELETED_AT = NULL, UPDATED_AT = ?,"
                            + " CHANGE_NO = ? WHERE ID = ?", r.username(), r.fullName(), r.email(), r.phone(), r.personalNumber(), r.language(),
                            r.userStorage(), r.useAuthServer(), r.authServerId(), r.syncSourceId(), r.externalId(), now, databases.newChangeNo(), id);
                    if (u.previousUsername() != null) {
                        ch.users.put(u.username(), id);
                    }
                }
                case DEACTIVATE -> {
                    b.add("DELETE FROM GROUP_MEMBERS WHERE USER_ID = ?", id);
                    b.add("DELETE FROM DELEGATES WHERE OWNER_USER_ID = ? OR DELEGATE_USER_ID = ?", id, id);
                    b.add("DELETE FROM RIGHT_GRANTS WHERE USER_ID = ?", id);
                    b.add("UPDATE USERS SET DELETED_AT = ?, UPDATED_AT = ?, CHANGE_NO = ? WHERE ID = ? AND DELETED_AT IS NULL", now, now, databases.newChangeNo(),
                            id);
                    ch.deactivated.add(id);
                    ch.membershipsChanged = true;
                }
                default -> {
                }
            }
            for (String a : e.aliasesRemoved()) {
                b.add("DELETE FROM USER_ALIASES WHERE USER_ID = ? AND ALIAS = ?", id, a);
            }
            for (String k : e.cardsRemoved()) {
                b.add("DELETE FROM USER_CARDS WHERE USER_ID = ? AND CARD = ?", id, k);
            }
            for (long pin : e.pinsRemoved()) {
                b.add("DELETE FROM USER_PINS WHERE ID = ? AND USER_ID = ?", pin, id);
            }
            for (GroupPath g : e.membershipsRemoved()) {
                b.add("DELETE FROM GROUP_MEMBERS WHERE GROUP_ID = ? AND USER_ID = ?", ch.group(g), id);
            }
        }
        // Every removal is sent before any insertion.
        b.flush();
        for (UserPlan u : users) {
            long id = idOf.get(u);
            UserEdits e = u.edits();
            for (String a : e.aliasesAdded()) {
                b.add("INSERT INTO USER_ALIASES (ID, USER_ID, ALIAS) VALUES (?, ?, ?)", databases.newId(), id, a);
            }
            for (String k : e.cardsAdded()) {
                b.add("INSERT INTO USER_CARDS (ID, USER_ID, CARD, CREATED_AT) VALUES (?, ?, ?, ?)", databases.newId(), id, k, now);
            }
            for (PinAdd p : e.pinsAdded()) {
                Pins.Md5Import row = pins.md5Import(p.md5());
                b.add("INSERT INTO USER_PINS (ID, USER_ID, PIN_HASH, LOOKUP_KEY, SYNC_KEY, CREATED_AT) VALUES (?, ?, ?, ?, ?, ?)", databases.newId(), id,
                        row.pinHash(), row.lookupKey(), row.syncKey(), now);
            }
            for (LocalMembership m : e.membershipsChanged()) {
                b.add("UPDATE GROUP_MEMBERS SET IS_ACCOUNTING = ?, IS_MANAGER = ? WHERE GROUP_ID = ? AND USER_ID = ?", m.accounting(), m.manager(),
                        ch.group(m.group()), id);
            }
            for (LocalMembership m : e.membershipsAdded()) {
                b.add("INSERT INTO GROUP_MEMBERS (GROUP_ID, USER_ID, IS_ACCOUNTING, IS_MANAGER) VALUES (?, ?, ?, ?)", ch.group(m.group()), id,
                        m.accounting(), m.manager());
            }
            if (e.membershipsTouched()) {
                ch.membershipsChanged = true;
            }
            if (!delegates(b, u, id, ch::user)) {
                ch.delegatesDeferred.add(u);
            }
        }
        b.flush();
        return b.rows;
    }

    /**
     * The delegate rows of a user whose delegates all have ids; false (nothing written) when one
     * is added by a later chunk, to be written after every chunk.
     */
    private boolean delegates(Batches b, UserPlan u, long owner, Function<String, Long> idOf) throws SQLException {
        UserEdits e = u.edits();
        for (String d : e.delegatesAdded()) {
            if (idOf.apply(d) == null) {
                return false;
            }
        }
        for (String d : e.delegatesRemoved()) {
            Long id = idOf.apply(d);
            if (id != null) {
                b.add("DELETE FROM DELEGATES WHERE OWNER_USER_ID = ? AND DELEGATE_USER_ID = ?", owner, id);
            }
        }
        for (String d : e.delegatesAdded()) {
            b.add("INSERT INTO DELEGATES (ID, OWNER_USER_ID, DELEGATE_USER_ID) VALUES (?, ?, ?)", databases.newId(), owner, idOf.apply(d));
        }
        return true;
    }

    private int writeDeferredDelegates(List<UserPlan> results, List<Integer> deferred, Ids ids) {
        int rows = 0;
        try {
            rows = databases.mainJdbc().inTransaction(c -> {
                Batches b = new Batches(c);
                for (int i : deferred) {
                    UserPlan u = results.get(i);
                    Long owner = ids.users.get(u.username());
                    if (owner != null) {
                        delegates(b, u, owner, ids.users::get);
                    }
                }
                b.flush();
                return b.rows;
            });
        } catch (RuntimeException e) {
            LOG.warnf(e, "User synchronisation: the delegates of %d users were not written", deferred.size());
            for (int i : deferred) {
                results.set(i, results.get(i).failed("delegates not written: " + e.getMessage()));
            }
        }
        return rows;
    }

    /** Groups the chunk's memberships need, parents first, owned by the run's source. */
    private void createGroups(Batches b, List<UserPlan> users, Chunk ch, Instant now) throws SQLException {
        List<GroupPath> missing = new ArrayList<>();
        for (UserPlan u : users) {
            for (LocalMembership m : u.edits().membershipsAdded()) {
                List<String> names = m.group().names();
                for (int i = 1; i <= names.size(); i++) {
                    GroupPath p = new GroupPath(names.subList(0, i));
                    if (ch.group(p) == null) {
                        long id = databases.newId();
                        ch.groups.put(p, id);
                        missing.add(p);
                    }
                }
            }
        }
        missing.sort(java.util.Comparator.comparingInt(p -> p.names().size()));
        for (GroupPath p : missing) {
            Long parent = p.names().size() == 1 ? null : ch.group(new GroupPath(p.names().subList(0, p.names().size() - 1)));
            b.add("INSERT INTO USER_GROUPS (ID, PARENT_ID, NAME, FULL_PATH, SYNC_SOURCE_ID, IS_SYSTEM, CREATED_AT, CHANGE_NO) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    ch.group(p), parent, p.name(), p.toString(), ch.sourceId, false, now, databases.newChangeNo());
        }
        b.flush();
    }

    private static String details(List<UserPlan> users) {
        StringBuilder sb = new StringBuilder();
        for (UserPlan u : users) {
            if (sb.length() > 8000) {
                sb.append("...");
                break;
            }
            sb.append(u.line()).append('\n');
        }
        return sb.toString().strip();
    }

    /** One prepared statement per SQL text, its rows batched until flushed (in the order the statements were first used). */
    private static final class Batches {
        final Connection c;
        final Map<String, PreparedStatement> open = new LinkedHashMap<>();
        int rows;

        Batches(Connection c) {
            this.c = c;
        }

        void add(String sql, Object... params) throws SQLException {
            PreparedStatement ps = open.get(sql);
            if (ps == null) {
                ps = c.prepareStatement(sql);
                open.put(sql, ps);
            }
            Jdbc.bind(ps, params);
            ps.addBatch();
            rows++;
        }

        void flush() throws SQLException {
            try {
                for (PreparedStatement ps : open.values()) {
                    ps.executeBatch();
                }
            } finally {
                for (PreparedStatement ps : open.values()) {
                    ps.close();
                }
                open.clear();
            }
        }
    }
}
