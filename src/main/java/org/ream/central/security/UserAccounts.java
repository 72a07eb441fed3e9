package org.ream.central.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.ream.central.audit.AuditLog;
import org.ream.central.logging.SystemLog;
import org.ream.central.persistence.Databases;
import org.ream.central.persistence.Jdbc;
import org.ream.central.pins.Pins;
import org.ream.central.platform.ReamConfig;
import org.ream.central.settings.SettingsStore;
import org.ream.central.settings.ValidationException;
import org.ream.central.usersettings.PasswordPolicy;

/**
 * Accounts and the login flow: the five system users of the manual (8.1), login by password,
 * by PIN or through the user's authentication server, the account lockout of the user
 * settings (8.8) beside the *admin lockout (4.2.1), and the rights a user holds.
 */
@ApplicationScoped
public class UserAccounts {

    public static final String ADMIN = "*admin";
    public static final String DEFAULT_ADMIN_PASSWORD = "1234";
    /**
     * An Argon2id hash of the published default password, made once: hashing at first start
     * costs ~0.3 s of CPU while the JIT is cold, and a unique salt protects nothing when the
     * password is public. The UI nags until it changes; the new password gets a fresh salt.
     */
    static final String DEFAULT_ADMIN_PASSWORD_HASH =
            "$argon2id$v=19$m=19456,t=2,p=1$RuM/We/XoK8UkXpgkT3F1Q$J/5NpHMmWl0fmRC0RRckNIh2W36sLp2PG8/bp8TZ3v8";
    public static final List<String> SYSTEM_USERS = List.of(ADMIN, "*api", "*fax", "*system", "*unauthenticated");

    public enum LoginOutcome {
        OK, BAD_CREDENTIALS, LOCKED,
        /** The user's authentication server could not check the password; nothing about the account changed. */
        SERVER_UNAVAILABLE,
        /** PIN login is not offered to this account (Microsoft sign-in users, manual 6.6.3). */
        PIN_NOT_ALLOWED
    }

    /** The result of a login; {@code language} is the user's own language (null: the default), read with the account. */
    public record LoginResult(LoginOutcome outcome, SessionUser user, String message, String language) {
        public LoginResult(LoginOutcome outcome, SessionUser user) {
            this(outcome, user, null, null);
        }

        public LoginResult(LoginOutcome outcome, SessionUser user, String message) {
            this(outcome, user, message, null);
        }
    }

    record Account(long id, String username, String fullName, String passwordHash, int failedLogins, Instant lockedAt, Instant lockedUntil,
            boolean system, boolean useAuthServer, Long authServerId, String language) {
    }

    /** Server kinds that sign users in through Microsoft (OpenID Connect): no password or PIN here. */
    public static final Set<String> MICROSOFT_SERVER_KINDS = Set.of("AZURE", "AZURE_AD", "ENTRA");

    @Inject
    Databases databases;

    @Inject
    ReamConfig config;

    @Inject
    SystemLog log;

    @Inject
    AuditLog audit;

    @Inject
    SettingsStore settings;

    @Inject
    ExternalAuthenticator external;

    @Inject
    Pins pins;

    /** Creates the system users that are missing (first start, or a database restored from elsewhere). */
    public void ensureSystemUsers() {
        Jdbc jdbc = databases.mainJdbc();
        for (String name : SYSTEM_USERS) {
            if (jdbc.count("SELECT COUNT(*) FROM USERS WHERE USERNAME = ?", name) == 0) {
                String full = switch (name) {
                    case ADMIN -> "Administrator";
                    case "*api" -> "REST API";
                    case "*fax" -> "Fax";
                    case "*system" -> "System";
                    default -> "Unauthenticated";
                };
                String hash = name.equals(ADMIN) ? DEFAULT_ADMIN_PASSWORD_HASH : null;
                Instant now = Instant.now();
                jdbc.update("INSERT INTO USERS (ID, USERNAME, FULL_NAME, PASSWORD_HASH, IS_SYSTEM, USE_AUTH_SERVER, FAILED_LOGINS, CREATED_AT, UPDATED_AT, CHANGE_NO)"
                        + " VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, 0)", databases.newId(), name, full, hash, true, false, now, now);
            }
        }
    }

