package dev.ocrbridge.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.intake.SftpTestServer;
import dev.ocrbridge.main.OcrBridgeApplication;
import dev.ocrbridge.operations.HaltSwitch;
import dev.ocrbridge.recognition.DataFolders;
import dev.ocrbridge.sandbox.OcrSandbox;
import dev.ocrbridge.signing.Tc3Signer;
import dev.ocrbridge.testsupport.ShippedLog;
import dev.ocrbridge.testsupport.TestImages;
import jakarta.activation.DataHandler;
import jakarta.mail.Flags;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * With the shipped logging configuration ({@code config/logback.xml}) and EVERY logger at TRACE — the root,
 * Camel, ocrbridge and each logger the file pins to a quieter level — a batch over every channel (file drop, IMAP
 * on GreenMail, SFTP on Apache MINA SSHD) with successes, a local and an API reject, a retry, an exhausted retry
 * and a halt prints no key, token, password, file or attachment name, mail address, subject, ID number, API
 * error text or image data, and no line that a file name could forge. What is checked is the text the shipped
 * encoder writes, not the events: that is what an operator's log holds.
 */
class PersonalDataLoggingTest {

    private static final String SECRET_ID = "AKIDloggingTest00000000000000000000";
    private static final String SECRET_KEY = "LoggingTestSecretKeyMustNeverAppear";
    private static final String TOKEN = "SessionTokenThatMustNeverAppear0123456789";
    private static final String MAIL_PASSWORD = "MailPasswordMustNeverAppear";
    private static final String SENDER = "kim.cheolsu@example.com";
    private static final String SUBJECT = "김철수 건강코드 오늘";
    private static final String HEALTH_FOLDER = "ocrbridge-health-code";
    /** A file name that, printed raw, would add a line looking like one of ours. */
    private static final String FORGING_NAME = "scan\n00:00:00.000 ERROR [main] dev.ocrbridge.Forged - Intake for "
            + "RecognizeHealthCodeOCR resumed 김영수.png";
    private static final Pattern FORGED = Pattern.compile("^00:00:00\\.000 ERROR \\[main\\] dev\\.ocrbridge\\.Forged");
    /** A line as the shipped pattern writes it, or one of the redacted exception's lines. */
    private static final Pattern LINE = Pattern.compile(
            "^(\\d{2}:\\d{2}:\\d{2}\\.\\d{3} (TRACE|DEBUG|INFO |WARN |ERROR) \\[.*"
                    + "|\\tat .*|\\t\\.\\.\\. \\d+ common frames omitted|Caused by: .*|\\tSuppressed: .*"
                    + "|[\\w.$]+( \\[[\\w.]+(, RequestId [\\w-]+)?])?( \\[cyclic])?)$");
    private static final Duration WAIT = Duration.ofSeconds(45);

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));

    @TempDir
    Path tmp;
    private final LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();

    @AfterEach
    void restoreTestLogging() throws Exception {
        logging.reset();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(logging);
        configurator.doConfigure(getClass().getResource("/logback-test.xml"));
    }

    @Test
    void traceLoggingOfEveryChannelCarriesNoSecretsNamesIdNumbersApiTextOrImageDataAndNoForgedLine() throws Exception {
        // Camel's own TRACE events, counted: proof that TRACE really was on for it
        ShippedLog log = ShippedLog.atTrace(logging, Path.of("config", "logback.xml"),
                e -> e.getLevel() == Level.TRACE && e.getLoggerName().startsWith("org.apache.camel"),
                "com.icegreen", "org.apache.sshd");
        Path data = Files.createDirectories(tmp.resolve("data"));

        byte[] named = TestImages.noisePng(700);
        byte[] korean = TestImages.noiseJpeg(701);
        byte[] retried = TestImages.noisePng(702);
        byte[] photo = TestImages.noiseJpeg(703);
        byte[] forging = TestImages.noisePng(704);
        byte[] apiReject = TestImages.noisePng(705);
        byte[] exhausted = TestImages.noisePng(706);
        byte[] mailed = TestImages.noisePng(707);
        byte[] uploaded = TestImages.noisePng(708);
        byte[] halting = TestImages.noiseJpeg(709);
        byte[] broken = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 1};
        byte[] scanned = PdfPagesTest.pdfOf(TestImages.noisePng(710));
        byte[] brokenPdf = "%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\n".getBytes(StandardCharsets.US_ASCII);
        String rejectText = "RejectTextOfTheApi quoting 이영희 and 9988776655";
        String exhaustedText = "InternalErrorTextOfTheApi for request";
        String haltText = "HaltTextOfTheApi: the SecretId was not found";

        List<String> secrets = new ArrayList<>(List.of(SECRET_KEY, TOKEN, MAIL_PASSWORD,
                SftpTestServer.PASSWORD, SENDER, "kim.cheolsu", SUBJECT, "王小明", "110101199003077777", "홍길동",
                "820701-2345678", "서울특별시", "김철수", "주민등록증", "JohnSmithPassport", "김영수", "이영희", "여권",
                "9988776655", rejectText, "RejectTextOfTheApi", exhaustedText, "InternalErrorTextOfTheApi", haltText,
                "HaltTextOfTheApi", "An internal error has occurred", "박영희", "최민수", "정지", "깨진", "dev.ocrbridge.Forged",
                "윤서연", "스캔", "문서"));
        for (byte[] image : List.of(named, korean, retried, photo, forging, apiReject, exhausted, mailed, uploaded,
                halting)) {
            String b64 = Base64.getEncoder().encodeToString(image);
            secrets.add(b64.substring(0, 24));
            secrets.add(b64.substring(b64.length() / 2, b64.length() / 2 + 24));
        }

        GreenMailUser user = MAIL.setUser("ocr@localhost", "ocr", MAIL_PASSWORD);
        MAIL.getManagers().getImapHostManager().createMailbox(user, HEALTH_FOLDER);
        Path remoteRoot = Files.createDirectories(tmp.resolve("sftp-root"));
        Path remoteInbox = Files.createDirectories(remoteRoot.resolve("inbox/health-code"));

        try (SftpTestServer sftp = new SftpTestServer(remoteRoot).start();
                OcrSandbox sandbox = OcrSandbox.builder().port(0).credential(SECRET_ID, SECRET_KEY, TOKEN).build().start()) {
            Map<String, Object> person = Map.of("Name", "王小明", "IDNumber", "110101199003077777");
            for (byte[] image : List.of(named, retried, forging, mailed, uploaded)) {
                sandbox.fixtures().register(image, person);
            }
            sandbox.fixtures().register(korean, Map.of("Name", "홍길동", "ID", "820701-2345678",
                    "Address", "서울특별시", "Photo", Base64.getEncoder().encodeToString(photo)));
            sandbox.fixtures().registerError(apiReject, "FailedOperation.OcrFailed", rejectText);
            sandbox.fixtures().registerError(exhausted, "InternalError", exhaustedText);
            sandbox.fixtures().registerError(halting, "AuthFailure.SecretIdNotFound", haltText);
            sandbox.faults().failNext("InternalError", 1);

            Properties p = new Properties();
            p.setProperty("ocr.endpoint", sandbox.url());
            p.setProperty("ocr.secret-id", SECRET_ID);
            p.setProperty("ocr.secret-key", " " + SECRET_KEY + " ");
            p.setProperty("ocr.token", TOKEN);
            p.setProperty("ocrbridge.data-dir", data.toString());
            p.setProperty("ocrbridge.file.settle-ms", "200");
            p.setProperty("ocrbridge.file.poll-ms", "100");
            // the broken JPEG (no end marker) is dead-lettered, not waited for as a copy still under way
            p.setProperty("ocrbridge.incomplete-max-age", "1000");
            p.setProperty("ocrbridge.retry.initial-delay-ms", "50");
            p.setProperty("ocrbridge.retry.max-redeliveries", "2");
            p.setProperty("ocrbridge.mail.health-code.enabled", "true");
            p.setProperty("ocrbridge.mail.protocol", "imap");
            p.setProperty("ocrbridge.mail.host", "127.0.0.1");
            p.setProperty("ocrbridge.mail.port", Integer.toString(MAIL.getImap().getPort()));
            p.setProperty("ocrbridge.mail.username", "ocr");
            p.setProperty("ocrbridge.mail.password", MAIL_PASSWORD);
            p.setProperty("ocrbridge.mail.poll-ms", "200");
            p.setProperty("ocrbridge.sftp.health-code.enabled", "true");
            p.setProperty("ocrbridge.sftp.host", "127.0.0.1");
            p.setProperty("ocrbridge.sftp.port", Integer.toString(sftp.port()));
            p.setProperty("ocrbridge.sftp.username", SftpTestServer.USER);
            p.setProperty("ocrbridge.sftp.password", SftpTestServer.PASSWORD);
            p.setProperty("ocrbridge.sftp.known-hosts-file", sftp.knownHosts(tmp.resolve("known_hosts")).toString());
            p.setProperty("ocrbridge.sftp.settle-ms", "1000");
            p.setProperty("ocrbridge.sftp.poll-ms", "200");
            int port = PipelineHarness.freePort();
            p.setProperty("camel.server.port", Integer.toString(port));
            p.setProperty("camel.management.port", Integer.toString(port));

            try (OcrBridgeApplication app = new OcrBridgeApplication(p).start()) {
                OcrAction health = OcrAction.RECOGNIZE_HEALTH_CODE_OCR;
                OcrAction card = OcrAction.RECOGNIZE_KOREAN_ID_CARD_OCR;
                DataFolders folders = new DataFolders(data);
                // file drop: a success (one retry on the way), Hangul and ASCII personal names, a forging name,
                // an API reject, an exhausted retry, a local reject
                drop(data, health, "김철수 주민등록증.png", named);
                drop(data, health, "JohnSmithPassport.png", retried);
                drop(data, health, FORGING_NAME, forging);
                drop(data, health, "이영희 여권.png", apiReject);
                drop(data, health, "exhausted 9988776655.png", exhausted);
                drop(data, health, "깨진 사진.jpg", broken);
                drop(data, card, "홍길동 주민등록증.jpg", korean);
                // a PDF (its page recognized as an image of its own, PDFBox's loggers at TRACE) and a broken one
                drop(data, health, "윤서연 스캔.pdf", scanned);
                drop(data, health, "깨진 문서.pdf", brokenPdf);
                // IMAP: a Hangul attachment from a personal address with a personal subject
                MAIL.getManagers().getImapHostManager().getFolder(user, HEALTH_FOLDER)
                        .store(mail(attachment("박영희 건강코드.png", mailed)));
                // SFTP: a Hangul name on the remote server
                Path remote = Files.write(remoteInbox.resolve("최민수 health.png"), uploaded);
                Files.setLastModifiedTime(remote, FileTime.from(Instant.now().minusSeconds(30)));

                await().atMost(WAIT).untilAsserted(() -> {
                    assertThat(folders.archive(health).resolve("김철수 주민등록증.png")).isRegularFile();
                    assertThat(folders.archive(health).resolve("JohnSmithPassport.png")).isRegularFile();
                    // a name with a newline cannot be taken as it is: dead-lettered under a generated name
                    assertThat(folders.deadLetter(health, "Source.UnacceptableName")
                            .resolve(Tc3Signer.sha256Hex(forging, 0, forging.length).substring(0, 12) + ".png"))
                            .isRegularFile();
                    assertThat(folders.archive(health).resolve("박영희 건강코드.png")).isRegularFile();
                    assertThat(folders.archive(health).resolve("최민수 health.png")).isRegularFile();
                    assertThat(folders.archive(card).resolve("홍길동 주민등록증.jpg")).isRegularFile();
                    assertThat(folders.deadLetter(health, "FailedOperation.OcrFailed").resolve("이영희 여권.png"))
                            .isRegularFile();
                    assertThat(folders.deadLetter(health, "InternalError").resolve("exhausted 9988776655.png"))
                            .isRegularFile();
                    assertThat(folders.deadLetter(health, health.decodeFailureCode()).resolve("깨진 사진.jpg"))
                            .isRegularFile();
                    assertThat(remoteInbox.resolve(".done/최민수 health.png")).isRegularFile();
                    assertThat(folders.archive(health).resolve("윤서연 스캔.pdf")).isRegularFile();
                    assertThat(folders.archive(health).resolve("윤서연 스캔.pdf#page=1.png")).isRegularFile();
                    assertThat(folders.deadLetter(health, "Source.UnreadablePdf").resolve("깨진 문서.pdf"))
                            .isRegularFile();
                    assertThat(mailFolderAllSeen(user)).isTrue();
                });

                // the API's text is kept where it belongs: in the error document, not in the log
                assertThat(PipelineHarness.json(folders.deadLetter(health, "FailedOperation.OcrFailed")
                        .resolve("이영희 여권.png.error.json")).path("error").path("message").asText())
                        .isEqualTo(rejectText);

                // a halt: the card stays in the inbox, the action is halted
                drop(data, card, "정지 카드.jpg", halting);
                HaltSwitch halts = app.camelContext().getRegistry().lookupByNameAndType("ocrHaltSwitch", HaltSwitch.class);
                await().atMost(WAIT).until(() -> halts.haltOf(card).isPresent());
                assertThat(folders.inbox(card).resolve("정지 카드.jpg")).isRegularFile();
            }
        }

        String text = log.text();
        // kept for a person to read after a failure (it is the redacted text)
        Files.writeString(Files.createDirectories(Path.of("target")).resolve("PersonalDataLoggingTest.log"), text);
        List<String> lines = Arrays.asList(text.split("\n", -1));
        assertThat(log.counted()).as("TRACE really was on for Camel").isGreaterThan(100);
        assertThat(text).as("the halt is told, with its code").contains("AuthFailure.SecretIdNotFound");
        assertThat(text).as("the trimmed key is reported, not printed").contains("whitespace");
        for (String secret : secrets) {
            assertThat(lines).as("no log line contains %s", secret).noneMatch(l -> l.contains(secret));
        }
        assertThat(lines).as("no line forged by a file name").noneMatch(l -> FORGED.matcher(l).find());
        assertThat(lines.subList(0, lines.size() - 1)).as("every line is a log line or a line of its exception")
                .allMatch(l -> LINE.matcher(l).matches());
    }

    private static void drop(Path data, OcrAction action, String name, byte[] content) throws Exception {
        Path inbox = Files.createDirectories(new DataFolders(data).inbox(action));
        Path staged = Files.write(Files.createTempFile(data, "drop", ".tmp"), content);
        Files.setLastModifiedTime(staged, FileTime.from(Instant.now().minusSeconds(5)));
        Files.move(staged, inbox.resolve(name));
    }

    private static MimeMessage mail(MimeBodyPart attachment) throws Exception {
        MimeMessage m = new MimeMessage(Session.getInstance(new Properties()));
        m.setFrom(new InternetAddress(SENDER, "김철수"));
        m.setRecipients(RecipientType.TO, "ocr@localhost");
        m.setSubject(SUBJECT, "UTF-8");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("첨부 파일을 확인하세요.", "UTF-8");
        m.setContent(new MimeMultipart("mixed", text, attachment));
        m.saveChanges();
        return m;
    }

    private static MimeBodyPart attachment(String name, byte[] bytes) throws Exception {
        MimeBodyPart p = new MimeBodyPart();
        p.setDataHandler(new DataHandler(new ByteArrayDataSource(bytes, "image/png")));
        p.setFileName(name);
        p.setDisposition(Part.ATTACHMENT);
        return p;
    }

    private static boolean mailFolderAllSeen(GreenMailUser user) {
        MailFolder folder = MAIL.getManagers().getImapHostManager().getFolder(user, HEALTH_FOLDER);
        List<StoredMessage> messages = folder.getNonDeletedMessages();
        return messages.size() == 1 && messages.stream().allMatch(m -> m.isSet(Flags.Flag.SEEN));
    }
}
