package org.ream.central.logging;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.jboss.logging.Logger;
import org.ream.central.persistence.Databases;
import org.ream.central.persistence.Jdbc;

/**
 * The system log of the manual (5.5), stored in the log database. Writers never wait for
 * the database: entries are buffered and written in batches by one thread, a few hundred
 * milliseconds later, and flushed at shutdown. Warnings and errors that any library logs
 * are copied in too, so "recent errors" on the dashboard tells the truth.
 */
@ApplicationScoped
public class SystemLog {

    private static final Logger LOG = Logger.getLogger("org.ream.central.system-log");
    private static final int BATCH = 500;
    private static final ThreadLocal<Boolean> WRITING = ThreadLocal.withInitial(() -> false);

    @Inject
    Databases databases;

    private final BlockingQueue<LogEntry> pending = new ArrayBlockingQueue<>(50_000);
    private volatile boolean debugEnabled;
    private volatile boolean running;
    private Thread writer;
    private Handler bridge;
    private volatile long dropped;
    private final java.util.concurrent.atomic.AtomicLong accepted = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong handled = new java.util.concurrent.atomic.AtomicLong();

    public void notice(String subsystem, String context, String message) {
        add(Severity.NOTICE, subsystem, context, message, null);
    }

    public void info(String subsystem, String context, String message) {
        add(Severity.INFO, subsystem, context, message, null);
    }

    public void warning(String subsystem, String context, String message) {
        add(Severity.WARNING, subsystem, context, message, null);
    }

    public void error(String subsystem, String context, String message, String details) {
        add(Severity.ERROR, subsystem, context, message, details);
    }

    public void debug(String subsystem, String context, String message) {
        add(Severity.DEBUG, subsystem, context, message, null);
    }

    public void setDebugEnabled(boolean enabled) {
        this.debugEnabled = enabled;
    }

    public boolean debugEnabled() {
        return debugEnabled;
    }

    public void add(Severity severity, String subsystem, String context, String message, String details) {
        if ((severity == Severity.DEBUG || severity == Severity.TRACE) && !debugEnabled) {
            return;
        }
        LogEntry e = new LogEntry(0, Instant.now(), severity, truncate(subsystem, 60), truncate(context, 255), truncate(message, 4000), details);
        if (pending.offer(e)) {
            accepted.incrementAndGet();
        } else {
            dropped++;
        }
        if (!WRITING.get()) {
            LOG.logf(severity.code <= 2 ? Logger.Level.ERROR : severity.code == 3 ? Logger.Level.WARN : Logger.Level.INFO,
                    "[%s%s] %s", subsystem, context == null ? "" : "/" + context, message);
        }
    }

    /** Starts writing once the log database is open. */
    public void start() {
        running = true;
        writer = new Thread(this::writeLoop, "ream-system-log");
        writer.setDaemon(true);
        writer.start();
        bridge = new BridgeHandler();
        java.util.logging.Logger.getLogger("").addHandler(bridge);
    }

    private void writeLoop() {
        List<LogEntry> batch = new ArrayList<>(BATCH);
        while (running || !pending.isEmpty()) {
            try {
                LogEntry first = pending.poll(250, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                pending.drainTo(batch, BATCH - 1);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            } finally {
                batch.clear();
            }
        }
    }

    /** Blocks until everything logged so far is in the database (tests, shutdown, exports). */
    public void flush() {
        long target = accepted.get();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (handled.get() < target && running && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private synchronized void write(List<LogEntry> batch) {
        WRITING.set(true);
        try (Connection c = databases.log().getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO LOG_ENTRIES (ID, CREATED_AT, SEVERITY, SUBSYSTEM, LOG_CONTEXT, MSG_TEXT, DETAILS) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                for (LogEntry e : batch) {
                    Jdbc.bind(ps, databases.newLogId(), e.at(), e.severity().code, e.subsystem(), e.context(), e.message(), e.details());
                    ps.addBatch();
                }
                ps.executeBatch();
                c.commit();
            } catch (SQLException ex) {
                c.rollback();
                throw ex;
            }
        } catch (Exception ex) {
            LOG.errorf("Could not write %d log entries to the log database: %s", batch.size(), ex.getMessage());
        } finally {
            handled.addAndGet(batch.size());
            WRITING.set(false);
        }
    }

    public long dropped() {
        return dropped;
    }

    @PreDestroy
    void stop() {
        if (bridge != null) {
            java.util.logging.Logger.getLogger("").removeHandler(bridge);
        }
        running = false;
        if (writer != null) {
            try {
                writer.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    /** Copies WARNING and SEVERE records of the platform's loggers into the system log. */
    private final class BridgeHandler extends Handler {
        @Override
        public void publish(LogRecord r) {
            if (WRITING.get() || r.getLevel().intValue() < Level.WARNING.intValue()) {
                return;
            }
            String name = r.getLoggerName() == null ? "" : r.getLoggerName();
            if (name.startsWith("org.ream.central.system-log")) {
                return;
            }
            String msg = r.getMessage();
            try {
                if (r.getParameters() != null && r.getParameters().length > 0 && msg != null) {
                    msg = msg.contains("%") ? String.format(msg, r.getParameters()) : java.text.MessageFormat.format(msg, r.getParameters());
                }
            } catch (RuntimeException ignored) {
                // keep the raw pattern
            }
            String details = null;
            if (r.getThrown() != null) {
                java.io.StringWriter sw = new java.io.StringWriter();
                r.getThrown().printStackTrace(new java.io.PrintWriter(sw));
                details = sw.toString();
            }
            Severity sev = r.getLevel().intValue() >= Level.SEVERE.intValue() ? Severity.ERROR : Severity.WARNING;
            WRITING.set(true);
            try {
                add(sev, "Platform", shortName(name), msg == null ? "(no message)" : msg, details);
            } finally {
                WRITING.set(false);
            }
        }

        private String shortName(String logger) {
            int dot = logger.lastIndexOf('.');
            return dot < 0 ? logger : logger.substring(dot + 1);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
