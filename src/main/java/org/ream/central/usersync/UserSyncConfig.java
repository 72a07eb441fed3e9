package org.ream.central.usersync;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Tunables of user synchronisation (manual 8.7). */
@ConfigMapping(prefix = "ream.usersync")
public interface UserSyncConfig {

    /** Runs carried out at the same time (consumers of the usersync.runs queue). */
    @WithDefault("1")
    int concurrentRuns();

    /** Users written per transaction: a crash leaves whole chunks only. */
    @WithDefault("1000")
    int chunkSize();

    /** Entries asked per page of an LDAP or Graph read. */
    @WithDefault("1000")
    int pageSize();

    /** Result logs kept (data/usersync); older ones are removed by the system maintenance. */
    @WithDefault("200")
    int resultLogsKept();
}
