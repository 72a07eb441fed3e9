package org.ream.central.usersync.plan;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.ream.central.users.UserRules;
import org.ream.central.usersync.FieldMode;
import org.ream.central.usersync.GroupPath;
import org.ream.central.usersync.SourceUser;
import org.ream.central.usersync.SyncOptions;

/**
 * Match and rule of a synchronisation (manual 8.7.1, 8.7.4): compares what a source delivered
 * with the local snapshot, in memory, and decides per user. No database: the applier writes the plan.
 *
 * <p>Matching, in this order: the source's immutable id (a user once seen keeps their account
 * through renames); then, with "pair by personal number", the personal number; then the user
 * name. A user matched to an account of another source is not touched unless "ignore
 * synchronisation source" is on. Users created in Ream (no source) are taken over by the first
 * source that names them.
 */
public final class SyncPlanner {

    private static final Pattern MD5 = Pattern.compile("[0-9a-fA-F]{32}");
    /** Aliases have no field mode of their own: an empty source value never clears them. */
    static final FieldMode ALIASES = FieldMode.SYNC_IF_NOT_EMPTY;

    /** The default PIN key: the MD5 itself, lower case (the applier uses the keyed lookup of Pins). */
    public static final Function<String, String> PLAIN_PIN_KEY = md5 -> md5.toLowerCase(Locale.ROOT);

    private SyncPlanner() {
    }

    public static SyncPlan plan(long sourceId, SourceRead read, Iterable<SourceUser> source, SyncOptions options, LocalSnapshot local) {
        return plan(sourceId, read, source, options, local, PLAIN_PIN_KEY, null);
    }

    /**
     * @param pinKey             maps a source PIN (MD5 hex, lower case) to the key LocalPin.syncKey holds
     * @param sourceAuthServerId the authentication server of the source (an LDAP source's own server), for "use authentication server"
     */
    public static SyncPlan plan(long sourceId, SourceRead read, Iterable<SourceUser> source, SyncOptions options, LocalSnapshot local,
            Function<String, String> pinKey, Long sourceAuthServerId) {
        return new Run(sourceId, read, options, local, pinKey, sourceAuthServerId).plan(source);
    }

    /** The user name the options make of a source name: stripped, lower case, with the domain. */
    public static String userName(String raw, SyncOptions o) {
        if (raw == null) {
            return null;
        }
        String n = raw.strip();
        if (n.isEmpty()) {
            return null;
        }
        if (o.lowerCaseUserNames()) {
            n = n.toLowerCase(Locale.ROOT);
        }
        if (o.addDomain() && o.domain() != null && !o.domain().isBlank() && !n.contains("@")) {
            String d = o.domain().strip();
            n = n + "@" + (o.lowerCaseUserNames() ? d.toLowerCase(Locale.ROOT) : d);
        }
        return n;
    }

    /** The values a field mode makes of the local and the source values: what to add and what to remove. */
    static <T> Delta<T> delta(FieldMode mode, Collection<T> local, Collection<T> source) {
        if (mode == FieldMode.DO_NOT_SYNC || (mode == FieldMode.SYNC_IF_NOT_EMPTY && source.isEmpty())) {
            return new Delta<>(List.of(), List.of());
        }
        Set<T> have = new LinkedHashSet<>(local);
        List<T> add = new ArrayList<>();
        for (T s : new LinkedHashSet<>(source)) {
            if (!have.contains(s)) {
                add.add(s);
            }
        }
        List<T> remove = new ArrayList<>();
        if (mode != FieldMode.ADD_NEW) {
            Set<T> want = new HashSet<>(source);
            for (T l : have) {
                if (!want.contains(l)) {
                    remove.add(l);
                }
            }
        }
        return new Delta<>(add, remove);
    }

    record Delta<T>(List<T> add, List<T> remove) {
        boolean isEmpty() {
            return add.isEmpty() && remove.isEmpty();
        }
    }

