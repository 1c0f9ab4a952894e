package dev.ocrbridge.operations;

import static dev.ocrbridge.actions.OcrAction.RECOGNIZE_HEALTH_CODE_OCR;
import static dev.ocrbridge.service.PipelineHarness.files;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ocrbridge.service.PipelineHarness;
import dev.ocrbridge.testsupport.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Re-drive over real HTTP: the dead letters of one code go back into the inbox, are recognized, and an image whose
 * answer is recorded is answered from the record, not billed again; only the operator may ask, and a code that
 * would reach outside its folder is refused.
 */
class RedriveEndpointTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String REJECTED = "FailedOperation.ImageNoText";
    private static final String REDRIVE = "/ocrbridge/actions/health-code/dead-letters/" + REJECTED + "/redrive";

    @TempDir
    Path data;
    private PipelineHarness harness;
    private final byte[] image = TestImages.noisePng(24);

    @BeforeEach
    void deadLetterOneImageThenRecognizeItsTwin() throws Exception {
        harness = PipelineHarness.start(data);
        harness.sandbox().faults().failNext(REJECTED, 1);
        harness.drop(RECOGNIZE_HEALTH_CODE_OCR, "first.png", image);
        await().atMost(WAIT).until(() -> files(deadLetters()).size() == 2);
        // the same image again, now answered: its answer is recorded
        harness.drop(RECOGNIZE_HEALTH_CODE_OCR, "twin.png", image);
        await().atMost(WAIT).until(() -> files(harness.outbox(RECOGNIZE_HEALTH_CODE_OCR)).size() == 1);
        harness.awaitIdle();
        assertThat(harness.sandbox().requests()).hasSize(2);
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    @Test
    void theOperatorRedrivesADeadLetterAndItsRecordedAnswerIsNotBilledAgain() {
        var answer = harness.http("POST", REDRIVE);

        assertThat(answer.getKey()).isEqualTo(200);
        assertThat(answer.getValue()).isEqualTo("{\"redriven\":1,\"nameTaken\":0}");
        Path result = harness.outbox(RECOGNIZE_HEALTH_CODE_OCR).resolve("first.json");
        await().atMost(WAIT).until(() -> Files.isRegularFile(result));
        harness.awaitIdle();
        assertThat(PipelineHarness.json(result).path("reused").asBoolean()).isTrue();
        assertThat(harness.sandbox().requests()).as("answered from the record of answers").hasSize(2);
        assertThat(files(deadLetters())).as("the original and its error file are gone").isEmpty();
        assertThat(files(harness.inbox(RECOGNIZE_HEALTH_CODE_OCR))).isEmpty();

        assertThat(harness.http("POST", REDRIVE).getValue()).isEqualTo("{\"redriven\":0,\"nameTaken\":0}");
    }

    @Test
    void aForeignHostCannotRedriveAndCodesThatLeaveTheFolderAreRefused() throws Exception {
        int port = harness.httpPort();
        RawHttp.Response foreign = RawHttp.send(port, "POST", REDRIVE, "Host: attacker.example");
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.body()).contains("Operator.RequestRefused");

        // a file one level up, where ".." would lead
        Path above = Files.write(deadLetters().getParent().resolve("above.png"), image);
        for (String code : new String[] {"..", "%2E%2E", "a..b", "%2e%2e%2f..", "x%2Fy", "x%0Ay", "%E2%80%AE", "."}) {
            RawHttp.Response r = RawHttp.send(port, "POST",
                    "/ocrbridge/actions/health-code/dead-letters/" + code + "/redrive");
            assertThat(r.status()).as(code).isIn(400, 404);
            assertThat(r.body()).as(code).doesNotContain("redriven");
        }
        RawHttp.Response invalid = RawHttp.send(port, "POST", "/ocrbridge/actions/health-code/dead-letters/a..b/redrive");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.body()).contains("Operator.InvalidCode").doesNotContain("a..b");
        RawHttp.Response unknown = RawHttp.send(port, "POST", "/ocrbridge/actions/forged/dead-letters/" + REJECTED
                + "/redrive");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body()).contains("Operator.UnknownAction").doesNotContain("forged");

        assertThat(above).exists();
        assertThat(files(deadLetters())).hasSize(2);
        assertThat(files(harness.inbox(RECOGNIZE_HEALTH_CODE_OCR))).isEmpty();
    }

    private Path deadLetters() {
        return harness.deadLetter(RECOGNIZE_HEALTH_CODE_OCR, REJECTED);
    }
}
