package org.ream.central.reporting.definition;

import java.util.Arrays;

/** The parameters a report type may take (10.1.1 "Paramètres"). */
public enum ParameterKind {
    /** Mandatory where accepted (10.1.4 "Période: *"); absolute or relative ({@link PeriodSpec}). */
    PERIOD("period", "Period", "Période"),
    /** Which counter ranks and charts the rows: one of {@code Measure.pageCounterChoices()}. */
    PAGE_COUNTER("pageCounter", "Page counter", "Compteur de pages"),
    N("n", "N", "N"),
    /** Top N: add a last row with the sum of the rows below the first N. */
    ADD_REMAINING_SUM("addRemainingSum", "Add remaining sum", "Ajouter la somme restante"),
    PRICE_LIST("priceList", "Price list", "Liste de prix"),
    PRICE_LIST_ITEM("priceListItem", "Item", "Article");

    private final String id;
    private final String en;
    private final String fr;

    ParameterKind(String id, String en, String fr) {
        this.id = id;
        this.en = en;
        this.fr = fr;
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

    public static ParameterKind byId(String id) {
        return Arrays.stream(values()).filter(p -> p.id.equals(id)).findFirst().orElse(null);
    }
}
