package dev.ocrbridge.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.sandbox.ObservedRequest;
import dev.ocrbridge.sandbox.OcrSandbox;
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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * IMAP in cluster mode: two nodes, one mailbox. The IMAP consumer runs on one node at a time (master: over the file
 * lock on the shared data folder), so each message is read once: one result per attachment, not one per node. When
 * the node reading the mailbox dies, the other takes over.
 */
class MailClusterTest {

    private static final OcrAction HEALTH = OcrAction.RECOGNIZE_HEALTH_CODE_OCR;
    private static final String FOLDER = "ocrbridge-health-code";
    private static final String SECRET_ID = "AKIDmailClusterTest0000000000000000";
    private static final String SECRET_ID_B = "AKIDmailClusterTest000000000000000B";
    private static final String SECRET_KEY = "mailClusterTestSecretKey0000000000";

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));

    @TempDir
    Path data;

    private final List<Process> nodes = new ArrayList<>();

    @AfterEach
    void stopNodes() throws Exception {
        ChildNode.stopAndKeepLogs(nodes, data, MailClusterTest.class);
    }

    @Test
    void oneNodeAtATimeReadsTheMailboxAndAnotherTakesOverWhenItDies() throws Exception {
        TestPostgres.Database db = TestPostgres.freshDatabase("MailClusterTest");
        GreenMailUser user = MAIL.setUser("ocr@localhost", "ocr", "mail-cluster-secret");
        MAIL.getManagers().getImapHostManager().createMailbox(user, FOLDER);
        MAIL.getManagers().getImapHostManager().createMailbox(user, "ocrbridge-korean-id-card");
        // each node signs with a key of its own (of one account): the sandbox's log tells which node sent what
        try (OcrSandbox sandbox = OcrSandbox.builder().port(0).credential(SECRET_ID, SECRET_KEY)
                .credential(SECRET_ID_B, SECRET_KEY).build().start()) {
            Map<String, String> props = ChildNode.settings(db, sandbox.url(), SECRET_ID, SECRET_KEY, data);
            props.put("ocrbridge.mail.enabled", "true");
            props.put("ocrbridge.mail.protocol", "imap");
            props.put("ocrbridge.mail.host", "127.0.0.1");
            props.put("ocrbridge.mail.port", Integer.toString(MAIL.getImap().getPort()));
            props.put("ocrbridge.mail.username", "ocr");
            props.put("ocrbridge.mail.password", "mail-cluster-secret");
            props.put("ocrbridge.mail.poll-ms", "200");
            props.put("ocrbridge.cluster.imap-lock-check-ms", "500");
            Map<String, String> propsB = new LinkedHashMap<>(props);
            propsB.put("ocr.secret-id", SECRET_ID_B);
            nodes.add(ChildNode.launch(props, data, "mail-a", ChildNode.freePort()));
            nodes.add(ChildNode.launch(propsB, data, "mail-b", ChildNode.freePort()));

            MailFolder folder = MAIL.getManagers().getImapHostManager().getFolder(user, FOLDER);
            for (int i = 0; i < 8; i++) {
                folder.store(mail("code-" + i + ".png", TestImages.noisePng(300 + i)));
            }
            Path outbox = data.resolve("outbox").resolve(HEALTH.documentKind());
            await().atMost(Duration.ofMinutes(2)).until(() -> results(outbox).size() >= 8);

            // the node reading the mailbox (the one that sent the latest request) dies: the other reads what comes next
            List<ObservedRequest> before = sandbox.requests();
            String reader = before.get(before.size() - 1).secretId();
            Process dying = nodes.get(SECRET_ID.equals(reader) ? 0 : 1);
            dying.destroyForcibly().waitFor();
            int sentBefore = before.size();
            for (int i = 8; i < 12; i++) {
                folder.store(mail("code-" + i + ".png", TestImages.noisePng(300 + i)));
            }
            await().atMost(Duration.ofMinutes(1)).until(() -> results(outbox).size() >= 12);
            // settled: every message is marked read (after its result was written) and no call is in flight, so a
            // node that read a message too would have sent it by now
            await().atMost(Duration.ofMinutes(1)).until(() -> sandbox.inFlight() == 0
                    && folder.getMessages().stream().allMatch(m -> m.getFlags().contains(Flags.Flag.SEEN)));
            assertThat(sandbox.requests().subList(sentBefore, sandbox.requests().size()))
                    .as("sent after the reader died").isNotEmpty()
                    .allSatisfy(r -> assertThat(r.secretId()).isNotEqualTo(reader));

            List<String> names = results(outbox).stream().map(p -> p.getFileName().toString()).sorted().toList();
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                expected.add("code-" + i + ".json");
            }
            assertThat(names).as("one result per attachment")
                    .containsExactlyInAnyOrderElementsOf(expected);
            assertThat(sandbox.requests().stream().filter(ObservedRequest::succeeded).count()).isEqualTo(12);
        }
    }

    private static List<Path> results(Path outbox) throws IOException {
        if (!Files.isDirectory(outbox)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(outbox)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json")).toList();
        }
    }

    private static MimeMessage mail(String name, byte[] image) throws Exception {
        MimeMessage m = new MimeMessage(Session.getInstance(new Properties()));
        m.setFrom(new InternetAddress("staff@example.com"));
        m.setRecipients(RecipientType.TO, "ocr@localhost");
        m.setSubject("code");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("attached", "UTF-8");
        MimeBodyPart attachment = new MimeBodyPart();
        attachment.setDataHandler(new DataHandler(new ByteArrayDataSource(image, "image/png")));
        attachment.setFileName(name);
        attachment.setDisposition(Part.ATTACHMENT);
        m.setContent(new MimeMultipart("mixed", text, attachment));
        m.saveChanges();
        return m;
    }
}
