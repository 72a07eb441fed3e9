package org.ream.central.export;

import java.util.concurrent.Semaphore;

/**
 * Lets a few large exports run at once and queues the rest: each one keeps a database cursor
 * and a core busy for up to a minute, and impatient users click twice.
 */
public final class ExportGate {

    public static final ExportGate SHARED = new ExportGate(2);

    @FunctionalInterface
    public interface Work {
        void run() throws java.io.IOException;
    }

    private final Semaphore slots;

    public ExportGate(int concurrent) {
        this.slots = new Semaphore(concurrent, true);
    }

    /** Waits for a free slot, then runs the work; the slot is released however it ends. */
    public void run(Work work) throws java.io.IOException {
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("Export interrupted while waiting for a free slot");
        }
        try {
            work.run();
        } finally {
            slots.release();
        }
    }
}
