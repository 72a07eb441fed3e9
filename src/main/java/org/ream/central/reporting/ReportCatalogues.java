package org.ream.central.reporting;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.ream.central.reporting.definition.ReportCatalogue;
import org.ream.central.security.Right;

/** The report types the server offers: the built-in definitions, read once on first use. */
@ApplicationScoped
public class ReportCatalogues {

    private volatile ReportCatalogue catalogue;

    public ReportCatalogue catalogue() {
        ReportCatalogue c = catalogue;
        if (c == null) {
            synchronized (this) {
                if (catalogue == null) {
                    catalogue = ReportCatalogue.builtIn(rightNames());
                }
                c = catalogue;
            }
        }
        return c;
    }

    static Set<String> rightNames() {
        return Arrays.stream(Right.values()).map(Enum::name).collect(Collectors.toUnmodifiableSet());
    }
}
