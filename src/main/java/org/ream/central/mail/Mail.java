package org.ream.central.mail;

import java.util.List;
import java.util.Map;

/**
 * A mail to send: recipients, subject, and the Velocity template (resources/templates/mail/
 * {@code <template>.vm}) with its model. Serialisable as JSON onto the mail queue.
 */
public record Mail(List<String> to, String subject, String template, Map<String, Object> model) {
}
