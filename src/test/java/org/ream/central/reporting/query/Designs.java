package org.ream.central.reporting.query;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.ream.central.reporting.counting.Measure;
import org.ream.central.reporting.definition.FilterKind;
import org.ream.central.reporting.definition.ParameterKind;
import org.ream.central.reporting.definition.PeriodSpec;
import org.ream.central.reporting.definition.ReportCatalogue;
import org.ream.central.reporting.definition.ReportDesign;
import org.ream.central.reporting.definition.ReportType;
import org.ream.central.security.Right;

/** Report designs for the tests: a type's default design with every mandatory parameter given. */
public final class Designs {

    public static final Set<String> RIGHTS = Arrays.stream(Right.values()).map(Enum::name).collect(Collectors.toUnmodifiableSet());

    private static ReportCatalogue builtIn;

    private Designs() {
    }

    public static synchronized ReportCatalogue builtIn() {
        if (builtIn == null) {
            builtIn = ReportCatalogue.builtIn(RIGHTS);
        }
        return builtIn;
    }

    /** "+Add report" on the type, then the parameters it asks for: the days given, total pages, N = 5. */
    public static ReportDesign defaults(ReportType type, LocalDate first, LocalDate last) {
        ReportDesign d = ReportDesign.defaults(type, "Test " + type.id());
        Measure counter = type.accepts(ParameterKind.PAGE_COUNTER) ? Measure.TOTAL_PAGES : null;
        Integer n = type.accepts(ParameterKind.N) ? 5 : null;
        Boolean remaining = type.accepts(ParameterKind.ADD_REMAINING_SUM) ? Boolean.TRUE : null;
        return d.withParameters(new ReportDesign.Parameters(type.accepts(ParameterKind.PERIOD) ? new PeriodSpec.Between(first, last) : null,
                counter, n, remaining, type.accepts(ParameterKind.PRICE_LIST) ? "pl-standard" : null,
                type.accepts(ParameterKind.PRICE_LIST_ITEM) ? "printBw" : null));
    }

    /** The default design, limited to one site when the type has the site filter. */
    public static ReportDesign defaultsOnSite(ReportType type, LocalDate first, LocalDate last, long siteId) {
        ReportDesign d = defaults(type, first, last);
        return type.accepts(FilterKind.SITE) ? d.withFilter(FilterKind.SITE, ReportDesign.FilterValue.of(Long.toString(siteId))) : d;
    }
}
