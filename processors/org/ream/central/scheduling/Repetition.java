package org.ream.central.scheduling;

public enum Repetition {

    MINUTE("Minute", true, false),
    HOURLY("Hourly", true, false),
    DAILY("Daily", false, true),
    WEEKLY("Weekly", false, true),
    MONTHLY("Monthly", false, true),
    EVERY_NTH_DAY("Every N-th day", true, true);

    private final String label;
    private final boolean usesInterval;
    private final boolean usesHours;

    Repetition(String label, boolean usesInterval, boolean usesHours) {
        this.label = label;
        this.usesInterval = usesInterval;
        this.usesHours = usesHours;
    }

    /** The word the manual and the task scheduler list use for this repetition. */
    public String label() {
        return label;
    }

    public boolean usesInterval() {
        return usesInterval;
    }

    public boolean usesHours() {
        return usesHours;
    }
}
