package org.ream.central.platform;

import org.ream.central.security.Actor;

/**
 * Commands run through the packaged server instead of starting it (system property
 * reamctl.command, set by ./ream; outside the ream.* namespace, which the typed configuration owns): they get the same configuration and database checks, do their
 * work, print one line and exit. Used when the server is not running; a running server
 * is asked over its loopback-only endpoint instead.
 */
final class CliCommand {

    static final class Done extends RuntimeException {
        final int exitCode;

        Done(int exitCode) {
            super(null, null, false, false);
            this.exitCode = exitCode;
        }
    }

    private CliCommand() {
    }

    /** Commands that must run before the databases are opened (restore replaces their files). */
    static void runBeforeDatabases(Bootstrap b) {
        if (!"restore".equals(System.getProperty("reamctl.command"))) {
            return;
        }
        String archive = System.getProperty("reamctl.archive", "");
        if (archive.isBlank()) {
            System.err.println("Usage: ./ream restore <backup_*.zip> (password, if any, in REAM_BACKUP_PASSWORD)");
            throw new Done(64);
        }
        b.dataFolder().createLayout();
        try {
            System.out.println(org.ream.central.backup.BackupService.restore(b.dataFolder().root(), java.nio.file.Path.of(archive),
                    System.getenv("REAM_BACKUP_PASSWORD")));
            throw new Done(0);
        } catch (org.ream.central.settings.ValidationException | IllegalStateException e) {
            System.err.println("Restore refused: " + e.getMessage() + ". Nothing was changed.");
            throw new Done(1);
        }
    }

    static void runIfRequested(Bootstrap b) {
        String cmd = System.getProperty("reamctl.command");
        if (cmd == null || cmd.isBlank()) {
            return;
        }
        switch (cmd) {
            case "admin-unlock" -> {
                boolean changed = b.accounts().unlockAdmin(new Actor(0, "*cli", "Command line"));
                System.out.println(changed ? "*admin unlocked." : "*admin was not locked.");
                throw new Done(0);
            }
            case "admin-status" -> {
                System.out.println(b.accounts().adminLocked() ? "*admin is locked." : "*admin is not locked.");
                throw new Done(0);
            }
            default -> {
                System.err.println("Unknown command '" + cmd + "'. Commands: admin-unlock, admin-status");
                throw new Done(64);
            }
        }
    }
}
