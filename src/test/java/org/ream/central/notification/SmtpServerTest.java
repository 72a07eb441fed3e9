package org.ream.central.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class SmtpServerTest {

    private static final Duration CONNECT = Duration.ofSeconds(10);
    private static final Duration READ = Duration.ofSeconds(60);

    private static SmtpServer server(SmtpSecurity security, boolean validate, String user) {
        return new SmtpServer("mail.example.com", 587, security, validate, user, "pw", "ream@example.com");
    }

    @Test
    void preferStartTlsUsesItWhenOfferedAndGoesOnWithoutIt() {
        Properties p = server(SmtpSecurity.PREFER_STARTTLS, true, "").sessionProperties(CONNECT, READ);
        assertThat(p).containsEntry("mail.transport.protocol", "smtp")
                .containsEntry("mail.smtp.starttls.enable", "true")
                .containsEntry("mail.smtp.starttls.required", "false")
                .doesNotContainKey("mail.smtp.ssl.enable");
    }

    @Test
    void requireStartTlsRefusesAServerWithoutIt() {
        Properties p = server(SmtpSecurity.REQUIRE_STARTTLS, true, "").sessionProperties(CONNECT, READ);
        assertThat(p).containsEntry("mail.smtp.starttls.enable", "true").containsEntry("mail.smtp.starttls.required", "true");
    }

    @Test
    void implicitTlsIsTheSmtpsTransport() {
        SmtpServer s = server(SmtpSecurity.IMPLICIT_TLS, true, "");
        Properties p = s.sessionProperties(CONNECT, READ);
        assertThat(s.protocol()).isEqualTo("smtps");
        assertThat(p).containsEntry("mail.transport.protocol", "smtps")
                .containsEntry("mail.smtps.ssl.enable", "true")
                .containsEntry("mail.smtps.host", "mail.example.com")
                .containsEntry("mail.smtps.port", "587")
                .doesNotContainKey("mail.smtps.starttls.enable");
    }

    @Test
    void validatingTheCertificateChecksTheHostNameWithTheDefaultTrust() {
        Properties p = server(SmtpSecurity.PREFER_STARTTLS, true, "").sessionProperties(CONNECT, READ);
        assertThat(p).containsEntry("mail.smtp.ssl.checkserveridentity", "true").doesNotContainKey("mail.smtp.ssl.trust");
    }

    @Test
    void notValidatingTheCertificateTrustsAnyCertificateAndName() {
        Properties p = server(SmtpSecurity.IMPLICIT_TLS, false, "").sessionProperties(CONNECT, READ);
        assertThat(p).containsEntry("mail.smtps.ssl.trust", "*").containsEntry("mail.smtps.ssl.checkserveridentity", "false");
    }

    @Test
    void logsInOnlyWhenAUserIsSet() {
        assertThat(server(SmtpSecurity.PREFER_STARTTLS, true, "").sessionProperties(CONNECT, READ)).containsEntry("mail.smtp.auth", "false");
        assertThat(server(SmtpSecurity.PREFER_STARTTLS, true, "  ").authenticates()).isFalse();
        assertThat(server(SmtpSecurity.PREFER_STARTTLS, true, "ream").sessionProperties(CONNECT, READ)).containsEntry("mail.smtp.auth", "true");
    }

    @Test
    void everyWaitIsBounded() {
        Properties p = server(SmtpSecurity.PREFER_STARTTLS, true, "").sessionProperties(CONNECT, READ);
        assertThat(p).containsEntry("mail.smtp.connectiontimeout", "10000")
                .containsEntry("mail.smtp.timeout", "60000")
                .containsEntry("mail.smtp.writetimeout", "60000")
                .containsEntry("mail.smtp.from", "ream@example.com");
    }

    @Test
    void readsTheSettingsPage() {
        Map<String, String> page = Map.of("smtp.host", " smtp.example.org ", "smtp.port", "465", "smtp.security", "IMPLICIT_TLS",
                "smtp.validateCertificate", "false", "smtp.user", "ream", "smtp.password", "secret", "smtp.sender", "ream@example.org");
        SmtpServer s = SmtpServer.of(page::get);
        assertThat(s).isEqualTo(new SmtpServer("smtp.example.org", 465, SmtpSecurity.IMPLICIT_TLS, false, "ream", "secret", "ream@example.org"));
        assertThat(s.describe()).isEqualTo("smtp.example.org:465 (implicit tls)").doesNotContain("secret");
    }

    @Test
    void theCatalogDefaultsArePlainPort25PreferringStartTls() {
        Map<String, String> page = Map.of("smtp.port", "25", "smtp.security", "PREFER_STARTTLS", "smtp.validateCertificate", "true");
        SmtpServer s = SmtpServer.of(page::get);
        assertThat(s.security()).isEqualTo(SmtpSecurity.PREFER_STARTTLS);
        assertThat(s.validateCertificate()).isTrue();
        assertThat(s.port()).isEqualTo(25);
    }

    @Test
    void saysWhatIsMissingBeforeAnyConnection() {
        assertThat(new SmtpServer("", 25, null, true, "", "", "ream@example.org").problem()).contains("No outgoing SMTP server");
        assertThat(new SmtpServer("mail.example.org", 25, null, true, "", "", "").problem()).contains("No sender address");
        assertThat(new SmtpServer("mail.example.org", 25, null, true, "", "", "ream").problem()).contains("'ream' is not an email address");
        assertThat(new SmtpServer("mail.example.org", 25, null, true, "", "", "ream@example.org").problem()).isNull();
    }
}
