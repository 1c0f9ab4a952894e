package dev.ocrbridge.service;

import static dev.ocrbridge.actions.OcrAction.RECOGNIZE_HEALTH_CODE_OCR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ocrbridge.recognition.DataFolders;
import dev.ocrbridge.sandbox.OcrSandbox;
import dev.ocrbridge.testsupport.ShippedLog;
import dev.ocrbridge.testsupport.TestImages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * JSON logs of the real service: {@code ocrbridge.log-format=json} makes the service's lines JSON objects, and with
 * config/logback-json.xml at TRACE, Camel's MDC carrying the file name, a file named after a person that fails
 * leaves the name in no field of any line, while the events themselves did carry it.
 */
class JsonLogsTest {

    /** A file name as people name scans: their own name. */
    private static final String NAME = "김민수";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;
    private PipelineHarness harness;
    private final LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();

    @AfterEach
    void stop() throws Exception {
        if (harness != null) {
            harness.close();
        }
        logging.reset();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(logging);
        configurator.doConfigure(getClass().getResource("/logback-test.xml"));
    }

    @Test
    void theLogFormatSettingMakesEveryLineOfTheServiceAJsonObject() throws Exception {
        Path deadLetters = new DataFolders(data).deadLetters(RECOGNIZE_HEALTH_CODE_OCR);
        Path log = data.resolve("service-json.log");
        try (OcrSandbox sandbox = OcrSandbox.builder().port(0)
                .credential(PipelineHarness.SECRET_ID, PipelineHarness.SECRET_KEY).build().start()) {
            Process service = ChildService.launch(data, sandbox, "json", Map.of("ocrbridge.log-format", "json"));
            try {
                Path inbox = Files.createDirectories(new DataFolders(data).inbox(RECOGNIZE_HEALTH_CODE_OCR));
                // not an image at all: refused by the local pre-check
                Files.writeString(inbox.resolve(NAME + ".png"), "not an image");
                await().atMost(Duration.ofSeconds(60)).until(() -> PipelineHarness.files(deadLetters).stream()
                        .anyMatch(f -> f.getFileName().toString().equals(NAME + ".png")));
            } finally {
                service.destroy();
                service.waitFor();
            }
        }

        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isBlank()).toList();
        assertThat(lines).as("the service logged").isNotEmpty();
        for (String line : lines) {
            JsonNode json = JSON.readTree(line);
            assertThat(json.isObject()).as(line).isTrue();
            assertThat(json.path("level").asText()).as(line).isNotBlank();
            assertThat(json.has("message")).as(line).isTrue();
        }
        assertThat(lines).anySatisfy(l -> assertThat(JSON.readTree(l).path("logger_name").asText())
                .startsWith("dev.ocrbridge"));
        assertThat(String.join("\n", lines)).doesNotContain(NAME);
    }

    @Test
    void atTraceWithTheFileNameInCamelsMdcAFailingFileNamedAfterAPersonLeavesTheNameInNoField() throws Exception {
        ShippedLog log = ShippedLog.atTrace(logging, Path.of("config", "logback-json.xml"), JsonLogsTest::carries);
        Properties mdc = new Properties();
        mdc.setProperty("camel.main.use-mdc-logging", "true");
        mdc.setProperty("camel.main.mdc-logging-keys-pattern", "*");
        harness = PipelineHarness.start(data, OcrSandbox.builder(), mdc);
        byte[] image = TestImages.noisePng(41);
        harness.sandbox().fixtures().registerError(image, "FailedOperation.OcrFailed", "no text of " + NAME);
        harness.drop(RECOGNIZE_HEALTH_CODE_OCR, NAME + ".png", image);
        Path failed = harness.deadLetter(RECOGNIZE_HEALTH_CODE_OCR, "FailedOperation.OcrFailed").resolve(NAME + ".png");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.isRegularFile(failed));
        harness.close();
        harness = null;

        assertThat(log.counted()).as("events did carry the name (message, MDC or exception)")
                .isPositive();
        List<String> lines = log.entries();
        assertThat(lines).hasSizeGreaterThan(100);
        int withMdc = 0;
        for (String line : lines) {
            JsonNode json = JSON.readTree(line);
            assertThat(json.isObject()).as(line).isTrue();
            withMdc += json.has("mdc") ? 1 : 0;
        }
        assertThat(withMdc).as("lines with Camel's MDC").isPositive();
        assertThat(String.join("\n", lines)).doesNotContain(NAME);
    }

    /** Whether an event carries the name, in its message, its MDC or its exception's messages. */
    private static boolean carries(ILoggingEvent event) {
        boolean carries = String.valueOf(event.getFormattedMessage()).contains(NAME)
                || String.valueOf(event.getMDCPropertyMap()).contains(NAME);
        for (IThrowableProxy t = event.getThrowableProxy(); t != null && !carries; t = t.getCause()) {
            carries = String.valueOf(t.getMessage()).contains(NAME);
        }
        return carries;
    }
}
