package dev.ocrbridge.service;

import static dev.ocrbridge.service.PipelineHarness.files;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.operations.HaltSwitch;
import dev.ocrbridge.recognition.OcrHeaders;
import dev.ocrbridge.sandbox.OcrSandbox;
import dev.ocrbridge.testsupport.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.camel.ConsumerTemplate;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dead-letter channels as endpoints: where a rejected or exhausted image goes is an endpoint URI per disposition
 * (here Camel's in-memory queue, as a JMS queue or a table would be configured), instead of the folder layout.
 */
class DeadLetterEndpointsTest {

    private static final OcrAction HEALTH = OcrAction.RECOGNIZE_HEALTH_CODE_OCR;
    private static final long WAIT_MS = 20_000;

    @TempDir
    Path data;
    private PipelineHarness harness;

    @AfterEach
    void stop() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    private void start(String rejectedUri, String exhaustedUri) throws Exception {
        Properties p = new Properties();
        p.setProperty("ocrbridge.dead-letter.rejected-uri", rejectedUri);
        p.setProperty("ocrbridge.dead-letter.retry-exhausted-uri", exhaustedUri);
        p.setProperty("ocrbridge.retry.max-redeliveries", "1");
        harness = PipelineHarness.start(data, OcrSandbox.builder(), p);
    }

    @Test
    void aRejectedImageGoesToTheRejectedEndpointWithItsErrorAndLeavesTheInbox() throws Exception {
        start("seda:rejected", "seda:exhausted");
        byte[] image = TestImages.noisePng(21);
        harness.sandbox().faults().failNext("FailedOperation.ImageNoText", 1);
        Path dropped = harness.drop(HEALTH, "blank.png", image);

        ConsumerTemplate consumer = harness.app().camelContext().createConsumerTemplate();
        Exchange dead = consumer.receive("seda:rejected", WAIT_MS);
        assertThat(dead).as("a dead letter on the rejected queue").isNotNull();
        assertThat(dead.getMessage().getBody(byte[].class)).isEqualTo(image);
        assertThat(dead.getMessage().getHeader(OcrHeaders.ERROR_CODE)).isEqualTo("FailedOperation.ImageNoText");
        assertThat(dead.getMessage().getHeader(OcrHeaders.DISPOSITION)).isEqualTo("reject");
        assertThat(dead.getMessage().getHeader(OcrHeaders.ACTION)).isEqualTo(HEALTH.actionName());
        assertThat(dead.getMessage().getHeader(OcrHeaders.REQUEST_ID, String.class)).isNotBlank();
        assertThat(dropped).as("an in-memory queue takes the exchange over: settled once consumed").exists();
        consumer.doneUoW(dead);

        // the queue holds it now: the inbox gives the file up, and the folder layout is not used
        await().atMost(Duration.ofMillis(WAIT_MS)).until(() -> !Files.exists(dropped));
        assertThat(files(data.resolve("dead-letter"))).isEmpty();
        assertThat(files(harness.archive(HEALTH))).isEmpty();
        assertThat(consumer.receiveNoWait("seda:exhausted")).isNull();
        assertThat(harness.sandbox().requests()).hasSize(1);
    }

    @Test
    void anImageWhoseRetriesRanOutGoesToTheExhaustedEndpoint() throws Exception {
        start("seda:rejected", "seda:exhausted");
        byte[] image = TestImages.noisePng(22);
        harness.sandbox().faults().failNext("InternalError", 100);
        harness.drop(HEALTH, "doomed.png", image);

        Exchange dead = harness.app().camelContext().createConsumerTemplate().receive("seda:exhausted", WAIT_MS);
        assertThat(dead).isNotNull();
        assertThat(dead.getMessage().getBody(byte[].class)).isEqualTo(image);
        assertThat(dead.getMessage().getHeader(OcrHeaders.ERROR_CODE)).isEqualTo("InternalError");
        assertThat(dead.getMessage().getHeader(OcrHeaders.DISPOSITION)).isEqualTo("retry-exhausted");
        assertThat(harness.sandbox().requests()).hasSize(2);
    }

    @Test
    void anEndpointThatRefusesTheDeadLetterHaltsTheActionAndTheFileStays() throws Exception {
        // a direct: endpoint nobody consumes refuses every message, as a broker that is down would
        start("direct:nobody-listens?block=false", "direct:nobody-listens?block=false");
        byte[] image = TestImages.noisePng(23);
        harness.sandbox().faults().failNext("FailedOperation.ImageNoText", 1);
        Path dropped = harness.drop(HEALTH, "kept.png", image);

        HaltSwitch halts = harness.app().camelContext().getRegistry().findSingleByType(HaltSwitch.class);
        await().atMost(Duration.ofMillis(WAIT_MS)).until(() -> halts.haltOf(HEALTH).isPresent());
        assertThat(halts.haltOf(HEALTH).get().code()).isEqualTo("Storage.WriteFailed");
        assertThat(dropped).hasBinaryContent(image);
        assertThat(files(data.resolve("dead-letter"))).isEmpty();
    }
}
