package dev.ocrbridge.operations;

import static dev.ocrbridge.actions.OcrAction.RECOGNIZE_HEALTH_CODE_OCR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ocrbridge.service.PipelineHarness;
import dev.ocrbridge.testsupport.TestImages;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service's metrics endpoint over real HTTP: after one image the component's call meters are there, counted
 * once under the action, next to the service's own; no name of the file in them. Counts only, no duration.
 */
class MetricsEndpointTest {

    /** A file name as people name scans: their own name. */
    private static final String NAME = "김민수";

    @TempDir
    Path data;
    private PipelineHarness harness;

    @AfterEach
    void stop() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void oneRecognizedImageShowsOneTimedCallAndOneQuotaTurnOfItsAction() throws Exception {
        harness = PipelineHarness.start(data);
        harness.drop(RECOGNIZE_HEALTH_CODE_OCR, NAME + ".png", TestImages.noisePng(1));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> PipelineHarness.files(harness.outbox(RECOGNIZE_HEALTH_CODE_OCR)).size() == 1);

        Map.Entry<Integer, String> metrics = harness.http("GET", "/observe/metrics");

        assertThat(metrics.getKey()).isEqualTo(200);
        assertThat(metrics.getValue())
                .containsPattern("(?m)^ocrbridge_api_latency_seconds_count\\{action=\"RecognizeHealthCodeOCR\","
                        + "code=\"none\"} 1(\\.0)?$")
                .containsPattern("(?m)^ocrbridge_throttle_wait_seconds_count\\{action=\"RecognizeHealthCodeOCR\"} "
                        + "1(\\.0)?$")
                .containsPattern("(?m)^ocrbridge_images_total\\{action=\"RecognizeHealthCodeOCR\".*} 1(\\.0)?$")
                .doesNotContain(NAME);
        assertThat(harness.sandbox().requests()).hasSize(1);
    }
}
