package org.ream.central.settings;

import java.util.List;

/**
 * One setting of a settings page: its key, type, default and bounds. The web UI renders
 * forms from these definitions and the store validates against them, so a field is
 * described once.
 */
public record SettingDef(String key, Type type, String defaultValue, boolean required, List<String> options, int min, int max,
        boolean readOnly) {

    public enum Type { TEXT, MULTILINE, EMAIL, EMAILS, INT, BOOL, CHOICE, TIMEZONE, LANGUAGE, PASSWORD, URL, CURRENCY, ID_LIST }

    public static SettingDef text(String key, String def, boolean required) {
        return new SettingDef(key, Type.TEXT, def, required, List.of(), 0, 0, false);
    }

    public static SettingDef of(String key, Type type, String def, boolean required) {
        return new SettingDef(key, type, def, required, List.of(), 0, 0, false);
    }

    public static SettingDef integer(String key, int def, int min, int max) {
        return new SettingDef(key, Type.INT, Integer.toString(def), true, List.of(), min, max, false);
    }

    public static SettingDef bool(String key, boolean def) {
        return new SettingDef(key, Type.BOOL, Boolean.toString(def), true, List.of(), 0, 0, false);
    }

    public static SettingDef choice(String key, String def, List<String> options) {
        return new SettingDef(key, Type.CHOICE, def, true, options, 0, 0, false);
    }

    public SettingDef asReadOnly() {
        return new SettingDef(key, type, defaultValue, required, options, min, max, true);
    }

    public boolean secret() {
        return type == Type.PASSWORD;
    }
}
