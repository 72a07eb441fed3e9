package org.ream.central.pins;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotFoundException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import org.ream.central.audit.AuditLog;
import org.ream.central.logging.SystemLog;
import org.ream.central.persistence.Databases;
import org.ream.central.persistence.Jdbc;
import org.ream.central.security.Actor;
import org.ream.central.security.PasswordHasher;
import org.ream.central.settings.SettingsStore;
import org.ream.central.settings.ValidationException;

/**
 * Users' PINs (manual 8.4.1, 8.8). A PIN is stored as a salted Argon2id hash plus its keyed
 * lookup (see {@link PinLookupKey}); the PIN itself exists only in the answer that shows it
 * once and in the mail that sends it. PINs imported in the manual's MD5 form keep the hash
 * "md5:<hex>" until their first use, which upgrades them.
 */
@ApplicationScoped
public class Pins {

    static final String MD5_PREFIX = "md5:";
    private static final Pattern MD5 = Pattern.compile("[0-9a-fA-F]{32}");
    private static final int REGENERATE_CHUNK = 200;

    public record PinInfo(long id, Instant createdAt, Instant validUntil, boolean imported) {
    }

    /** A new PIN, shown once to whoever asked for it. */
    public record Generated(long id, String pin, Instant validUntil, boolean mailed) {
    }

    record Owner(long id, String username, String fullName, String email, boolean deleted) {
    }

    private record Made(Owner owner, Generated pin) {
    }

    @Inject
    Databases databases;

    @Inject
    PinLookupKey lookup;

    @Inject
    AuditLog audit;

    @Inject
    SettingsStore settings;

    @Inject
    PinMails mails;

    @Inject
    SystemLog log;

