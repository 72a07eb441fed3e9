package org.ream.central.mail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** The mail as it travels on the queue: JSON text, readable in Hawtio and by any broker client. */
@ApplicationScoped
@Named("mailCodec")
public class MailCodec {

    @Inject
    ObjectMapper json;

    public String encode(Mail mail) {
        try {
            return json.writeValueAsString(mail);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("The mail cannot be queued, its model is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    public Mail decode(String body) {
        try {
            Mail mail = json.readValue(body, Mail.class);
            if (mail == null) {
                throw new MailRejected("Empty message on the mail queue", null);
            }
            return mail;
        } catch (JsonProcessingException e) {
            throw new MailRejected("Unreadable message on the mail queue: " + e.getOriginalMessage(), e);
        }
    }
}
