package org.ream.central.reporting.definition;

import java.util.List;
import java.util.stream.Collectors;

/** A report design refused, with every reason found. */
public class ReportDesignException extends RuntimeException {

    private final List<DesignProblem> problems;

    public ReportDesignException(String report, List<DesignProblem> problems) {
        super("report \"" + report + "\" is refused: " + problems.stream().map(DesignProblem::toString).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public List<DesignProblem> problems() {
        return problems;
    }
}
