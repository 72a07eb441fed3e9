package org.ream.central.reporting.counting;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The toner replacement report's values (manual 10.1, addendum to the toner replacement report):
 * a colour toner (cyan, magenta, yellow) is charged with colour pages only, the black toner with
 * every page. "Total counters" is the printer's counter for that toner when it was replaced;
 * "Printed pages" the pages printed with the replaced toner, its counter since the toner was
 * installed, that is since the previous replacement of the same colour on the same printer.
 */
public final class TonerCounting {

    public enum TonerColour {
        BLACK, CYAN, MAGENTA, YELLOW;

        /** "black" or "K", "cyan" or "C"... as sites name them; null when the name is none of these. */
        public static TonerColour parse(String name) {
            if (name == null) {
                return null;
            }
            return switch (name.strip().toUpperCase(Locale.ROOT)) {
                case "BLACK", "K" -> BLACK;
                case "CYAN", "C" -> CYAN;
                case "MAGENTA", "M" -> MAGENTA;
                case "YELLOW", "Y" -> YELLOW;
                default -> null;
            };
        }
    }

    /** A TONER_REPLACEMENTS row: printer (site and record id), toner colour, when, counter then. */
    public record Replacement(String printer, String colour, Instant replacedAt, Long pageCounter) {
        public Replacement {
            Objects.requireNonNull(printer, "printer");
            Objects.requireNonNull(replacedAt, "replacedAt");
        }
    }

    /** A replaced toner's life: installed at the previous replacement (null for the first one known). */
    public record TonerLife(Replacement replacement, Instant installedAt, Long printedPages, Long totalCounter) {
    }

    private TonerCounting() {
    }

    /** The pages a toner of this colour is charged with: colour pages for C, M, Y, all pages for K. */
    public static long pagesCharged(TonerColour colour, PageCounters counters) {
        return colour == TonerColour.BLACK ? counters.totalPages() : counters.colorPages();
    }

    /**
     * The lives of the replaced toners, in the order given. Printed pages are unknown (null) for
     * the first replacement of a colour on a printer, when a counter is missing, or when the counter
     * went down (a reset or exchanged device tells nothing about the toner).
     */
    public static List<TonerLife> lives(List<Replacement> replacements) {
        Map<String, List<Replacement>> byToner = new HashMap<>();
        for (Replacement r : replacements) {
            byToner.computeIfAbsent(key(r), k -> new ArrayList<>()).add(r);
        }
        byToner.values().forEach(l -> l.sort(Comparator.comparing(Replacement::replacedAt)));
        List<TonerLife> out = new ArrayList<>(replacements.size());
        for (Replacement r : replacements) {
            List<Replacement> same = byToner.get(key(r));
            int i = same.indexOf(r);
            Replacement previous = i > 0 ? same.get(i - 1) : null;
            Long printed = null;
            if (previous != null && previous.pageCounter() != null && r.pageCounter() != null
                    && r.pageCounter() >= previous.pageCounter()) {
                printed = r.pageCounter() - previous.pageCounter();
            }
            out.add(new TonerLife(r, previous == null ? null : previous.replacedAt(), printed, r.pageCounter()));
        }
        return out;
    }

    private static String key(Replacement r) {
        TonerColour c = TonerColour.parse(r.colour());
        return r.printer() + "\u0000" + (c != null ? c.name() : String.valueOf(r.colour()).strip().toUpperCase(Locale.ROOT));
    }
}
