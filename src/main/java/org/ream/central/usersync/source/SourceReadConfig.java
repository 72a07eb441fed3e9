package org.ream.central.usersync.source;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;

/** Start-up configuration of the directory readers: where Graph is, page sizes, patience with throttling. */
@ConfigMapping(prefix = "ream.usersync.source")
public interface SourceReadConfig {

    /** Entries per LDAP page. */
    @WithDefault("1000")
    int ldapPageSize();

    /** Graph's root (a national cloud, or a stub in tests). */
    @WithDefault("https://graph.microsoft.com/v1.0")
    URI graphUrl();

    /** Users per Graph page (at most 999). */
    @WithDefault("999")
    int graphPageSize();

    /** Longest wait for one Graph answer. */
    @WithDefault("30s")
    Duration graphTimeout();

    /** How often one Graph request is repeated after 429/503/504. */
    @WithDefault("5")
    int graphMaxRetries();

    /** Longest wait before a retry, whatever Retry-After asks. */
    @WithDefault("120s")
    Duration graphMaxRetryWait();
}
