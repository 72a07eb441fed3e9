package org.ream.central.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.ream.central.audit.AuditLog;
import org.ream.central.logging.SystemLog;
import org.ream.central.persistence.Databases;
import org.ream.central.persistence.Jdbc;
import org.ream.central.platform.ReamConfig;

/**
 * Accounts as far as the foundation needs them: the five system users of the manual (8.1),
 * password checks with the *admin lockout (4.2.1), and the rights a user holds.
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

    public enum LoginOutcome { OK, BAD_CREDENTIALS, LOCKED }

    public record LoginResult(LoginOutcome outcome, SessionUser user) {
    }

    record Account(long id, String username, String fullName, String passwordHash, int failedLogins, Instant lockedAt, boolean system) {
    }

    @Inject
    Databases databases;

    @Inject
    ReamConfig config;

    @Inject
    SystemLog log;

    @Inject
    AuditLog audit;

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

    Optional<Account> find(String username) {
        return databases.mainJdbc().one("SELECT ID, USERNAME, FULL_NAME, PASSWORD_HASH, FAILED_LOGINS, LOCKED_AT, IS_SYSTEM FROM USERS"
                + " WHERE USERNAME = ? AND DELETED_AT IS NULL", rs -> new Account(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getInt(5), Jdbc.instant(rs, "LOCKED_AT"), rs.getBoolean(7)), username);
    }

    public LoginResult login(String username, String password, String client) {
        Optional<Account> found = username == null ? Optional.empty() : find(username);
        if (found.isEmpty() || found.get().passwordHash() == null) {
            log.warning("WebUI", null, "Login failed: unknown user '" + safe(username) + "' from " + client);
            // Same work as a real check, so a timing difference does not reveal which names exist.
            PasswordHasher.verify(password == null ? "" : password, Dummy.HASH);
            return new LoginResult(LoginOutcome.BAD_CREDENTIALS, null);
        }
        Account a = found.get();
        if (a.lockedAt() != null) {
            log.warning("WebUI", null, "Login refused: account '" + a.username() + "' is locked (from " + client + ")");
            return new LoginResult(LoginOutcome.LOCKED, null);
        }
        if (!PasswordHasher.verify(password == null ? "" : password, a.passwordHash())) {
            int failed = a.failedLogins() + 1;
            boolean lock = a.username().equals(ADMIN) && failed >= config.admin().lockoutAttempts();
            databases.mainJdbc().update("UPDATE USERS SET FAILED_LOGINS = ?, LOCKED_AT = ? WHERE ID = ?", failed, lock ? Instant.now() : null, a.id());
            if (lock) {
                log.add(org.ream.central.logging.Severity.CRITICAL, "WebUI", null, "Account *admin locked after " + failed
                        + " failed logins (last from " + client + "). Unlock it with: ./ream admin-unlock", null);
                return new LoginResult(LoginOutcome.LOCKED, null);
            }
            log.warning("WebUI", null, "Login failed: '" + a.username() + "' from " + client + " (" + failed + " in a row)");
            return new LoginResult(LoginOutcome.BAD_CREDENTIALS, null);
        }
        if (a.failedLogins() > 0) {
            databases.mainJdbc().update("UPDATE USERS SET FAILED_LOGINS = 0 WHERE ID = ?", a.id());
        }
        log.notice("WebUI", null, "Login success: '" + a.username() + "'");
        return new LoginResult(LoginOutcome.OK, new SessionUser(a.id(), a.username(), a.fullName(), rightsOf(a.id(), a.username())));
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
