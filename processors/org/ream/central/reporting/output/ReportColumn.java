package org.ream.central.reporting.output;

import org.ream.central.reporting.definition.ColumnType;
import org.ream.central.reporting.definition.ReportDesign;
import org.ream.central.reporting.definition.SummaryKind;

/**
 * One column of a report as the writers see it: what the designer chose (10.1.4: label, width,
 * alignment, summary) for a column of the report type. {@code widthPercent} is the share of
 * the table width (0: the writer decides).
 */
public record ReportColumn(String id, String label, ColumnType type, ReportDesign.Alignment alignment, int widthPercent, SummaryKind summary) {
}
