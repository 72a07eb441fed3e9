package org.ream.central.reporting;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.ream.central.logging.SystemLog;
import org.ream.central.persistence.Databases;
import org.ream.central.persistence.Dialect;
import org.ream.central.platform.Bootstrap;
import org.ream.central.security.Actor;
import org.ream.central.settings.SettingsStore;

/**
 * External reports (manual 6.10): the read-only database account that BI tools use to read the
 * views of {@link BiViews}. Enabling creates it with the administrator's password, a new password
 * changes it, disabling drops it. The database is changed first and the setting saved (sealed
 * password, audit entry) only once the database accepted, so a refusal leaves everything as it
 * was. At each start the account is put back in line with the setting: after a restore, an
 * upgrade that added views, or a save that failed half-way.
 */
@ApplicationScoped
public class ExternalReports {

    public static final String ENABLED = "externalReports.enabled";
    public static final String PASSWORD = "externalReports.password";
    static final String SUBSYSTEM = "External reports";
    private static final Logger LOG = Logger.getLogger(ExternalReports.class);

    /** Why the built-in database cannot have the account (docs/bi-views.md, "Which database"). */
    public static final String EMBEDDED_REASON = "The built-in database is opened by Ream Central alone: while the server runs no other"
            + " program can open the file, and the embedded engine checks no passwords, so a read-only account would be of no use."
            + " Serve the database through a Firebird server (REAM_DB_URL=jdbc:firebird://host:3050/...) or run on PostgreSQL or"
            + " SQL Server, then enable external reports (docs/bi-views.md).";

    @Inject
    Databases databases;

    @Inject
    SettingsStore settings;

    @Inject
    SystemLog systemLog;

    @Inject
    ExternalReportsConfig config;

    /** What the settings page shows. */
    public record Status(boolean enabled, String account, boolean available, String unavailableReason, String database, String url,
            List<String> views) {
    }

    /** What a change did: whether anything changed, in words for the administrator. */
    public record Outcome(boolean changed, String message) {
    }

    private record AccountState(boolean exists, boolean privileged, int grantedViews) {
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    public Status status() {
        Optional<String> reason = unavailableReason();
        String name;
        try {
            name = account().name();
        } catch (IllegalArgumentException e) {
            name = config.account().orElse("");
            reason = reason.or(() -> Optional.of(e.getMessage()));
        }
        return new Status(settings.getBool(ENABLED), name, reason.isEmpty(), reason.orElse(null),
                databases.mainDialect().name().toLowerCase(Locale.ROOT), databases.mainTarget().displayUrl(),
                BiViews.names());
    }

    /** Why this installation cannot have the account, or empty when it can. */
    public Optional<String> unavailableReason() {
        return databases.mainTarget().embedded() ? Optional.of(EMBEDDED_REASON) : Optional.empty();
    }

    ReaderAccount account() {
        return ReaderAccount.of(kind(databases.mainDialect()), config.account());
    }

    static ReaderAccount.Database kind(Dialect dialect) {
        return switch (dialect) {
            case FIREBIRD -> ReaderAccount.Database.FIREBIRD;
            case POSTGRESQL -> ReaderAccount.Database.POSTGRESQL;
            case SQLSERVER -> ReaderAccount.Database.SQLSERVER;
        };
    }

    /**
     * Enables the account, or sets a new password while it is enabled. Turning it on always takes
     * a new password (manual 6.10); while it is on, an empty password changes nothing.
     */
    public synchronized Outcome enable(String password, String confirmation, Actor actor) {
        boolean wasEnabled = settings.getBool(ENABLED);
        if (wasEnabled && (password == null || password.isEmpty()) && (confirmation == null || confirmation.isEmpty())) {
            return new Outcome(false, "External reports are enabled; nothing changed.");
        }
        ReaderAccount account = usableAccount();
        ReaderAccount.checkPassword(password, confirmation);
        boolean created = inDatabase(c -> ensure(c, account, password));
        String what = wasEnabled ? "The password of the read-only database account " + account.name() + " was changed."
                : "External reports were enabled: read-only database account " + account.name() + (created ? " created." : " set up.");
        Map<String, String> values = new LinkedHashMap<>();
        if (!wasEnabled) {
            values.put(ENABLED, "true");
        }
        values.put(PASSWORD, password);
        settings.write(values, actor, what, "externalReports");
        systemLog.info(SUBSYSTEM, account.name(), what);
        return new Outcome(true, what);
    }

    /** Disables external reports and drops the account. */
    public synchronized Outcome disable(Actor actor) {
        if (!settings.getBool(ENABLED)) {
            return new Outcome(false, "External reports are disabled; nothing changed.");
        }
        String what;
        if (unavailableReason().isPresent()) {
            what = "External reports were disabled.";
        } else {
            ReaderAccount account = usableAccount();
            boolean dropped = inDatabase(c -> dropIfExists(c, account));
            what = "External reports were disabled: read-only database account " + account.name() + (dropped ? " dropped." : " was already gone.");
        }
        Map<String, String> values = new LinkedHashMap<>();
        values.put(ENABLED, "false");
        values.put(PASSWORD, "");
        settings.write(values, actor, what, "externalReports");
        systemLog.info(SUBSYSTEM, null, what);
        return new Outcome(true, what);
    }

    void onPrepared(@Observes Bootstrap.Prepared event) {
        reconcile();
    }