    private final PinGenerator generator = new PinGenerator();
    /** The uniqueness check and the insert of a PIN must not interleave with another's. */
    private final ReentrantLock writes = new ReentrantLock();
    private final AtomicBoolean regenerating = new AtomicBoolean();
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "pin-regeneration");
        t.setDaemon(true);
        return t;
    });

    @jakarta.annotation.PreDestroy
    void stop() {
        background.shutdownNow();
    }

    public List<PinInfo> list(long userId) {
        owner(userId);
        return databases.mainJdbc().query("SELECT ID, CREATED_AT, VALID_UNTIL, PIN_HASH FROM USER_PINS WHERE USER_ID = ? ORDER BY CREATED_AT, ID",
                rs -> new PinInfo(rs.getLong(1), Jdbc.instant(rs, "CREATED_AT"), Jdbc.instant(rs, "VALID_UNTIL"), rs.getString(4).startsWith(MD5_PREFIX)),
                userId);
    }

    public int count(long userId) {
        return (int) databases.mainJdbc().count("SELECT COUNT(*) FROM USER_PINS WHERE USER_ID = ?", userId);
    }

    /** Adds a PIN an administrator typed: checked against the policy and every other user's PINs. */
    public long add(long userId, String pin, Actor actor) {
        Owner o = activeOwner(userId);
        checkGiven(pin);
        String hash = PasswordHasher.hashPin(pin);
        return locked(() -> databases.mainJdbc().inTransaction(c -> {
            refuseTaken(c, userId, pin);
            long id = insert(c, userId, hash, lookup.of(pin), null);
            audit.record(c, actor, "Users", "PIN_ADDED", "A PIN was added to " + o.username() + ".", o.username(), null);
            return id;
        }));
    }

    /** Replaces all the user's PINs by the one given (self-service "change PIN"). */
    public void replace(long userId, String pin, Actor actor) {
        Owner o = activeOwner(userId);
        checkGiven(pin);
        String hash = PasswordHasher.hashPin(pin);
        locked(() -> databases.mainJdbc().inTransaction(c -> {
            refuseTaken(c, userId, pin);
            Jdbc.update(c, "DELETE FROM USER_PINS WHERE USER_ID = ?", userId);
            insert(c, userId, hash, lookup.of(pin), null);
            audit.record(c, actor, "Users", "PIN_CHANGED", "The PIN of " + o.username() + " was changed.", o.username(), null);
            return null;
        }));
    }

    /**
     * Generates a PIN (temporary when the user is in one of the temporary-PIN groups) and mails
     * it when asked to and the user has an email. With {@code replace}, the user's other PINs go.
     */
    public Generated generate(long userId, Actor actor, boolean mail, boolean replace) {
        Owner o = activeOwner(userId);
        if (mail && (o.email() == null || o.email().isBlank())) {
            throw new ValidationException("mail", o.username() + " has no email address to send the PIN to");
        }
        Generated g = locked(() -> databases.mainJdbc().inTransaction(c -> {
            if (replace) {
                Jdbc.update(c, "DELETE FROM USER_PINS WHERE USER_ID = ?", userId);
            }
            Generated made = generateIn(c, o);
            audit.record(c, actor, "Users", "PIN_GENERATED", "A PIN was generated for " + o.username()
                    + (made.validUntil() == null ? "." : ", valid until " + made.validUntil() + "."), o.username(), mail ? "Sent by email" : null);
            return made;
        }));
        return mail ? new Generated(g.id(), g.pin(), g.validUntil(), mailQuietly(o, g)) : g;
    }

    /**
     * "Generate PIN for users created by synchronization or manual input" (8.8): called by user
     * creation and synchronisation. Only for users with an email and without a PIN; the PIN is
     * mailed (the manual checks "send new PIN via email" with that option). Returns whether one was made.
     */
    public boolean generateForNewUser(long userId, Actor actor) {
        if (!settings.getBool("pin.generateForNew")) {
            return false;
        }
        Owner o = owner(userId);
        if (o.deleted() || o.email() == null || o.email().isBlank() || count(userId) > 0) {
            return false;
        }
        generate(userId, actor, true, false);
        return true;
    }

    public void delete(long userId, long pinId, Actor actor) {
        Owner o = owner(userId);
        databases.mainJdbc().inTransaction(c -> {
            if (Jdbc.update(c, "DELETE FROM USER_PINS WHERE ID = ? AND USER_ID = ?", pinId, userId) == 0) {
                throw new NotFoundException("User " + o.username() + " has no PIN " + pinId);
            }
            audit.record(c, actor, "Users", "PIN_DELETED", "A PIN of " + o.username() + " was deleted.", o.username(), null);
            return null;
        });
    }

    /**
     * Stores a PIN the synchronisation read in the manual's MD5 form (hex of MD5 of the digits),
     * in the caller's transaction. It is upgraded to a strong hash at its first use.
     */
    public long importMd5(Connection c, long userId, String md5Hex, Instant validUntil) throws SQLException {
        Md5Import row = md5Import(md5Hex);
        long id = insert(c, userId, row.pinHash(), row.lookupKey(), validUntil);
        Jdbc.update(c, "UPDATE USER_PINS SET SYNC_KEY = ? WHERE ID = ?", row.syncKey(), id);
        return id;
    }

    /**
     * The stored columns of a PIN imported in MD5 form, for the synchronisation's batch inserts:
     * PIN_HASH, LOOKUP_KEY and SYNC_KEY (the lookup key of the MD5 form, which stays when the first
     * use upgrades the hash, so a later run recognises the PIN).
     */
    public record Md5Import(String pinHash, String lookupKey, String syncKey) {
    }

    public Md5Import md5Import(String md5Hex) {
        if (md5Hex == null || !MD5.matcher(md5Hex).matches()) {
            throw new ValidationException("pin", "is not an MD5 hash (32 hexadecimal digits)");
        }
        String hex = md5Hex.toLowerCase(Locale.ROOT);
        String key = lookup.ofMd5(hex);
        return new Md5Import(MD5_PREFIX + hex, key, key);
    }

    /** The SYNC_KEY a source PIN in MD5 form has once imported (what the planner compares). */
    public String md5SyncKey(String md5Hex) {
        return lookup.ofMd5(md5Hex);
    }

    /**
     * The user a PIN belongs to, for login: candidates come from the keyed lookup (index), then
     * the hash decides. Expired temporary PINs do not match. An MD5 PIN is upgraded on success.
     */
    public Optional<Long> verify(String pin) {
        return verify(pin, null);
    }

    /**
     * As {@link #verify(String)}, for the named user when {@code forUser} is given. A PIN that
     * matches several users (imported duplicates) logs nobody in by the PIN alone.
     */
    public Optional<Long> verify(String pin, Long forUser) {
        if (pin == null || pin.length() < PinPolicy.MIN_LENGTH || pin.length() > PinPolicy.MAX_LENGTH || !pin.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            return Optional.empty();
        }
        record Candidate(long id, long userId, String hash, Instant validUntil) {
        }
        String md5 = PinLookupKey.md5Hex(pin);
        List<Candidate> found = databases.mainJdbc().query("SELECT ID, USER_ID, PIN_HASH, VALID_UNTIL FROM USER_PINS WHERE LOOKUP_KEY IN (?, ?)",
                rs -> new Candidate(rs.getLong(1), rs.getLong(2), rs.getString(3), Jdbc.instant(rs, "VALID_UNTIL")), lookup.of(pin), lookup.ofMd5(md5));
        Instant now = Instant.now();
        java.util.Set<Long> users = new java.util.LinkedHashSet<>();
        boolean checked = false;
        for (Candidate cand : found) {
            if ((cand.validUntil() != null && !cand.validUntil().isAfter(now)) || (forUser != null && cand.userId() != forUser)) {
                continue;
            }
            checked = true;
            if (cand.hash().startsWith(MD5_PREFIX)) {
                if (MessageDigest.isEqual((MD5_PREFIX + md5).getBytes(StandardCharsets.US_ASCII), cand.hash().getBytes(StandardCharsets.US_ASCII))) {
                    upgrade(cand.id(), cand.hash(), pin);
                    users.add(cand.userId());
                }
            } else if (PasswordHasher.verify(pin, cand.hash())) {
                users.add(cand.userId());
            }
        }
        if (!checked) {
            // Same work as a real check, so the answer time does not tell whether a PIN exists.
            PasswordHasher.verify(pin, Dummy.HASH);
        }
        if (users.size() > 1) {
            log.warning("Users", null, "A PIN shared by " + users.size() + " users was refused for login without a user name; give them new PINs");
            return Optional.empty();
        }
        return users.stream().findFirst();
    }

    private void upgrade(long pinId, String md5Hash, String pin) {
        int n = databases.mainJdbc().update("UPDATE USER_PINS SET PIN_HASH = ?, LOOKUP_KEY = ? WHERE ID = ? AND PIN_HASH = ?",
                PasswordHasher.hashPin(pin), lookup.of(pin), pinId, md5Hash);
        if (n > 0) {
            log.info("Users", null, "An imported MD5 PIN was upgraded to a strong hash at its first use (PIN id " + pinId + ")");
        }
    }

    /** Digits a generated PIN has now: the configured minimum, raised by the number of users. */
    public int generatedLength() {
        long users = databases.mainJdbc().count("SELECT COUNT(*) FROM USERS WHERE DELETED_AT IS NULL AND IS_SYSTEM = ?", false);
        return PinPolicy.generatedLength(settings.getInt("pin.minLength"), users);
    }

    /**
     * After the minimal length was raised (8.8): every active user's PINs are replaced by a new
     * one, mailed to those with an email. Runs in the background, a few hundred users per
     * transaction; returns how many users it will treat.
     */
    public int regenerateAll(Actor actor) {
        if (!regenerating.compareAndSet(false, true)) {
            throw new ValidationException("pins", "a regeneration of all PINs is already running");
        }
        List<Long> ids;
        try {
            ids = databases.mainJdbc().query("SELECT ID FROM USERS WHERE DELETED_AT IS NULL AND IS_SYSTEM = ? ORDER BY ID", rs -> rs.getLong(1), false);
            audit.record(actor, "Users", "PINS_REGENERATED", "New PINs are being generated for all " + ids.size() + " active users.", null, null);
        } catch (RuntimeException e) {
            regenerating.set(false);
            throw e;
        }
        background.submit(() -> {
            int mailed = 0;
            try {
                int length = generatedLength();
                for (int from = 0; from < ids.size(); from += REGENERATE_CHUNK) {
                    List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + REGENERATE_CHUNK));
                    List<Made> sent = locked(() -> databases.mainJdbc().inTransaction(c -> {
                        List<Made> made = new ArrayList<>();
                        for (long id : chunk) {
                            Optional<Owner> o = ownerIn(c, id);
                            if (o.isEmpty() || o.get().deleted()) {
                                continue;
                            }
                            Jdbc.update(c, "DELETE FROM USER_PINS WHERE USER_ID = ?", id);
                            made.add(new Made(o.get(), generateIn(c, o.get(), length)));
                        }
                        return made;
                    }));
                    for (Made m : sent) {
                        Owner o = m.owner();
                        if (o.email() != null && !o.email().isBlank() && mailQuietly(o, m.pin())) {
                            mailed++;
                        }
                    }
                }
                log.notice("Users", null, "New PINs generated for " + ids.size() + " users, " + mailed + " mailed");
            } catch (RuntimeException e) {
                log.error("Users", null, "The regeneration of all PINs stopped: " + e.getMessage(), null);
            } finally {
                regenerating.set(false);
            }
        });
        return ids.size();
    }

    public boolean regenerating() {
        return regenerating.get();
    }

    private Generated generateIn(Connection c, Owner o) throws SQLException {
        return generateIn(c, o, generatedLength());
    }

    private Generated generateIn(Connection c, Owner o, int length) throws SQLException {
        String pin;
        try {
            pin = generator.generate(length, candidate -> taken(c, candidate));
        } catch (IllegalStateException e) {
            throw new ValidationException("pin.minLength", e.getMessage());
        }
        Instant validUntil = temporary(c, o.id()) ? Instant.now().plus(Duration.ofHours(settings.getInt("pin.temporaryHours"))) : null;
        long id = insert(c, o.id(), PasswordHasher.hashPin(pin), lookup.of(pin), validUntil);
        return new Generated(id, pin, validUntil, false);
    }

    /** "Generate PINs as temporary" for users of the chosen groups (all users when none is chosen). */
    private boolean temporary(Connection c, long userId) throws SQLException {
        if (!settings.getBool("pin.temporary")) {
            return false;
        }
        String groups = settings.get("pin.temporaryGroups");
        if (groups.isBlank()) {
            return true;
        }
        Object[] params = Arrays.stream(groups.split(",")).map(Long::valueOf).toArray();
        String marks = String.join(", ", java.util.Collections.nCopies(params.length, "?"));
        Object[] all = new Object[params.length + 1];
        all[0] = userId;
        System.arraycopy(params, 0, all, 1, params.length);
        return !Jdbc.query(c, "SELECT GROUP_ID FROM GROUP_MEMBERS WHERE USER_ID = ? AND GROUP_ID IN (" + marks + ")", rs -> rs.getLong(1), all).isEmpty();
    }

    private boolean mailQuietly(Owner o, Generated g) {
        try {
            mails.sendNewPin(o.email(), o.username(), o.fullName(), g.pin(), g.validUntil());
            return true;
        } catch (RuntimeException e) {
            log.warning("Users", null, "The new PIN of " + o.username() + " could not be mailed: " + e.getMessage());
            return false;
        }
    }

    private void checkGiven(String pin) {
        try {
            PinPolicy.checkGiven(pin, settings.getInt("pin.minLength"));
        } catch (IllegalArgumentException e) {
            throw new ValidationException("pin", e.getMessage());
        }
    }

    private void refuseTaken(Connection c, long userId, String pin) throws SQLException {
        List<Long> owners = owners(c, pin);
        if (owners.stream().anyMatch(id -> id != userId)) {
            throw new ValidationException("pin", "is already used by another user");
        }
        if (!owners.isEmpty()) {
            throw new ValidationException("pin", "is already one of this user's PINs");
        }
    }

    private boolean taken(Connection c, String pin) {
        try {
            return !owners(c, pin).isEmpty();
        } catch (SQLException e) {
            throw new org.ream.central.persistence.DataAccessException(e.getMessage(), e);
        }
    }

    private List<Long> owners(Connection c, String pin) throws SQLException {
        return Jdbc.query(c, "SELECT USER_ID FROM USER_PINS WHERE LOOKUP_KEY IN (?, ?)", rs -> rs.getLong(1), lookup.of(pin),
                lookup.ofMd5(PinLookupKey.md5Hex(pin)));
    }

    private long insert(Connection c, long userId, String hash, String lookupKey, Instant validUntil) throws SQLException {
        long id = databases.newId();
        Jdbc.update(c, "INSERT INTO USER_PINS (ID, USER_ID, PIN_HASH, LOOKUP_KEY, VALID_UNTIL, CREATED_AT) VALUES (?, ?, ?, ?, ?, ?)",
                id, userId, hash, lookupKey, validUntil, Instant.now());
        return id;
    }

    private Owner owner(long userId) {
        return databases.mainJdbc().inTransaction(c -> ownerIn(c, userId)).orElseThrow(() -> new NotFoundException("There is no user " + userId));
    }

    private Owner activeOwner(long userId) {
        Owner o = owner(userId);
        if (o.deleted()) {
            throw new ValidationException("user", o.username() + " is deleted");
        }
        return o;
    }

    private static Optional<Owner> ownerIn(Connection c, long userId) throws SQLException {
        List<Owner> rows = Jdbc.query(c, "SELECT ID, USERNAME, FULL_NAME, EMAIL, DELETED_AT FROM USERS WHERE ID = ?",
                rs -> new Owner(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getTimestamp(5) != null), userId);
        return rows.stream().findFirst();
    }

    private <T> T locked(java.util.function.Supplier<T> work) {
        writes.lock();
        try {
            return work.get();
        } finally {
            writes.unlock();
        }
    }

    /** Made at the first unknown PIN, not at class load (start-up time). */
    private static final class Dummy {
        static final String HASH = PasswordHasher.hashPin("0000");
    }
}
