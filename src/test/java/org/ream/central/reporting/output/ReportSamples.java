package org.ream.central.reporting.output;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.ream.central.reporting.definition.ColumnType;
import org.ream.central.reporting.definition.ReportDesign;
import org.ream.central.reporting.definition.ReportDesign.Alignment;
import org.ream.central.reporting.definition.SummaryKind;

/** The report every format test writes and reads back: several column types, a null, Czech and French text, a summary, two sites. */
final class ReportSamples {

    static final ZoneId ZONE = ZoneId.of("Europe/Prague");
    static final String CZECH = "Příliš žluťoučký kůň";
    static final Instant PRAHA_LOADED = Instant.parse("2026-11-20T13:00:00Z"); // 14:00 in Prague

    static final List<ReportColumn> COLUMNS = List.of(
            new ReportColumn("userName", "Utilisateur", ColumnType.TEXT, Alignment.AUTO, 30, SummaryKind.NONE),
            new ReportColumn("date", "Date", ColumnType.DATE, Alignment.AUTO, 0, SummaryKind.NONE),
            new ReportColumn("jobPrinted", "Imprimé le", ColumnType.DATETIME, Alignment.AUTO, 18, SummaryKind.NONE),
            new ReportColumn("bwPages", "Pages N&B", ColumnType.COUNT, Alignment.AUTO, 10, SummaryKind.SUM),
            new ReportColumn("totalPrice", "Prix total", ColumnType.MONEY, Alignment.AUTO, 12, SummaryKind.SUM),
            new ReportColumn("co2Grams", "CO2 (g)", ColumnType.DECIMAL, Alignment.CENTER, 0, SummaryKind.AVERAGE),
            new ReportColumn("jobDuplex", "Recto-verso", ColumnType.BOOL, Alignment.AUTO, 0, SummaryKind.NONE));

    static final List<Object[]> ROWS = List.of(
            new Object[] {CZECH, LocalDate.of(2026, 11, 2), Instant.parse("2026-11-02T08:15:30Z"), 1234L, new BigDecimal("5440.5"),
                    new BigDecimal("12.7"), Boolean.TRUE},
            new Object[] {"Élodie Müller", LocalDate.of(2026, 11, 3), Instant.parse("2026-11-03T23:30:00Z"), 6L, null,
                    new BigDecimal("25.4"), Boolean.FALSE},
            new Object[] {"bob", LocalDate.of(2026, 11, 4), null, 0L, new BigDecimal("0.25"), null, Boolean.TRUE});

    static ReportHeader header(char delimiter, ReportDesign.Orientation orientation) {
        return new ReportHeader("Résumé quotidien", "Pages et prix par utilisateur", "Utilisateurs - Résumé quotidien",
                List.of("Utilisateur : Élodie, bob", "Période : 01/11/2026 - 30/11/2026"), true,
                ZonedDateTime.of(2026, 11, 25, 10, 30, 0, 0, ZONE), "Élodie Müller", Locale.FRANCE,
                List.of(new SiteFreshness("Praha", PRAHA_LOADED), new SiteFreshness("Brno", null)), orientation, null, "EUR", delimiter);
    }

    static ReportHeader header() {
        return header(';', ReportDesign.Orientation.PORTRAIT);
    }

    static RowSource rows(List<Object[]> rows) {
        Iterator<Object[]> it = new ArrayList<>(rows).iterator();
        return new RowSource() {
            @Override
            public Object[] next() {
                return it.hasNext() ? it.next().clone() : null;
            }

            @Override
            public void close() {
            }
        };
    }

    /** Rows made on demand, never held: row i has its own text, number, date and moment. */
    static RowSource generated(long count) {
        return new RowSource() {
            long i;

            @Override
            public Object[] next() {
                if (i >= count) {
                    return null;
                }
                long n = i++;
                return new Object[] {"Uživatel č. " + n + " (" + CZECH + ")", LocalDate.of(2026, 1, 1).plusDays(n % 365),
                        Instant.parse("2026-01-01T00:00:00Z").plusSeconds(n * 37), n % 500, BigDecimal.valueOf(n % 10_000, 2),
                        n % 7 == 0 ? null : BigDecimal.valueOf(n % 1000, 1), n % 2 == 0};
            }

            @Override
            public void close() {
            }
        };
    }

    /** Fails at the given row, as a lost database connection would. */
    static RowSource failingAt(long row) {
        RowSource good = generated(Long.MAX_VALUE);
        return new RowSource() {
            long i;

            @Override
            public Object[] next() throws Exception {
                if (++i == row) {
                    throw new java.sql.SQLException("connection lost");
                }
                return good.next();
            }

            @Override
            public void close() {
            }
        };
    }

    static byte[] write(ReportWriter writer, ReportHeader header) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long written = writer.write(header, COLUMNS, rows(ROWS), out);
        if (written != ROWS.size()) {
            throw new AssertionError("wrote " + written + " rows");
        }
        return out.toByteArray();
    }

    private ReportSamples() {
    }
}
