package dev.ocrbridge.main;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.ocrbridge.service.PipelineHarness;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** What the service decides about its endpoint before it takes any image. */
class StartupChecksTest {

    @TempDir
    Path data;
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger appLogger = (Logger) LoggerFactory.getLogger(OcrBridgeApplication.class);

    @BeforeEach
    void captureLog() {
        log.start();
        appLogger.addAppender(log);
    }

    @AfterEach
    void releaseLog() {
        appLogger.detachAppender(log);
    }

    @Test
    void aRealEndpointWithoutKeysRefusesToStartInsteadOfBecomingTheSandbox() {
        Properties p = base();
        p.setProperty("ocr.endpoint", "https://ocr.tencentcloudapi.com");
        p.setProperty("ocr.secret-id", "AKIDtypoInTheEnvironment");
        p.setProperty("ocr.secret-key", " ");
        OcrBridgeApplication app = new OcrBridgeApplication(p);
        assertThatThrownBy(app::start).isInstanceOf(StartupRefusedException.class)
                .hasMessageContaining("no SecretId/SecretKey is configured")
                .hasMessageNotContaining("AKIDtypoInTheEnvironment");
        assertThat(app.sandbox()).as("no embedded sandbox was started").isNull();
    }

    @Test
    void theMailClientsDebugModeRefusesToStartAsItPrintsAroundTheLogsMasking() {
        for (String[] setting : new String[][] {
                {"ocrbridge.mail.options", "username=RAW(ocr)&password=RAW(MailPassword1)&debugMode=true"},
                {"ocrbridge.mail.reply.uri", "smtps://mail.example:465?debugMode=TRUE"}}) {
            Properties p = base();
            p.setProperty("ocr.secret-id", "");
            p.setProperty("ocr.secret-key", "");
            p.setProperty(setting[0], setting[1]);
            OcrBridgeApplication app = new OcrBridgeApplication(p);
            assertThatThrownBy(app::start).as(setting[0]).isInstanceOf(StartupRefusedException.class)
                    .hasMessageContaining("debug mode").hasMessageNotContaining("MailPassword1");
            assertThat(app.sandbox()).as("refused before anything started").isNull();
        }
    }

    @Test
    void anUnsetEndpointMeansTheSandboxAndSaysSo() throws Exception {
        Properties p = base();
        p.setProperty("ocr.endpoint", "");
        p.setProperty("ocr.secret-id", "");
        p.setProperty("ocr.secret-key", "");
        try (OcrBridgeApplication app = new OcrBridgeApplication(p).start()) {
            assertThat(app.sandbox()).isNotNull();
            assertThat(messages()).anyMatch(m -> m.startsWith("Using the embedded OCR sandbox"));
        }
    }

    @Test
    void keysWithTheSandboxEndpointAreNotUsedSilently() throws Exception {
        Properties p = base();
        p.setProperty("ocr.endpoint", "sandbox");
        p.setProperty("ocr.secret-id", "AKIDrealKeyConfigured");
        p.setProperty("ocr.secret-key", "realSecretKeyConfigured");
        try (OcrBridgeApplication app = new OcrBridgeApplication(p).start()) {
            assertThat(app.sandbox()).isNotNull();
            assertThat(messages()).anyMatch(m -> m.contains("credentials are configured but ocr.endpoint"));
            assertThat(String.join("\n", messages())).doesNotContain("AKIDrealKeyConfigured", "realSecretKeyConfigured");
        }
    }

    @Test
    void plainHttpBeyondThisMachineIsWarnedAbout() throws Exception {
        Properties p = base();
        p.setProperty("ocr.endpoint", "http://192.0.2.10:8443");
        p.setProperty("ocr.secret-id", "AKIDsomething");
        p.setProperty("ocr.secret-key", "someKey");
        try (OcrBridgeApplication app = new OcrBridgeApplication(p).start()) {
            assertThat(messages()).anyMatch(m -> m.contains("is plain http to a host that is not this machine"));
        }
    }

    @Test
    void theStartUpSummaryPrintsTheAddressActuallyBound() throws Exception {
        Properties p = base();
        try (OcrBridgeApplication app = new OcrBridgeApplication(p).start()) {
            assertThat(messages()).anyMatch(m -> m.startsWith("Operator endpoints on http://127.0.0.1:"
                    + p.getProperty("camel.server.port") + ":"));
        }
    }

    private List<String> messages() {
        return log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    private Properties base() {
        Properties p = new Properties();
        p.setProperty("ocrbridge.data-dir", data.toString());
        p.setProperty("camel.main.routes-include-pattern", "file:routes/*.xml");
        int port = PipelineHarness.freePort();
        p.setProperty("camel.server.port", Integer.toString(port));
        p.setProperty("camel.management.port", Integer.toString(port));
        return p;
    }
}
