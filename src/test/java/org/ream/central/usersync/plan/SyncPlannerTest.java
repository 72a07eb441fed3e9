package org.ream.central.usersync.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.ream.central.usersync.FieldMode;
import org.ream.central.usersync.GroupPath;
import org.ream.central.usersync.SourceUser;
import org.ream.central.usersync.SyncOptions;

/** The planner's rules, case by case from the manual's options (8.7.1) and field modes (8.7.4). */
class SyncPlannerTest {

    static final long LDAP = 10;
    static final long CSV = 20;
    static final String MD5_1234 = "81DC9BDB52D04DC20036DBD8313ED055";
    static final String MD5_0000 = "4a7d1ed414474e4033ac29ccb8653d9b";

    // ---- builders -------------------------------------------------------------------------

    /** A source user with the fields tests set; the record has no with-ers. */
    static final class Src {
        String externalId, username, fullName, email, personalNumber, authServer;
        List<String> aliases = List.of(), cards = List.of(), pins = List.of(), delegates = List.of();
        List<GroupPath> groups = List.of(), managed = List.of();

        Src(String username) {
            this.username = username;
        }

        Src id(String v) { externalId = v; return this; }
        Src full(String v) { fullName = v; return this; }
        Src mail(String v) { email = v; return this; }
        Src pn(String v) { personalNumber = v; return this; }
        Src aliases(String... v) { aliases = List.of(v); return this; }
        Src cards(String... v) { cards = List.of(v); return this; }
        Src pins(String... v) { pins = List.of(v); return this; }
        Src delegates(String... v) { delegates = List.of(v); return this; }
        Src groups(String... v) { groups = java.util.Arrays.stream(v).map(GroupPath::parse).toList(); return this; }
        Src managed(String... v) { managed = java.util.Arrays.stream(v).map(GroupPath::parse).toList(); return this; }

        SourceUser build() {
            return new SourceUser(externalId, username, fullName, aliases, email, cards, groups, personalNumber, null, pins, managed, authServer, null,
                    null, null, delegates);
        }
    }

    static Src src(String name) {
        return new Src(name);
    }

    /** A local user with the fields tests set. */
    static final class Loc {
        long id;
        String username, fullName, personalNumber, externalId, email;
        Long source;
        boolean deleted, system;
        List<String> aliases = List.of(), cards = List.of(), delegates = List.of();
        List<LocalPin> pins = List.of();
        List<LocalMembership> groups = List.of();

        Loc(long id, String username) {
            this.id = id;
            this.username = username;
            this.fullName = username;
        }

        Loc of(Long s, String ext) { source = s; externalId = ext; return this; }
        Loc pn(String v) { personalNumber = v; return this; }
        Loc full(String v) { fullName = v; return this; }
        Loc deleted() { deleted = true; return this; }
        Loc system() { system = true; return this; }
        Loc aliases(String... v) { aliases = List.of(v); return this; }
        Loc cards(String... v) { cards = List.of(v); return this; }
        Loc pins(LocalPin... v) { pins = List.of(v); return this; }
        Loc delegates(String... v) { delegates = List.of(v); return this; }
        Loc member(String path, boolean accounting, boolean manager) {
            List<LocalMembership> g = new ArrayList<>(groups);
            g.add(new LocalMembership(GroupPath.parse(path), accounting, manager));
            groups = g;
            return this;
        }

        LocalUser build() {
            return new LocalUser(id, username, fullName, email, null, personalNumber, null, null, false, null, source, externalId, deleted, system,
                    aliases, cards, pins, groups, delegates);
        }
    }

    static Loc loc(long id, String name) {
        return new Loc(id, name);
    }

    static SyncOptions opts() {
        return SyncOptions.defaults();
    }

