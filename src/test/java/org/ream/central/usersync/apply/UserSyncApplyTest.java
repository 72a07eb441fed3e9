package org.ream.central.usersync.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.ream.central.persistence.Databases;
import org.ream.central.security.Actor;
import org.ream.central.usersync.FieldMode;
import org.ream.central.usersync.GroupPath;
import org.ream.central.usersync.SourceUser;
import org.ream.central.usersync.SyncOptions;
import org.ream.central.usersync.plan.SourceRead;
import org.ream.central.usersync.plan.SyncCounts;
import org.ream.central.usersync.plan.SyncPlan;
import org.ream.central.usersync.plan.UserAction;
import org.ream.central.usersync.plan.UserPlan;

/** The applier against the embedded Firebird: what a run writes, what a dry run and a failing chunk leave, and that runs converge. */
@QuarkusTest
class UserSyncApplyTest {

    static final String MD5_1234 = "81dc9bdb52d04dc20036dbd8313ed055";

    @Inject
    Databases databases;

    @Inject
    UserSynchroniser sync;

    @Inject
    PlanApplier applier;

    static SyncOptions options() {
        return new SyncOptions(true, true, true, false, false, false, false, null, FieldMode.FULL_SYNC, FieldMode.ADD_NEW, FieldMode.FULL_SYNC,
                FieldMode.FULL_SYNC, 0, 0);
    }

    static SourceUser user(String ext, String name, String fullName, List<String> cards, List<String> groups, List<String> pins, List<String> delegates) {
        return new SourceUser(ext, name, fullName, List.of(), null, cards, groups.stream().map(GroupPath::parse).toList(), null, null, pins, List.of(), null,
                null, null, null, delegates);
    }

    static String tag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    long source() {
        return databases.newId();
    }

    Long idOf(String username) {
        return databases.mainJdbc().one("SELECT ID FROM USERS WHERE USERNAME = ?", rs -> rs.getLong(1), username).orElse(null);
    }

    boolean deleted(String username) {
        return databases.mainJdbc().one("SELECT DELETED_AT FROM USERS WHERE USERNAME = ?", rs -> rs.getObject(1) != null, username).orElseThrow();
    }

    List<String> cards(long id) {
        return databases.mainJdbc().query("SELECT CARD FROM USER_CARDS WHERE USER_ID = ? ORDER BY CARD", rs -> rs.getString(1), id);
    }

    List<String> groups(long id) {
        return databases.mainJdbc().query("SELECT g.FULL_PATH, m.IS_ACCOUNTING FROM GROUP_MEMBERS m"
                + " JOIN USER_GROUPS g ON g.ID = m.GROUP_ID WHERE m.USER_ID = ? ORDER BY g.FULL_PATH", rs -> rs.getString(1) + (rs.getBoolean(2) ? " (acc)" : ""), id);
    }

    /** A fingerprint of everything a run may write for the source's users. */
    String state(String t) {
        return databases.mainJdbc().query("SELECT u.USERNAME, u.FULL_NAME, u.CHANGE_NO, u.DELETED_AT, (SELECT COUNT(*) FROM USER_CARDS k WHERE k.USER_ID = u.ID),"
                + " (SELECT COUNT(*) FROM GROUP_MEMBERS m WHERE m.USER_ID = u.ID), (SELECT COUNT(*) FROM USER_PINS p WHERE p.USER_ID = u.ID),"
                + " (SELECT COUNT(*) FROM DELEGATES d WHERE d.OWNER_USER_ID = u.ID) FROM USERS u WHERE u.USERNAME LIKE ? ORDER BY u.USERNAME",
                rs -> rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getLong(3) + "|" + rs.getObject(4) + "|" + rs.getInt(5) + "|" + rs.getInt(6) + "|"
                        + rs.getInt(7) + "|" + rs.getInt(8), t + "%").toString()
                + databases.mainJdbc().count("SELECT COUNT(*) FROM USER_GROUPS WHERE FULL_PATH LIKE ?", t + "%");
    }

