package org.ream.central.mail;

import java.util.List;

/** A mail ready for SMTP: recipients, final subject, and both alternative bodies. */
public record RenderedMail(List<String> to, String subject, String text, String html, String template) {
}
