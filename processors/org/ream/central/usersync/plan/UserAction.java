package org.ream.central.usersync.plan;

/** What a run does to one user (the result line's verb). */
public enum UserAction {
    ADD, UPDATE, RENAME, UNDELETE, DEACTIVATE, UNCHANGED,
    /** A new user the source has while "add new users" is off. */
    SKIPPED,
    FAILED
}
