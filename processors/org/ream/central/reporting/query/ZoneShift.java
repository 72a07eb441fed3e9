package org.ream.central.reporting.query;

import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;

/**
 * Instants are stored as UTC timestamps; a report cuts them into days, hours, weeks and months of
 * the server's time zone. Firebird 3 knows no time zones and SQL Server names them its own way,
 * so the shift is computed here: the zone's UTC offset before, between and after the transitions
 * (daylight saving changes) that fall inside the period, as one CASE over the instant, bound as
 * parameters. The same SQL then gives the same local time on the three databases.
 */
final class ZoneShift {

    /** Without a period, transitions since this instant are spelled out (older data is unlikely). */
    static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    private static final int MAX_TRANSITIONS = 2_000;

    private final List<Instant> transitions;
    /** offsets[i] applies before transitions[i]; the last one after the last transition. */
    private final List<Integer> offsets;

    private ZoneShift(List<Instant> transitions, List<Integer> offsets) {
        this.transitions = transitions;
        this.offsets = offsets;
    }

    /** The offsets of {@code zone} over [from, to). */
    static ZoneShift of(ZoneId zone, Instant from, Instant to) {
        ZoneRules rules = zone.getRules();
        List<Instant> transitions = new ArrayList<>();
        List<Integer> offsets = new ArrayList<>();
        offsets.add(rules.getOffset(from).getTotalSeconds());
        Instant t = from;
        while (transitions.size() < MAX_TRANSITIONS) {
            ZoneOffsetTransition next = rules.nextTransition(t);
            if (next == null || !next.getInstant().isBefore(to)) {
                break;
            }
            transitions.add(next.getInstant());
            offsets.add(next.getOffsetAfter().getTotalSeconds());
            t = next.getInstant();
        }
        return new ZoneShift(transitions, offsets);
    }

    /** The wall-clock time of the zone for the UTC timestamp {@code column} (a column reference, repeated). */
    Sql local(String column, SqlDialect dialect) {
        if (transitions.isEmpty()) {
            int offset = offsets.get(0);
            return offset == 0 ? Sql.of(column) : dialect.plusSeconds(Sql.of(column), Sql.of(Integer.toString(offset)));
        }
        Sql seconds = Sql.of("CASE");
        for (int i = 0; i < transitions.size(); i++) {
            seconds.add(" WHEN " + column + " < ").param(transitions.get(i)).add(" THEN " + offsets.get(i));
        }
        seconds.add(" ELSE " + offsets.get(offsets.size() - 1) + " END");
        return dialect.plusSeconds(Sql.of(column), seconds);
    }
}
