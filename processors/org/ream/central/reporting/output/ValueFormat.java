package org.ream.central.reporting.output;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.Locale;
import org.ream.central.reporting.definition.ColumnType;
import org.ream.central.reporting.definition.ReportDesign;

/**
 * How the values of a report are written: for people (PDF, spreadsheets' header block) in the
 * report's locale, currency and time zone; plain for CSV (no grouping, ISO dates); for machines
 * (XML). One instance per report run: the JDK formatters it holds are not thread-safe.
 */
public final class ValueFormat {

    private final Locale locale;
    private final ZoneId zone;
    private final Currency currency;
    private final String currencyText;
    private final DateTimeFormatter date;
    private final DateTimeFormatter dateTime;
    private final NumberFormat[] display = new NumberFormat[4];
    private final NumberFormat money;
    private final DecimalFormatSymbols symbols;

    private static final DateTimeFormatter PLAIN_DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    public ValueFormat(Locale locale, ZoneId zone, String currency) {
        this.locale = locale == null ? Locale.ENGLISH : locale;
        this.zone = zone == null ? ZoneId.of("UTC") : zone;
        this.currency = isoCurrency(currency);
        this.currencyText = currency == null || currency.isBlank() ? null : currency.trim();
        this.symbols = DecimalFormatSymbols.getInstance(this.locale);
        String datePattern = fourDigitYear(DateTimeFormatterBuilder.getLocalizedDateTimePattern(FormatStyle.SHORT, null,
                IsoChronology.INSTANCE, this.locale));
        String timePattern = DateTimeFormatterBuilder.getLocalizedDateTimePattern(null, FormatStyle.MEDIUM, IsoChronology.INSTANCE,
                this.locale);
        this.date = DateTimeFormatter.ofPattern(datePattern, this.locale);
        this.dateTime = DateTimeFormatter.ofPattern(datePattern + " " + timePattern, this.locale);
        for (int decimals = 0; decimals < display.length; decimals++) {
            display[decimals] = decimalFormat(decimals, true);
        }
        if (this.currency != null) {
            NumberFormat m = NumberFormat.getCurrencyInstance(this.locale);
            m.setCurrency(this.currency);
            m.setMinimumFractionDigits(moneyDecimals());
            m.setMaximumFractionDigits(moneyDecimals());
            m.setRoundingMode(RoundingMode.HALF_UP);
            this.money = m;
        } else {
            this.money = null;
        }
    }

    public Locale locale() {
        return locale;
    }

    public ZoneId zone() {
        return zone;
    }

    /** The ISO 4217 code when the report's currency is one, else null. */
    public Currency currency() {
        return currency;
    }

    /** The currency as the report names it (a code or a symbol), or null. */
    public String currencyText() {
        return currencyText;
    }

    /** The currency symbol in the report's locale ("€", "$", "Kč"), the given text when not an ISO code. */
    public String currencySymbol() {
        return currency != null ? currency.getSymbol(locale) : currencyText;
    }

    /** Whether the locale writes the currency before the amount ("$1.00") rather than after ("1,00 €"). */
    public boolean currencyFirst() {
        if (currency == null) {
            return false;
        }
        String pattern = ((DecimalFormat) NumberFormat.getCurrencyInstance(locale)).toPattern();
        return pattern.indexOf('\u00a4') < pattern.indexOf('0');
    }

    public int moneyDecimals() {
        return currency != null && currency.getDefaultFractionDigits() >= 0 ? currency.getDefaultFractionDigits() : 2;
    }

    /** Decimals shown for a number column: counts none, numbers 2, decimals 3, money the currency's. */
    public int decimals(ColumnType type) {
        return switch (type) {
            case NUMBER -> 2;
            case DECIMAL -> 3;
            case MONEY -> moneyDecimals();
            default -> 0;
        };
    }

