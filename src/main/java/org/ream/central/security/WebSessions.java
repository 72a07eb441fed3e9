package org.ream.central.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.ream.central.persistence.Databases;
import org.ream.central.persistence.Jdbc;
import org.ream.central.platform.ReamConfig;

/**
 * Web sessions: a random token in an HttpOnly cookie, only its SHA-256 in the database
 * (a stolen database yields no usable session). Sessions survive a server restart and
 * expire after the configured idle time. Checked sessions are cached for a few seconds
 * so that a page's burst of API calls costs one look-up; a change of rights or group
 * memberships ({@link #rightsChanged()}) makes every cached session be read again, so a
 * revoked right stops working at the next call.
 */
@ApplicationScoped
public class WebSessions {

    public static final String COOKIE = "REAM_SESSION";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration CACHE_TTL = Duration.ofSeconds(10);
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    record Cached(SessionUser user, Instant checkedAt, Instant touchedAt, long rightsVersion) {
    }

    @Inject
    Databases databases;

    @Inject
    ReamConfig config;

    @Inject
    UserAccounts accounts;

    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    /** Bumped after each committed change of rights or memberships; cached sessions of an older version are read again. */
    private final AtomicLong rightsVersion = new AtomicLong();

    /** To call after committing a change of right grants, group memberships or groups. */
    public void rightsChanged() {
        rightsVersion.incrementAndGet();
    }

    public String open(SessionUser user, String client) {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        Instant now = Instant.now();
        databases.mainJdbc().update("INSERT INTO WEB_SESSIONS (TOKEN_HASH, USER_ID, CREATED_AT, LAST_SEEN_AT, CLIENT) VALUES (?, ?, ?, ?, ?)",
                hash(token), user.userId(), now, now, client == null ? null : client.substring(0, Math.min(255, client.length())));
        cache.put(hash(token), new Cached(user, now, now, rightsVersion.get()));
        return token;
    }

    public Optional<SessionUser> check(String token) {
        if (token == null || token.isBlank() || token.length() > 100) {
            return Optional.empty();
        }
        String h = hash(token);
        Instant now = Instant.now();
        Cached c = cache.get(h);
        // Read before the database: a change committed while this check loads stays visible to the next one.
        long version = rightsVersion.get();
        if (c != null && c.rightsVersion() == version && c.checkedAt().plus(CACHE_TTL).isAfter(now)) {
            return Optional.of(c.user());
        }
        record Row(long userId, String username, String fullName, Instant lastSeen) {
        }
        Optional<Row> row = databases.mainJdbc().one("SELECT s.USER_ID, u.USERNAME, u.FULL_NAME, s.LAST_SEEN_AT FROM WEB_SESSIONS s"
                + " JOIN USERS u ON u.ID = s.USER_ID WHERE s.TOKEN_HASH = ? AND u.DELETED_AT IS NULL AND u.LOCKED_AT IS NULL",
                rs -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), Jdbc.instant(rs, "LAST_SEEN_AT")), h);
        if (row.isEmpty() || row.get().lastSeen().plus(config.admin().sessionIdle()).isBefore(now)) {
            cache.remove(h);
            return Optional.empty();
        }
        Instant touched = c == null ? row.get().lastSeen() : c.touchedAt();
        if (touched.plus(TOUCH_EVERY).isBefore(now)) {
            databases.mainJdbc().update("UPDATE WEB_SESSIONS SET LAST_SEEN_AT = ? WHERE TOKEN_HASH = ?", now, h);
            touched = now;
        }
        SessionUser user = new SessionUser(row.get().userId(), row.get().username(), row.get().fullName(),
                accounts.rightsOf(row.get().userId(), row.get().username()));
        cache.put(h, new Cached(user, now, touched, version));
        return Optional.of(user);
    }

    public void close(String token) {
        if (token == null) {
            return;
        }
        String h = hash(token);
        cache.remove(h);
        databases.mainJdbc().update("DELETE FROM WEB_SESSIONS WHERE TOKEN_HASH = ?", h);
    }

    /** Ends every session of a user (password change elsewhere, lock, delete). */
    public void closeAll(long userId) {
        cache.values().removeIf(c -> c.user().userId() == userId);
        databases.mainJdbc().update("DELETE FROM WEB_SESSIONS WHERE USER_ID = ?", userId);
    }

    /** Removes expired sessions (system maintenance). */
    public int purgeExpired() {
        cache.clear();
        return databases.mainJdbc().update("DELETE FROM WEB_SESSIONS WHERE LAST_SEEN_AT < ?", Instant.now().minus(config.admin().sessionIdle()));
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