    /** A source user after normalisation, with its match. */
    private static final class Entry {
        final SourceUser su;
        final String name;
        final List<String> aliases;
        String failure;
        LocalUser local;

        Entry(SourceUser su, String name, List<String> aliases) {
            this.su = su;
            this.name = name;
            this.aliases = aliases;
        }
    }

    private static final class Failed extends Exception {
        Failed(String why) {
            super(why, null, false, false);
        }
    }

    private static final class Run {
        final long sourceId;
        final SourceRead read;
        final SyncOptions o;
        final LocalSnapshot snapshot;
        final Function<String, String> pinKey;
        final Long sourceAuthServerId;

        final Map<String, LocalUser> byExternalId = new HashMap<>();
        final Map<String, LocalUser> byName = new HashMap<>();
        final Map<String, LocalUser> byAlias = new HashMap<>();
        final Map<String, List<LocalUser>> byPersonalNumber = new HashMap<>();
        final Map<String, LocalUser> cardOwner = new HashMap<>();
        /** Names and cards this run gives to a source user, so two source users cannot take the same one. */
        final Map<String, Entry> claimedNames = new HashMap<>();
        final Map<String, Entry> claimedCards = new HashMap<>();
        final Map<Long, Entry> matched = new HashMap<>();
        final Set<GroupPath> groupsToCreate = new LinkedHashSet<>();
        final Set<String> sourceNames = new HashSet<>();

        Run(long sourceId, SourceRead read, SyncOptions o, LocalSnapshot snapshot, Function<String, String> pinKey, Long sourceAuthServerId) {
            this.sourceId = sourceId;
            this.read = read;
            this.o = o;
            this.snapshot = snapshot;
            this.pinKey = pinKey;
            this.sourceAuthServerId = sourceAuthServerId;
            for (LocalUser u : snapshot.users()) {
                byName.put(u.username(), u);
                for (String a : u.aliases()) {
                    byAlias.put(a, u);
                }
                for (String c : u.cards()) {
                    cardOwner.put(c, u);
                }
                if (u.personalNumber() != null) {
                    byPersonalNumber.computeIfAbsent(u.personalNumber(), k -> new ArrayList<>(1)).add(u);
                }
                if (u.externalId() != null && Objects.equals(u.syncSourceId(), sourceId)) {
                    byExternalId.put(u.externalId(), u);
                }
            }
        }

        SyncPlan plan(Iterable<SourceUser> source) {
            List<Entry> entries = normalise(source);
            match(entries);
            List<UserPlan> out = new ArrayList<>(entries.size());
            for (Entry e : entries) {
                out.add(decide(e));
            }
            List<String> notes = new ArrayList<>();
            String stop = deactivate(entries, out, notes);
            List<GroupPath> groups = new ArrayList<>(groupsToCreate);
            groups.sort(Comparator.comparingInt(g -> g.names().size()));
            return new SyncPlan(sourceId, read, out, groups, SyncCounts.of(out), stop, notes);
        }

        private List<Entry> normalise(Iterable<SourceUser> source) {
            List<Entry> entries = new ArrayList<>();
            Map<String, Integer> names = new HashMap<>();
            Map<String, Integer> ids = new HashMap<>();
            for (SourceUser su : source) {
                String name = userName(su.username(), o);
                List<String> aliases = new ArrayList<>();
                for (String a : su.aliases()) {
                    String n = a == null ? null : a.strip();
                    if (n != null && !n.isEmpty()) {
                        n = o.lowerCaseUserNames() ? n.toLowerCase(Locale.ROOT) : n;
                        if (!n.equals(name) && !aliases.contains(n)) {
                            aliases.add(n);
                        }
                    }
                }
                Entry e = new Entry(su, name, aliases);
                if (name == null) {
                    e.failure = "the source gives no user name";
                } else {
                    names.merge(name, 1, Integer::sum);
                    sourceNames.add(name);
                }
                if (su.externalId() != null) {
                    ids.merge(su.externalId(), 1, Integer::sum);
                }
                entries.add(e);
            }
            for (Entry e : entries) {
                if (e.failure == null && names.get(e.name) > 1) {
                    e.failure = "the user name \"" + e.name + "\" appears " + names.get(e.name) + " times in the source";
                } else if (e.failure == null && e.su.externalId() != null && ids.get(e.su.externalId()) > 1) {
                    e.failure = "the source id " + e.su.externalId() + " appears " + ids.get(e.su.externalId()) + " times in the source";
                }
            }
            return entries;
        }

