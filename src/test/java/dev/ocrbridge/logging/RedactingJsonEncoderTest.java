package dev.ocrbridge.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Map;
import net.logstash.logback.composite.loggingevent.LoggingEventJsonProviders;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;

/**
 * The JSON encoder of config/logback-json.xml: one JSON object per line, whose message, MDC, key/value pairs and
 * stack trace go through the plain lines' redaction.
 */
class RedactingJsonEncoderTest {

    private static final String NAME = "김민수";
    private final LoggerContext context = new LoggerContext();

    RedactingJsonEncoderTest() {
        context.setMDCAdapter(org.slf4j.MDC.getMDCAdapter());
    }

    @Test
    void aLibrarysEventWithANameInItsArgumentsMdcPairsAndExceptionIsOneJsonLineWithoutTheName() throws Exception {
        Logger camel = context.getLogger("org.apache.camel.component.file.GenericFileOnCompletion");
        Exception failure = new IOException("Cannot rename /data/inbox/health-code/" + NAME + ".png",
                new NoSuchFileException("/data/inbox/health-code/" + NAME + " 주민등록증.png"));
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), camel, Level.WARN,
                "Error renaming file: {} to: {}", failure,
                new Object[] {"/data/inbox/health-code/" + NAME + ".png", NAME + ".png"});
        event.setMDCPropertyMap(Map.of("camel.routeId", "file-drop-health-code", "CamelFileName", NAME + ".png"));
        event.setKeyValuePairs(List.of(new KeyValuePair("file", NAME + ".png")));

        String line = encode(event);

        assertThat(line).endsWith("\n").doesNotContain(NAME).doesNotContain("주민등록증");
        assertThat(line.strip()).doesNotContain("\n");
        JsonNode json = new ObjectMapper().readTree(line);
        assertThat(json.path("level").asText()).isEqualTo("WARN");
        assertThat(json.path("logger_name").asText()).isEqualTo(camel.getName());
        assertThat(json.path("@timestamp").asText()).isNotBlank();
        assertThat(json.path("message").asText()).startsWith("Error renaming file: #");
        assertThat(json.path("mdc").path("camel.routeId").asText()).isEqualTo("file-drop-health-code");
        assertThat(json.path("mdc").path("CamelFileName").asText()).startsWith("#");
        assertThat(json.path("kv").path("file").asText()).startsWith("#");
        assertThat(json.path("stack_trace").asText())
                .contains("java.io.IOException", "Caused by: java.nio.file.NoSuchFileException", "\tat ")
                .doesNotContain("Cannot rename");
    }

    @Test
    void ourOwnLinesReadAsWrittenAndAnEventWithoutMdcHasNoMdcField() throws Exception {
        Logger own = context.getLogger("dev.ocrbridge.operations.Retention");
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), own, Level.INFO,
                "Retention: removed {} files", null, new Object[] {5});

        JsonNode json = new ObjectMapper().readTree(encode(event));

        assertThat(json.path("message").asText()).isEqualTo("Retention: removed 5 files");
        assertThat(json.has("mdc")).isFalse();
        assertThat(json.has("stack_trace")).isFalse();
    }

    @Test
    void providersCannotBeConfigured() {
        assertThatThrownBy(() -> new RedactingJsonEncoder().setProviders(new LoggingEventJsonProviders()))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    private String encode(LoggingEvent event) {
        RedactingJsonEncoder encoder = new RedactingJsonEncoder();
        encoder.setContext(context);
        encoder.start();
        return new String(encoder.encode(event), StandardCharsets.UTF_8);
    }
}