    private static final String ACCOUNT_COLUMNS = "ID, USERNAME, FULL_NAME, PASSWORD_HASH, FAILED_LOGINS, LOCKED_AT, LOCKED_UNTIL, IS_SYSTEM,"
            + " USE_AUTH_SERVER, AUTH_SERVER_ID, LANG FROM USERS";

    private static Account account(java.sql.ResultSet rs) throws java.sql.SQLException {
        long server = rs.getLong(10);
        Long serverId = rs.wasNull() ? null : server;
        String lang = rs.getString(11);
        return new Account(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5), Jdbc.instant(rs, "LOCKED_AT"),
                Jdbc.instant(rs, "LOCKED_UNTIL"), rs.getBoolean(8), rs.getBoolean(9), serverId, lang == null || lang.isBlank() ? null : lang.strip());
    }

    Optional<Account> find(String username) {
        return databases.mainJdbc().one("SELECT " + ACCOUNT_COLUMNS + " WHERE USERNAME = ? AND DELETED_AT IS NULL", UserAccounts::account, username);
    }

    Optional<Account> find(long userId) {
        return databases.mainJdbc().one("SELECT " + ACCOUNT_COLUMNS + " WHERE ID = ? AND DELETED_AT IS NULL", UserAccounts::account, userId);
    }

    /**
     * Login by user name and password: the local hash, or the user's authentication server
     * for accounts that use one (their password is never stored here).
     */
    public LoginResult login(String username, String password, String client) {
        Optional<Account> found = username == null ? Optional.empty() : find(username);
        if (found.isEmpty() || (found.get().passwordHash() == null && !usesServer(found.get()))) {
            log.warning("WebUI", null, "Login failed: unknown user '" + safe(username) + "' from " + client);
            // Same work as a real check, so a timing difference does not reveal which names exist.
            PasswordHasher.verify(password == null ? "" : password, Dummy.HASH);
            return new LoginResult(LoginOutcome.BAD_CREDENTIALS, null);
        }
        Account a = found.get();
        if (locked(a)) {
            log.warning("WebUI", null, "Login refused: account '" + a.username() + "' is locked (from " + client + ")");
            return new LoginResult(LoginOutcome.LOCKED, null);
        }
        boolean accepted;
        if (usesServer(a)) {
            if (isMicrosoftServer(a.authServerId())) {
                return new LoginResult(LoginOutcome.BAD_CREDENTIALS, null, "This account signs in with Microsoft.");
            }
            if (password == null || password.isEmpty()) {
                // Never ask a directory with an empty password: LDAP takes that as an anonymous bind.
                accepted = false;
            } else {
                ExternalAuthenticator.Result r = external.authenticate(a.authServerId() == null ? 0 : a.authServerId(), a.username(), password);
                switch (r.outcome()) {
                    case ACCEPTED -> accepted = true;
                    case REJECTED -> accepted = false;
                    case UNREACHABLE -> {
                        log.warning("WebUI", null, "Login of '" + a.username() + "' not possible: the authentication server did not answer ("
                                + r.message() + ")");
                        return new LoginResult(LoginOutcome.SERVER_UNAVAILABLE, null,
                                "The authentication server cannot check your password right now. Please try again later or contact the administrator.");
                    }
                    default -> {
                        log.warning("WebUI", null, "Login of '" + a.username() + "' not possible: " + r.message());
                        return new LoginResult(LoginOutcome.SERVER_UNAVAILABLE, null,
                                "The authentication server of your account is not set up. Please contact the administrator.");
                    }
                }
            }
        } else {
            accepted = PasswordHasher.verify(password == null ? "" : password, a.passwordHash());
        }
        if (!accepted) {
            return failed(a, client);
        }
        return succeeded(a, "password");
    }

    /**
     * Login by PIN (manual 8.4.1), optionally with the user name: the PIN's keyed lookup finds
     * the candidate rows through the index, then its salted hash is verified.
     */
    public LoginResult loginByPin(String username, String pin, String client) {
        Optional<Account> named = username == null ? Optional.empty() : find(username);
        // An unknown name still costs a hash check (no candidate matches user -1), so timing does not reveal names.
        Optional<Account> found = pins.verify(pin, named.map(Account::id).orElse(username == null ? null : -1L)).flatMap(this::find);
        if (found.isEmpty()) {
            log.warning("WebUI", null, "Login by PIN failed from " + client + (username == null ? "" : " (user name '" + safe(username) + "')"));
            // Named user, wrong PIN: counts towards that user's lockout like a wrong password.
            if (named.isPresent() && !locked(named.get())) {
                return failed(named.get(), client);
            }
            return new LoginResult(named.isPresent() ? LoginOutcome.LOCKED : LoginOutcome.BAD_CREDENTIALS, null);
        }
        Account a = found.get();
        if (locked(a)) {
            log.warning("WebUI", null, "Login by PIN refused: account '" + a.username() + "' is locked (from " + client + ")");
            return new LoginResult(LoginOutcome.LOCKED, null);
        }
        if (usesServer(a) && isMicrosoftServer(a.authServerId())) {
            log.warning("WebUI", null, "Login by PIN refused: '" + a.username() + "' signs in with Microsoft (from " + client + ")");
            return new LoginResult(LoginOutcome.PIN_NOT_ALLOWED, null, "Users who sign in with Microsoft cannot log in by PIN.");
        }
        return succeeded(a, "PIN");
    }

    private LoginResult succeeded(Account a, String how) {
        if (a.failedLogins() > 0 || a.lockedAt() != null) {
            databases.mainJdbc().update("UPDATE USERS SET FAILED_LOGINS = 0, LOCKED_AT = NULL, LOCKED_UNTIL = NULL WHERE ID = ?", a.id());
        }
        log.notice("WebUI", null, "Login success: '" + a.username() + "' (" + how + ")");
        return new LoginResult(LoginOutcome.OK, new SessionUser(a.id(), a.username(), a.fullName(), rightsOf(a.id(), a.username())), null, a.language());
    }

    private LoginResult failed(Account a, String client) {
        int failed = a.failedLogins() + 1;
        Instant now = Instant.now();
        if (a.username().equals(ADMIN)) {
            boolean lock = failed >= config.admin().lockoutAttempts();
            databases.mainJdbc().update("UPDATE USERS SET FAILED_LOGINS = ?, LOCKED_AT = ?, LOCKED_UNTIL = NULL WHERE ID = ?", failed, lock ? now : null, a.id());
            if (lock) {
                log.add(org.ream.central.logging.Severity.CRITICAL, "WebUI", null, "Account *admin locked after " + failed
                        + " failed logins (last from " + client + "). Unlock it with: ./ream admin-unlock", null);
                return new LoginResult(LoginOutcome.LOCKED, null);
            }
        } else {
            int attempts = settings.getInt("lockout.attempts");
            boolean lock = attempts > 0 && failed >= attempts;
            if (lock) {
                Instant until = now.plus(Duration.ofMinutes(settings.getInt("lockout.minutes")));
                databases.mainJdbc().inTransaction(c -> {
                    Jdbc.update(c, "UPDATE USERS SET FAILED_LOGINS = ?, LOCKED_AT = ?, LOCKED_UNTIL = ? WHERE ID = ?", failed, now, until, a.id());
                    audit.record(c, Actor.SYSTEM, "Users", "USER_LOCKED", "Account " + a.username() + " was locked after " + failed
                            + " failed logins until " + until + ".", a.username(), "Last attempt from " + client);
                    return null;
                });
                log.warning("WebUI", null, "Account '" + a.username() + "' locked after " + failed + " failed logins (last from " + client + ")");
                return new LoginResult(LoginOutcome.LOCKED, null);
            }
            databases.mainJdbc().update("UPDATE USERS SET FAILED_LOGINS = ? WHERE ID = ?", failed, a.id());
        }
        log.warning("WebUI", null, "Login failed: '" + a.username() + "' from " + client + " (" + failed + " in a row)");
        return new LoginResult(LoginOutcome.BAD_CREDENTIALS, null);
    }

    /** Whether the account is locked now; a lockout whose time is over is lifted here. */
    private boolean locked(Account a) {
        if (a.lockedAt() == null) {
            return false;
        }
        // An end older than the lock is left over from an earlier lockout: this lock (an
        // administrator's, who sets LOCKED_AT only) lasts until unlocked.
        if (a.lockedUntil() == null || !a.lockedUntil().isAfter(a.lockedAt()) || a.lockedUntil().isAfter(Instant.now())) {
            return true;
        }
        databases.mainJdbc().update("UPDATE USERS SET LOCKED_AT = NULL, LOCKED_UNTIL = NULL, FAILED_LOGINS = 0 WHERE ID = ? AND LOCKED_UNTIL = ?",
                a.id(), a.lockedUntil());
        return false;
    }

    private static boolean usesServer(Account a) {
        return a.useAuthServer() && !a.system();
    }

    private boolean isMicrosoftServer(Long serverId) {
        if (serverId == null) {
            return false;
        }
        return databases.mainJdbc().one("SELECT KIND FROM AUTH_SERVERS WHERE ID = ?", rs -> rs.getString(1), serverId)
                .map(k -> MICROSOFT_SERVER_KINDS.contains(k.trim().toUpperCase(java.util.Locale.ROOT))).orElse(false);
    }

    /** Lifts a lock (lockout or administrator's lock) of any user; returns false when it was not locked. */
    public boolean unlock(long userId, Actor actor) {
        Optional<Account> a = find(userId);
        if (a.isEmpty()) {
            return false;
        }
        int n = databases.mainJdbc().inTransaction(c -> {
            int changed = Jdbc.update(c, "UPDATE USERS SET LOCKED_AT = NULL, LOCKED_UNTIL = NULL, FAILED_LOGINS = 0 WHERE ID = ? AND LOCKED_AT IS NOT NULL", userId);
            if (changed > 0) {
                audit.record(c, actor, "Users", "USER_UNLOCKED", "Account " + a.get().username() + " was unlocked.", a.get().username(), null);
            }
            return changed;
        });
        return n > 0;
    }

    /** The user's own default language, when set. */
    public Optional<String> language(long userId) {
        return databases.mainJdbc().one("SELECT LANG FROM USERS WHERE ID = ?", rs -> rs.getString(1), userId)
                .map(String::trim).filter(l -> !l.isEmpty());
    }

    /** The password complexity of the user settings (8.8). */
    public PasswordPolicy passwordPolicy() {
        return new PasswordPolicy(settings.getInt("password.minLength"), settings.getInt("password.rules"));
    }

    public Set<Right> rightsOf(long userId, String username) {
        if (ADMIN.equals(username)) {
            return EnumSet.allOf(Right.class);
        }
        Set<Right> rights = EnumSet.noneOf(Right.class);
        databases.mainJdbc().query("SELECT RIGHT_CODE FROM RIGHT_GRANTS WHERE USER_ID = ?"
                + " UNION SELECT g.RIGHT_CODE FROM RIGHT_GRANTS g JOIN GROUP_MEMBERS m ON m.GROUP_ID = g.GROUP_ID WHERE m.USER_ID = ?", rs -> {
                    try {
                        rights.add(Right.valueOf(rs.getString(1).trim()));
                    } catch (IllegalArgumentException ignored) {
                        // a right retired by a later version
                    }
                    return null;
                }, userId, userId);
        return rights;
    }

    public boolean checkPassword(long userId, String password) {
        return databases.mainJdbc().one("SELECT PASSWORD_HASH FROM USERS WHERE ID = ?", rs -> rs.getString(1), userId)
                .map(h -> PasswordHasher.verify(password, h)).orElse(false);
    }

    private volatile Boolean adminDefaultPassword;

    /** Whether *admin still has the password 1234; the UI nags until it changes (cached: a hash check costs ~50 ms). */
    public boolean adminUsesDefaultPassword() {
        Boolean cached = adminDefaultPassword;
        if (cached == null) {
            cached = find(ADMIN).map(a -> a.passwordHash() != null && PasswordHasher.verify(DEFAULT_ADMIN_PASSWORD, a.passwordHash())).orElse(false);
            adminDefaultPassword = cached;
        }
        return cached;
    }

    public boolean adminLocked() {
        return find(ADMIN).map(a -> a.lockedAt() != null).orElse(false);
    }

    /** Unlocks *admin (command line or API). Returns false when it was not locked. */
    public boolean unlockAdmin(Actor actor) {
        int n = databases.mainJdbc().inTransaction(c -> {
            int changed = Jdbc.update(c, "UPDATE USERS SET LOCKED_AT = NULL, FAILED_LOGINS = 0 WHERE USERNAME = ? AND LOCKED_AT IS NOT NULL", ADMIN);
            if (changed > 0) {
                audit.record(c, actor, "Users", "USER_UNLOCKED", "Account *admin was unlocked.", ADMIN, null);
            }
            return changed;
        });
        if (n > 0) {
            log.notice("WebUI", null, "Account *admin unlocked by " + actor.username());
        }
        return n > 0;
    }

    /**
     * Changes the user's own password after checking the old one and the complexity rules;
     * refused for users whose password lives on an authentication server.
     */
    public void changeOwnPassword(SessionUser user, String currentPassword, String newPassword) {
        Account a = find(user.userId()).orElseThrow(() -> new ValidationException("user", "no longer exists"));
        if (usesServer(a)) {
            throw new ValidationException("newPassword", "is managed by your authentication server and cannot be changed here");
        }
        if (!checkPassword(user.userId(), currentPassword == null ? "" : currentPassword)) {
            throw new ValidationException("currentPassword", "is not your current password");
        }
        try {
            passwordPolicy().check(newPassword);
        } catch (IllegalArgumentException e) {
            throw new ValidationException("newPassword", e.getMessage());
        }
        if (newPassword.equals(DEFAULT_ADMIN_PASSWORD) && user.username().equals(ADMIN)) {
            throw new ValidationException("newPassword", "must not be the default password");
        }
        changePassword(user, newPassword);
    }

    /**
     * An administrator (or a user manager) sets a user's password (8.4.1: a password defined in
     * Ream rather than an authentication server's). The user's sessions end. Only an
     * administrator may set the password of a user who holds any right: a user manager could
     * otherwise take over an account with more rights than their own.
     */
    public void setPassword(long userId, String newPassword, SessionUser by) {
        Account a = find(userId).orElseThrow(() -> new jakarta.ws.rs.NotFoundException("No user " + userId));
        if (a.system()) {
            throw new ValidationException("password", "system accounts cannot get a password here (*admin changes its own)");
        }
        if (usesServer(a)) {
            throw new ValidationException("password", "this user logs in through an authentication server; turn that off first");
        }
        if (!by.rights().contains(Right.ADMINISTRATOR) && !rightsOf(a.id(), a.username()).isEmpty()) {
            throw new ValidationException("password", "only an administrator can set the password of a user who holds rights");
        }
        try {
            passwordPolicy().check(newPassword);
        } catch (IllegalArgumentException e) {
            throw new ValidationException("password", e.getMessage());
        }
        String hash = PasswordHasher.hash(newPassword);
        databases.mainJdbc().inTransaction(c -> {
            Jdbc.update(c, "UPDATE USERS SET PASSWORD_HASH = ?, PASSWORD_CHANGED_AT = ?, UPDATED_AT = ?, FAILED_LOGINS = 0 WHERE ID = ?", hash, Instant.now(),
                    Instant.now(), userId);
            audit.record(c, by.actor(), "Users", "PASSWORD_SET", "Password of " + a.username() + " was set by " + by.username() + ".", a.username(), null);
            return null;
        });
    }

    public void changePassword(SessionUser user, String newPassword) {
        String hash = PasswordHasher.hash(newPassword);
        databases.mainJdbc().inTransaction(c -> {
            Jdbc.update(c, "UPDATE USERS SET PASSWORD_HASH = ?, PASSWORD_CHANGED_AT = ?, UPDATED_AT = ? WHERE ID = ?", hash, Instant.now(), Instant.now(), user.userId());
            audit.record(c, user.actor(), "Users", "PASSWORD_CHANGED", "Password of " + user.username() + " was changed.", user.username(), null);
            return null;
        });
        adminDefaultPassword = null;
    }

    private static String safe(String s) {
        return s == null ? "" : s.length() > 64 ? s.substring(0, 64) + "..." : s;
    }

    /** Made on the first login of an unknown name, not at class load: a hash costs ~0.3 s before the JIT warms up. */
    private static final class Dummy {
        static final String HASH = PasswordHasher.hash("not-a-password");
    }
}