        /** Stable ids first for every user, so a name a renamed user leaves cannot be matched by another entry first. */
        private void match(List<Entry> entries) {
            for (Entry e : entries) {
                if (e.failure == null && e.su.externalId() != null) {
                    LocalUser l = byExternalId.get(e.su.externalId());
                    if (l != null) {
                        e.local = l;
                        matched.put(l.id(), e);
                    }
                }
            }
            for (Entry e : entries) {
                if (e.failure != null || e.local != null) {
                    continue;
                }
                String pn = blankToNull(e.su.personalNumber());
                if (o.pairByPersonalNumber() && pn != null) {
                    List<LocalUser> found = byPersonalNumber.getOrDefault(pn, List.of());
                    if (found.size() > 1) {
                        e.failure = "the personal number " + pn + " is used by " + found.size() + " users";
                        continue;
                    }
                    if (found.size() == 1) {
                        claim(e, found.get(0));
                        continue;
                    }
                }
                LocalUser l = byName.get(e.name);
                if (l == null) {
                    LocalUser owner = byAlias.get(e.name);
                    if (owner != null) {
                        e.failure = used(e.name, owner.username());
                    }
                    continue;
                }
                if (o.pairByPersonalNumber() && pn != null && l.personalNumber() != null && !pn.equals(l.personalNumber())) {
                    // Another person (another personal number) has this name.
                    e.failure = used(e.name, l.username());
                    continue;
                }
                claim(e, l);
            }
        }

        private void claim(Entry e, LocalUser l) {
            Entry other = matched.get(l.id());
            if (other != null) {
                e.failure = used(e.name, l.username());
                return;
            }
            e.local = l;
            matched.put(l.id(), e);
        }

        /** The manual's result line for a name taken by another account. */
        static String used(String name, String owner) {
            return "The name/alias \"" + name + "\" is already used by the user \"" + owner + "\"";
        }

        private UserPlan decide(Entry e) {
            if (e.failure != null) {
                return fail(e, e.failure);
            }
            LocalUser l = e.local;
            if (l != null && l.system()) {
                return fail(e, "system user " + l.username() + " is never synchronised");
            }
            if (l != null && l.syncSourceId() != null && l.syncSourceId() != sourceId && !o.ignoreSyncSource()) {
                return fail(e, used(e.name, l.username()));
            }
            if (l == null && !o.addNewUsers()) {
                return new UserPlan(UserAction.SKIPPED, e.name, null, null, List.of(), "new user not added (adding new users is off)", null, null,
                        List.of());
            }
            try {
                return l == null ? add(e) : update(e, l);
            } catch (Failed f) {
                return fail(e, f.getMessage());
            }
        }

        private UserPlan fail(Entry e, String why) {
            return new UserPlan(UserAction.FAILED, e.name == null ? String.valueOf(e.su.username()) : e.name, e.local == null ? null : e.local.id(),
                    null, List.of(), why, null, null, List.of());
        }

