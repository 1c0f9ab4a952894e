package dev.ocrbridge.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

class CauseSummaryTest {

    @Test
    void namesTheInnermostCauseWithItsMessage() {
        Exception e = new IllegalStateException("Cannot connect to sftp://ocrbridge@127.0.0.1:22",
                new IOException("wrapped", new ConnectException("Connection refused")));
        assertThat(CauseSummary.of(e)).isEqualTo("ConnectException: Connection refused");
    }

    @Test
    void dropsPathsFileNamesAndAddressesFromTheMessage() {
        String s = CauseSummary.of(new IOException(
                "Cannot rename file: inbox/health-code/김철수.png to: .done/김철수.png for kim@example.com 홍길동.jpg"));
        assertThat(s).startsWith("IOException: Cannot rename file:")
                .doesNotContain("김철수").doesNotContain("inbox").doesNotContain("example.com")
                .doesNotContain("홍길동");
    }

    @Test
    void aMessageCannotForgeALogLine() {
        String s = CauseSummary.of(new IOException("No such file\n12:00:00.000 INFO  forged line\r\nmore"));
        assertThat(s).doesNotContain("\n").doesNotContain("\r");
    }

    @Test
    void aMessageWithNothingSafeLeftGivesTheClassAlone() {
        assertThat(CauseSummary.of(new IOException("/inbox/health-code/a.png"))).isEqualTo("IOException");
        assertThat(CauseSummary.of(new IOException((String) null))).isEqualTo("IOException");
    }
}
