package dev.ocrbridge.operations;

import static dev.ocrbridge.actions.OcrAction.RECOGNIZE_HEALTH_CODE_OCR;
import static dev.ocrbridge.actions.OcrAction.RECOGNIZE_KOREAN_ID_CARD_OCR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.ocrbridge.service.PipelineHarness;
import dev.ocrbridge.testsupport.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backlog over real HTTP: files waiting, the oldest one's age, the time the inbox takes at the current rate,
 * the halt and the dead letters per code, on {@code /observe/metrics} and in the health details; right while the
 * action is halted and after a restart, because they are read from the folders.
 */
class BacklogEndpointTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String HEALTH = RECOGNIZE_HEALTH_CODE_OCR.actionName();
    private static final String REJECTED = "FailedOperation.ImageNoText";
    /** A file name as people name scans: their own name; it must appear nowhere. */
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
    void whileHaltedTheGaugesAndHealthShowWhatWaitsHowOldHowLongAndTheDeadLetters() throws Exception {
        harness = PipelineHarness.start(data);
        deadLetterOne();
        harness.sandbox().faults().actionAnswer(RECOGNIZE_HEALTH_CODE_OCR, "FailedOperation.UnOpenError");
        harness.drop(RECOGNIZE_HEALTH_CODE_OCR, NAME + "-1.png", TestImages.noisePng(2));
        await().atMost(WAIT).until(() -> harness.http("GET", "/observe/health").getValue()
                .contains("FailedOperation.UnOpenError"));
        harness.awaitIdle();
        for (int i = 2; i <= 3; i++) {
            Path waiting = harness.drop(RECOGNIZE_HEALTH_CODE_OCR, NAME + "-" + i + ".png", TestImages.noisePng(2 + i));
            Files.setLastModifiedTime(waiting, FileTime.from(Instant.now().minus(Duration.ofHours(i))));
        }

        await().atMost(WAIT).until(() -> gauge(metrics(), "ocrbridge_inbox_files", HEALTH).orElse(-1) == 3);
        String metrics = metrics();
        assertThat(gauge(metrics, "ocrbridge_halted", HEALTH)).hasValue(1);
        assertThat(gauge(metrics, "ocrbridge_inbox_oldest_seconds", HEALTH).orElseThrow())
                .isBetween(3.0 * 3600, 3.0 * 3600 + WAIT.toSeconds() * 4);
        double rate = Double.parseDouble(harness.app().camelContext()
                .resolvePropertyPlaceholders("{{ocr.health-code.rate}}"));
        assertThat(gauge(metrics, "ocrbridge_backlog_eta_seconds", HEALTH).orElseThrow())
                .isCloseTo(3 / rate, within(1e-6));
        assertThat(metrics).containsPattern("(?m)^ocrbridge_dead_letters\\{action=\"" + HEALTH + "\",code=\""
                + Pattern.quote(REJECTED) + "\"} 1(\\.0)?$");
        assertThat(gauge(metrics, "ocrbridge_halted", RECOGNIZE_KOREAN_ID_CARD_OCR.actionName())).hasValue(0);
        assertThat(gauge(metrics, "ocrbridge_inbox_files", RECOGNIZE_KOREAN_ID_CARD_OCR.actionName())).hasValue(0);
        assertThat(metrics).doesNotContain(NAME);

        String health = harness.http("GET", "/observe/health?exposureLevel=full&data=true").getValue();
        assertThat(health).contains("\"" + HEALTH + ".inboxFiles\":3", "\"" + HEALTH + ".halted\":true",
                "\"" + HEALTH + ".deadLetters." + REJECTED + "\":1", HEALTH + ".backlogEtaSeconds",
                HEALTH + ".inboxOldestSeconds").doesNotContain(NAME);
    }

    @Test
    void afterARestartTheDeadLettersAreCountedFromTheirFolders() throws Exception {
        harness = PipelineHarness.start(data);
        deadLetterOne();
        harness.close();

        harness = PipelineHarness.start(data);
        String metrics = metrics();
        assertThat(metrics).containsPattern("(?m)^ocrbridge_dead_letters\\{action=\"" + HEALTH + "\",code=\""
                + Pattern.quote(REJECTED) + "\"} 1(\\.0)?$");
        assertThat(gauge(metrics, "ocrbridge_halted", HEALTH)).hasValue(0);
        assertThat(gauge(metrics, "ocrbridge_inbox_files", HEALTH)).hasValue(0);
        assertThat(gauge(metrics, "ocrbridge_backlog_eta_seconds", HEALTH)).hasValue(0);
    }

    /** One image the sandbox rejects, in dead-letter/health-code/FailedOperation.ImageNoText/ with its error. */
    private void deadLetterOne() {
        harness.sandbox().faults().failNext(REJECTED, 1);
        harness.drop(RECOGNIZE_HEALTH_CODE_OCR, NAME + "-blank.png", TestImages.noisePng(1));
        await().atMost(WAIT).until(() -> PipelineHarness.files(harness.deadLetter(RECOGNIZE_HEALTH_CODE_OCR, REJECTED))
                .size() == 2);
        harness.awaitIdle();
    }

    private String metrics() {
        var r = harness.http("GET", "/observe/metrics");
        assertThat(r.getKey()).isEqualTo(200);
        return r.getValue();
    }

    /** The value of an action's gauge in a Prometheus scrape. */
    private static OptionalDouble gauge(String scrape, String name, String action) {
        Matcher m = Pattern.compile("(?m)^" + name + "\\{action=\"" + Pattern.quote(action) + "\"} (\\S+)$")
                .matcher(scrape);
        return m.find() ? OptionalDouble.of(Double.parseDouble(m.group(1))) : OptionalDouble.empty();
    }
}
