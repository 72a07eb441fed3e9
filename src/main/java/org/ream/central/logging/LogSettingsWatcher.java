package org.ream.central.logging;

import io.quarkus.arc.Arc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.ream.central.security.CurrentUser;
import org.ream.central.settings.SettingsStore;

/**
 * Applies the log settings (6.11) when they are saved: "log debug messages" takes effect at
 * once, and the log itself says when debug logging started and stopped, so whoever reads it
 * knows why the volume changed (the save is in the audit log already).
 */
@ApplicationScoped
public class LogSettingsWatcher {

    private static final Logger LOG = Logger.getLogger(LogSettingsWatcher.class);

    @Inject
    SystemLog log;

    @Inject
    SettingsStore settings;

    @Inject
    CurrentUser current;

    void onSaved(@Observes SettingsStore.Changed changed) {
        if (!changed.keys().contains("log.debug")) {
            return;
        }
        try {
            boolean on = settings.getBool("log.debug");
            if (on == log.debugEnabled()) {
                return;
            }
            String by = by();
            if (on) {
                log.setDebugEnabled(true);
                log.notice("Platform", "Log settings", "Debug messages are now logged" + by
                        + ". This slows the server down: switch it off once the problem is understood.");
            } else {
                log.notice("Platform", "Log settings", "Debug messages are no longer logged" + by + ".");
                log.setDebugEnabled(false);
            }
        } catch (RuntimeException e) {
            // The settings are saved already; a failure here must not turn the save into an error.
            LOG.warn("Could not apply the log settings", e);
        }
    }

    private String by() {
        if (Arc.container().requestContext().isActive() && current.present()) {
            return " (switched by " + current.get().username() + ")";
        }
        return "";
    }
}