    static SyncOptions with(SyncOptions o, String option, Object value) {
        return new SyncOptions(option.equals("add") ? (Boolean) value : o.addNewUsers(), option.equals("deactivate") ? (Boolean) value : o.deactivateMissing(),
                option.equals("lower") ? (Boolean) value : o.lowerCaseUserNames(), option.equals("auth") ? (Boolean) value : o.useAuthServer(),
                option.equals("pn") ? (Boolean) value : o.pairByPersonalNumber(), option.equals("ignore") ? (Boolean) value : o.ignoreSyncSource(),
                option.equals("domain") ? value != null : o.addDomain(), option.equals("domain") ? (String) value : o.domain(),
                option.equals("cards") ? (FieldMode) value : o.cards(), option.equals("pins") ? (FieldMode) value : o.pins(),
                option.equals("groups") ? (FieldMode) value : o.groups(), option.equals("delegates") ? (FieldMode) value : o.delegates(),
                option.equals("max") ? (Integer) value : o.maxDeactivations(), option.equals("percent") ? (Integer) value : o.maxDeactivationPercent());
    }

    static SyncPlan plan(SyncOptions o, List<Src> source, Loc... local) {
        return plan(SourceRead.FULL, o, source, local);
    }

    static SyncPlan plan(SourceRead read, SyncOptions o, List<Src> source, Loc... local) {
        List<LocalUser> users = java.util.Arrays.stream(local).map(Loc::build).toList();
        return SyncPlanner.plan(LDAP, read, source.stream().map(Src::build).toList(), o, LocalSnapshot.of(users));
    }

    static UserPlan only(SyncPlan p) {
        assertThat(p.users()).hasSize(1);
        return p.users().get(0);
    }

    static UserPlan forUser(SyncPlan p, String name) {
        return p.users().stream().filter(u -> u.username().equals(name)).findFirst().orElseThrow(() -> new AssertionError(name + " not in " + p.lines()));
    }

    // ---- add, update, unchanged ------------------------------------------------------------

    @Test
    void aNewUserIsAddedWithTheSourceAsOwner() {
        UserPlan u = only(plan(opts(), List.of(src("tom").id("e1").full("Thomas Pineapple").aliases("Tommy", "Apple").cards("7E9700C9"))));
        assertThat(u.action()).isEqualTo(UserAction.ADD);
        assertThat(u.row().syncSourceId()).isEqualTo(LDAP);
        assertThat(u.row().externalId()).isEqualTo("e1");
        assertThat(u.row().fullName()).isEqualTo("Thomas Pineapple");
        assertThat(u.edits().aliasesAdded()).containsExactly("Tommy", "Apple");
        assertThat(u.edits().cardsAdded()).containsExactly("7E9700C9");
    }

    @Test
    void aNewUserWithoutFullNameGetsTheUserName() {
        assertThat(only(plan(opts(), List.of(src("tom")))).row().fullName()).isEqualTo("tom");
    }

    @Test
    void addNewUsersOffOnlyUpdatesExistingUsers() {
        SyncPlan p = plan(with(opts(), "add", false), List.of(src("tom"), src("ann").full("Ann B")), loc(1, "ann").of(LDAP, null));
        assertThat(forUser(p, "tom").action()).isEqualTo(UserAction.SKIPPED);
        assertThat(forUser(p, "ann").action()).isEqualTo(UserAction.UPDATE);
        assertThat(p.counts()).isEqualTo(new SyncCounts(0, 1, 0, 0, 1, 0));
    }

    @Test
    void aChangedFullNameIsAnUpdateListingTheField() {
        UserPlan u = only(plan(opts(), List.of(src("ann").id("e1").full("Ann Smith").mail("ann@x.org")), loc(1, "ann").of(LDAP, "e1").full("Ann B")));
        assertThat(u.action()).isEqualTo(UserAction.UPDATE);
        assertThat(u.changedFields()).containsExactly("fullName", "email");
        assertThat(u.line()).isEqualTo("UPDATE ann: fullName, email");
    }

    @Test
    void nothingDifferentIsUnchangedAndWritesNothing() {
        UserPlan u = only(plan(opts(), List.of(src("ann").id("e1").full("Ann")), loc(1, "ann").of(LDAP, "e1").full("Ann")));
        assertThat(u.action()).isEqualTo(UserAction.UNCHANGED);
        assertThat(u.writes()).isFalse();
    }