    /**
     * Puts the account in line with the setting: enabled, it exists with the saved password and
     * reads every view (a restored database, views added by an upgrade); disabled, an account of
     * that name that reads the views of this database is dropped. Never stops the start: a
     * failure goes to the system log.
     */
    synchronized void reconcile() {
        if (unavailableReason().isPresent()) {
            if (settings.getBool(ENABLED)) {
                systemLog.warning(SUBSYSTEM, null, "External reports are enabled but cannot work on this database. " + EMBEDDED_REASON);
            }
            return;
        }
        try {
            ReaderAccount account = usableAccount();
            if (settings.getBool(ENABLED)) {
                String password = settings.get(PASSWORD);
                if (password.isEmpty()) {
                    systemLog.error(SUBSYSTEM, account.name(), "External reports are enabled but no password is saved: set one in Settings > External reports.", null);
                    return;
                }
                inDatabase(c -> ensure(c, account, password));
            } else {
                boolean dropped = inDatabase(c -> {
                    AccountState state = state(c, account, place(c, account));
                    return state.exists() && !state.privileged() && state.grantedViews() > 0 && dropIfExists(c, account);
                });
                if (dropped) {
                    systemLog.info(SUBSYSTEM, account.name(), "External reports are disabled: read-only database account " + account.name() + " dropped.");
                }
            }
        } catch (ReaderAccountRefused e) {
            systemLog.error(SUBSYSTEM, null, "The read-only database account could not be brought in line with the settings: " + e.getMessage(), null);
        } catch (RuntimeException e) {
            LOG.error("External reports: checking the read-only account failed", e);
            systemLog.error(SUBSYSTEM, null, "Checking the read-only database account failed: " + e, null);
        }
    }

    private ReaderAccount usableAccount() {
        Optional<String> reason = unavailableReason();
        if (reason.isPresent()) {
            throw new ReaderAccountRefused(reason.get());
        }
        try {
            return account();
        } catch (IllegalArgumentException e) {
            throw new ReaderAccountRefused(e.getMessage(), e);
        }
    }

    /** Creates the account or sets its password, and grants it the views; true when it was created. */
    private boolean ensure(Connection c, ReaderAccount account, String password) throws SQLException {
        ReaderAccount.Place place = place(c, account);
        AccountState state = state(c, account, place);
        if (state.privileged()) {
            throw new ReaderAccountRefused("The database already has an account named " + account.name() + " with more than read rights"
                    + " (administrator or superuser): Ream Central does not take it over. Set ream.external-reports.account to another name.");
        }
        List<String> statements = state.exists() ? account.update(password, place) : account.create(password, place);
        execute(c, statements);
        if (account.database() == ReaderAccount.Database.POSTGRESQL) {
            // SCRAM verifier computed by the driver: the password never reaches the server (or its log) in clear.
            c.unwrap(org.postgresql.PGConnection.class).alterUserPassword(account.name(), password.toCharArray(), "scram-sha-256");
        }
        return !state.exists();
    }

    private boolean dropIfExists(Connection c, ReaderAccount account) throws SQLException {
        ReaderAccount.Place place = place(c, account);
        AccountState state = state(c, account, place);
        if (!state.exists()) {
            return false;
        }
        if (state.privileged()) {
            throw new ReaderAccountRefused("The account " + account.name() + " has more than read rights (administrator or superuser):"
                    + " Ream Central does not drop it.");
        }
        execute(c, account.drop(place));
        return true;
    }

    private static ReaderAccount.Place place(Connection c, ReaderAccount account) throws SQLException {
        Optional<String> sql = account.placeQuery();
        if (sql.isEmpty()) {
            return ReaderAccount.Place.NONE;
        }
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql.get())) {
            rs.next();
            return new ReaderAccount.Place(rs.getString(1), rs.getString(2));
        }
    }

    private static AccountState state(Connection c, ReaderAccount account, ReaderAccount.Place place) throws SQLException {
        boolean exists = false;
        boolean privileged = false;
        try (PreparedStatement ps = c.prepareStatement(account.existsQuery())) {
            ps.setString(1, account.name());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    exists = true;
                    privileged = rs.getBoolean(1);
                }
            }
        }
        int granted;
        try (PreparedStatement ps = c.prepareStatement(account.grantedViewsQuery())) {
            ps.setString(1, account.name());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                granted = rs.getInt(1);
            }
        }
        return new AccountState(exists, privileged, granted);
    }

    private static void execute(Connection c, List<String> statements) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }

    /**
     * Runs on a connection of its own in auto-commit: user management is not transactional on
     * every database (SQL Server logins). A refusal becomes a {@link ReaderAccountRefused} that
     * says what the database said.
     */
    private <T> T inDatabase(Work<T> work) {
        try (Connection c = databases.main().getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(true);
            try {
                return work.run(c);
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new ReaderAccountRefused(explain(e), e);
        }
    }

    /** The database's refusal with a hint at the usual cause. */
    static String explain(SQLException e) {
        String msg = String.valueOf(e.getMessage()).replaceAll("\\s+", " ").trim();
        String lower = msg.toLowerCase(Locale.ROOT);
        String hint = "";
        if (lower.contains("security") && (lower.contains("fdb") || lower.contains("database"))) {
            hint = " The Firebird server has no user database it can write (security3.fdb).";
        } else if (lower.contains("permission denied to create role") || lower.contains("must have createrole")) {
            hint = " The database user of Ream Central (REAM_DB_USER) may not create roles: grant it CREATEROLE.";
        } else if (lower.contains("no permission") || lower.contains("permission denied") || lower.contains("do not have permission")
                || lower.contains("unsuccessful metadata update")) {
            hint = " The database user of Ream Central (REAM_DB_USER) may not manage accounts on this database server.";
        } else if (lower.contains("password validation") || lower.contains("password does not meet")) {
            hint = " The database server's own password policy refused the password: choose a longer or more complex one.";
        }
        return "The database refused to change the read-only account: " + msg + hint;
    }
}