        private UserPlan add(Entry e) throws Failed {
            SourceUser su = e.su;
            String fullName = blankToNull(su.fullName());
            Long auth = authServer(su);
            UserRow row = new UserRow(e.name, fullName == null ? e.name : fullName, blankToNull(su.email()), blankToNull(su.phone()),
                    blankToNull(su.personalNumber()), blankToNull(su.language()), blankToNull(su.userStorage()), o.useAuthServer() && auth != null, auth,
                    sourceId, su.externalId());
            List<String> warnings = new ArrayList<>();
            invalidPins(e.su, warnings);
            List<String> cards = delta(o.cards(), List.of(), strip(su.cards())).add();
            List<String> aliases = delta(ALIASES, List.of(), e.aliases).add();
            check(e, null, row, aliases, cards);
            List<PinAdd> pins = pinAdds(delta(o.pins(), List.of(), pinKeys(su)).add(), su);
            Memberships m = memberships(List.of(), su);
            Delta<String> delegates = delegates(e, List.of(), warnings);
            List<String> fields = new ArrayList<>(List.of("username", "fullName"));
            addIf(fields, "email", row.email());
            addIf(fields, "phone", row.phone());
            addIf(fields, "personalNumber", row.personalNumber());
            addIf(fields, "language", row.language());
            addIf(fields, "userStorage", row.userStorage());
            if (row.useAuthServer()) {
                fields.add("authServer");
            }
            addIf(fields, "externalId", row.externalId());
            listIf(fields, "aliases", aliases);
            listIf(fields, "cards", cards);
            listIf(fields, "pins", pins);
            listIf(fields, "groups", m.added);
            listIf(fields, "delegates", delegates.add());
            claimAll(e, null, aliases, cards);
            groupsToCreate(m.added);
            return new UserPlan(UserAction.ADD, e.name, null, null, fields, null, row,
                    new UserEdits(aliases, List.of(), cards, List.of(), pins, List.of(), m.added, List.of(), List.of(), delegates.add(), List.of()),
                    warnings);
        }

        private UserPlan update(Entry e, LocalUser l) throws Failed {
            SourceUser su = e.su;
            List<String> fields = new ArrayList<>();
            List<String> warnings = new ArrayList<>();
            invalidPins(e.su, warnings);
            if (!e.name.equals(l.username())) {
                fields.add("username");
            }
            String fullName = pick(fields, "fullName", su.fullName(), l.fullName());
            if (fullName == null) {
                fullName = e.name;
            }
            String email = pick(fields, "email", su.email(), l.email());
            String phone = pick(fields, "phone", su.phone(), l.phone());
            String pn = pick(fields, "personalNumber", su.personalNumber(), l.personalNumber());
            String lang = pick(fields, "language", su.language(), l.language());
            String storage = pick(fields, "userStorage", su.userStorage(), l.userStorage());
            boolean useAuth = l.useAuthServer();
            Long auth = l.authServerId();
            if (o.useAuthServer()) {
                Long a = authServer(su);
                if (a != null && (!useAuth || !a.equals(auth))) {
                    useAuth = true;
                    auth = a;
                    fields.add("authServer");
                }
            }
            if (!Objects.equals(l.syncSourceId(), sourceId)) {
                fields.add("syncSource");
            }
            String ext = su.externalId() != null ? su.externalId() : l.externalId();
            if (!Objects.equals(ext, l.externalId())) {
                fields.add("externalId");
            }
            UserRow row = new UserRow(e.name, fullName, email, phone, pn, lang, storage, useAuth, auth, sourceId, ext);

            Delta<String> aliases = delta(ALIASES, l.aliases(), e.aliases);
            Delta<String> cards = delta(o.cards(), l.cards(), strip(su.cards()));
            List<String> finalAliases = apply(l.aliases(), aliases);
            List<String> finalCards = apply(l.cards(), cards);
            check(e, l, row, finalAliases, cards.add());
            claimAll(e, l, finalAliases, cards.add());

            Map<String, LocalPin> pinsByKey = new LinkedHashMap<>();
            for (LocalPin p : l.pins()) {
                pinsByKey.putIfAbsent(p.syncKey() == null ? "#" + p.id() : p.syncKey(), p);
            }
            Delta<String> pinDelta = delta(o.pins(), pinsByKey.keySet(), pinKeys(su));
            List<PinAdd> pinsAdded = pinAdds(pinDelta.add(), su);
            List<Long> pinsRemoved = pinDelta.remove().stream().map(k -> pinsByKey.get(k).id()).toList();
            Memberships m = memberships(l.groups(), su);
            Delta<String> delegates = delegates(e, l.deleted() ? List.of() : l.delegates(), warnings);

            listIf(fields, "aliases", aliases.add(), aliases.remove());
            listIf(fields, "cards", cards.add(), cards.remove());
            listIf(fields, "pins", pinsAdded, pinsRemoved);
            listIf(fields, "groups", m.added, m.removed, m.changed);
            listIf(fields, "delegates", delegates.add(), delegates.remove());
            groupsToCreate(m.added);
            UserAction action = l.deleted() ? UserAction.UNDELETE : fields.contains("username") ? UserAction.RENAME
                    : fields.isEmpty() ? UserAction.UNCHANGED : UserAction.UPDATE;
            if (action == UserAction.UNCHANGED) {
                return new UserPlan(action, e.name, l.id(), null, List.of(), null, null, null, warnings);
            }
            UserEdits edits = new UserEdits(aliases.add(), aliases.remove(), cards.add(), cards.remove(), pinsAdded, pinsRemoved, m.added, m.removed,
                    m.changed, delegates.add(), delegates.remove());
            return new UserPlan(action, e.name, l.id(), e.name.equals(l.username()) ? null : l.username(), fields, null, row, edits, warnings);
        }

