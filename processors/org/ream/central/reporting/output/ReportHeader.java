package org.ream.central.reporting.output;

import java.time.ZonedDateTime;
import java.util.List;
import org.ream.central.reporting.definition.ReportDesign;

/**
 * What a report says about itself before its rows: its name and type, the filters and
 * parameters as lines of text (shown when the design says "show filters"), when and for whom it
 * was generated, the time zone and locale its values are written in, the sites included with
 * their freshness, the page orientation and the custom logo (PNG or JPEG bytes, or null).
 */
public record ReportHeader(String title, String description, String typeName, List<String> filterLines, boolean showFilters,
        ZonedDateTime generatedAt, String generatedFor, java.util.Locale locale, List<SiteFreshness> sites,
        ReportDesign.Orientation orientation, byte[] logo, String currency, char csvDelimiter) {
}
