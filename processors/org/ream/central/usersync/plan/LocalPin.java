package org.ream.central.usersync.plan;

/**
 * A PIN stored for a user. {@code syncKey} identifies a PIN a synchronisation imported (the
 * lookup key of its MD5 form, kept after the PIN is upgraded to a strong hash); null for PINs
 * set or generated in Ream, whose value the synchronisation cannot know.
 */
public record LocalPin(long id, String syncKey) {
}
