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
    void masksWhatAServerSaysOfAPersonWordsInHangulAndIdNumbers() {
        // a server's answer, quoted in its exception: no path, no address, no file name, but a name and an ID number
        String s = CauseSummary.of(new IOException("Login refused for 김철수 (ID 900101-1234567), account 81234567 locked"));
        assertThat(s).startsWith("IOException: Login refused for ").contains("locked")
                .doesNotContain("김철수").doesNotContain("1234567").doesNotContain("81234567");
        assertThat(CauseSummary.of(new IOException("用户 王小明 不存在"))).doesNotContain("王小明").doesNotContain("用户");
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
