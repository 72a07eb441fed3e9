package org.ream.central.reporting.definition;

import java.util.List;
import java.util.Set;

/**
 * The charts a type supports (10.1.1): the kinds, the category axis (one column, fixed by the
 * type) and the columns a series may show.
 */
public record ChartSupport(Set<ChartKind> kinds, ColumnDef category, List<ColumnDef> values) {

    public static final ChartSupport NONE = new ChartSupport(Set.of(), null, List.of());

    public ChartSupport {
        kinds = Set.copyOf(kinds);
        values = List.copyOf(values);
    }

    public boolean supported() {
        return !kinds.isEmpty();
    }
}
