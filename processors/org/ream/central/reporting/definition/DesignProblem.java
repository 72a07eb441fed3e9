package org.ream.central.reporting.definition;

/** Why a report design is refused: the field (a path such as {@code columns[2].summary}) and the reason. */
public record DesignProblem(String field, String reason) {

    @Override
    public String toString() {
        return field + ": " + reason;
    }
}
