package org.ream.central.reporting.definition;

import java.util.Arrays;

/**
 * The filters a report type may accept (10.1.1 tables, 10.1.4 "Filtres et paramètres"), each on
 * the column it filters. A type accepting {@link #USER} also accepts "Me" as a value and the
 * designer's "Exclude data - User" (10.1.4: only where the user filter is used).
 */
public enum FilterKind {
    SITE("site", "Site", "Site", "SITES.ID"),
    USER("user", "User", "Nom de l'utilisateur", "USERS.USERNAME"),
    USER_GROUP("userGroup", "User group", "Groupe d'utilisateurs", "USER_GROUPS.ID"),
    ACCOUNTING_GROUP("accountingGroup", "Accounting group", "Groupe comptable", "GROUP_MEMBERS.IS_ACCOUNTING"),
    MANAGED_GROUP("managedGroup", "Managed group", "Groupe géré", "GROUP_MEMBERS.IS_MANAGER"),
    PRINTER("printer", "Printer", "Nom de l'imprimante", "PRINTERS.ID"),
    PROJECT("project", "Project", "Nom du projet", "PROJECTS.ID"),
    QUEUE("queue", "Queue name", "Nom de la file d'attente", "JOBS.QUEUE_NAME"),
    JOB_NAME("jobName", "Job name", "Nom du poste", "JOBS.JOB_NAME"),
    EVENT_NAME("eventName", "Event name", "Nom de l'événement", "PRINTER_EVENTS.DESCRIPTION"),
    EVENT_TYPE("eventType", "Event type", "Type d'événement", "PRINTER_EVENTS.EVENT_KIND"),
    RIGHT("right", "Access rights", "Droits d'accès", "SITE_RIGHTS.RIGHT_CODE"),
    /** "Compteur de pages valeur (<, =, >)": compares the counter chosen in the page counter parameter. */
    PAGE_COUNTER_VALUE("pageCounterValue", "Page counter value", "Compteur de pages valeur", null);

    private final String id;
    private final String en;
    private final String fr;
    private final String column;

    FilterKind(String id, String en, String fr, String column) {
        this.id = id;
        this.en = en;
        this.fr = fr;
        this.column = column;
    }

    public String id() {
        return id;
    }

    public String labelEn() {
        return en;
    }

    public String labelFr() {
        return fr;
    }

    /** {@code TABLE.COLUMN} the filter applies to; null for the page counter value. */
    public String column() {
        return column;
    }

    public String table() {
        return column == null ? null : column.substring(0, column.indexOf('.'));
    }

    public static FilterKind byId(String id) {
        return Arrays.stream(values()).filter(f -> f.id.equals(id)).findFirst().orElse(null);
    }
}
