package dev.ocrbridge.sandbox;

import static dev.ocrbridge.actions.OcrAction.RECOGNIZE_HEALTH_CODE_OCR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ocrbridge.sandbox.cli.Console;
import dev.ocrbridge.testsupport.TestImages;
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
        Files.writeString(fixtures.resolve("a.json"), "{\"sha256\": \"" + FixtureRegistry.sha256(TestImages.tinyPng())
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
            SignedClient.Reply reply = client.postImage(RECOGNIZE_HEALTH_CODE_OCR, TestImages.tinyPng());
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
                    .postImage(RECOGNIZE_HEALTH_CODE_OCR, TestImages.tinyPng()).code()).isNull();
            assertThat(new SignedClient(sandbox.port(), "AKIDtwo", "keyTwo").call(RECOGNIZE_HEALTH_CODE_OCR)
                    .token("tok:en").body(java.util.Map.of("ImageBase64", TestImages.base64(TestImages.tinyPng())))
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
    void boundBeyondLoopbackTheAdminApiAsksForTheTokenFromTheEnvironment() throws Exception {
        String token = "operatorChosenToken0123456789abc";
        try (OcrSandbox sandbox = SandboxMain.launch(new String[] {"--host", "0.0.0.0", "--port", "0", "--recognizer",
                "empty"}, console, name -> name.equals(SandboxMain.ADMIN_TOKEN_ENV) ? token : null)) {
            String url = "http://127.0.0.1:" + sandbox.port() + "/_sandbox/faults";
            assertThat(admin(url, null).statusCode()).isEqualTo(401);
            assertThat(admin(url, "Bearer wrong" + token).statusCode()).isEqualTo(401);
            assertThat(admin(url, "Bearer " + token.substring(1)).statusCode()).isEqualTo(401);
            assertThat(sandbox.faults().latencyMillis()).isZero();
            assertThat(admin(url, "Bearer " + token).statusCode()).isEqualTo(200);
            assertThat(sandbox.faults().latencyMillis()).isEqualTo(7);
            assertThat(printed()).doesNotContain(token);
        }
    }

    @Test
    void theAdminTokenCanComeFromAFile(@TempDir Path dir) throws Exception {
        String token = "tokenFromAFile0123456789abcdefgh";
        Path file = Files.writeString(dir.resolve("admin-token"), token + "\n");
        try (OcrSandbox sandbox = SandboxMain.launch(new String[] {"--host", "0.0.0.0", "--port", "0", "--recognizer",
                "empty", "--admin-token-file", file.toString()}, console, name -> "notThisOne")) {
            String url = "http://127.0.0.1:" + sandbox.port() + "/_sandbox/faults";
            assertThat(admin(url, "Bearer notThisOne").statusCode()).isEqualTo(401);
            assertThat(admin(url, "Bearer " + token).statusCode()).isEqualTo(200);
            assertThat(printed()).doesNotContain(token);
        }
        Path empty = Files.writeString(dir.resolve("empty"), "");
        assertThatThrownBy(() -> SandboxMain.launch(new String[] {"--host", "0.0.0.0", "--port", "0",
                "--admin-token-file", empty.toString()}, console)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--admin-token-file");
    }

    @Test
    void boundBeyondLoopbackWithoutATokenOneIsGeneratedAndPrintedOnce() throws Exception {
        try (OcrSandbox sandbox = SandboxMain.launch(new String[] {"--host", "0.0.0.0", "--port", "0", "--recognizer",
                "empty"}, console)) {
            assertThat(sandbox.adminToken()).matches("[A-Za-z0-9]{32}");
            assertThat(printed().split(sandbox.adminToken(), -1)).hasSize(2);
            String url = "http://127.0.0.1:" + sandbox.port() + "/_sandbox/faults";
            assertThat(admin(url, null).statusCode()).isEqualTo(401);
            assertThat(admin(url, "Bearer " + sandbox.adminToken()).statusCode()).isEqualTo(200);
        }
        try (OcrSandbox loopback = SandboxMain.launch(new String[] {"--port", "0", "--recognizer", "empty"}, console)) {
            assertThat(loopback.adminToken()).as("on loopback: loopback clients only, no token").isNull();
        }
    }

    private static java.net.http.HttpResponse<String> admin(String url, String authorization) throws Exception {
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"latencyMillis\": 7}"))
                .timeout(Duration.ofSeconds(10));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return java.net.http.HttpClient.newHttpClient().send(request.build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
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
