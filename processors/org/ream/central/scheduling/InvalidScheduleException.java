package org.ream.central.scheduling;

/**
 * A schedule the user typed cannot be run as it stands. The message is written for the person
 * filling the schedule panel and starts with the label of the offending field; {@link #field()}
 * names the {@link ScheduleTiming} component so a form can mark that field.
 */
public final class InvalidScheduleException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String field;

    public InvalidScheduleException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
