package dev.ocrbridge.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import dev.ocrbridge.errors.OcrException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

/** The encoder of config/logback.xml: what it writes for ours and for a library, with and without exceptions. */
class RedactingEncoderTest {

    private final LoggerContext context = new LoggerContext();

    RedactingEncoderTest() {
        context.setMDCAdapter(org.slf4j.MDC.getMDCAdapter());
    }

    private String encode(String pattern, String logger, String message, Throwable t, Object... args) {
        return encode(Level.WARN, pattern, logger, message, t, args);
    }

    private String encode(Level level, String pattern, String logger, String message, Throwable t, Object... args) {
        RedactingEncoder encoder = new RedactingEncoder();
        encoder.setContext(context);
        encoder.setPattern(pattern);
        encoder.start();
        Logger l = context.getLogger(logger);
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), l, level, message, t, args);
        return new String(encoder.encode(event), StandardCharsets.UTF_8);
    }

    @Test
    void libraryExceptionsPrintAsClassNamesAndFramesWithoutTheirMessages() {
        Exception e = new IllegalStateException("Cannot commit /data/inbox/김철수.png",
                new NoSuchFileException("/data/inbox/health-code/김철수 주민등록증.png"));
        String out = encode("%level %logger - %msg%n%ex", "org.apache.camel.component.file.GenericFileOnCompletion",
                "Error during commit", e);
        assertThat(out).startsWith("WARN org.apache.camel.component.file.GenericFileOnCompletion - Error during commit")
                .contains("java.lang.IllegalStateException", "Caused by: java.nio.file.NoSuchFileException",
                        "\tat dev.ocrbridge.logging.RedactingEncoderTest")
                .doesNotContain("김철수", "/data/inbox", "Cannot commit");
    }

    @Test
    void anOcrExceptionShowsItsCodeAndRequestIdNeverTheApisMessage() {
        OcrException e = OcrException.fromApi("FailedOperation.OcrFailed", "OCR failed for 이영희 9988776655",
                "5b0c6c2e-5d3c-4f0e-9d5a-0c8f1e8a1b7e");
        assertThat(e.getMessage()).doesNotContain("이영희")
                .contains("FailedOperation.OcrFailed", "5b0c6c2e-5d3c-4f0e-9d5a-0c8f1e8a1b7e");
        assertThat(e.detail()).isEqualTo("OCR failed for 이영희 9988776655");
        String out = encode("%msg%n%ex", "org.apache.camel.processor.errorhandler.DefaultErrorHandler",
                "Failed delivery for (MessageId: x). Exhausted after delivery attempt: 1 caught: " + e, e);
        assertThat(out).contains("dev.ocrbridge.errors.OcrException [FailedOperation.OcrFailed, "
                + "RequestId 5b0c6c2e-5d3c-4f0e-9d5a-0c8f1e8a1b7e]")
                .doesNotContain("이영희", "9988776655", "OCR failed for");
    }

    @Test
    void aPatternWithoutAnExceptionWordStillGetsTheRedactedOneAndAliasesAreRedactedToo() {
        Exception e = new NoSuchFileException("/data/inbox/김철수.png");
        for (String pattern : new String[] {"%m%n", "%message %xEx", "%msg %rEx{short}", "%msg %throwable",
            "%replace(%msg){'x', 'y'}%n"}) {
            String out = encode(pattern, "org.apache.camel.Foo", "Failed on {}", e, "/data/inbox/김철수.png");
            assertThat(out).as(pattern).contains("java.nio.file.NoSuchFileException").doesNotContain("김철수", "/data");
        }
    }

    @Test
    void aConversionRuleInTheConfigurationCannotBringBackTheRawMessage() {
        context.putObject(ch.qos.logback.core.CoreConstants.PATTERN_RULE_REGISTRY, new java.util.HashMap<>(
                java.util.Map.of("msg", ch.qos.logback.classic.pattern.MessageConverter.class.getName())));
        String out = encode("%msg", "org.apache.camel.Foo", "Polled {}", null, "김철수.png");
        assertThat(out).isEqualTo("Polled " + Redactor.hash("김철수.png"));
    }

    @Test
    void camelsLifecycleLinesStayReadableAtInfoButNeverShowAUriWithItsPassword() {
        String uri = "imap://127.0.0.1:993?password=RAW(Pass word-1)&username=RAW(ocr)";
        String info = encode("%msg", "org.apache.camel.impl.engine.AbstractCamelContext", "Started {} ({})", null,
                "mail-health-code", uri);
        assertThat(info).startsWith("Started mail-health-code (#").doesNotContain("Pass", "RAW");
        String trace = encode(Level.TRACE, "%level %msg", "org.apache.camel.impl.engine.AbstractCamelContext",
                "Getting endpoint with raw uri: {}", null, "folderName=x&password=RAW(Secret)&unseen=true");
        assertThat(trace).startsWith("TRACE Getting endpoint with raw uri: #").doesNotContain("Secret", "password");
        assertThat(Redactor.mask("folderName=x&password=RAW(Secret)&unseen=true")).doesNotContain("Secret")
                .startsWith("folderName=x&password=#");
    }

    @Test
    void mdcValuesOtherThanCamelsIdsAreHashed() {
        org.slf4j.MDC.put("camel.routeId", "file-drop-health-code");
        org.slf4j.MDC.put("CamelFileName", "김철수.png");
        try {
            assertThat(encode("%X{camel.routeId} %X{CamelFileName} %X{missing:-none}", "org.apache.camel.Foo", "x", null))
                    .isEqualTo("file-drop-health-code " + Redactor.hash("김철수.png") + " none");
            assertThat(encode("%mdc", "org.apache.camel.Foo", "x", null)).doesNotContain("김철수")
                    .contains("camel.routeId=file-drop-health-code");
        } finally {
            org.slf4j.MDC.clear();
        }
    }

    @Test
    void ourOwnLinesKeepTheirArgumentsAndAreEscaped() {
        String out = encode("%msg", "dev.ocrbridge.operations.HaltSwitch", "Intake for {} halted: {}", null,
                "RecognizeHealthCodeOCR", "AuthFailure.SecretIdNotFound\nforged");
        assertThat(out).isEqualTo("Intake for RecognizeHealthCodeOCR halted: AuthFailure.SecretIdNotFound\\nforged");
    }
}