    /** Decimals of a summary value: an average of counts keeps 2. */
    public int summaryDecimals(ReportColumn column) {
        int d = decimals(column.type());
        return column.summary() == org.ream.central.reporting.definition.SummaryKind.AVERAGE ? Math.max(d, 2) : d;
    }

    /** The value as a person reads it in the report's locale; null as "". */
    public String display(ReportColumn column, Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Number n && column.type().numeric()) {
            return displayNumber(column.type(), n, decimals(column.type()));
        }
        return displayOther(value);
    }

    /** A summary value (SUM or AVERAGE) as a person reads it. */
    public String displaySummary(ReportColumn column, BigDecimal value) {
        return value == null ? "" : displayNumber(column.type(), value, summaryDecimals(column));
    }

    private String displayNumber(ColumnType type, Number n, int decimals) {
        BigDecimal v = toBigDecimal(n);
        if (type == ColumnType.MONEY) {
            if (money != null) {
                return money.format(v);
            }
            String amount = display[Math.min(decimals, display.length - 1)].format(v);
            return currencyText == null ? amount : amount + "\u00a0" + currencyText;
        }
        return display[Math.min(decimals, display.length - 1)].format(v);
    }

    private String displayOther(Object value) {
        if (value instanceof Instant i) {
            return dateTime.format(i.atZone(zone));
        }
        if (value instanceof LocalDate d) {
            return date.format(d);
        }
        if (value instanceof LocalDateTime t) {
            return dateTime.format(t);
        }
        if (value instanceof Boolean b) {
            return ReportTexts.of(locale).yesNo(b);
        }
        if (value instanceof Number n) {
            // a number in a column that is not one (an hour, a year, a week number): no grouping
            return toBigDecimal(n).toPlainString();
        }
        return value.toString();
    }

    /** A moment of the report (generation, site freshness) as a person reads it. */
    public String displayInstant(Instant instant) {
        return instant == null ? "" : dateTime.format(instant.atZone(zone));
    }

    /**
     * The value for CSV: numbers without grouping and with the locale's decimal separator (what a
     * spreadsheet of that locale reads as a number), no currency sign, ISO dates, date-times as
     * {@code yyyy-MM-dd HH:mm:ss} in the report's time zone, booleans true/false.
     */
    public String plain(ReportColumn column, Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Number n) {
            return plainNumber(toBigDecimal(n), column.type().numeric() ? decimals(column.type()) : 0, column.type());
        }
        return plainOther(value);
    }

    public String plainSummary(ReportColumn column, BigDecimal value) {
        return value == null ? "" : plainNumber(value, summaryDecimals(column), column.type());
    }

    private String plainNumber(BigDecimal v, int decimals, ColumnType type) {
        BigDecimal scaled = type.numeric() ? v.setScale(decimals, RoundingMode.HALF_UP) : v;
        String s = scaled.toPlainString();
        char sep = symbols.getDecimalSeparator();
        return sep == '.' ? s : s.replace('.', sep);
    }

    private String plainOther(Object value) {
        if (value instanceof Instant i) {
            return PLAIN_DATE_TIME.format(i.atZone(zone));
        }
        if (value instanceof LocalDateTime t) {
            return PLAIN_DATE_TIME.format(t);
        }
        if (value instanceof LocalDate d) {
            return d.toString();
        }
        return value.toString();
    }

    public String plainInstant(Instant instant) {
        return instant == null ? "" : PLAIN_DATE_TIME.format(instant.atZone(zone));
    }

    /**
     * The value for XML: numbers with a dot and the column's decimals, dates ISO, moments ISO with
     * the offset of the report's time zone, booleans true/false.
     */
    public String machine(ReportColumn column, Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Number n) {
            BigDecimal v = toBigDecimal(n);
            return column.type().numeric() && column.type() != ColumnType.COUNT
                    ? v.setScale(decimals(column.type()), RoundingMode.HALF_UP).toPlainString() : v.toPlainString();
        }
        return machineOther(value);
    }

    public String machineSummary(ReportColumn column, BigDecimal value) {
        return value == null ? null : value.setScale(summaryDecimals(column), RoundingMode.HALF_UP).toPlainString();
    }

    private String machineOther(Object value) {
        if (value instanceof Instant i) {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(i.atZone(zone));
        }
        return value.toString();
    }

    public String machineInstant(Instant instant) {
        return instant == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atZone(zone));
    }

    /** A moment as the local date-time of the report's zone (spreadsheets have no zones). */
    public LocalDateTime local(Instant instant) {
        return LocalDateTime.ofInstant(instant, zone);
    }

    /** The column's horizontal alignment: AUTO puts numbers right, booleans centre, the rest left. */
    public static ReportDesign.Alignment alignment(ReportColumn column) {
        ReportDesign.Alignment a = column.alignment();
        if (a != null && a != ReportDesign.Alignment.AUTO) {
            return a;
        }
        if (column.type().numeric()) {
            return ReportDesign.Alignment.RIGHT;
        }
        return column.type() == ColumnType.BOOL ? ReportDesign.Alignment.CENTER : ReportDesign.Alignment.LEFT;
    }

    /**
     * The columns' shares of the table width, as weights summing to 100: widths given are kept in
     * proportion; an automatic column (0) gets an equal part of what the given ones leave, or the
     * average given width when they take it all.
     */
    public static double[] widthShares(java.util.List<ReportColumn> columns) {
        double[] w = new double[columns.size()];
        int given = 0;
        int autos = 0;
        for (ReportColumn c : columns) {
            if (c.widthPercent() > 0) {
                given += c.widthPercent();
            } else {
                autos++;
            }
        }
        int givenCount = columns.size() - autos;
        double autoWidth = autos == 0 ? 0 : given < 100 ? (100.0 - given) / autos : (double) given / Math.max(1, givenCount);
        double total = 0;
        for (int i = 0; i < w.length; i++) {
            int p = columns.get(i).widthPercent();
            w[i] = p > 0 ? p : autoWidth;
            total += w[i];
        }
        for (int i = 0; i < w.length; i++) {
            w[i] = total == 0 ? 100.0 / w.length : w[i] * 100.0 / total;
        }
        return w;
    }

    /** Characters XML 1.0 cannot carry (most control characters) become U+FFFD. */
    public static String xmlSafe(String s) {
        if (s == null) {
            return null;
        }
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                    || Character.isSurrogate(c) && validSurrogate(s, i);
            if (!ok) {
                if (b == null) {
                    b = new StringBuilder(s.length()).append(s, 0, i);
                }
                b.append('\uFFFD');
            } else if (b != null) {
                b.append(c);
            }
        }
        return b == null ? s : b.toString();
    }

    private static boolean validSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    public static BigDecimal toBigDecimal(Number n) {
        if (n instanceof BigDecimal b) {
            return b;
        }
        if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte) {
            return BigDecimal.valueOf(n.longValue());
        }
        if (n instanceof java.math.BigInteger bi) {
            return new BigDecimal(bi);
        }
        return new BigDecimal(n.toString());
    }

    private DecimalFormat decimalFormat(int decimals, boolean grouping) {
        DecimalFormat f = (DecimalFormat) NumberFormat.getNumberInstance(locale);
        f.setGroupingUsed(grouping);
        f.setMinimumFractionDigits(decimals);
        f.setMaximumFractionDigits(decimals);
        f.setRoundingMode(RoundingMode.HALF_UP);
        return f;
    }

    private static Currency isoCurrency(String code) {
        if (code == null || !code.trim().matches("[A-Za-z]{3}")) {
            return null;
        }
        try {
            return Currency.getInstance(code.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Short localized dates have two-digit years in some locales (en-US "7/10/20"): a report shows four. */
    private static String fourDigitYear(String pattern) {
        if (pattern.contains("yyyy") || pattern.contains("uuuu")) {
            return pattern;
        }
        return pattern.replaceAll("y+", "yyyy").replaceAll("u+", "yyyy");
    }
}