    @Test
    void addUpdateRenameDeactivateAndUndelete() {
        String t = tag();
        long src = source();
        List<SourceUser> first = List.of(
                user("e1", t + "Ann", "Ann B", List.of(t + "C1"), List.of(t + "Staff|Sales", t + "All"), List.of(MD5_1234), List.of(t + "bob")),
                user("e2", t + "bob", "Bob", List.of(), List.of(t + "All"), List.of(), List.of()),
                user("e3", t + "cid", "Cid", List.of(t + "C3"), List.of(), List.of(), List.of()));
        List<int[]> progress = new ArrayList<>();
        SyncResult r1 = sync.run(src, SourceRead.FULL, first, options(), null, false, (done, total) -> progress.add(new int[] {done, total}));
        assertThat(r1.counts()).isEqualTo(new SyncCounts(3, 0, 0, 0, 0, 0));
        assertThat(progress).last().satisfies(p -> assertThat(p).containsExactly(3, 3));
        long ann = idOf(t + "ann");
        assertThat(groups(ann)).containsExactly(t + "All", t + "Staff|Sales (acc)");
        assertThat(databases.mainJdbc().one("SELECT PARENT_ID FROM USER_GROUPS WHERE FULL_PATH = ?", rs -> rs.getLong(1), t + "Staff|Sales")).contains(
                databases.mainJdbc().one("SELECT ID FROM USER_GROUPS WHERE FULL_PATH = ?", rs -> rs.getLong(1), t + "Staff").orElseThrow());
        assertThat(cards(ann)).containsExactly(t + "C1");
        assertThat(databases.mainJdbc().one("SELECT PIN_HASH, SYNC_KEY FROM USER_PINS WHERE USER_ID = ?", rs -> rs.getString(1) + " " + (rs.getString(2) != null),
                ann)).contains("md5:" + MD5_1234 + " true");
        assertThat(databases.mainJdbc().count("SELECT COUNT(*) FROM DELEGATES WHERE OWNER_USER_ID = ? AND DELEGATE_USER_ID = ?", ann, idOf(t + "bob")))
                .isEqualTo(1);

        // The directory renames ann, drops bob and moves a card; the PIN was used meanwhile (upgraded hash).
        databases.mainJdbc().update("UPDATE USER_PINS SET PIN_HASH = 'argon2-upgraded', LOOKUP_KEY = 'upgraded' WHERE USER_ID = ?", ann);
        List<SourceUser> second = List.of(
                user("e1", t + "Anna", "Anna B", List.of(t + "C1"), List.of(t + "All"), List.of(MD5_1234), List.of()),
                user("e3", t + "cid", "Cid", List.of(t + "C4"), List.of(), List.of(), List.of()));
        SyncResult r2 = sync.run(src, SourceRead.FULL, second, options(), null, false, SyncProgress.NONE);
        assertThat(r2.lines()).containsExactly("RENAME " + t + "anna (was " + t + "ann): username, fullName, groups, delegates",
                "UPDATE " + t + "cid: cards", "DEACTIVATE " + t + "bob: no longer in the source");
        assertThat(idOf(t + "anna")).isEqualTo(ann);
        assertThat(groups(ann)).containsExactly(t + "All (acc)");
        assertThat(deleted(t + "bob")).isTrue();
        assertThat(databases.mainJdbc().count("SELECT COUNT(*) FROM GROUP_MEMBERS WHERE USER_ID = ?", idOf(t + "bob"))).isZero();
        assertThat(cards(idOf(t + "cid"))).containsExactly(t + "C4");
        assertThat(databases.mainJdbc().count("SELECT COUNT(*) FROM USER_PINS WHERE USER_ID = ?", ann)).isEqualTo(1);

        // bob comes back.
        SyncResult r3 = sync.run(src, SourceRead.FULL, List.of(second.get(0), second.get(1), first.get(1)), options(), null, false, SyncProgress.NONE);
        assertThat(r3.counts()).isEqualTo(new SyncCounts(0, 1, 0, 2, 0, 0));
        assertThat(r3.users()).filteredOn(u -> u.action() == UserAction.UNDELETE).extracting(UserPlan::username).containsExactly(t + "bob");
        assertThat(deleted(t + "bob")).isFalse();
        assertThat(groups(idOf(t + "bob"))).containsExactly(t + "All (acc)");
    }

    @Test
    void aDryRunWritesNothingAndReportsWhatTheRealRunDoes() {
        String t = tag();
        long src = source();
        sync.run(src, SourceRead.FULL, List.of(user("e1", t + "a", "A", List.of(), List.of(), List.of(), List.of()),
                user("e2", t + "b", "B", List.of(), List.of(), List.of(), List.of())), options(), null, false, SyncProgress.NONE);
        List<SourceUser> next = List.of(user("e1", t + "a", "A2", List.of(t + "K"), List.of(t + "G|H"), List.of(MD5_1234), List.of()),
                user("e3", t + "c", "C", List.of(), List.of(t + "G"), List.of(), List.of(t + "a")));
        String before = state(t);
        long audits = databases.mainJdbc().count("SELECT COUNT(*) FROM AUDIT_LOG WHERE EVENT_TYPE = 'USERS_SYNCHRONISED'");

        SyncResult dry = sync.run(src, SourceRead.FULL, next, options(), null, true, SyncProgress.NONE);
        assertThat(dry.dryRun()).isTrue();
        assertThat(dry.rowsWritten()).isPositive();
        assertThat(state(t)).isEqualTo(before);
        assertThat(databases.mainJdbc().count("SELECT COUNT(*) FROM AUDIT_LOG WHERE EVENT_TYPE = 'USERS_SYNCHRONISED'")).isEqualTo(audits);

        SyncResult real = sync.run(src, SourceRead.FULL, next, options(), null, false, SyncProgress.NONE);
        assertThat(real.lines()).isEqualTo(dry.lines());
        assertThat(real.counts()).isEqualTo(dry.counts()).isEqualTo(new SyncCounts(1, 1, 1, 0, 0, 0));
        assertThat(state(t)).isNotEqualTo(before);
    }

