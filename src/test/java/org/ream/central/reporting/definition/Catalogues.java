package org.ream.central.reporting.definition;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.ream.central.security.Right;

/** The built-in catalogue, read once for the tests, with the server's own rights. */
final class Catalogues {

    static final Set<String> RIGHTS = Arrays.stream(Right.values()).map(Enum::name).collect(Collectors.toUnmodifiableSet());

    private static ReportCatalogue builtIn;

    private Catalogues() {
    }

    static synchronized ReportCatalogue builtIn() {
        if (builtIn == null) {
            builtIn = ReportCatalogue.builtIn(RIGHTS);
        }
        return builtIn;
    }
}
