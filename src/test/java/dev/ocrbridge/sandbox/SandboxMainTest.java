package dev.ocrbridge.sandbox;

import static dev.ocrbridge.actions.OcrAction.RECOGNIZE_HEALTH_CODE_OCR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ocrbridge.sandbox.cli.Console;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The standalone command line, in-process. */
class SandboxMainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

    private String printed() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void withoutCredentialsAPairIsGeneratedAndPrintedOnce(@TempDir Path fixtures) throws Exception {
        Files.writeString(fixtures.resolve("a.json"), "{\"sha256\": \"" + FixtureRegistry.sha256(TestImages.png())
                + "\", \"fields\": {\"Name\": \"cli\"}}");
        try (OcrSandbox sandbox = SandboxMain.launch(new String[] {"--port", "0", "--latency-ms", "120",
                "--quota", "RecognizeHealthCodeOCR=3", "--fixtures", fixtures.toString(), "--seed", "5"}, console)) {
            assertThat(sandbox.secretId()).matches("AKID[A-Za-z0-9]{32}");
            assertThat(sandbox.secretKey()).matches("[A-Za-z0-9]{32}");
            assertThat(printed()).contains("listening on " + sandbox.url()).contains(sandbox.secretId())
                    .contains(sandbox.secretKey());
            assertThat(printed().split(sandbox.secretKey(), -1)).hasSize(2);
            assertThat(sandbox.quota(RECOGNIZE_HEALTH_CODE_OCR)).isEqualTo(3);

            SignedClient client = new SignedClient(sandbox.port(), sandbox.secretId(), sandbox.secretKey());
            SignedClient.Reply reply = client.postImage(RECOGNIZE_HEALTH_CODE_OCR, TestImages.png());
            assertThat(reply.field("Name").asText()).isEqualTo("cli");
            assertThat(reply.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(120));
        }
    }

    @Test
    void givenCredentialsAreUsedAndNotPrinted() throws Exception {
        // --recognizer empty: a 2 x 2 px image has no text, which the local recognizer would answer with ImageNoText.
        try (OcrSandbox sandbox = SandboxMain.launch(new String[] {"--port", "0", "--host", "127.0.0.1",
                "--credential", "AKIDone:keyOne", "--credential", "AKIDtwo:keyTwo:tok:en", "--recognizer", "empty"},
                console)) {
            assertThat(printed()).doesNotContain("keyOne").doesNotContain("keyTwo").contains("recognition: empty fields");
            assertThat(new SignedClient(sandbox.port(), "AKIDone", "keyOne")
                    .postImage(RECOGNIZE_HEALTH_CODE_OCR, TestImages.png()).code()).isNull();
            assertThat(new SignedClient(sandbox.port(), "AKIDtwo", "keyTwo").call(RECOGNIZE_HEALTH_CODE_OCR)
                    .token("tok:en").body(java.util.Map.of("ImageBase64", TestImages.base64(TestImages.png())))
                    .send().code()).isNull();
        }
    }

    @Test
    void aForeignLoadCanBeStartedFromTheCommandLine() {
        try (OcrSandbox sandbox = SandboxMain.launch(new String[] {"--port", "0", "--recognizer", "empty",
                "--foreign-load", "RecognizeHealthCodeOCR=4"}, console)) {
            assertThat(printed()).contains("foreign load on RecognizeHealthCodeOCR: 4.0 requests/s");
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                    .until(() -> sandbox.foreignAdmitted(RECOGNIZE_HEALTH_CODE_OCR) > 0);
        }
        assertThatThrownBy(() -> SandboxMain.launch(new String[] {"--foreign-load", "RecognizeHealthCodeOCR=-1"},
                console)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--foreign-load");
    }

    @Test
    void badArgumentsAreRefused() {
        assertThatThrownBy(() -> SandboxMain.launch(new String[] {"--quota", "health=3"}, console))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("health");
        assertThatThrownBy(() -> SandboxMain.launch(new String[] {"--credential", "onlyid"}, console))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SandboxMain.launch(new String[] {"--port"}, console))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SandboxMain.launch(new String[] {"--bogus", "1"}, console))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(SandboxMain.launch(new String[] {"--help"}, console)).isNull();
        assertThat(printed()).contains("Usage");
    }
}
