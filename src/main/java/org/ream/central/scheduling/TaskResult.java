package org.ream.central.scheduling;

import java.util.Objects;

/** How a run went: the status the task scheduler list and the notification mail show, and a sentence for the operator. */
public record TaskResult(Status status, String message) {

    public enum Status {
        OK, WARNING, ERROR;

        public Status worst(Status other) {
            return other.ordinal() > ordinal() ? other : this;
        }
    }

    public TaskResult {
        Objects.requireNonNull(status, "status");
        message = message == null ? "" : message;
    }

    public static TaskResult ok(String message) {
        return new TaskResult(Status.OK, message);
    }

    public static TaskResult warning(String message) {
        return new TaskResult(Status.WARNING, message);
    }

    public static TaskResult error(String message) {
        return new TaskResult(Status.ERROR, message);
    }

    public boolean isProblem() {
        return status != Status.OK;
    }
}
