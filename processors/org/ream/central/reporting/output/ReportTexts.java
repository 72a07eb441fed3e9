package org.ream.central.reporting.output;

import java.util.Locale;

/** The words a report writes around its data, in the languages of the definitions (English, French). */
public record ReportTexts(String reportType, String generated, String generatedFor, String timeZone, String filters,
        String site, String loadedUpTo, String neverLoaded, String summary, String sum, String average, String page, String yes,
        String no, String noRows) {

    private static final ReportTexts EN = new ReportTexts("Report type", "Generated", "Generated for", "Time zone", "Filters",
            "Site", "Data loaded up to", "no data loaded yet", "Summary", "Sum", "Average", "Page", "Yes", "No", "No data");

    private static final ReportTexts FR = new ReportTexts("Type de rapport", "Généré le", "Généré pour", "Fuseau horaire",
            "Filtres", "Site", "Données chargées jusqu'au", "aucune donnée chargée", "Résumé", "Somme", "Moyenne", "Page", "Oui",
            "Non", "Aucune donnée");

    public static ReportTexts of(Locale locale) {
        return locale != null && "fr".equals(locale.getLanguage()) ? FR : EN;
    }

    public String yesNo(boolean value) {
        return value ? yes : no;
    }

    /** What a site's line says: up to when its data is loaded, or that none is. */
    public String freshness(SiteFreshness site, ValueFormat format) {
        return site.loadedUpTo() == null ? neverLoaded : format.displayInstant(site.loadedUpTo());
    }
}
