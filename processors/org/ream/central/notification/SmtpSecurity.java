package org.ream.central.notification;

/** The "Security" choice of the outgoing SMTP server (manual 6.4.3). */
public enum SmtpSecurity {
    /** STARTTLS when the server offers it, plain SMTP otherwise (the default). */
    PREFER_STARTTLS,
    /** TLS from the first byte (SMTPS, usually port 465). */
    IMPLICIT_TLS,
    /** STARTTLS or no mail: refuse a server that does not offer it. */
    REQUIRE_STARTTLS
}
