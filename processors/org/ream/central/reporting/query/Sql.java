package org.ream.central.reporting.query;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A piece of SQL and the values of its {@code ?} markers, in text order, so that fragments can be
 * put together in any order without losing track of which value goes where. Only identifiers
 * taken from the definitions and generated numbers go into the text; every value that comes from
 * a design or a user is a parameter.
 */
final class Sql {

    private final StringBuilder text = new StringBuilder();
    private final List<Object> params = new ArrayList<>();

    static Sql of(String text) {
        return new Sql().add(text);
    }

    Sql add(String s) {
        text.append(s);
        return this;
    }

    Sql add(Sql other) {
        text.append(other.text);
        params.addAll(other.params);
        return this;
    }

    /** One marker and its value. */
    Sql param(Object value) {
        text.append('?');
        params.add(value);
        return this;
    }

    /** {@code ?, ?, ?}: one marker per value. */
    Sql params(Collection<?> values) {
        boolean first = true;
        for (Object v : values) {
            if (!first) {
                text.append(", ");
            }
            param(v);
            first = false;
        }
        return this;
    }

    /** The fragments joined by a separator. */
    static Sql join(String separator, List<Sql> parts) {
        Sql out = new Sql();
        for (int i = 0; i < parts.size(); i++) {
            if (i > 0) {
                out.add(separator);
            }
            out.add(parts.get(i));
        }
        return out;
    }

    Sql copy() {
        return new Sql().add(this);
    }

    boolean isEmpty() {
        return text.length() == 0;
    }

    String text() {
        return text.toString();
    }

    List<Object> params() {
        return List.copyOf(params);
    }

    List<Object> paramsView() {
        return params;
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
