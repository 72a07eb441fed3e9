package org.ream.central.platform;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Start-up configuration of the server (application.properties, system properties or
 * REAM_* environment variables). Runtime settings that administrators change in the
 * web UI live in the database instead (see SettingsStore).
 */
@ConfigMapping(prefix = "ream")
public interface ReamConfig {

    /** Everything the server writes lives below this folder. */
    @WithDefault("data")
    String dataDir();

    Db db();

    Broker broker();

    Admin admin();

    Scheduler scheduler();

    Web web();

    interface Db {
        /** JDBC URL of an external main database; empty means the embedded Firebird file in the data folder. */
        Optional<String> url();

        Optional<String> user();

        Optional<String> password();

        /** JDBC URL of the log database; empty means the embedded log file (embedded) or the main database (external). */
        Optional<String> logUrl();

        Optional<String> logUser();

        Optional<String> logPassword();

        @WithDefault("16")
        int poolMax();

        /** Folder holding libfbclient.so for the embedded engine. */
        @WithDefault("/usr/lib/x86_64-linux-gnu")
        String firebirdLib();

        @WithDefault("10s")
        Duration connectTimeout();
    }

    interface Broker {
        /** URL of an external Artemis broker (tcp://host:61616); empty means the embedded broker. */
        Optional<String> url();

        Optional<String> user();

        Optional<String> password();

        /** The embedded broker's network acceptor for sites that push payloads (off unless its port is set). */
        SiteAcceptor siteAcceptor();
    }

    interface SiteAcceptor {
        /** TCP port for sites (CORE protocol); absent: no acceptor; 0: any free port (tests). */
        OptionalInt port();

        /** Address to listen on. */
        @WithDefault("0.0.0.0")
        String host();
    }

    interface Admin {
        @WithDefault("5")
        int lockoutAttempts();

        /** How long a web session lives without activity. */
        @WithDefault("8h")
        Duration sessionIdle();
    }

    interface Scheduler {
        /** How often the scheduler looks for due schedules. */
        @WithDefault("15s")
        Duration tick();
    }

    interface Web {
        /** Largest accepted upload (logo, CSV...). */
        @WithDefault("10")
        int maxUploadMb();
    }
}
