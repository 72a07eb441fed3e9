package org.ream.central.usersettings;

import java.util.LinkedHashMap;
import java.util.Map;
import org.ream.central.security.Actor;
import org.ream.central.settings.SettingsStore;

/** Changes settings for one test and puts the previous values back afterwards (the test database is shared). */
public final class SettingsFixture {

    private final SettingsStore settings;
    private final Map<String, String> previous = new LinkedHashMap<>();

    public SettingsFixture(SettingsStore settings) {
        this.settings = settings;
    }

    public SettingsFixture set(String key, String value) {
        previous.putIfAbsent(key, settings.get(key));
        settings.write(Map.of(key, value), Actor.SYSTEM, "Test setting", "test");
        return this;
    }

    public void restore() {
        if (!previous.isEmpty()) {
            settings.write(previous, Actor.SYSTEM, "Test settings restored", "test");
            previous.clear();
        }
    }
}
