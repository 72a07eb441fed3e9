package org.ream.central.scheduling.tasks;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.ream.central.logging.Severity;
import org.ream.central.logging.SystemLog;
import org.ream.central.mail.Mail;
import org.ream.central.mail.MailQueue;
import org.ream.central.messaging.Broker;
import org.ream.central.persistence.Databases;
import org.ream.central.persistence.Jdbc;
import org.ream.central.scheduling.DiskSpaceLevel;
import org.ream.central.scheduling.ScheduleStore;
import org.ream.central.scheduling.ScheduledTask;
import org.ream.central.scheduling.SchedulerConfig;
import org.ream.central.scheduling.SchedulerRuns;
import org.ream.central.scheduling.TaskContext;
import org.ream.central.scheduling.TaskResult;
import org.ream.central.settings.SettingsStore;

/**
 * System Health Check (chapter 12, task of 6.3): the disk space checker of 6.13.1, the main and
 * log databases and the message broker. It reports what it finds on every run, and mails the
 * administrator about a disk space issue the first time it is found, not every ten minutes.
 */
@ApplicationScoped
public class HealthCheckTask implements ScheduledTask {

    public static final String NO_NEW_ISSUE = "System Health Check did not find any new issue.";

    /** Codes of the manual's table (chapter 12) where it has one. */
    record Issue(String code, TaskResult.Status status, String text) {
        String display() {
            return code.chars().allMatch(Character::isDigit) ? "#" + code + " " + text : text;
        }

        boolean disk() {
            return code.equals(DISK_WARNING) || code.equals(DISK_CRITICAL);
        }
    }

    static final String MAIN_DATABASE = "101";
    static final String LOG_DATABASE = "102";
    static final String DISK_WARNING = "104";
    static final String DISK_CRITICAL = "105";
    static final String BROKER = "broker";

    @Inject
    SettingsStore settings;

    @Inject
    Databases databases;

    @Inject
    Broker broker;

    @Inject
    SchedulerConfig config;

    @Inject
    DataDir dataDir;

    @Inject
    SystemLog log;

    @Inject
    MailQueue mail;

    // What the previous run found: only an issue not in here is new.
    private final Map<String, Issue> open = new LinkedHashMap<>();

    @Override
    public String key() {
        return TaskKeys.HEALTH_CHECK;
    }

    @Override
    public String label() {
        return "System Health Check";
    }

    @Override
    public boolean addable() {
        return false;
    }

    @Override
    public synchronized TaskResult run(TaskContext ctx) {
        List<Issue> found = new ArrayList<>();
        checkDiskSpace(found);
        checkDatabase(found, MAIN_DATABASE, "main", databases.mainJdbc());
        checkDatabase(found, LOG_DATABASE, "log", databases.logJdbc());
        checkBroker(found);

        List<Issue> fresh = found.stream().filter(i -> !open.containsKey(i.code())).toList();
        List<Issue> known = found.stream().filter(i -> open.containsKey(i.code())).toList();
        open.clear();
        found.forEach(i -> open.put(i.code(), i));

        for (Issue issue : fresh) {
            if (issue.code().equals(DISK_CRITICAL)) {
                log.add(Severity.CRITICAL, ScheduleStore.SUBSYSTEM, ctx.logContext(), issue.text()
                        + ". The server keeps running, but free disk space now: the databases and the message broker fail when the disk is full.",
                        null);
            }
            if (issue.disk()) {
                mailAdministrator(ctx, issue);
            }
        }

        TaskResult.Status status = TaskResult.Status.OK;
        for (Issue i : found) {
            status = status.worst(i.status());
        }
        String message;
        if (fresh.isEmpty()) {
            message = NO_NEW_ISSUE + (known.isEmpty() ? "" : " Still open: " + join(known) + ".");
        } else {
            message = "System Health Check found " + fresh.size() + " new issue(s): " + join(fresh) + "."
                    + (known.isEmpty() ? "" : " Still open: " + join(known) + ".");
        }
        return new TaskResult(status, message);
    }

    private static String join(List<Issue> issues) {
        return String.join("; ", issues.stream().map(Issue::display).toList());
    }

    void checkDiskSpace(List<Issue> found) {
        Path root = dataDir.root();
        long warning = settings.getInt("diskspace.warningMb");
        long critical = settings.getInt("diskspace.criticalMb");
        try {
            FileStore store = Files.getFileStore(root);
            long free = DiskSpaceLevel.megabytes(store.getUsableSpace());
            switch (DiskSpaceLevel.of(free, warning, critical)) {
                case CRITICAL -> found.add(new Issue(DISK_CRITICAL, TaskResult.Status.ERROR, "Disk space is at the critical level: " + free
                        + " MB free for the data folder " + root + " (critical level " + critical + " MB)"));
                case WARNING -> found.add(new Issue(DISK_WARNING, TaskResult.Status.WARNING, "Disk space is at the warning level: " + free
                        + " MB free for the data folder " + root + " (warning level " + warning + " MB)"));
                case OK -> {
                }
            }
        } catch (IOException e) {
            found.add(new Issue(DISK_WARNING, TaskResult.Status.WARNING, "The free disk space of the data folder " + root + " cannot be read: " + e));
        }
    }

    private static void checkDatabase(List<Issue> found, String code, String which, Jdbc jdbc) {
        try {
            jdbc.count("SELECT COUNT(*) FROM REAM_INFO");
        } catch (RuntimeException e) {
            found.add(new Issue(code, TaskResult.Status.ERROR, "The " + which + " database is not healthy: " + e.getMessage()));
        }
    }

    private void checkBroker(List<Issue> found) {
        // A connection of its own, which fails fast: the shared one keeps reconnecting for ever.
        try (ActiveMQConnectionFactory probe = new ActiveMQConnectionFactory(broker.url())) {
            probe.setReconnectAttempts(0);
            probe.setInitialConnectAttempts(1);
            probe.setCallTimeout(config.probeTimeout().toMillis());
            try (jakarta.jms.Connection c = probe.createConnection(broker.connectionUser(), broker.connectionPassword())) {
                c.start();
            }
        } catch (Exception e) {
            found.add(new Issue(BROKER, TaskResult.Status.ERROR, "The message broker at " + broker.url() + " cannot be reached: "
                    + String.valueOf(e.getMessage()).replace('\n', ' ')));
        }
    }

    private void mailAdministrator(TaskContext ctx, Issue issue) {
        String admin = settings.get("general.adminEmail");
        if (admin == null || admin.isBlank()) {
            log.warning(ScheduleStore.SUBSYSTEM, ctx.logContext(), "No administrator e-mail (Settings, General): the disk space alert was not mailed");
            return;
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("scheduleName", ctx.scheduleName());
        model.put("status", issue.status().name());
        model.put("startedAt", ctx.startedAt().toString());
        model.put("finishedAt", Instant.now().toString());
        model.put("message", issue.display());
        try {
            mail.send(new Mail(List.of(admin.strip()), "Ream Central: " + (issue.code().equals(DISK_CRITICAL) ? "critical" : "low")
                    + " disk space", SchedulerRuns.MAIL_TEMPLATE, model));
        } catch (RuntimeException e) {
            log.error(ScheduleStore.SUBSYSTEM, ctx.logContext(), "Could not queue the disk space alert to " + admin + ": " + e.getMessage(), null);
        }
    }
}