    @Test
    void aNoChangeReRunWritesNothing() {
        String t = tag();
        long src = source();
        List<SourceUser> users = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            users.add(user("e" + i, t + "u" + i, "User " + i, List.of(t + "K" + i), List.of(t + "G|" + (i % 3)), List.of(MD5_1234.substring(0, 30) + i % 10 + "0"),
                    i > 0 ? List.of(t + "u" + (i - 1)) : List.of()));
        }
        SyncResult first = sync.run(src, SourceRead.FULL, users, options(), null, false, SyncProgress.NONE);
        assertThat(first.counts().added()).isEqualTo(30);
        String before = state(t);
        SyncResult again = sync.run(src, SourceRead.FULL, users, options(), null, false, SyncProgress.NONE);
        assertThat(again.counts()).isEqualTo(new SyncCounts(0, 0, 0, 30, 0, 0));
        assertThat(again.rowsWritten()).isZero();
        assertThat(state(t)).isEqualTo(before);
    }

    @Test
    void aFailingChunkIsRolledBackWholeAndTheReRunConverges() {
        String t = tag();
        long src = source();
        List<SourceUser> users = new ArrayList<>();
        for (String n : List.of("a", "b", "c", "d", "e")) {
            users.add(user("e" + n, t + n, n.toUpperCase(), List.of(t + "K" + n), List.of(t + "G"), List.of(), List.of()));
        }
        SyncPlan plan = sync.plan(src, SourceRead.FULL, users, options(), null);
        // Someone creates "c" between the snapshot and the writes: the second chunk (c, d) cannot be written.
        Instant now = Instant.now();
        databases.mainJdbc().update("INSERT INTO USERS (ID, USERNAME, FULL_NAME, USE_AUTH_SERVER, IS_SYSTEM, FAILED_LOGINS, CREATED_AT, UPDATED_AT, CHANGE_NO)"
                + " VALUES (?, ?, 'Intruder', FALSE, FALSE, 0, ?, ?, 0)", databases.newId(), t + "c", now, now);
        List<int[]> progress = new ArrayList<>();
        SyncResult r = applier.apply(plan, false, 2, Actor.SYSTEM, (done, total) -> progress.add(new int[] {done, total}));
        assertThat(r.users()).extracting(UserPlan::action).containsExactly(UserAction.ADD, UserAction.ADD, UserAction.FAILED, UserAction.FAILED,
                UserAction.ADD);
        assertThat(r.users().get(3).reason()).startsWith("not written, the chunk was rolled back");
        assertThat(progress).extracting(p -> p[0] + "/" + p[1]).containsExactly("2/5", "4/5", "5/5");
        assertThat(idOf(t + "d")).isNull();
        assertThat(databases.mainJdbc().count("SELECT COUNT(*) FROM USER_CARDS WHERE CARD = ?", t + "Kd")).isZero();
        assertThat(idOf(t + "e")).isNotNull();

        // The next run adds d and takes over the hand-made c; the one after changes nothing.
        SyncResult again = sync.run(src, SourceRead.FULL, users, options(), null, false, SyncProgress.NONE);
        assertThat(again.counts()).isEqualTo(new SyncCounts(1, 1, 0, 3, 0, 0));
        SyncResult third = sync.run(src, SourceRead.FULL, users, options(), null, false, SyncProgress.NONE);
        assertThat(third.counts()).isEqualTo(new SyncCounts(0, 0, 0, 5, 0, 0));
        assertThat(third.rowsWritten()).isZero();
    }

    @Test
    void aRunOverTheDeleteThresholdWritesNothing() {
        String t = tag();
        long src = source();
        List<SourceUser> users = List.of(user("e1", t + "a", "A", List.of(), List.of(), List.of(), List.of()),
                user("e2", t + "b", "B", List.of(), List.of(), List.of(), List.of()), user("e3", t + "c", "C", List.of(), List.of(), List.of(), List.of()));
        sync.run(src, SourceRead.FULL, users, options(), null, false, SyncProgress.NONE);
        String before = state(t);
        SyncOptions limited = new SyncOptions(true, true, true, false, false, false, false, null, FieldMode.FULL_SYNC, FieldMode.ADD_NEW,
                FieldMode.FULL_SYNC, FieldMode.FULL_SYNC, 1, 0);
        SyncResult r = sync.run(src, SourceRead.FULL, List.of(users.get(0), user("e4", t + "new", "New", List.of(), List.of(), List.of(), List.of())), limited,
                null, false, SyncProgress.NONE);
        assertThat(r.stopped()).isTrue();
        assertThat(r.counts().deactivated()).isEqualTo(2);
        assertThat(r.rowsWritten()).isZero();
        assertThat(state(t)).isEqualTo(before);
    }
}
