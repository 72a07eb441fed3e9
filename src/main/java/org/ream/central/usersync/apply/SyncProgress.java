package org.ream.central.usersync.apply;

/** Progress of the writing part of a run, after each chunk, for the UI's progress bar. */
@FunctionalInterface
public interface SyncProgress {

    SyncProgress NONE = (done, total) -> {
    };

    /** @param done users written (or rolled back, in a dry run) so far; @param total users the plan writes */
    void progress(int done, int total);
}
