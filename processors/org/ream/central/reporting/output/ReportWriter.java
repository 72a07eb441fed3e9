package org.ream.central.reporting.output;

import java.io.OutputStream;
import java.util.List;

/**
 * Writes one report in one format (PDF, CSV, XML, XLSX, ODS) from a stream of rows, in bounded
 * memory whatever the row count. Summary lines (sum, average) are computed as rows pass.
 * Throws on failure; the caller then discards the partial file (a half file is never presented
 * as done).
 */
public interface ReportWriter {

    /** The format id: pdf, csv, xml, xlsx, ods. */
    String format();

    /** The file extension and MIME type of what it writes. */
    String extension();

    String mediaType();

    /** Returns the rows written. */
    long write(ReportHeader header, List<ReportColumn> columns, RowSource rows, OutputStream out) throws Exception;
}
