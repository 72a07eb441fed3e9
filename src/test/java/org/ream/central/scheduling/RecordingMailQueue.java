package org.ream.central.scheduling;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.ream.central.mail.Mail;
import org.ream.central.mail.MailQueue;

/** Stands in for the mail pipeline in tests (QuarkusMock): keeps what would have been queued. */
public class RecordingMailQueue extends MailQueue {

    public final List<Mail> sent = new CopyOnWriteArrayList<>();

    @Override
    public void send(Mail mail) {
        sent.add(mail);
    }

    public List<Mail> to(String address) {
        return sent.stream().filter(m -> m.to().contains(address)).toList();
    }
}