        /** Field rules, then the names and cards against other accounts and other source users. */
        private void check(Entry e, LocalUser self, UserRow row, List<String> aliases, List<String> newCards) throws Failed {
            Long me = self == null ? null : self.id();
            List<String> allCards = new ArrayList<>(self == null ? List.of() : self.cards());
            allCards.addAll(newCards);
            Map<String, String> errors = UserRules.check(row.username(), row.fullName(), aliases, allCards, row.email(), row.phone(),
                    row.personalNumber(), row.language(), row.userStorage(), null, false);
            if (!errors.isEmpty()) {
                throw new Failed(String.join("; ", errors.entrySet().stream().map(x -> x.getKey() + " " + x.getValue()).toList()));
            }
            List<String> names = new ArrayList<>(aliases.size() + 1);
            names.add(row.username());
            names.addAll(aliases);
            for (String n : names) {
                LocalUser owner = byName.get(n);
                if (owner == null) {
                    owner = byAlias.get(n);
                }
                if (owner != null && !Objects.equals(owner.id(), me)) {
                    throw new Failed(used(n, owner.username()));
                }
                Entry other = claimedNames.get(n);
                if (other != null && other != e) {
                    throw new Failed(used(n, other.name));
                }
            }
            for (String c : newCards) {
                LocalUser owner = cardOwner.get(c);
                if (owner != null && !Objects.equals(owner.id(), me)) {
                    throw new Failed("the card " + c + " is already used by the user \"" + owner.username() + "\"");
                }
                Entry other = claimedCards.get(c);
                if (other != null && other != e) {
                    throw new Failed("the card " + c + " is already used by the user \"" + other.name + "\"");
                }
            }
            for (GroupPath g : concat(e.su.groups(), e.su.managedGroups())) {
                for (String n : g.names()) {
                    String problem = UserRules.groupNameProblem(n);
                    if (problem != null) {
                        throw new Failed("group \"" + n + "\" " + problem);
                    }
                }
            }
            if (o.useAuthServer() && e.su.authServer() != null && !e.su.authServer().isBlank()
                    && !snapshot.authServers().containsKey(e.su.authServer().strip())) {
                throw new Failed("unknown authentication server \"" + e.su.authServer().strip() + "\"");
            }
        }

        private void claimAll(Entry e, LocalUser self, List<String> aliases, List<String> newCards) {
            claimedNames.put(e.name, e);
            for (String a : aliases) {
                claimedNames.put(a, e);
            }
            for (String c : newCards) {
                claimedCards.put(c, e);
            }
        }

