package org.ream.central.reporting.counting;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The counting rules of manual 10.1.3, as the central server applies them where it counts
 * itself (a job's attributes, tests): each printed side is one click, two on A3 and Ledger, so a
 * duplex sheet counts two clicks (four on A3/Ledger); paper formats, simplex and duplex count
 * sheets; scans count scanned pages and no paper. The manual's example: one A3 sheet printed
 * black and white on both sides counts PM=4, A3=1, Duplex=1.
 */
public final class Counting {

    private Counting() {
    }

    public static DetailedCounters count(PrintedWork... work) {
        return count(List.of(work));
    }

    public static DetailedCounters count(List<PrintedWork> work) {
        Map<DetailedCounters.Cell, long[]> cells = new HashMap<>();
        Map<DetailedCounters.Coverage, Long> coverage = new HashMap<>();
        long scans = 0;
        for (PrintedWork w : work) {
            if (w.function() == JobFunction.SCAN) {
                scans = Math.addExact(scans, Math.multiplyExact(w.sides(), w.copies()));
                continue;
            }
            long clicks = Math.multiplyExact(Math.multiplyExact(w.sides(), w.copies()), w.format().clicksPerSide());
            long sheets = Math.multiplyExact(w.sheetsPerCopy(), w.copies());
            long[] tally = cells.computeIfAbsent(new DetailedCounters.Cell(w.function(), w.colour(), w.format(), w.duplex()),
                    k -> new long[2]);
            tally[0] = Math.addExact(tally[0], clicks);
            tally[1] = Math.addExact(tally[1], sheets);
            if (w.coverage() != null) {
                coverage.merge(new DetailedCounters.Coverage(w.function(), w.coverage()), clicks, Math::addExact);
            }
        }
        return new DetailedCounters(cells, coverage, scans);
    }
}
