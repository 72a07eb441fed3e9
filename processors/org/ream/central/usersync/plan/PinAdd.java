package org.ream.central.usersync.plan;

/** A PIN to import: its MD5 form (lower-case hex) and the sync key that recognises it in later runs. */
public record PinAdd(String md5, String syncKey) {
}