    @Test
    void aValueTheSourceDoesNotGiveKeepsTheLocalOne() {
        Loc ann = loc(1, "ann").of(LDAP, "e1").full("Ann");
        ann.email = "ann@x.org";
        assertThat(only(plan(opts(), List.of(src("ann").id("e1").mail("  ")), ann)).action()).isEqualTo(UserAction.UNCHANGED);
    }

    @Test
    void aDeletedUserWhoComesBackIsUndeleted() {
        UserPlan u = only(plan(opts(), List.of(src("ann").id("e1")), loc(1, "ann").of(LDAP, "e1").deleted()));
        assertThat(u.action()).isEqualTo(UserAction.UNDELETE);
        assertThat(u.localId()).isEqualTo(1);
    }

    // ---- stable identity and pairing -------------------------------------------------------

    @Test
    void aRenameInTheDirectoryRenamesTheUserThroughTheExternalId() {
        UserPlan u = only(plan(opts(), List.of(src("ann.smith").id("e1")), loc(1, "ann.brown").of(LDAP, "e1")));
        assertThat(u.action()).isEqualTo(UserAction.RENAME);
        assertThat(u.localId()).isEqualTo(1);
        assertThat(u.previousUsername()).isEqualTo("ann.brown");
        assertThat(u.row().username()).isEqualTo("ann.smith");
        assertThat(u.line()).isEqualTo("RENAME ann.smith (was ann.brown): username");
    }

    @Test
    void theFirstMatchIsByUserNameAndRecordsTheExternalId() {
        UserPlan u = only(plan(opts(), List.of(src("ann").id("e1")), loc(1, "ann")));
        assertThat(u.action()).isEqualTo(UserAction.UPDATE);
        assertThat(u.changedFields()).containsExactly("syncSource", "externalId");
        assertThat(u.row().externalId()).isEqualTo("e1");
    }

    @Test
    void anExternalIdOfAnotherSourceDoesNotMatch() {
        // Same external id, but known from the CSV source: LDAP's ids are its own.
        SyncPlan p = plan(opts(), List.of(src("bob").id("e1")), loc(1, "ann").of(CSV, "e1"));
        assertThat(only(p).action()).isEqualTo(UserAction.ADD);
    }

    @Test
    void aNameLeftByARenamedUserIsNotTakenByAnotherEntryFirst() {
        // ann.brown is renamed to ann.smith (by id); a new entry named ann.brown must not grab the account.
        SyncPlan p = plan(opts(), List.of(src("ann.brown").id("e2"), src("ann.smith").id("e1")), loc(1, "ann.brown").of(LDAP, "e1"));
        assertThat(forUser(p, "ann.smith").action()).isEqualTo(UserAction.RENAME);
        assertThat(forUser(p, "ann.brown").action()).isEqualTo(UserAction.FAILED);
    }

    @Test
    void pairByPersonalNumberFollowsCatStevensToYusufIslam() {
        SyncPlan p = plan(with(opts(), "pn", true), List.of(src("yusuf.islam").pn("4711")), loc(1, "cat.stevens").of(LDAP, null).pn("4711"));
        UserPlan u = only(p);
        assertThat(u.action()).isEqualTo(UserAction.RENAME);
        assertThat(u.localId()).isEqualTo(1);
        assertThat(u.previousUsername()).isEqualTo("cat.stevens");
    }

    @Test
    void withoutPairByPersonalNumberTheRenamedUserIsANewAccount() {
        SyncPlan p = plan(opts(), List.of(src("yusuf.islam").pn("4711")), loc(1, "cat.stevens").of(LDAP, null).pn("4711"));
        assertThat(only(p).action()).isEqualTo(UserAction.ADD);
    }

    @Test
    void pairByPersonalNumberRefusesANameHeldBySomeoneWithAnotherNumber() {
        SyncPlan p = plan(with(opts(), "pn", true), List.of(src("tom").pn("1")), loc(1, "tom").of(LDAP, null).pn("2"));
        assertThat(only(p).action()).isEqualTo(UserAction.FAILED);
        assertThat(only(p).reason()).isEqualTo("The name/alias \"tom\" is already used by the user \"tom\"");
    }

