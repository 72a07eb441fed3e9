package org.ream.central.scheduling.tasks;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import org.ream.central.platform.Bootstrap;
import org.ream.central.platform.ReamConfig;

/** The data folder and its standard sub-folders, as the tasks use them. */
@ApplicationScoped
public class DataDir {

    @Inject
    Bootstrap bootstrap;

    @Inject
    ReamConfig config;

    public Path root() {
        return bootstrap.dataFolder() != null ? bootstrap.dataFolder().root() : Path.of(config.dataDir()).toAbsolutePath().normalize();
    }

    public Path resolve(String sub) {
        return root().resolve(sub);
    }
}
