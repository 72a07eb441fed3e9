package org.ream.central.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The templates in resources/templates/mail, rendered without the server. */
class MailRendererTest {

    private static final ZoneId PRAGUE = ZoneId.of("Europe/Prague");
    private final MailRenderer renderer = new MailRenderer();

    private static Map<String, Object> run(String status, String message) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("scheduleName", "Nightly <export>");
        model.put("status", status);
        model.put("startedAt", "2026-11-25T01:00:00Z");
        model.put("finishedAt", "2026-11-25T01:03:05Z");
        model.put("message", message);
        return model;
    }

    @Test
    void scheduleResultSaysWhatHappenedInBothParts() {
        RenderedMail m = renderer.renderIn(new Mail(List.of("admin@example.com"), null, "schedule-result",
                run("ERROR", "Export folder \\\\srv\\exports is not writable.\nCheck the share.")), PRAGUE);

        assertThat(m.subject()).isEqualTo("Task scheduler: Nightly <export> failed");
        assertThat(m.to()).containsExactly("admin@example.com");
        assertThat(m.text())
                .contains("The scheduled task \"Nightly <export>\" failed.")
                .contains("Status:   ERROR")
                .contains("Started:  2026-11-25 02:00:00")
                .contains("Finished: 2026-11-25 02:03:05")
                .contains("Duration: 3 min 05 s")
                .contains("Export folder \\\\srv\\exports is not writable.\nCheck the share.")
                .contains("sent automatically by Ream Central")
                .doesNotContain("<p>", "$", "#end");
        assertThat(m.html())
                .startsWith("<!DOCTYPE html>")
                .contains("<title>Task scheduler: Nightly &lt;export&gt; failed</title>")
                .contains("Scheduled task: Nightly &lt;export&gt;")
                .contains("color:#c62828")
                .contains("<td>2026-11-25 02:00:00</td>")
                .contains("<p>Export folder \\\\srv\\exports is not writable.<br>\nCheck the share.</p>")
                .doesNotContain("<export>", "$", "&amp;lt;");
    }

    @Test
    void scheduleResultOkAndWarningWithoutMessageOrEnd() {
        Map<String, Object> ok = run("OK", null);
        ok.remove("finishedAt");
        RenderedMail m = renderer.renderIn(new Mail(List.of("a@x.org"), null, "schedule-result", ok), PRAGUE);
        assertThat(m.subject()).isEqualTo("Task scheduler: Nightly <export> finished successfully");
        assertThat(m.text()).doesNotContain("Duration").doesNotContain("$");
        assertThat(renderer.renderIn(new Mail(List.of("a@x.org"), null, "schedule-result", run("WARNING", "")), PRAGUE).subject())
                .endsWith("finished with warnings");
    }

    @Test
    void theCallersSubjectWins() {
        RenderedMail m = renderer.renderIn(new Mail(List.of("a@x.org"), "Export done", "schedule-result", run("OK", "")), PRAGUE);
        assertThat(m.subject()).isEqualTo("Export done");
        assertThat(m.html()).contains("<title>Export done</title>");
    }

    @Test
    void genericMailCarriesTheSubjectAndText() {
        RenderedMail m = renderer.renderIn(new Mail(List.of("a@x.org; b@y.org"), "Disk space <low>", "generic",
                Map.of("text", "Free space is 1.2 GB & falling.\n\nSee the log.")), PRAGUE);
        assertThat(m.to()).containsExactly("a@x.org", "b@y.org");
        assertThat(m.subject()).isEqualTo("Disk space <low>");
        assertThat(m.text()).startsWith("Free space is 1.2 GB & falling.\n\nSee the log.");
        assertThat(m.html()).contains("<title>Disk space &lt;low&gt;</title>")
                .contains("<p>Free space is 1.2 GB &amp; falling.</p>\n<p>See the log.</p>");
    }

    @Test
    void testMailNamesTheServer() {
        RenderedMail m = renderer.renderIn(new Mail(List.of("a@x.org"), null, "test",
                Map.of("server", "smtp.example.org:587 (prefer starttls)", "sentAt", "2026-11-25T13:00:00Z")), PRAGUE);
        assertThat(m.subject()).isEqualTo("Ream Central: test message");
        assertThat(m.text()).contains("smtp.example.org:587 (prefer starttls) at 2026-11-25 14:00:00");
        assertThat(m.html()).contains("<b>smtp.example.org:587 (prefer starttls)</b>");
    }

    @Test
    void unknownTemplatesAndRecipientsAreRejected() {
        assertThat(renderer.exists("generic")).isTrue();
        assertThat(renderer.exists("layout")).isFalse();
        assertThat(renderer.exists("nope")).isFalse();
        assertThat(renderer.exists("../../application")).isFalse();
        assertThat(renderer.exists(null)).isFalse();
        assertThatThrownBy(() -> renderer.renderIn(new Mail(List.of("a@x.org"), "s", "nope", Map.of()), PRAGUE))
                .isInstanceOf(MailRejected.class).hasMessageContaining("no mail template 'nope'");
        assertThatThrownBy(() -> renderer.renderIn(new Mail(List.of("nobody"), "s", "generic", Map.of()), PRAGUE))
                .isInstanceOf(MailRejected.class).hasMessageContaining("'nobody' is not an email address");
    }
}