    @Test
    void aPersonalNumberSharedByTwoUsersFails() {
        SyncPlan p = plan(with(opts(), "pn", true), List.of(src("tom").pn("1")), loc(1, "a").pn("1"), loc(2, "b").pn("1"));
        assertThat(only(p).reason()).contains("used by 2 users");
    }

    // ---- names: lower case, domain, collisions -------------------------------------------------

    @Test
    void lowerCaseMakesPearAndPearOneAccount() {
        SyncPlan p = plan(with(opts(), "lower", true), List.of(src("Pear").aliases("PEAR2")), loc(1, "pear").of(LDAP, null));
        UserPlan u = only(p);
        assertThat(u.action()).isEqualTo(UserAction.UPDATE);
        assertThat(u.username()).isEqualTo("pear");
        assertThat(u.edits().aliasesAdded()).containsExactly("pear2");
    }

    @Test
    void withoutLowerCaseNamesAreCaseSensitive() {
        assertThat(only(plan(opts(), List.of(src("Pear")), loc(1, "pear").of(LDAP, null))).action()).isEqualTo(UserAction.ADD);
    }

    @Test
    void addDomainAppendsTheDomainOnce() {
        SyncOptions o = with(with(opts(), "domain", "Domain.LOCAL"), "lower", true);
        assertThat(SyncPlanner.userName("Tom", o)).isEqualTo("tom@domain.local");
        assertThat(SyncPlanner.userName("tom@other.local", o)).isEqualTo("tom@other.local");
        assertThat(only(plan(o, List.of(src("Tom")))).row().username()).isEqualTo("tom@domain.local");
    }

    @Test
    void aNameThatIsAnotherUsersAliasFailsWithTheManualsLine() {
        SyncPlan p = plan(opts(), List.of(src("tommy")), loc(1, "tom").aliases("tommy"));
        assertThat(only(p).action()).isEqualTo(UserAction.FAILED);
        assertThat(only(p).line()).isEqualTo("FAILED tommy: The name/alias \"tommy\" is already used by the user \"tom\"");
    }

    @Test
    void anAliasTakenByAnotherUserFails() {
        SyncPlan p = plan(opts(), List.of(src("ann").aliases("tom")), loc(1, "tom"));
        assertThat(only(p).reason()).isEqualTo("The name/alias \"tom\" is already used by the user \"tom\"");
    }

    @Test
    void twoSourceUsersCannotTakeTheSameAlias() {
        SyncPlan p = plan(opts(), List.of(src("ann").aliases("boss"), src("bob").aliases("boss")));
        assertThat(forUser(p, "ann").action()).isEqualTo(UserAction.ADD);
        assertThat(forUser(p, "bob").reason()).contains("\"boss\" is already used by the user \"ann\"");
    }

    @Test
    void aDuplicateUserNameInTheSourceFailsEveryCopyAndChangesNothing() {
        SyncOptions o = with(with(opts(), "lower", true), "deactivate", true);
        SyncPlan p = plan(o, List.of(src("Tom").full("A"), src("tom").full("B"), src("ann")), loc(1, "tom").of(LDAP, null));
        assertThat(p.users()).extracting(UserPlan::action).containsExactly(UserAction.FAILED, UserAction.FAILED, UserAction.ADD);
        assertThat(p.users().get(0).reason()).contains("appears 2 times");
        assertThat(p.counts().deactivated()).isZero();
    }

    @Test
    void aCardOfAnotherUserFails() {
        SyncPlan p = plan(opts(), List.of(src("ann").cards("C1")), loc(1, "tom").cards("C1"));
        assertThat(only(p).reason()).isEqualTo("the card C1 is already used by the user \"tom\"");
    }

    @Test
    void invalidFieldsFailTheUserOnly() {
        SyncPlan p = plan(opts(), List.of(src("*root"), src("ann").mail("not-a-mail"), src("bob")));
        assertThat(p.users()).extracting(UserPlan::action).containsExactly(UserAction.FAILED, UserAction.FAILED, UserAction.ADD);
        assertThat(p.users().get(1).reason()).startsWith("email");
    }

    @Test
    void aSourceUserWithoutNameFails() {
        assertThat(only(plan(opts(), List.of(src("  ")))).reason()).isEqualTo("the source gives no user name");
    }

