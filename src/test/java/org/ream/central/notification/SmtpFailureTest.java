package org.ream.central.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

class SmtpFailureTest {

    @Test
    void theServersAnswerIsTheMessage() {
        assertThat(SmtpFailure.describe(new Exception("535 5.7.8 Authentication credentials invalid\n")))
                .isEqualTo("535 5.7.8 Authentication credentials invalid");
    }

    @Test
    void causesAreAppendedOnce() {
        Exception refused = new Exception("Couldn't connect to host, port: 127.0.0.1, 2525; timeout 10000",
                new ConnectException("Connection refused"));
        assertThat(SmtpFailure.describe(refused)).isEqualTo("Couldn't connect to host, port: 127.0.0.1, 2525; timeout 10000: Connection refused");

        IOException inner = new IOException("Connection reset");
        Exception wrapped = new Exception("Exception reading response; nested exception is: " + inner, inner);
        assertThat(SmtpFailure.describe(wrapped)).isEqualTo("Exception reading response; nested exception is: java.io.IOException: Connection reset");
    }

    @Test
    void anUntrustedCertificateSaysWhatToDo() {
        Exception pkix = new Exception("Could not connect to SMTP host: 127.0.0.1, port: 465",
                new javax.net.ssl.SSLHandshakeException("PKIX path building failed: unable to find valid certification path to requested target"));
        assertThat(SmtpFailure.describe(pkix)).startsWith("Could not connect to SMTP host: 127.0.0.1, port: 465: PKIX path building failed")
                .contains("turn off Validate certificate");
    }

    @Test
    void aFailureWithoutTextIsNamed() {
        assertThat(SmtpFailure.describe(new NullPointerException())).isEqualTo("NullPointerException");
        assertThat(SmtpFailure.describe(null)).isEqualTo("unknown error");
    }

    @Test
    void aLongAnswerIsCut() {
        assertThat(SmtpFailure.describe(new Exception("x".repeat(5000)))).hasSize(1003).endsWith("...");
    }
}
