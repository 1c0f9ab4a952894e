package dev.ocrbridge.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.main.OcrBridgeApplication;
import dev.ocrbridge.sandbox.OcrSandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * With the shipped logging configuration and DEBUG turned on the way an operator would (root, Camel, ocrbridge),
 * a batch with successes, rejects and retries leaves no SecretKey, token, name, ID number or image data in the
 * log.
 */
class PersonalDataLoggingTest {

    private static final String SECRET_ID = "AKIDloggingTest00000000000000000000";
    private static final String SECRET_KEY = "LoggingTestSecretKeyMustNeverAppear";
    private static final String TOKEN = "SessionTokenThatMustNeverAppear0123456789";

    @TempDir
    Path data;
    private final LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();

    @AfterEach
    void restoreTestLogging() throws Exception {
        logging.reset();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(logging);
        configurator.doConfigure(getClass().getResource("/logback-test.xml"));
    }

    @Test
    void debugLoggingOfABatchCarriesNoSecretsNamesIdNumbersOrImageData() throws Exception {
        logging.reset();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(logging);
        configurator.doConfigure(Path.of("config", "logback.xml").toFile());
        for (String name : List.of(org.slf4j.Logger.ROOT_LOGGER_NAME, "dev.ocrbridge", "org.apache.camel")) {
            logging.getLogger(name).setLevel(Level.DEBUG);
        }
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.setContext(logging);
        captured.start();
        logging.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(captured);

        byte[] health = TestImages.png(700);
        byte[] korean = TestImages.jpeg(701);
        byte[] retried = TestImages.png(702);
        byte[] photo = TestImages.jpeg(703);
        List<String> secrets = new ArrayList<>(List.of(SECRET_KEY, TOKEN, "王小明", "110101199003077777", "홍길동",
                "820701-2345678", "서울특별시"));
        for (byte[] image : List.of(health, korean, retried, photo)) {
            String b64 = Base64.getEncoder().encodeToString(image);
            secrets.add(b64.substring(b64.length() / 2, b64.length() / 2 + 24));
        }

        try (OcrSandbox sandbox = OcrSandbox.builder().port(0).credential(SECRET_ID, SECRET_KEY, TOKEN).build().start()) {
            sandbox.fixtures().register(health, Map.of("Name", "王小明", "IDNumber", "110101199003077777"));
            sandbox.fixtures().register(retried, Map.of("Name", "王小明", "IDNumber", "110101199003077777"));
            sandbox.fixtures().register(korean, Map.of("Name", "홍길동", "ID", "820701-2345678",
                    "Address", "서울특별시", "Photo", Base64.getEncoder().encodeToString(photo)));
            sandbox.faults().failNext("InternalError", 1);
            Properties p = new Properties();
            p.setProperty("ocr.endpoint", sandbox.url());
            p.setProperty("ocr.secret-id", SECRET_ID);
            p.setProperty("ocr.secret-key", " " + SECRET_KEY + " ");
            p.setProperty("ocr.token", TOKEN);
            p.setProperty("ocrbridge.data-dir", data.toString());
            p.setProperty("ocrbridge.file.settle-ms", "200");
            p.setProperty("ocrbridge.retry.initial-delay-ms", "50");
            int port = PipelineHarness.freePort();
            p.setProperty("camel.server.port", Integer.toString(port));
            p.setProperty("camel.management.port", Integer.toString(port));
            try (OcrBridgeApplication app = new OcrBridgeApplication(p).start()) {
                drop(OcrAction.RECOGNIZE_HEALTH_CODE_OCR, "first.png", retried);
                drop(OcrAction.RECOGNIZE_HEALTH_CODE_OCR, "second.png", health);
                drop(OcrAction.RECOGNIZE_KOREAN_ID_CARD_OCR, "card.jpg", korean);
                drop(OcrAction.RECOGNIZE_HEALTH_CODE_OCR, "broken.jpg", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 1});
                await().atMost(Duration.ofSeconds(30)).until(() ->
                        PipelineHarness.files(data.resolve("archive")).size() == 3
                                && PipelineHarness.files(data.resolve("dead-letter")).size() == 2);
            }
        }

        List<String> lines = new ArrayList<>();
        for (ILoggingEvent event : captured.list) {
            lines.add(event.getFormattedMessage()
                    + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy())));
        }
        assertThat(lines).as("DEBUG really was on").hasSizeGreaterThan(100);
        assertThat(lines).anyMatch(l -> l.contains("whitespace"));
        for (String secret : secrets) {
            assertThat(lines).as("no log line contains %s", secret).noneMatch(l -> l.contains(secret));
        }
    }

    private void drop(OcrAction action, String name, byte[] content) throws Exception {
        Path inbox = Files.createDirectories(data.resolve("inbox").resolve(action.documentKind()));
        Path tmp = Files.write(data.resolve(name + ".staged"), content);
        Files.move(tmp, inbox.resolve(name));
    }
}