    // ---- ignore synchronisation source, system users --------------------------------------------

    @Test
    void aUserOfAnotherSourceIsNotUpdated() {
        SyncPlan p = plan(opts(), List.of(src("tom").full("T")), loc(1, "tom").of(CSV, null));
        assertThat(only(p).action()).isEqualTo(UserAction.FAILED);
        assertThat(only(p).reason()).isEqualTo("The name/alias \"tom\" is already used by the user \"tom\"");
    }

    @Test
    void ignoreSyncSourceUpdatesAndTakesOverTheUser() {
        UserPlan u = only(plan(with(opts(), "ignore", true), List.of(src("tom").full("T")), loc(1, "tom").of(CSV, null)));
        assertThat(u.action()).isEqualTo(UserAction.UPDATE);
        assertThat(u.changedFields()).containsExactly("fullName", "syncSource");
        assertThat(u.row().syncSourceId()).isEqualTo(LDAP);
    }

    @Test
    void aUserCreatedInReamIsTakenOverByTheFirstSource() {
        assertThat(only(plan(opts(), List.of(src("tom")), loc(1, "tom"))).changedFields()).containsExactly("syncSource");
    }

    @Test
    void systemUsersAreNeverTouched() {
        SyncOptions o = with(with(with(opts(), "ignore", true), "deactivate", true), "percent", 0);
        SyncPlan p = plan(o, List.of(src("*admin").full("X"), src("ann")), loc(1, "*admin").system(), loc(2, "*api").system());
        assertThat(forUser(p, "*admin").action()).isEqualTo(UserAction.FAILED);
        assertThat(p.users()).noneMatch(u -> u.action() == UserAction.DEACTIVATE);
    }

    // ---- deactivation and thresholds ------------------------------------------------------------------

    static SyncOptions deactivating() {
        return with(opts(), "deactivate", true);
    }

    @Test
    void missingUsersOfThisSourceAreDeactivated() {
        SyncPlan p = plan(deactivating(), List.of(src("ann")), loc(1, "ann").of(LDAP, null), loc(2, "gone").of(LDAP, null), loc(3, "csv").of(CSV, null),
                loc(4, "manual"), loc(5, "old").of(LDAP, null).deleted());
        assertThat(p.users()).filteredOn(u -> u.action() == UserAction.DEACTIVATE).extracting(UserPlan::username).containsExactly("gone");
        assertThat(p.counts().deactivated()).isEqualTo(1);
        assertThat(p.stopped()).isFalse();
    }

    @Test
    void withIgnoreSyncSourceMissingUsersOfEverySourceAreDeactivated() {
        SyncPlan p = plan(with(deactivating(), "ignore", true), List.of(src("ann")), loc(1, "ann").of(LDAP, null), loc(2, "gone").of(LDAP, null),
                loc(3, "csv").of(CSV, null));
        assertThat(p.users()).filteredOn(u -> u.action() == UserAction.DEACTIVATE).extracting(UserPlan::username).containsExactly("gone", "csv");
    }

    @Test
    void withoutTheOptionNobodyIsDeactivated() {
        SyncPlan p = plan(opts(), List.of(src("ann")), loc(1, "ann").of(LDAP, null), loc(2, "gone").of(LDAP, null));
        assertThat(p.counts().deactivated()).isZero();
    }

    @Test
    void aDeltaATruncatedOrAFailedReadNeverDeactivates() {
        for (SourceRead read : List.of(SourceRead.DELTA, SourceRead.TRUNCATED, SourceRead.FAILED)) {
            SyncPlan p = plan(read, deactivating(), List.of(src("ann")), loc(1, "ann").of(LDAP, null), loc(2, "gone").of(LDAP, null));
            assertThat(p.counts().deactivated()).as(read.name()).isZero();
            assertThat(p.notes()).as(read.name()).hasSize(1);
        }
    }

    @Test
    void anEmptySourceNeverDeactivates() {
        SyncPlan p = plan(deactivating(), List.of(), loc(1, "ann").of(LDAP, null));
        assertThat(p.users()).isEmpty();
        assertThat(p.notes()).containsExactly("no user deactivated: the source returned no users");
    }

