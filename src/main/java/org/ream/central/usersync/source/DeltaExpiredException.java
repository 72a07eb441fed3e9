package org.ream.central.usersync.source;

/** The source no longer knows the stored delta token (Graph answers 410 Gone): run a full read and store its new token. */
public class DeltaExpiredException extends DirectoryReadException {

    public DeltaExpiredException(String message) {
        super(message);
    }
}
