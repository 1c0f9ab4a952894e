package dev.ocrbridge.intake;

import static dev.ocrbridge.actions.OcrAction.RECOGNIZE_KOREAN_ID_CARD_OCR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ocrbridge.localocr.CjkFonts;
import dev.ocrbridge.localocr.Degradation;
import dev.ocrbridge.localocr.SyntheticDocuments;
import dev.ocrbridge.sandbox.OcrSandbox;
import dev.ocrbridge.service.PdfPagesTest;
import dev.ocrbridge.service.PipelineHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PDF fetched by SFTP (a real Apache MINA SSHD server on loopback): its pages are placed in the action's local
 * inbox and recognized there, the PDF is archived from the bytes fetched and moved to {@code .done} on the server.
 */
class PdfOverSftpTest {

    private static final Duration WAIT = Duration.ofSeconds(120);

    @TempDir
    Path tmp;

    @Test
    void aPdfFetchedBySftpIsRecognizedPageByPage() throws Exception {
        assumeTrue(CjkFonts.available(), CjkFonts.missingMessage());
        List<SyntheticDocuments.Sample> cards = SyntheticDocuments.koreanCards(List.of(Degradation.ORIGINAL));
        byte[] pdf = PdfPagesTest.pdfOf(cards.get(0).image(), cards.get(1).image());
        Path data = Files.createDirectories(tmp.resolve("data"));
        Path remoteInbox = Files.createDirectories(tmp.resolve("sftp-root/inbox/korean-id-card"));
        Path uploaded = Files.write(remoteInbox.resolve("scan.pdf"), pdf);
        Files.setLastModifiedTime(uploaded, FileTime.from(Instant.now().minusSeconds(30)));

        try (SftpTestServer server = new SftpTestServer(tmp.resolve("sftp-root")).start()) {
            Properties p = new Properties();
            p.setProperty("ocrbridge.sftp.korean-id-card.enabled", "true");
            p.setProperty("ocrbridge.sftp.host", "127.0.0.1");
            p.setProperty("ocrbridge.sftp.port", Integer.toString(server.port()));
            p.setProperty("ocrbridge.sftp.username", SftpTestServer.USER);
            p.setProperty("ocrbridge.sftp.password", SftpTestServer.PASSWORD);
            p.setProperty("ocrbridge.sftp.known-hosts-file", server.knownHosts(tmp.resolve("known_hosts")).toString());
            p.setProperty("ocrbridge.sftp.settle-ms", "1500");
            p.setProperty("ocrbridge.sftp.poll-ms", "200");
            try (PipelineHarness harness = PipelineHarness.start(data, OcrSandbox.builder().localRecognition(), p)) {
                Path outbox = harness.outbox(RECOGNIZE_KOREAN_ID_CARD_OCR);
                Path page1 = outbox.resolve("scan.pdf#page=1.json");
                Path page2 = outbox.resolve("scan.pdf#page=2.json");
                await().atMost(WAIT).until(() -> Files.isRegularFile(page1) && Files.isRegularFile(page2)
                        && Files.isRegularFile(remoteInbox.resolve(".done/scan.pdf")));
                harness.awaitIdle();

                JsonNode one = PipelineHarness.json(page1);
                assertThat(one.path("fields").path("ID").asText()).isEqualTo(cards.get(0).expected().get("ID"));
                assertThat(PipelineHarness.json(page2).path("fields").path("ID").asText())
                        .isEqualTo(cards.get(1).expected().get("ID"));
                assertThat(one.path("source").path("name").asText()).isEqualTo("scan.pdf#page=1.png");
                assertThat(Files.readAllBytes(harness.archive(RECOGNIZE_KOREAN_ID_CARD_OCR).resolve("scan.pdf")))
                        .isEqualTo(pdf);
                assertThat(PipelineHarness.files(harness.inbox(RECOGNIZE_KOREAN_ID_CARD_OCR))).isEmpty();
            }
        }
    }
}
