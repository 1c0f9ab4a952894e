package dev.ocrbridge.operations;

import static dev.ocrbridge.actions.OcrAction.RECOGNIZE_HEALTH_CODE_OCR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ocrbridge.service.PipelineHarness;
import dev.ocrbridge.testsupport.TestImages;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator endpoints over real HTTP: resume only for the operator, health telling the truth. */
class OperatorEndpointTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path data;
    private PipelineHarness harness;

    @BeforeEach
    void haltTheHealthCodeAction() throws Exception {
        harness = PipelineHarness.start(data);
        harness.sandbox().faults().actionAnswer(RECOGNIZE_HEALTH_CODE_OCR, "FailedOperation.UnOpenError");
        harness.drop(RECOGNIZE_HEALTH_CODE_OCR, "a.png", TestImages.noisePng(1));
        await().atMost(WAIT).until(() -> health().body().contains("FailedOperation.UnOpenError"));
        assertThat(health().status()).isEqualTo(503);
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    @Test
    void aForeignHostOrACrossOriginRequestCannotResume() {
        int port = harness.httpPort();
        String path = "/ocrbridge/actions/health-code/resume";
        // DNS rebinding: the browser connects to loopback but names the attacker's host
        assertRefused(RawHttp.send(port, "POST", path, "Host: attacker.example:" + port));
        assertRefused(RawHttp.send(port, "POST", path, "Host: attacker.example"));
        // a page of another origin posting a "simple" request (no preflight)
        assertRefused(RawHttp.send(port, "POST", path, "Origin: http://attacker.example",
                "Content-Type: text/plain"));
        assertRefused(RawHttp.send(port, "POST", path, "Origin: null"));
        assertRefused(RawHttp.send(port, "POST", path, "Sec-Fetch-Site: cross-site"));
        assertRefused(RawHttp.send(port, "POST", path, "Content-Type: application/x-www-form-urlencoded"));
        assertRefused(RawHttp.send(port, "POST", path, "Content-Type: text/plain"));

        // still halted, and health still says so
        assertThat(health().status()).isEqualTo(503);
        assertThat(harness.inbox(RECOGNIZE_HEALTH_CODE_OCR).resolve("a.png")).exists();
    }

    @Test
    void healthAndMetricsRefuseAForeignHostSoARebindingPageCannotReadThem() {
        int port = harness.httpPort();
        for (String path : new String[] {"/observe/health", "/observe/metrics"}) {
            RawHttp.Response rebound = RawHttp.send(port, "GET", path, "Host: attacker.example:" + port);
            assertThat(rebound.status()).as(path).isEqualTo(403);
            assertThat(rebound.body()).as(path).contains("Operator.RequestRefused")
                    .doesNotContain("FailedOperation.UnOpenError").doesNotContain("ocrbridge_");
        }
        assertThat(RawHttp.send(port, "GET", "/observe/metrics", "Host: localhost:" + port).status()).isEqualTo(200);
    }

    @Test
    void aBodyOverTheLimitIsRefusedBeforeItIsReadOrTheGuardRuns() {
        // only the headers go out: the server must answer without waiting for (or buffering) the megabyte, which
        // is under Vert.x's own default limit (10 MB)
        RawHttp.Response r = RawHttp.declareBody(harness.httpPort(), "POST", "/ocrbridge/actions/health-code/resume",
                1_000_000L, "Content-Type: application/json");
        assertThat(r.status()).isEqualTo(413);
        assertThat(health().status()).as("still halted").isEqualTo(503);
    }

    @Test
    void theOperatorResumesFromThisMachineAndTheFileIsThenRecognized() {
        harness.sandbox().faults().clearActionAnswer(RECOGNIZE_HEALTH_CODE_OCR);
        RawHttp.Response resumed = RawHttp.send(harness.httpPort(), "POST", "/ocrbridge/actions/health-code/resume",
                "Host: localhost:" + harness.httpPort());
        assertThat(resumed.status()).isEqualTo(200);
        assertThat(resumed.body()).isEqualTo("{\"action\":\"health-code\",\"wasHalted\":true}");
        await().atMost(WAIT).until(() -> PipelineHarness.files(harness.outbox(RECOGNIZE_HEALTH_CODE_OCR)).size() == 1);
        assertThat(health().status()).isEqualTo(200);
        assertThat(health().body()).contains("\"UP\"");
    }

    @Test
    void anUnknownActionIsA404WithAStableCode() {
        RawHttp.Response r = RawHttp.send(harness.httpPort(), "POST", "/ocrbridge/actions/%0aforged/resume");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.body()).contains("Operator.UnknownAction").doesNotContain("forged");
        assertThat(health().status()).isEqualTo(503);
    }

    @Test
    void aChannelIsResumedOverTheSameGuardedEndpointsAndAnUnknownChannelIsA404() {
        int port = harness.httpPort();
        assertRefused(RawHttp.send(port, "POST", "/ocrbridge/channels/sftp/resume", "Host: attacker.example"));
        RawHttp.Response unknown = RawHttp.send(port, "POST", "/ocrbridge/channels/%0aforged/resume");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body()).contains("Operator.UnknownChannel").doesNotContain("forged");
        RawHttp.Response resumed = RawHttp.send(port, "POST", "/ocrbridge/channels/sftp/resume",
                "Host: localhost:" + port);
        assertThat(resumed.status()).isEqualTo(200);
        assertThat(resumed.body()).isEqualTo("{\"channel\":\"sftp\",\"wasHalted\":false}");
        // a channel's resume is not the action's: the halted action stays halted
        assertThat(health().status()).isEqualTo(503);
    }

    private static void assertRefused(RawHttp.Response r) {
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.body()).contains("Operator.RequestRefused").doesNotContain("wasHalted");
    }

    private RawHttp.Response health() {
        return RawHttp.send(harness.httpPort(), "GET", "/observe/health");
    }
}
