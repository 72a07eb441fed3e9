package org.ream.central.security;

/**
 * Checks a user's password against the authentication server named on their account
 * ("use authentication server", manual 6.6 and 8.7.7): LDAP, RADIUS... The password is
 * passed through and never stored. Implemented by the authentication-server feature; until
 * a server kind is supported, {@link NoExternalAuthenticator} answers.
 */
public interface ExternalAuthenticator {

    enum Outcome {
        /** The server accepted the credentials. */
        ACCEPTED,
        /** The server answered and refused them. */
        REJECTED,
        /** The server could not be reached or answered nonsense: nothing about the user changes. */
        UNREACHABLE,
        /** The account names a server that does not exist (any more) or a kind that cannot check passwords. */
        NOT_CONFIGURED
    }

    /** The outcome with a message for the log and, where safe, the user. */
    record Result(Outcome outcome, String message) {
    }

    Result authenticate(long serverId, String username, String password);
}
