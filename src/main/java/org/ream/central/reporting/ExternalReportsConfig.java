package org.ream.central.reporting;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** Start-up configuration of the external reports (manual 6.10). */
@ConfigMapping(prefix = "ream.external-reports")
public interface ExternalReportsConfig {

    /**
     * Name of the read-only database account; empty means the manual's db_datareader
     * (ream_datareader on SQL Server). A PostgreSQL or SQL Server server shared by several
     * installations needs one name per installation: accounts belong to the whole server there.
     */
    Optional<String> account();
}
