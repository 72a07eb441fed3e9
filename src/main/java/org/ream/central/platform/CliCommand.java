package org.ream.central.platform;

import org.ream.central.security.Actor;

/**
 * Commands run through the packaged server instead of starting it (system property
 * ream.cli, set by ./ream): they get the same configuration and database checks, do their
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

    static void runIfRequested(Bootstrap b) {
        String cmd = System.getProperty("ream.cli");
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
