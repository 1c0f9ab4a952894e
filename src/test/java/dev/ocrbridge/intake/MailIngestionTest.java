package dev.ocrbridge.intake;

import static dev.ocrbridge.service.PipelineHarness.files;
import static dev.ocrbridge.service.PipelineHarness.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.operations.ChannelHalts;
import dev.ocrbridge.operations.ChannelHealthCheck;
import dev.ocrbridge.operations.HaltSwitch;
import dev.ocrbridge.operations.OcrHealthCheck;
import dev.ocrbridge.operations.OcrMetrics;
import dev.ocrbridge.sandbox.OcrSandbox;
import dev.ocrbridge.service.PipelineHarness;
import dev.ocrbridge.testsupport.TestImages;
import io.micrometer.core.instrument.Counter;
import jakarta.activation.DataHandler;
import jakarta.mail.Flags;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.ByteArrayDataSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.support.ScheduledPollConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The mail channel end to end: a real GreenMail IMAP+SMTP server, the real routes, the sandbox over HTTP. */
class MailIngestionTest {

    private static final OcrAction HEALTH = OcrAction.RECOGNIZE_HEALTH_CODE_OCR;
    private static final OcrAction KOREAN = OcrAction.RECOGNIZE_KOREAN_ID_CARD_OCR;
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String HEALTH_FOLDER = "ocrbridge-health-code";
    private static final String KOREAN_FOLDER = "ocrbridge-korean-id-card";
    private static final String NO_IMAGE_FOLDER = "ocrbridge-no-image";
    private static final String SENDER = "staff@example.com";

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));

    /** The data folder's parent: a file that escaped the data folder would land here, or further up in it. */
    @TempDir
    Path tmp;
    private Path data;
    private PipelineHarness harness;
    private GreenMailUser user;

    @AfterEach
    void stop() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    private PipelineHarness start(String... kv) throws Exception {
        return startWithFolders(List.of(HEALTH_FOLDER, KOREAN_FOLDER), kv);
    }

    private PipelineHarness startWithFolders(List<String> folders, String... kv) throws Exception {
        data = Files.createDirectories(tmp.resolve("data"));
        user = MAIL.setUser("ocr@localhost", "ocr", "mail-test-secret");
        for (String folder : folders) {
            MAIL.getManagers().getImapHostManager().createMailbox(user, folder);
        }
        Properties p = new Properties();
        p.setProperty("ocrbridge.mail.enabled", "true");
        p.setProperty("ocrbridge.mail.protocol", "imap");
        p.setProperty("ocrbridge.mail.host", "127.0.0.1");
        p.setProperty("ocrbridge.mail.port", Integer.toString(MAIL.getImap().getPort()));
        p.setProperty("ocrbridge.mail.username", "ocr");
        p.setProperty("ocrbridge.mail.password", "mail-test-secret");
        p.setProperty("ocrbridge.mail.poll-ms", "200");
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        harness = PipelineHarness.start(data, OcrSandbox.builder(), p);
        return harness;
    }

    @Test
    void aKoreanIdCardAttachmentIsRecognizedAndTheMessageIsMarkedRead() throws Exception {
        start();
        byte[] card = TestImages.noiseJpeg(1);
        harness.sandbox().fixtures().register(card, Map.of("Name", "홍길동"));
        MimeMessage mail = mail("My ID card", attachment("주민등록증.jpg", card, "image/jpeg"));
        deliver(KOREAN_FOLDER, mail);

        Path result = harness.outbox(KOREAN).resolve("주민등록증.json");
        // the result is written before the original's copy in the archive: wait for both
        await().atMost(WAIT).until(() -> Files.isRegularFile(result)
                && Files.isRegularFile(harness.archive(KOREAN).resolve("주민등록증.jpg")));
        JsonNode r = json(result);
        assertThat(r.path("source").path("channel").asText()).isEqualTo("mail");
        assertThat(r.path("source").path("name").asText()).isEqualTo("주민등록증.jpg");
        assertThat(r.path("source").path("origin").asText()).isEqualTo(mail.getMessageID() + "/주민등록증.jpg");
        assertThat(r.path("fields").path("Name").asText()).isEqualTo("홍길동");
        assertThat(Files.readAllBytes(harness.archive(KOREAN).resolve("주민등록증.jpg"))).isEqualTo(card);
        await().atMost(WAIT).until(() -> allSeen(KOREAN_FOLDER, 1));

        // no mail header reached the HTTP call: the header names the API received
        assertThat(harness.sandbox().requests()).hasSize(1);
        Set<String> names = harness.sandbox().requests().get(0).headerNames();
        assertThat(names).contains("authorization", "x-tc-action");
        assertThat(names).doesNotContain("from", "to", "subject", "message-id", "reply-to", "date", "mime-version",
                "content-transfer-encoding");
        assertThat(names).allSatisfy(n -> assertThat(n).doesNotStartWith("x-mail"));
    }

    @Test
    void anAttachmentWhoseNameIsOver231BytesIsRejectedUnderAGeneratedNameAndIntakeGoesOn() throws Exception {
        start();
        byte[] code = TestImages.noisePng(21);
        String sha = dev.ocrbridge.signing.Tc3Signer.sha256Hex(code, 0, code.length);
        // 150 Hangul syllables: 150 characters, 450 bytes of UTF-8
        MimeMessage mail = mail("code", attachment("가".repeat(150) + ".png", code, "image/png"));
        deliver(HEALTH_FOLDER, mail);

        Path rejected = harness.deadLetter(HEALTH, "Source.UnacceptableName");
        String generated = sha.substring(0, 12) + ".png";
        await().atMost(WAIT).until(() -> allSeen(HEALTH_FOLDER, 1)
                && Files.isRegularFile(rejected.resolve(generated + ".error.json")));
        assertThat(rejected.resolve(generated)).hasBinaryContent(code);
        JsonNode error = json(rejected.resolve(generated + ".error.json"));
        assertThat(error.path("error").path("code").asText()).isEqualTo("Source.UnacceptableName");
        assertThat(error.path("source").path("name").asText()).isEqualTo(generated);
        assertThat(anyHealthDown()).as("no halt").isFalse();
        assertThat(harness.sandbox().requests()).as("refused without a call").isEmpty();

        // and the next message is taken as usual
        byte[] next = TestImages.noisePng(22);
        deliver(HEALTH_FOLDER, mail("next", attachment("next.png", next, "image/png")));
        await().atMost(WAIT).until(() -> Files.isRegularFile(harness.outbox(HEALTH).resolve("next.json")));
    }

    @Test
    void everyAttachmentOfAMessageGetsAResultOrTheRejectRecordOfADroppedFile() throws Exception {
        start("ocr.health-code.max-base64-bytes", "4000");
        byte[] inline = TestImages.noisePng(10);
        byte[] korean = TestImages.noisePng(11);
        byte[] chinese = TestImages.noiseJpeg(12);
        byte[] traversal = TestImages.noisePng(13);
        byte[] jpeg = TestImages.noiseJpeg(14);
        byte[] truncated = Arrays.copyOf(jpeg, jpeg.length / 2);
        // a complete PNG whose Base64 is over the 4000-byte limit of this test
        byte[] huge = TestImages.noisePng(64, 64);
        byte[] pdf = "%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

        MimeBodyPart html = new MimeBodyPart();
        html.setText("<p>Today's code:</p><img src=\"cid:code1\">", "UTF-8", "html");
        MimeBodyPart inlinePart = new MimeBodyPart();
        inlinePart.setDataHandler(new DataHandler(new ByteArrayDataSource(inline, "image/png")));
        inlinePart.setContentID("<code1>");
        inlinePart.setDisposition(Part.INLINE);
        MimeMultipart related = new MimeMultipart("related", html, inlinePart);
        MimeBodyPart relatedPart = new MimeBodyPart();
        relatedPart.setContent(related);

        MimeBodyPart chinesePart = attachment("x.jpg", chinese, "image/jpeg");
        chinesePart.setHeader("Content-Disposition",
                "attachment; filename=\"" + MimeUtility.encodeText("健康码-张三.jpg", "UTF-8", "B") + "\"");
        MimeMessage mail = mail("codes", relatedPart,
                attachment("건강코드.png", korean, "image/png"),
                chinesePart,
                attachment("../../etc/passwd.png", traversal, "image/png"),
                attachment("notes.txt", "not an image".getBytes(StandardCharsets.UTF_8), "text/plain"),
                attachment("scan.png", pdf, "image/png"),
                attachment("cut.jpg", truncated, "image/jpeg"),
                attachment("huge.png", huge, "image/png"));
        deliver(HEALTH_FOLDER, mail);

        await().atMost(WAIT).until(() -> allSeen(HEALTH_FOLDER, 1));
        // the whole tree under the data folder's parent, walked here rather than through the harness's folders:
        // every file is in one of the contract's folders, and no name made of the attachment's path exists
        List<String> everyFile;
        try (Stream<Path> walk = Files.walk(tmp)) {
            everyFile = walk.filter(f -> !Files.isDirectory(f)).map(f -> tmp.relativize(f).toString()).sorted().toList();
        }
        assertThat(everyFile).isNotEmpty().allSatisfy(f -> assertThat(f).matches(
                "data/(outbox|archive|dead-letter)/health-code/[^/]+|data/dead-letter/health-code/[^/]+/[^/]+"
                        + "|data/\\.ocrbridge/.+"));
        assertThat(everyFile).filteredOn(f -> f.contains("passwd")).containsExactlyInAnyOrder(
                "data/archive/health-code/passwd.png", "data/outbox/health-code/passwd.json");
        try (Stream<Path> walk = Files.walk(tmp)) {
            assertThat(walk.map(f -> f.getFileName() == null ? "" : f.getFileName().toString()))
                    .doesNotContain("etc", "..");
        }

        assertThat(names(harness.outbox(HEALTH))).containsExactlyInAnyOrder(
                "attachment-1.json", "건강코드.json", "健康码-张三.json", "passwd.json");
        assertThat(Files.readAllBytes(harness.archive(HEALTH).resolve("健康码-张三.jpg"))).isEqualTo(chinese);
        assertThat(Files.readAllBytes(harness.archive(HEALTH).resolve("passwd.png"))).isEqualTo(traversal);
        String decode = HEALTH.decodeFailureCode();
        assertThat(harness.deadLetter(HEALTH, decode).resolve("notes.txt")).isRegularFile();
        // a PDF's bytes under an image's name: split as the PDF it is, and this one has no page
        assertThat(harness.deadLetter(HEALTH, "Source.UnreadablePdf").resolve("scan.png")).isRegularFile();
        assertThat(json(harness.deadLetter(HEALTH, "LimitExceeded.TooLargeFileError").resolve("huge.png.error.json"))
                .path("error").path("attempts").asInt()).isZero();
        // the truncated JPEG has the JPEG magic bytes but no end marker: refused by the local pre-check
        JsonNode cut = json(harness.deadLetter(HEALTH, decode).resolve("cut.jpg.error.json"));
        assertThat(cut.path("error").path("disposition").asText()).isEqualTo("reject");
        assertThat(cut.path("error").path("attempts").asInt()).isZero();
        assertThat(Files.readAllBytes(harness.deadLetter(HEALTH, decode).resolve("cut.jpg"))).isEqualTo(truncated);
        assertThat(json(harness.outbox(HEALTH).resolve("passwd.json")).path("source").path("origin").asText())
                .isEqualTo(mail.getMessageID() + "/../../etc/passwd.png");
        // only the four good images were sent
        assertThat(harness.sandbox().requests()).hasSize(4);
    }

    @Test
    void aPdfAttachmentsPagesAreEachRecognizedAndThePdfIsArchived() throws Exception {
        start();
        byte[] first = TestImages.noisePng(31);
        byte[] second = TestImages.noisePng(32);
        byte[] pdf = dev.ocrbridge.service.PdfPagesTest.pdfOf(first, second);
        deliver(HEALTH_FOLDER, mail("scans", attachment("scan.pdf", pdf, "application/pdf")));

        Path outbox = harness.outbox(HEALTH);
        await().atMost(WAIT).until(() -> allSeen(HEALTH_FOLDER, 1)
                && Files.isRegularFile(outbox.resolve("scan.pdf#page=1.json"))
                && Files.isRegularFile(outbox.resolve("scan.pdf#page=2.json"))
                && Files.isRegularFile(harness.archive(HEALTH).resolve("scan.pdf")));
        assertThat(json(outbox.resolve("scan.pdf#page=2.json")).path("source").path("name").asText())
                .isEqualTo("scan.pdf#page=2.png");
        assertThat(Files.readAllBytes(harness.archive(HEALTH).resolve("scan.pdf"))).isEqualTo(pdf);
        assertThat(files(data.resolve("dead-letter"))).isEmpty();
        assertThat(harness.sandbox().requests()).as("one call per page").hasSize(2);
    }

    @Test
    void aMessageWithoutAnImageIsSetAsideAndCountedNotRetried() throws Exception {
        start();
        MimeMessage textOnly = new MimeMessage(Session.getInstance(new Properties()));
        textOnly.setFrom(new InternetAddress(SENDER));
        textOnly.setSubject("forgot the attachment");
        textOnly.setText("see attached", "UTF-8");
        textOnly.saveChanges();
        deliver(HEALTH_FOLDER, textOnly);
        deliver(HEALTH_FOLDER, mail("a gif", attachment("photo.gif", TestImages.noiseGif(3), "image/gif")));
        deliver(HEALTH_FOLDER, mail("a zip", attachment("code.zip", "PK\u0003\u0004 not a document"
                .getBytes(StandardCharsets.ISO_8859_1), "application/zip")));

        await().atMost(WAIT).until(() -> folder(NO_IMAGE_FOLDER) != null && folder(NO_IMAGE_FOLDER).getMessageCount() == 3);
        await().atMost(WAIT).until(() -> folder(HEALTH_FOLDER).getNonDeletedMessages().isEmpty());
        OcrMetrics metrics = harness.app().camelContext().getRegistry().lookupByNameAndType("ocrMetrics", OcrMetrics.class);
        Counter counter = metrics.registry().find("ocrbridge.mail.messages").tag("outcome", "no-image").counter();
        assertThat(counter).isNotNull();
        assertThat(counter.count()).isEqualTo(3.0);
        assertThat(files(data.resolve("dead-letter"))).isEmpty();
        assertThat(files(data.resolve("outbox"))).isEmpty();
        assertThat(harness.sandbox().requests()).isEmpty();
    }

    @Test
    void aHaltMidMessageLeavesItUnreadAndAfterResumeItIsFinishedWithoutDuplicates() throws Exception {
        start();
        byte[] first = TestImages.noisePng(20);
        byte[] second = TestImages.noisePng(21);
        harness.sandbox().fixtures().registerError(second, "ResourcesSoldOut.ChargeStatusException", "in arrears");
        deliver(HEALTH_FOLDER, mail("two codes", attachment("first.png", first, "image/png"),
                attachment("second.png", second, "image/png")));

        HaltSwitch halt = harness.app().camelContext().getRegistry().lookupByNameAndType("ocrHaltSwitch", HaltSwitch.class);
        await().atMost(WAIT).until(() -> halt.haltOf(HEALTH).isPresent());
        await().atMost(WAIT).until(() -> harness.app().camelContext().getRouteController()
                .getRouteStatus("mail-health-code").isSuspended());
        assertThat(harness.outbox(HEALTH).resolve("first.json")).isRegularFile();
        assertThat(harness.outbox(HEALTH).resolve("second.json")).doesNotExist();
        List<StoredMessage> messages = folder(HEALTH_FOLDER).getMessages();
        assertThat(messages).singleElement().satisfies(m -> assertThat(m.isSet(Flags.Flag.SEEN)).isFalse());
        assertThat(files(data.resolve("dead-letter"))).isEmpty();

        harness.sandbox().fixtures().clear();
        assertThat(halt.resume("health-code")).isTrue();
        await().atMost(WAIT).until(() -> allSeen(HEALTH_FOLDER, 1));
        assertThat(names(harness.outbox(HEALTH))).containsExactlyInAnyOrder("first.json", "second.json");
        assertThat(names(harness.archive(HEALTH))).containsExactlyInAnyOrder("first.png", "second.png");
        // first.png: one call before the halt, reused after; second.png: the halted call and the good one
        assertThat(harness.sandbox().requests()).hasSize(3);
        assertThat(json(harness.outbox(HEALTH).resolve("first.json")).path("reused").asBoolean()).isTrue();
    }

    @Test
    void theOptionalReplyTellsTheSenderEachAttachmentsOutcomeAndNoField() throws Exception {
        start("ocrbridge.mail.reply.enabled", "true",
                "ocrbridge.mail.reply.from", "ocrbridge@localhost",
                "ocrbridge.mail.reply.uri", "smtp://127.0.0.1:" + MAIL.getSmtp().getPort());
        byte[] image = TestImages.noisePng(30);
        harness.sandbox().fixtures().register(image, Map.of("Name", "王*一"));
        MimeMessage mail = mail("code", attachment("good.png", image, "image/png"),
                attachment("notes.txt", "hello".getBytes(StandardCharsets.UTF_8), "text/plain"));
        deliver(HEALTH_FOLDER, mail);

        await().atMost(WAIT).until(() -> Arrays.stream(MAIL.getReceivedMessages()).anyMatch(this::isReplyToSender));
        MimeMessage reply = Arrays.stream(MAIL.getReceivedMessages()).filter(this::isReplyToSender).findFirst().orElseThrow();
        String body = reply.getContent().toString();
        assertThat(body).contains("good.png: recognized")
                .contains("notes.txt: dead-lettered (" + HEALTH.decodeFailureCode() + ")")
                .doesNotContain("王");
        assertThat(reply.getHeader("In-Reply-To")).containsExactly(mail.getMessageID());
        assertThat(reply.getFrom()[0].toString()).isEqualTo("ocrbridge@localhost");
    }

    @Test
    void aMessageWithMoreAttachmentsThanTheCapIsRejectedWholeAndNothingOfItIsSent() throws Exception {
        start("ocrbridge.mail.max-attachments", "3",
                "ocrbridge.mail.reply.enabled", "true",
                "ocrbridge.mail.reply.uri", "smtp://127.0.0.1:" + MAIL.getSmtp().getPort());
        deliver(HEALTH_FOLDER, mail("codes", attachment("a.png", TestImages.noisePng(80), "image/png"),
                attachment("b.png", TestImages.noisePng(81), "image/png"),
                attachment("c.png", TestImages.noisePng(82), "image/png"),
                attachment("d.png", TestImages.noisePng(83), "image/png")));

        await().atMost(WAIT).until(() -> Arrays.stream(MAIL.getReceivedMessages()).anyMatch(this::isReplyToSender));
        String body = Arrays.stream(MAIL.getReceivedMessages()).filter(this::isReplyToSender).findFirst().orElseThrow()
                .getContent().toString();
        assertThat(body).contains("rejected (Source.TooManyAttachments)").contains("more than 3 attachments");
        await().atMost(WAIT).until(() -> folder(NO_IMAGE_FOLDER) != null && folder(NO_IMAGE_FOLDER).getMessageCount() == 1);
        assertThat(files(data)).isEmpty();
        assertThat(harness.sandbox().requests()).isEmpty();
    }

    @Test
    void theReplyGoesToTheSenderNeverToTheReplyToTheMessageNamesAndRepeatsNamesEscaped() throws Exception {
        start("ocrbridge.mail.reply.enabled", "true",
                "ocrbridge.mail.reply.uri", "smtp://127.0.0.1:" + MAIL.getSmtp().getPort());
        MimeMessage mail = mail("code", attachment("scan.png\nforged.png: recognized\u202e", TestImages.noisePng(84),
                "image/png"));
        mail.setReplyTo(new InternetAddress[] {new InternetAddress("someone-else@example.org")});
        deliver(HEALTH_FOLDER, mail);

        await().atMost(WAIT).until(() -> Arrays.stream(MAIL.getReceivedMessages()).anyMatch(this::isReplyToSender));
        String body = Arrays.stream(MAIL.getReceivedMessages()).filter(this::isReplyToSender).findFirst().orElseThrow()
                .getContent().toString();
        assertThat(body.lines()).noneMatch(l -> l.strip().startsWith("forged.png"));
        assertThat(body).doesNotContain("\u202e");
        assertThat(MAIL.getReceivedMessages()).noneMatch(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().contains("someone-else"));
            } catch (Exception e) {
                return false;
            }
        });
    }

    @Test
    void replyNamesKeepPlainNamesAndEscapeWhatCouldShapeTheReply() {
        assertThat(MailAttachments.replyName("건강코드.png")).isEqualTo("건강코드.png");
        assertThat(MailAttachments.replyName("a\r\nb")).isEqualTo("a\\u000d\\u000ab");
        assertThat(MailAttachments.replyName("x".repeat(100))).hasSize(81).endsWith("\u2026");
    }

    @Test
    void whileTheFolderIsMissingHealthStaysDownPollsBackOffAndTheLogHasOneLineEachWay() throws Exception {
        try (LogCapture log = LogCapture.start()) {
            startWithFolders(List.of(KOREAN_FOLDER));
            await().atMost(WAIT).until(this::anyHealthDown);
            ScheduledPollConsumer consumer = (ScheduledPollConsumer) harness.app().camelContext()
                    .getRoute("mail-health-code").getConsumer();
            // a monitor sampling at any moment during the outage sees DOWN (polls every 200 ms, backing off)
            BackOffSampler.holdsThroughABackOff(consumer, "a health check DOWN", this::anyHealthDown);
            assertThat(check("ocrbridge-channels").getMessage()).hasValueSatisfying(m -> assertThat(m)
                    .contains("mail-health-code").contains("FolderNotFoundException"));
            assertThat(consumer.getBackoffMultiplier()).isPositive();
            assertThat(consumer.getBackoffErrorThreshold()).isPositive();

            MAIL.getManagers().getImapHostManager().createMailbox(user, HEALTH_FOLDER);
            deliver(HEALTH_FOLDER, mail("code", attachment("code.png", TestImages.noisePng(40), "image/png")));
            await().atMost(WAIT).until(() -> Files.isRegularFile(harness.outbox(HEALTH).resolve("code.json")));
            await().atMost(WAIT).until(() -> check("ocrbridge-channels").getState() == HealthCheck.State.UP);

            String all = LogCapture.describe(log.events());
            assertThat(log.withStackTrace()).as(all).isEmpty();
            assertThat(log.atLeast(Level.WARN)).as(all).singleElement().satisfies(e -> assertThat(
                    e.getFormattedMessage()).contains("mail-health-code").contains("FolderNotFoundException"));
            assertThat(log.events()).as(all).filteredOn(e -> e.getLevel() == Level.INFO
                    && e.getFormattedMessage().contains("again")).hasSize(1);
            assertThat(all).doesNotContain("code.png").doesNotContain(SENDER);
        }
    }

    @Test
    void aLoginTheImapServerRefusesHaltsTheMailChannelWithItsOwnCodeWhileTheFileDropGoesOn() throws Exception {
        try (LogCapture log = LogCapture.start()) {
            start("ocrbridge.mail.password", "not-the-password");
            deliver(HEALTH_FOLDER, mail("code", attachment("code.png", TestImages.noisePng(41), "image/png")));
            ChannelHalts halts = harness.app().camelContext().getRegistry()
                    .lookupByNameAndType("ocrChannelHalts", ChannelHalts.class);
            await().atMost(WAIT).until(() -> halts.haltOf("mail").isPresent());
            assertThat(halts.haltOf("mail").get().code()).isEqualTo("Transport.LoginRefused");
            await().atMost(WAIT).until(() -> harness.app().camelContext().getRouteController()
                    .getRouteStatus("mail-health-code").isSuspended());
            assertThat(check(ChannelHealthCheck.ID).getMessage()).hasValueSatisfying(m -> assertThat(m)
                    .contains("channel mail halted").contains("Transport.LoginRefused")
                    .contains("refused the configured login"));
            assertThat(folder(HEALTH_FOLDER).getMessages()).singleElement()
                    .satisfies(m -> assertThat(m.isSet(Flags.Flag.SEEN)).isFalse());

            // a mail password does not stop the file drop of the same action
            HaltSwitch actionHalts = harness.app().camelContext().getRegistry()
                    .lookupByNameAndType("ocrHaltSwitch", HaltSwitch.class);
            assertThat(actionHalts.halted()).isEmpty();
            assertThat(check(OcrHealthCheck.ID).getState()).isEqualTo(HealthCheck.State.UP);
            harness.drop(HEALTH, "dropped.png", TestImages.noisePng(42));
            await().atMost(WAIT).until(() -> Files.isRegularFile(harness.archive(HEALTH).resolve("dropped.png")));
            assertThat(log.withStackTrace()).as(LogCapture.describe(log.events())).isEmpty();
        }
    }

    @Test
    void anOversizedAttachmentIsRefusedBeforeItIsDownloadedAndTheRestOfTheMessageIsProcessed() throws Exception {
        // 3 MB that start like a PNG: about 4 MB of Base64 on the wire, against a limit of 40,000
        byte[] big = new byte[3 * 1024 * 1024];
        new Random(7).nextBytes(big);
        System.arraycopy(TestImages.noisePng(50), 0, big, 0, 8);
        byte[] good = TestImages.noisePng(51);
        try (ByteCountingProxy imap = new ByteCountingProxy(MAIL.getImap().getPort())) {
            start("ocr.health-code.max-base64-bytes", "40000", "ocrbridge.mail.port", Integer.toString(imap.port()));
            deliver(HEALTH_FOLDER, mail("codes", attachment("big.png", big, "image/png"),
                    attachment("good.png", good, "image/png")));

            await().atMost(WAIT).until(() -> allSeen(HEALTH_FOLDER, 1));
            assertThat(names(harness.outbox(HEALTH))).containsExactly("good.json");
            Path refused = harness.deadLetter(HEALTH, "LimitExceeded.TooLargeFileError");
            JsonNode error = json(refused.resolve("big.png.error.json"));
            assertThat(error.path("error").path("code").asText()).isEqualTo("LimitExceeded.TooLargeFileError");
            assertThat(error.path("error").path("attempts").asInt()).isZero();
            assertThat(error.path("source").path("bytes").asLong()).isGreaterThan(30000);
            // the record is the error file alone: the attachment was never downloaded, it stays in its message
            assertThat(names(refused)).containsExactly("big.png.error.json");
            assertThat(imap.bytesFromServer()).as("bytes the IMAP server sent").isLessThan(big.length / 4);
            assertThat(harness.sandbox().requests()).hasSize(1);
        }
    }

    private boolean anyHealthDown() {
        return HealthCheckHelper.invoke(harness.app().camelContext()).stream()
                .anyMatch(r -> r.getState() == HealthCheck.State.DOWN);
    }

    /** One check's own result (the registry's summary leaves out checks that are UP). */
    private HealthCheck.Result check(String id) {
        return HealthCheckRegistry.get(harness.app().camelContext()).getCheck(id).orElseThrow().call();
    }

    private boolean isReplyToSender(MimeMessage m) {
        try {
            return m.getRecipients(RecipientType.TO) != null
                    && SENDER.equals(((InternetAddress) m.getRecipients(RecipientType.TO)[0]).getAddress());
        } catch (Exception e) {
            return false;
        }
    }

    private static MimeMessage mail(String subject, MimeBodyPart... parts) throws Exception {
        MimeMessage m = new MimeMessage(Session.getInstance(new Properties()));
        m.setFrom(new InternetAddress(SENDER, "Kim Staff"));
        m.setRecipients(RecipientType.TO, "ocr@localhost");
        m.setSubject(subject, "UTF-8");
        MimeMultipart mixed = new MimeMultipart("mixed");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("Please find attached.", "UTF-8");
        mixed.addBodyPart(text);
        for (MimeBodyPart p : parts) {
            mixed.addBodyPart(p);
        }
        m.setContent(mixed);
        m.saveChanges();
        return m;
    }

    private static MimeBodyPart attachment(String name, byte[] bytes, String type) throws Exception {
        MimeBodyPart p = new MimeBodyPart();
        p.setDataHandler(new DataHandler(new ByteArrayDataSource(bytes, type)));
        p.setFileName(name);
        p.setDisposition(Part.ATTACHMENT);
        return p;
    }

    private void deliver(String folderName, MimeMessage message) throws Exception {
        folder(folderName).store(message);
    }

    private MailFolder folder(String name) {
        return MAIL.getManagers().getImapHostManager().getFolder(user, name);
    }

    private boolean allSeen(String folderName, int count) {
        List<StoredMessage> messages = folder(folderName).getNonDeletedMessages();
        return messages.size() == count && messages.stream().allMatch(m -> m.isSet(Flags.Flag.SEEN));
    }

    private static List<String> names(Path dir) {
        return files(dir).stream().map(f -> f.getFileName().toString()).toList();
    }
}
