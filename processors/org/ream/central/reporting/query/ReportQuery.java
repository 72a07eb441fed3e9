package org.ream.central.reporting.query;

import java.util.List;
import java.util.function.Function;
import org.ream.central.reporting.definition.DateRange;
import org.ream.central.reporting.output.ReportColumn;

/**
 * A report design made into one SQL statement over the replicated tables, with its parameters,
 * and how each result row becomes the report's row: the visible columns in the designer's
 * order, typed as {@link org.ream.central.reporting.output.RowSource} says, plus the chart's
 * category and series. Built by {@link ReportQueryBuilder}; run by the platform.
 */
public final class ReportQuery {

    /** A value of the report computed from the raw result row. */
    record Output(ReportColumn column, Function<Object[], Object> value) {
    }

    /** A column the report shows that the replicated model cannot fill yet (docs/reports.md, "Gaps"). */
    public record Missing(String column, String label, String gap, String reason) {
    }

    /** One data series of the chart: the column it shows, its label and colour (#rrggbb, or null). */
    public record Series(String column, String label, String colour) {
    }

    private final String sql;
    private final List<Object> params;
    private final List<RawKind> raw;
    private final List<Output> visible;
    private final boolean listing;
    private final DateRange period;
    private final List<Long> sites;
    private final List<Missing> missing;
    private final int rankIndex;
    private final Integer topN;
    private final int remainderLabel;
    private final String remainderText;
    private final String chartKind;
    private final Output chartCategory;
    private final List<Output> chartValues;
    private final List<Series> series;

    ReportQuery(String sql, List<Object> params, List<RawKind> raw, List<Output> visible, boolean listing, DateRange period, List<Long> sites,
            List<Missing> missing, int rankIndex, Integer topN, int remainderLabel, String remainderText, String chartKind, Output chartCategory,
            List<Output> chartValues, List<Series> series) {
        this.sql = sql;
        this.params = List.copyOf(params);
        this.raw = List.copyOf(raw);
        this.visible = List.copyOf(visible);
        this.listing = listing;
        this.period = period;
        this.sites = List.copyOf(sites);
        this.missing = List.copyOf(missing);
        this.rankIndex = rankIndex;
        this.topN = topN;
        this.remainderLabel = remainderLabel;
        this.remainderText = remainderText;
        this.chartKind = chartKind;
        this.chartCategory = chartCategory;
        this.chartValues = List.copyOf(chartValues);
        this.series = List.copyOf(series);
    }

    public String sql() {
        return sql;
    }

    /** The values of the statement's markers, in order: String, Long, Boolean, java.time.Instant (a UTC timestamp). */
    public List<Object> params() {
        return params;
    }

    /** How to read each column of the result, in order. */
    public List<RawKind> rawKinds() {
        return raw;
    }

    /** The report's columns as the writers see them (the table's columns in the designer's order). */
    public List<ReportColumn> columns() {
        return visible.stream().map(Output::column).toList();
    }

    /** The report's row for a result row: one value per {@link #columns()} entry. */
    public Object[] row(Object[] rawRow) {
        Object[] out = new Object[visible.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = visible.get(i).value().apply(rawRow);
        }
        if (remainder(rawRow) && remainderLabel >= 0) {
            out[remainderLabel] = remainderText;
        }
        return out;
    }

    /** The Top N "remaining sum" row: the sum of the rows below the first N. */
    public boolean remainder(Object[] rawRow) {
        return rankIndex >= 0 && topN != null && rawRow[rankIndex] instanceof Number rn && rn.longValue() > topN;
    }

    /** One row per fact (a listing) rather than sums per group. */
    public boolean listing() {
        return listing;
    }

    /** The period the report covers, resolved; null for a type without period. */
    public DateRange period() {
        return period;
    }

    /** The sites chosen in the site filter (central ids); empty when all sites are included. */
    public List<Long> sites() {
        return sites;
    }

    public List<Missing> missing() {
        return missing;
    }

    /** The chart kind (bar, pie, donut, line), or null when the design has no chart. */
    public String chartKind() {
        return chartKind;
    }

    /** The chart's category column (its X axis or slices), or null without a chart. */
    public ReportColumn chartCategoryColumn() {
        return chartCategory == null ? null : chartCategory.column();
    }

    public List<Series> chartSeries() {
        return series;
    }

    /** The chart's category (its X axis or slice) for a result row. */
    public Object chartCategory(Object[] rawRow) {
        if (chartCategory == null) {
            return null;
        }
        return remainder(rawRow) ? remainderText : chartCategory.value().apply(rawRow);
    }

    /** The chart's series values for a result row, in {@link #chartSeries()} order. */
    public Object[] chartValues(Object[] rawRow) {
        Object[] out = new Object[chartValues.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = chartValues.get(i).value().apply(rawRow);
        }
        return out;
    }

    @Override
    public String toString() {
        return sql + " " + params;
    }
}
