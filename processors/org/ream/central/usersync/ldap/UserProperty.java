package org.ream.central.usersync.ldap;

/** The Ream user properties an LDAP attribute can be mapped to (manual 8.7.1, Users tab). */
public enum UserProperty {
    USER_NAME("userName", false),
    FULL_NAME("fullName", false),
    ALIASES("aliases", true),
    CARDS("cards", true),
    PIN("pin", true),
    PERSONAL_NUMBER("personalNumber", false),
    EMAIL("email", false),
    PHONE("phone", false),
    LANGUAGE("language", false),
    USER_STORAGE("userStorage", false);

    private final String field;
    private final boolean multiValued;

    UserProperty(String field, boolean multiValued) {
        this.field = field;
        this.multiValued = multiValued;
    }

    /** The setting's field name, as errors name it. */
    public String field() {
        return field;
    }

    /** Every value of the attribute is kept (aliases, cards, PINs); otherwise only the first. */
    public boolean multiValued() {
        return multiValued;
    }
}