        private Long authServer(SourceUser su) {
            String name = blankToNull(su.authServer());
            if (name != null) {
                return snapshot.authServers().get(name);
            }
            return sourceAuthServerId;
        }

        /** A PIN that is not in the MD5 form (the manual's own sample has a 15-digit one) is left out; the user is still synchronised. */
        private void invalidPins(SourceUser su, List<String> warnings) {
            for (String md5 : su.pinsMd5()) {
                if (md5 == null || !MD5.matcher(md5.strip()).matches()) {
                    warnings.add("PIN " + md5 + " ignored: not an MD5 hash (32 hexadecimal digits)");
                }
            }
        }

        private List<String> pinKeys(SourceUser su) {
            List<String> keys = new ArrayList<>();
            for (String md5 : su.pinsMd5()) {
                if (md5 != null && MD5.matcher(md5.strip()).matches()) {
                    keys.add(pinKey.apply(md5.strip().toLowerCase(Locale.ROOT)));
                }
            }
            return keys;
        }

        private List<PinAdd> pinAdds(List<String> keys, SourceUser su) {
            if (keys.isEmpty()) {
                return List.of();
            }
            Set<String> wanted = new HashSet<>(keys);
            List<PinAdd> out = new ArrayList<>();
            for (String md5 : su.pinsMd5()) {
                String hex = md5.strip().toLowerCase(Locale.ROOT);
                String key = pinKey.apply(hex);
                if (wanted.remove(key)) {
                    out.add(new PinAdd(hex, key));
                }
            }
            return out;
        }

        private record Memberships(List<LocalMembership> added, List<GroupPath> removed, List<LocalMembership> changed) {
        }

        /**
         * Members and managers under the groups' field mode; a manager is a member (GROUP_MEMBERS.IS_MANAGER).
         * The accounting group stays while the user remains in it, else it becomes the first source group.
         */
        private Memberships memberships(List<LocalMembership> local, SourceUser su) {
            List<GroupPath> wanted = new ArrayList<>(new LinkedHashSet<>(concat(su.groups(), su.managedGroups())));
            FieldMode mode = o.groups();
            if (mode == FieldMode.DO_NOT_SYNC || (mode == FieldMode.SYNC_IF_NOT_EMPTY && wanted.isEmpty())) {
                return new Memberships(List.of(), List.of(), List.of());
            }
            Map<GroupPath, LocalMembership> have = new LinkedHashMap<>();
            for (LocalMembership m : local) {
                have.put(m.group(), m);
            }
            Set<GroupPath> managed = new HashSet<>(su.managedGroups());
            LinkedHashSet<GroupPath> result = new LinkedHashSet<>();
            if (mode == FieldMode.ADD_NEW) {
                result.addAll(have.keySet());
            }
            result.addAll(wanted);
            GroupPath accounting = null;
            for (LocalMembership m : local) {
                if (m.accounting() && result.contains(m.group())) {
                    accounting = m.group();
                }
            }
            if (accounting == null && !result.isEmpty()) {
                accounting = wanted.isEmpty() ? result.iterator().next() : wanted.get(0);
            }
            List<LocalMembership> added = new ArrayList<>();
            List<LocalMembership> changed = new ArrayList<>();
            for (GroupPath g : result) {
                LocalMembership old = have.get(g);
                boolean manager = managed.contains(g) || (mode == FieldMode.ADD_NEW && old != null && old.manager());
                LocalMembership now = new LocalMembership(g, g.equals(accounting), manager);
                if (old == null) {
                    added.add(now);
                } else if (!old.equals(now)) {
                    changed.add(now);
                }
            }
            List<GroupPath> removed = have.keySet().stream().filter(g -> !result.contains(g)).toList();
            return new Memberships(added, removed, changed);
        }

