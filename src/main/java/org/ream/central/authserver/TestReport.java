package org.ream.central.authserver;

import java.util.List;

/** The answer of the Test button: overall result, a one-line message and what was tried, in order. */
public record TestReport(boolean ok, String message, List<String> steps) {
}