    @Test
    void moreDeactivationsThanTheLimitStopTheRun() {
        SyncOptions o = with(deactivating(), "max", 1);
        SyncPlan p = plan(o, List.of(src("ann")), loc(1, "ann").of(LDAP, null), loc(2, "b").of(LDAP, null), loc(3, "c").of(LDAP, null));
        assertThat(p.stopped()).isTrue();
        assertThat(p.stopReason()).isEqualTo("the run would deactivate 2 users, more than the limit of 1");
        assertThat(p.counts().deactivated()).isEqualTo(2);
        assertThat(plan(with(deactivating(), "max", 2), List.of(src("ann")), loc(1, "ann").of(LDAP, null), loc(2, "b").of(LDAP, null),
                loc(3, "c").of(LDAP, null)).stopped()).isFalse();
    }

    @Test
    void moreThanTheShareOfTheSourcesUsersStopsTheRun() {
        List<Loc> local = new ArrayList<>();
        List<Src> source = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            local.add(loc(i, "u" + i).of(LDAP, null));
            if (i >= 2) {
                source.add(src("u" + i));
            }
        }
        assertThat(plan(with(deactivating(), "percent", 20), source, local.toArray(Loc[]::new)).stopped()).isFalse();
        SyncPlan p = plan(with(deactivating(), "percent", 19), source, local.toArray(Loc[]::new));
        assertThat(p.stopReason()).isEqualTo("the run would deactivate 2 of the source's 10 users, more than 19 %");
    }

    @Test
    void aFailedSourceUserIsStillPresentAndNotDeactivated() {
        SyncPlan p = plan(deactivating(), List.of(src("ann").mail("bad")), loc(1, "ann").of(LDAP, null));
        assertThat(only(p).action()).isEqualTo(UserAction.FAILED);
    }

    // ---- field modes ------------------------------------------------------------------------------------

    @Test
    void cardsFullSyncReplacesAndAnEmptySourceClears() {
        Loc ann = loc(1, "ann").of(LDAP, null).cards("A", "B");
        UserEdits e = only(plan(opts(), List.of(src("ann").cards("B", "C")), ann)).edits();
        assertThat(e.cardsAdded()).containsExactly("C");
        assertThat(e.cardsRemoved()).containsExactly("A");
        assertThat(only(plan(opts(), List.of(src("ann")), ann)).edits().cardsRemoved()).containsExactly("A", "B");
    }

    @Test
    void cardsSyncIfNotEmptyKeepsThemWhenTheSourceIsEmpty() {
        SyncOptions o = with(opts(), "cards", FieldMode.SYNC_IF_NOT_EMPTY);
        Loc ann = loc(1, "ann").of(LDAP, null).cards("A", "B");
        assertThat(only(plan(o, List.of(src("ann")), ann)).action()).isEqualTo(UserAction.UNCHANGED);
        assertThat(only(plan(o, List.of(src("ann").cards("C")), ann)).edits().cardsRemoved()).containsExactly("A", "B");
    }

    @Test
    void cardsAddNewNeverRemoves() {
        UserEdits e = only(plan(with(opts(), "cards", FieldMode.ADD_NEW), List.of(src("ann").cards("C")), loc(1, "ann").of(LDAP, null).cards("A"))).edits();
        assertThat(e.cardsAdded()).containsExactly("C");
        assertThat(e.cardsRemoved()).isEmpty();
    }

    @Test
    void cardsDoNotSyncLeavesThemAlone() {
        assertThat(only(plan(with(opts(), "cards", FieldMode.DO_NOT_SYNC), List.of(src("ann").cards("C")), loc(1, "ann").of(LDAP, null).cards("A")))
                .action()).isEqualTo(UserAction.UNCHANGED);
    }

    @Test
    void pinsAreImportedInTheirMd5FormOnceAndRecognisedAfterwards() {
        UserPlan added = only(plan(opts(), List.of(src("ann").pins(MD5_1234))));
        assertThat(added.edits().pinsAdded()).containsExactly(new PinAdd(MD5_1234.toLowerCase(), MD5_1234.toLowerCase()));
        Loc ann = loc(1, "ann").of(LDAP, null).pins(new LocalPin(7, MD5_1234.toLowerCase()), new LocalPin(8, null));
        assertThat(only(plan(opts(), List.of(src("ann").pins(MD5_1234)), ann)).action()).isEqualTo(UserAction.UNCHANGED);
    }

    @Test
    void pinsFullSyncRemovesThePinsTheSourceNoLongerHas() {
        SyncOptions o = with(opts(), "pins", FieldMode.FULL_SYNC);
        Loc ann = loc(1, "ann").of(LDAP, null).pins(new LocalPin(7, MD5_1234.toLowerCase()), new LocalPin(8, null));
        UserEdits e = only(plan(o, List.of(src("ann").pins(MD5_0000)), ann)).edits();
        assertThat(e.pinsAdded()).extracting(PinAdd::md5).containsExactly(MD5_0000);
        assertThat(e.pinsRemoved()).containsExactly(7L, 8L);
    }

    @Test
    void aPinNotInMd5FormIsLeftOutWithAWarningAndTheUserStillImports() {
        UserPlan p = only(plan(opts(), List.of(src("ann").pins("1234"))));
        assertThat(p.action()).isEqualTo(UserAction.ADD);
        assertThat(p.edits().pinsAdded()).isEmpty();
        assertThat(p.warnings()).anyMatch(w -> w.contains("not an MD5 hash"));
    }

    @Test
    void groupsOfTheManualBecomeATreeCreatedParentsFirst() {
        SyncPlan p = plan(opts(), List.of(src("tom").groups("Imported Users", "Activities|Outdoor|Swimming", "Activities|Outdoor|Birdwatching")
                .managed("Activities|Outdoor|Birdwatching")));
        assertThat(p.groupsToCreate()).extracting(GroupPath::toString).containsExactly("Imported Users", "Activities", "Activities|Outdoor",
                "Activities|Outdoor|Swimming", "Activities|Outdoor|Birdwatching");
        List<LocalMembership> m = only(p).edits().membershipsAdded();
        assertThat(m).extracting(x -> x.group().toString() + (x.accounting() ? " acc" : "") + (x.manager() ? " mgr" : "")).containsExactly(
                "Imported Users acc", "Activities|Outdoor|Swimming", "Activities|Outdoor|Birdwatching mgr");
    }

    @Test
    void groupsFullSyncLeavesGroupsTheSourceNoLongerListsAndMovesTheAccountingGroup() {
        Loc ann = loc(1, "ann").of(LDAP, null).member("Old", true, false).member("Keep", false, false);
        SyncPlan p = plan(opts(), List.of(src("ann").groups("New", "Keep")), ann);
        UserEdits e = only(p).edits();
        assertThat(e.membershipsRemoved()).extracting(GroupPath::toString).containsExactly("Old");
        assertThat(e.membershipsAdded()).containsExactly(new LocalMembership(GroupPath.of("New"), true, false));
        assertThat(p.groupsToCreate()).extracting(GroupPath::toString).containsExactly("New");
    }

    @Test
    void theAccountingGroupStaysWhileTheUserRemainsInIt() {
        Loc ann = loc(1, "ann").of(LDAP, null).member("Keep", true, false);
        UserEdits e = only(plan(opts(), List.of(src("ann").groups("New", "Keep")), ann)).edits();
        assertThat(e.membershipsAdded()).containsExactly(new LocalMembership(GroupPath.of("New"), false, false));
        assertThat(e.membershipsChanged()).isEmpty();
    }

    @Test
    void groupsAddNewKeepsOldMembershipsAndManagers() {
        Loc ann = loc(1, "ann").of(LDAP, null).member("Old", true, true);
        UserEdits e = only(plan(with(opts(), "groups", FieldMode.ADD_NEW), List.of(src("ann").groups("New")), ann)).edits();
        assertThat(e.membershipsRemoved()).isEmpty();
        assertThat(e.membershipsAdded()).containsExactly(new LocalMembership(GroupPath.of("New"), false, false));
    }

    @Test
    void aManagerFlagFollowsTheManagedGroups() {
        Loc ann = loc(1, "ann").of(LDAP, null).member("G", true, true);
        UserEdits e = only(plan(opts(), List.of(src("ann").groups("G")), ann)).edits();
        assertThat(e.membershipsChanged()).containsExactly(new LocalMembership(GroupPath.of("G"), true, false));
    }

    @Test
    void groupsSyncIfNotEmptyAndDoNotSync() {
        Loc ann = loc(1, "ann").of(LDAP, null).member("Old", true, false);
        assertThat(only(plan(with(opts(), "groups", FieldMode.SYNC_IF_NOT_EMPTY), List.of(src("ann")), ann)).action()).isEqualTo(UserAction.UNCHANGED);
        assertThat(only(plan(with(opts(), "groups", FieldMode.DO_NOT_SYNC), List.of(src("ann").groups("New")), ann)).action())
                .isEqualTo(UserAction.UNCHANGED);
    }

    @Test
    void aGroupNameWithAPipeOrCommaFails() {
        SyncPlan p = plan(opts(), List.of(src("ann").groups("A|B").managed("x,y")));
        assertThat(only(p).reason()).contains("group \"x,y\"");
        assertThat(p.groupsToCreate()).isEmpty();
    }

    @Test
    void delegatesAreUserNamesOfReamOrOfTheSource() {
        SyncPlan p = plan(with(opts(), "lower", true), List.of(src("ann").delegates("Carol", "Kohei", "Eliot", "ann"), src("kohei")), loc(1, "carol"));
        UserPlan ann = forUser(p, "ann");
        assertThat(ann.edits().delegatesAdded()).containsExactly("carol", "kohei");
        assertThat(ann.warnings()).containsExactly("unknown delegate eliot");
    }

    @Test
    void delegatesFullSyncRemovesAndAddNewKeeps() {
        Loc ann = loc(1, "ann").of(LDAP, null).delegates("carol");
        Loc carol = loc(2, "carol");
        Loc eliot = loc(3, "eliot");
        UserEdits full = forUser(plan(opts(), List.of(src("ann").delegates("eliot")), ann, carol, eliot), "ann").edits();
        assertThat(full.delegatesAdded()).containsExactly("eliot");
        assertThat(full.delegatesRemoved()).containsExactly("carol");
        UserEdits add = forUser(plan(with(opts(), "delegates", FieldMode.ADD_NEW), List.of(src("ann").delegates("eliot")), ann, carol, eliot), "ann").edits();
        assertThat(add.delegatesRemoved()).isEmpty();
    }

    @Test
    void aliasesAreKeptWhenTheSourceGivesNone() {
        assertThat(only(plan(opts(), List.of(src("ann")), loc(1, "ann").of(LDAP, null).aliases("a2"))).action()).isEqualTo(UserAction.UNCHANGED);
    }

    @Test
    void authServerFromTheSourceWhenTheOptionIsOn() {
        List<LocalUser> users = List.of(loc(1, "ann").of(LDAP, null).build());
        SyncPlan p = SyncPlanner.plan(LDAP, SourceRead.FULL, List.of(src("ann").build(), src("bob").build()), with(opts(), "auth", true),
                new LocalSnapshot(users, Set.of(), Map.of()), SyncPlanner.PLAIN_PIN_KEY, 99L);
        assertThat(forUser(p, "ann").row().authServerId()).isEqualTo(99L);
        assertThat(forUser(p, "ann").changedFields()).containsExactly("authServer");
        assertThat(forUser(p, "bob").row().useAuthServer()).isTrue();
    }

    @Test
    void theCountsTallyEveryLine() {
        SyncPlan p = plan(deactivating(), List.of(src("new"), src("upd").full("U"), src("same"), src("bad").mail("x")), loc(1, "upd").of(LDAP, null),
                loc(2, "same").of(LDAP, null), loc(3, "gone").of(LDAP, null));
        assertThat(p.counts()).isEqualTo(new SyncCounts(1, 1, 1, 1, 0, 1));
        assertThat(p.lines()).hasSize(5);
    }
}