        private void groupsToCreate(List<LocalMembership> added) {
            for (LocalMembership m : added) {
                List<String> names = m.group().names();
                for (int i = 1; i <= names.size(); i++) {
                    GroupPath p = new GroupPath(names.subList(0, i));
                    if (!snapshot.groups().contains(p)) {
                        groupsToCreate.add(p);
                    }
                }
            }
        }

        /** Delegates by user name; a name neither in Ream nor in this source is left out with a warning. */
        private Delta<String> delegates(Entry e, List<String> local, List<String> warnings) {
            List<String> wanted = new ArrayList<>();
            for (String raw : e.su.delegates()) {
                String n = userName(raw, o);
                if (n == null || n.equals(e.name) || wanted.contains(n)) {
                    continue;
                }
                LocalUser u = byName.get(n);
                if ((u != null && !u.deleted()) || sourceNames.contains(n)) {
                    wanted.add(n);
                } else {
                    warnings.add("unknown delegate " + n);
                }
            }
            return delta(o.delegates(), local, wanted);
        }

        /**
         * Deactivation of the users the source no longer has, only after a complete, non-empty
         * full read, and not at all when the run would exceed the delete threshold (returned as the stop reason).
         */
        private String deactivate(List<Entry> entries, List<UserPlan> out, List<String> notes) {
            if (!o.deactivateMissing()) {
                return null;
            }
            if (read != SourceRead.FULL) {
                notes.add("no user deactivated: the read was " + read.name().toLowerCase(Locale.ROOT) + ", only a complete full read deactivates");
                return null;
            }
            if (entries.isEmpty()) {
                notes.add("no user deactivated: the source returned no users");
                return null;
            }
            Set<Long> present = new HashSet<>(matched.keySet());
            for (Entry e : entries) {
                if (e.name != null && byName.containsKey(e.name)) {
                    present.add(byName.get(e.name).id());
                }
            }
            int base = 0;
            List<UserPlan> gone = new ArrayList<>();
            for (LocalUser u : snapshot.users()) {
                if (u.deleted() || u.system() || !(o.ignoreSyncSource() || Objects.equals(u.syncSourceId(), sourceId))) {
                    continue;
                }
                base++;
                if (!present.contains(u.id())) {
                    gone.add(new UserPlan(UserAction.DEACTIVATE, u.username(), u.id(), null, List.of(), "no longer in the source", null, null,
                            List.of()));
                }
            }
            int n = gone.size();
            if (o.maxDeactivations() > 0 && n > o.maxDeactivations()) {
                out.addAll(gone);
                return "the run would deactivate " + n + " users, more than the limit of " + o.maxDeactivations();
            }
            if (o.maxDeactivationPercent() > 0 && (long) n * 100 > (long) o.maxDeactivationPercent() * base) {
                out.addAll(gone);
                return "the run would deactivate " + n + " of the source's " + base + " users, more than " + o.maxDeactivationPercent() + " %";
            }
            out.addAll(gone);
            return null;
        }
    }

    private static String pick(List<String> fields, String field, String source, String local) {
        String s = blankToNull(source);
        if (s == null || s.equals(local)) {
            return local;
        }
        fields.add(field);
        return s;
    }

    private static List<String> strip(List<String> values) {
        List<String> out = new ArrayList<>(values.size());
        for (String v : values) {
            String s = v == null ? null : v.strip();
            if (s != null && !s.isEmpty() && !out.contains(s)) {
                out.add(s);
            }
        }
        return out;
    }

    private static <T> List<T> apply(List<T> local, Delta<T> d) {
        List<T> out = new ArrayList<>(local);
        out.removeAll(d.remove());
        out.addAll(d.add());
        return out;
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    static String blankToNull(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        return t.isEmpty() ? null : t;
    }

    private static void addIf(List<String> fields, String field, Object value) {
        if (value != null) {
            fields.add(field);
        }
    }

    @SafeVarargs
    private static void listIf(List<String> fields, String field, List<?>... lists) {
        for (List<?> l : lists) {
            if (!l.isEmpty()) {
                fields.add(field);
                return;
            }
        }
    }
}
