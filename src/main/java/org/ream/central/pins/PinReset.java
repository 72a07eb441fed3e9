package org.ream.central.pins;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.ream.central.logging.SystemLog;
import org.ream.central.persistence.Databases;
import org.ream.central.security.Actor;
import org.ream.central.settings.SettingsStore;

/**
 * "Forgot your PIN?" (8.8, "Email with the PIN reset code"): a user asks by user name, a
 * one-time code goes to their email address, and the code gets them a new PIN by email. The
 * answer never tells whether a user exists. A code lives 15 minutes, allows 5 attempts and is
 * kept only as a hash, in memory: after a restart the user asks again, nothing else is lost.
 */
@ApplicationScoped
public class PinReset {

    static final Duration CODE_LIFETIME = Duration.ofMinutes(15);
    static final Duration RESEND_AFTER = Duration.ofMinutes(1);
    static final int ATTEMPTS = 5;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] CODE_CHARS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();

    record Pending(byte[] codeHash, Instant issuedAt, int attemptsLeft) {
    }

    record Owner(long id, String username, String fullName, String email, boolean microsoft) {
    }

    /** How a confirmation went; the reasons are for the log, the user sees one message. */
    public enum Outcome { NEW_PIN_SENT, WRONG_CODE, NO_CODE }

    @Inject
    Databases databases;

    @Inject
    Pins pins;

    @Inject
    PinMails mails;

    @Inject
    SettingsStore settings;

    @Inject
    SystemLog log;

    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();

    /** Sends a reset code when the user exists, may change their PIN and has an email; silent otherwise. */
    public void request(String username, String client) {
        if (!settings.getBool("pin.userCanChange")) {
            return;
        }
        Optional<Owner> found = owner(username);
        if (found.isEmpty() || found.get().email() == null || found.get().email().isBlank() || found.get().microsoft()) {
            log.warning("Users", null, "PIN reset asked for '" + safe(username) + "' from " + client + ": no such user with an email address");
            return;
        }
        Owner o = found.get();
        Pending p = pending.get(o.id());
        if (p != null && p.issuedAt().plus(RESEND_AFTER).isAfter(Instant.now())) {
            return; // one code a minute: the form cannot be used to flood a mailbox
        }
        String code = newCode();
        pending.put(o.id(), new Pending(hash(code), Instant.now(), ATTEMPTS));
        mails.sendResetCode(o.email(), o.username(), o.fullName(), code);
        log.notice("Users", null, "PIN reset code sent to " + o.username() + " (asked from " + client + ")");
    }

    /** Checks the code; a right one replaces the user's PINs by a new one, sent by email. */
    public Outcome confirm(String username, String code, String client) {
        Optional<Owner> found = owner(username);
        Pending p = found.map(o -> pending.get(o.id())).orElse(null);
        if (p == null || p.issuedAt().plus(CODE_LIFETIME).isBefore(Instant.now())) {
            found.ifPresent(o -> pending.remove(o.id()));
            return Outcome.NO_CODE;
        }
        long id = found.get().id();
        byte[] given = hash(code == null ? "" : code.strip().toUpperCase(java.util.Locale.ROOT));
        if (!MessageDigest.isEqual(p.codeHash(), given)) {
            if (p.attemptsLeft() <= 1) {
                pending.remove(id);
                log.warning("Users", null, "PIN reset of " + found.get().username() + ": too many wrong codes (last from " + client + "); the code is void");
            } else {
                pending.put(id, new Pending(p.codeHash(), p.issuedAt(), p.attemptsLeft() - 1));
            }
            return Outcome.WRONG_CODE;
        }
        pending.remove(id);
        pins.generate(id, new Actor(id, found.get().username(), found.get().fullName()), true, true);
        log.notice("Users", null, "PIN of " + found.get().username() + " reset with an emailed code (from " + client + ")");
        return Outcome.NEW_PIN_SENT;
    }

    private Optional<Owner> owner(String username) {
        if (username == null || username.isBlank() || username.length() > 255) {
            return Optional.empty();
        }
        return databases.mainJdbc().one("SELECT u.ID, u.USERNAME, u.FULL_NAME, u.EMAIL, u.USE_AUTH_SERVER, s.KIND FROM USERS u"
                + " LEFT JOIN AUTH_SERVERS s ON s.ID = u.AUTH_SERVER_ID WHERE u.USERNAME = ? AND u.DELETED_AT IS NULL AND u.LOCKED_AT IS NULL"
                + " AND u.IS_SYSTEM = ?", rs -> new Owner(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getBoolean(5) && rs.getString(6) != null
                        && org.ream.central.security.UserAccounts.MICROSOFT_SERVER_KINDS.contains(rs.getString(6).trim())), username.strip(), false);
    }

    static String newCode() {
        char[] c = new char[8];
        for (int i = 0; i < c.length; i++) {
            c[i] = CODE_CHARS[RANDOM.nextInt(CODE_CHARS.length)];
        }
        return new String(c);
    }

    private static byte[] hash(String code) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(code.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String safe(String s) {
        return s == null ? "" : s.length() > 64 ? s.substring(0, 64) + "..." : s;
    }
}
