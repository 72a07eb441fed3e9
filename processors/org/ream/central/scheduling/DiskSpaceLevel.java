package org.ream.central.scheduling;

/**
 * The disk space checker of System management (6.13.1): where the free space of the data
 * folder's volume stands against the warning and critical levels, in MB.
 */
public enum DiskSpaceLevel {
    OK, WARNING, CRITICAL;

    private static final long MB = 1024L * 1024L;

    /** A level is reached when the free space is at or below it; the critical level is checked first. */
    public static DiskSpaceLevel of(long freeMb, long warningMb, long criticalMb) {
        if (freeMb <= criticalMb) {
            return CRITICAL;
        }
        if (freeMb <= warningMb) {
            return WARNING;
        }
        return OK;
    }

    /** Whole megabytes, rounded down: 100.9 MB free counts as 100, so it is at a 100 MB level. */
    public static long megabytes(long bytes) {
        return Math.max(0, bytes) / MB;
    }
}
