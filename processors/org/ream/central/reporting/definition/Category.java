package org.ream.central.reporting.definition;

import java.util.Arrays;

/** The report categories of manual 10.1.1, in the manual's order. */
public enum Category {
    ALERTS_MAINTENANCE("alerts-maintenance", "Alerts & maintenance", "Alertes et maintenance"),
    CREDIT("credit", "Credit", "Crédit"),
    ENVIRONMENTAL("environmental", "Environmental", "Environnement"),
    GENERAL("general", "General", "Général"),
    GROUPS("groups", "Groups", "Groupes"),
    PRINT_JOBS("print-jobs", "Print jobs", "Emplois dans l'imprimerie"),
    PRINTERS("printers", "Printers", "Imprimantes"),
    PROJECTS("projects", "Projects", "Projets"),
    USERS("users", "Users", "Utilisateurs");

    private final String id;
    private final String en;
    private final String fr;

    Category(String id, String en, String fr) {
        this.id = id;
        this.en = en;
        this.fr = fr;
    }

    public String id() {
        return id;
    }

    public String nameEn() {
        return en;
    }

    /** As the French manual prints it. */
    public String nameFr() {
        return fr;
    }

    public static Category byId(String id) {
        return Arrays.stream(values()).filter(c -> c.id.equals(id)).findFirst().orElse(null);
    }
}
