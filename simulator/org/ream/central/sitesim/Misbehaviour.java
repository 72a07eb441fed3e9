package org.ream.central.sitesim;

import java.util.Arrays;

/**
 * How a simulated site can fail the central server (manual 6.14 site statuses, and the payload
 * faults docs/site-protocol.md says are refused whole).
 */
public enum Misbehaviour {
    /** Answers normally. */
    NONE("none"),
    /** Holds the request without answering: Unreachable. */
    TIMEOUT("timeout"),
    /** 500: Error. */
    ERROR_500("500"),
    /** 200 whose body is "0": Error. */
    BODY_ZERO("zero"),
    /** 404: Unknown. */
    NOT_FOUND("404"),
    /** A payload cut halfway: no trailer, the gzip stream never ends. */
    TRUNCATED("truncated"),
    /** A payload whose first record line is not JSON (the trailer is that of the right lines). */
    CORRUPT_LINE("corrupt"),
    /** A well-formed payload in which every tenth record comes twice (same type and id). */
    DUPLICATES("duplicates");

    private final String option;

    Misbehaviour(String option) {
        this.option = option;
    }

    /** Its name on the command line. */
    public String option() {
        return option;
    }

    /** Whether it is about the payload (downloads only) rather than the answer. */
    public boolean payload() {
        return this == TRUNCATED || this == CORRUPT_LINE || this == DUPLICATES;
    }

    public static Misbehaviour parse(String text) {
        return Arrays.stream(values()).filter(m -> m.option.equalsIgnoreCase(text) || m.name().equalsIgnoreCase(text))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("unknown misbehaviour '" + text + "' (one of "
                        + String.join(", ", Arrays.stream(values()).map(Misbehaviour::option).toList()) + ")"));
    }
}
