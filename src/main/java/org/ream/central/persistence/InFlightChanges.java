package org.ream.central.persistence;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Change numbers (CHANGE_NO) handed out to transactions that have not ended yet. They come from
 * the id sequence when a row changes, so transaction A may take 100, B take 101 and commit
 * first: a site asking "after 100" then would never see A's row. Readers of change numbers stop
 * below the lowest one still in flight ({@link #settledBelow()}). A number is released when
 * the transaction that took it commits or rolls back ({@link Jdbc#inTransaction}); one left
 * behind by a stuck thread stops holding readers back after {@link #MAX_AGE_NANOS}.
 */
public final class InFlightChanges {

    static final long MAX_AGE_NANOS = 10L * 60 * 1_000_000_000L;

    private static final ConcurrentSkipListMap<Long, Long> TAKEN = new ConcurrentSkipListMap<>();
    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);
    private static final ThreadLocal<List<Long>> MINE = ThreadLocal.withInitial(ArrayList::new);

    private InFlightChanges() {
    }

    /** A change number taken by this thread: held in flight until its transaction ends. */
    static void taken(long number) {
        if (DEPTH.get()[0] == 0) {
            return; // an auto-committed statement: visible as soon as it is written
        }
        TAKEN.put(number, System.nanoTime());
        MINE.get().add(number);
    }

    static void transactionStarted() {
        DEPTH.get()[0]++;
    }

    /** Releases the numbers this thread took in the transaction that ends (committed or not). */
    static void transactionEnded() {
        int[] depth = DEPTH.get();
        depth[0] = Math.max(0, depth[0] - 1);
        if (depth[0] == 0) {
            List<Long> mine = MINE.get();
            for (Long n : mine) {
                TAKEN.remove(n);
            }
            mine.clear();
        }
    }

    /** Every change number below this one is committed or abandoned; Long.MAX_VALUE when none is in flight. */
    public static long settledBelow() {
        long now = System.nanoTime();
        for (Map.Entry<Long, Long> e : TAKEN.entrySet()) {
            if (now - e.getValue() < MAX_AGE_NANOS) {
                return e.getKey();
            }
            TAKEN.remove(e.getKey(), e.getValue());
        }
        return Long.MAX_VALUE;
    }
}
