package org.ream.central.ops;

import io.hawt.HawtioContextListener;
import io.hawt.system.ConfigManager;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Hawtio's context listener, reading its settings ({@code hawtio.authenticationEnabled},
 * {@code hawtio.disableProxy}...) from application.properties as well as from system properties,
 * which still win. Registered in META-INF/web.xml in place of Hawtio's own listener.
 */
public class HawtioListener extends HawtioContextListener {

    public HawtioListener() {
        super(new ConfigManager(HawtioListener::setting));
    }

    static String setting(String name) {
        return ConfigProvider.getConfig().getOptionalValue("hawtio." + name, String.class).orElse(null);
    }
}
