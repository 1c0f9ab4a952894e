package dev.ocrbridge.service;

import static dev.ocrbridge.actions.OcrAction.RECOGNIZE_KOREAN_ID_CARD_OCR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ocrbridge.localocr.CjkFonts;
import dev.ocrbridge.localocr.Degradation;
import dev.ocrbridge.localocr.SyntheticDocuments;
import dev.ocrbridge.sandbox.OcrSandbox;
import dev.ocrbridge.signing.Tc3Signer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PDFs dropped into the real service: each page is rendered, placed in the inbox as {@code <pdf>#page=<n>.png} and
 * recognized by the sandbox over HTTP, its result naming the page; the PDF is archived. The same PDF again (a second
 * run, as after a crash before the PDF was archived) places the same pages under the same names: no page twice,
 * nothing billed twice. A broken, a locked and an overlong PDF each go whole to their dead-letter folder.
 */
public class PdfPagesTest {

    private static final Duration WAIT = Duration.ofSeconds(120);

    @TempDir
    Path data;

    @Test
    void eachPageIsRecognizedUnderItsOwnNameAndASecondRunBillsNothing() throws Exception {
        assumeTrue(CjkFonts.available(), CjkFonts.missingMessage());
        List<SyntheticDocuments.Sample> cards = SyntheticDocuments.koreanCards(List.of(Degradation.ORIGINAL));
        SyntheticDocuments.Sample first = cards.get(0);
        SyntheticDocuments.Sample second = cards.get(1);
        byte[] pdf = pdfOf(first.image(), second.image());

        try (PipelineHarness harness = PipelineHarness.start(data, OcrSandbox.builder().localRecognition(),
                new Properties())) {
            Path outbox = harness.outbox(RECOGNIZE_KOREAN_ID_CARD_OCR);
            Path archive = harness.archive(RECOGNIZE_KOREAN_ID_CARD_OCR);
            Path page1 = outbox.resolve("scan.pdf#page=1.json");
            Path page2 = outbox.resolve("scan.pdf#page=2.json");
            harness.drop(RECOGNIZE_KOREAN_ID_CARD_OCR, "scan.pdf", pdf);
            await().atMost(WAIT).until(() -> Files.isRegularFile(page1) && Files.isRegularFile(page2)
                    && Files.isRegularFile(archive.resolve("scan.pdf#page=2.png")));
            harness.awaitIdle();

            JsonNode one = PipelineHarness.json(page1);
            JsonNode two = PipelineHarness.json(page2);
            assertThat(one.path("fields").path("ID").asText()).isEqualTo(first.expected().get("ID"));
            assertThat(two.path("fields").path("ID").asText()).isEqualTo(second.expected().get("ID"));
            assertThat(one.path("source").path("name").asText()).isEqualTo("scan.pdf#page=1.png");
            assertThat(two.path("source").path("name").asText()).isEqualTo("scan.pdf#page=2.png");
            assertThat(one.path("source").path("channel").asText()).isEqualTo("file");
            assertThat(Files.readAllBytes(archive.resolve("scan.pdf"))).isEqualTo(pdf);
            assertThat(PipelineHarness.files(harness.inbox(RECOGNIZE_KOREAN_ID_CARD_OCR))).isEmpty();
            assertThat(results(outbox)).containsExactlyInAnyOrder("scan.pdf#page=1.json", "scan.pdf#page=2.json");
            assertThat(Bills.perImage(harness.sandbox().requests())).hasSize(2).allSatisfy((sha, n) -> {
                assertThat(n).isEqualTo(1);
            });
            String firstPageSha = one.path("source").path("sha256").asText();

            // the same PDF again: rendered to the same pages, placed under the same names, answered from the record
            harness.drop(RECOGNIZE_KOREAN_ID_CARD_OCR, "scan.pdf", pdf);
            await().atMost(WAIT).until(() -> PipelineHarness.json(page1).path("reused").asBoolean()
                    && PipelineHarness.json(page2).path("reused").asBoolean()
                    && PipelineHarness.files(harness.inbox(RECOGNIZE_KOREAN_ID_CARD_OCR)).isEmpty());
            harness.awaitIdle();

            assertThat(PipelineHarness.json(page1).path("source").path("sha256").asText()).isEqualTo(firstPageSha);
            assertThat(results(outbox)).containsExactlyInAnyOrder("scan.pdf#page=1.json", "scan.pdf#page=2.json");
            assertThat(PipelineHarness.files(archive)).extracting(p -> p.getFileName().toString())
                    .containsExactlyInAnyOrder("scan.pdf", "scan.pdf#page=1.png", "scan.pdf#page=2.png");
            assertThat(Bills.billedTwice(harness.sandbox().requests())).isZero();
            assertThat(Bills.perImage(harness.sandbox().requests())).hasSize(2);
            assertThat(harness.sandbox().requests()).noneMatch(r -> Tc3Signer.sha256Hex(pdf, 0, pdf.length)
                    .equals(r.imageSha256()));
        }
    }

    @Test
    void brokenLockedAndOverlongPdfsAreDeadLetteredWhole() throws Exception {
        assumeTrue(CjkFonts.available(), CjkFonts.missingMessage());
        byte[] card = SyntheticDocuments.koreanCards(List.of(Degradation.ORIGINAL)).get(0).image();
        // whole (it ends with %%EOF: not a copy under way) but not a PDF past its header
        byte[] broken = "%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\nthis is not a PDF past its header\n%%EOF\n"
                .getBytes(StandardCharsets.US_ASCII);
        byte[] locked = locked(pdfOf(card));
        byte[] threePages = pdfOf(card, card, card);
        Properties p = new Properties();
        p.setProperty("ocrbridge.pdf.max-pages", "2");

        try (PipelineHarness harness = PipelineHarness.start(data, OcrSandbox.builder().localRecognition(), p)) {
            harness.drop(RECOGNIZE_KOREAN_ID_CARD_OCR, "broken-김민준.pdf", broken);
            harness.drop(RECOGNIZE_KOREAN_ID_CARD_OCR, "locked.pdf", locked);
            harness.drop(RECOGNIZE_KOREAN_ID_CARD_OCR, "three.pdf", threePages);
            Path unreadable = harness.deadLetter(RECOGNIZE_KOREAN_ID_CARD_OCR, "Source.UnreadablePdf");
            Path tooMany = harness.deadLetter(RECOGNIZE_KOREAN_ID_CARD_OCR, "Source.TooManyPdfPages");
            await().atMost(WAIT).until(() -> Files.isRegularFile(unreadable.resolve("broken-김민준.pdf"))
                    && Files.isRegularFile(unreadable.resolve("locked.pdf"))
                    && Files.isRegularFile(tooMany.resolve("three.pdf")));
            harness.awaitIdle();

            JsonNode error = PipelineHarness.json(unreadable.resolve("broken-김민준.pdf.error.json"));
            assertThat(error.path("error").path("code").asText()).isEqualTo("Source.UnreadablePdf");
            assertThat(error.path("error").path("message").asText()).doesNotContain("김민준").doesNotContain("broken");
            assertThat(PipelineHarness.json(unreadable.resolve("locked.pdf.error.json")).path("error").path("message")
                    .asText()).contains("password");
            assertThat(PipelineHarness.json(tooMany.resolve("three.pdf.error.json")).path("error").path("code").asText())
                    .isEqualTo("Source.TooManyPdfPages");
            assertThat(Files.readAllBytes(unreadable.resolve("broken-김민준.pdf"))).isEqualTo(broken);
            assertThat(PipelineHarness.files(harness.inbox(RECOGNIZE_KOREAN_ID_CARD_OCR))).isEmpty();
            assertThat(PipelineHarness.files(harness.outbox(RECOGNIZE_KOREAN_ID_CARD_OCR))).isEmpty();
            assertThat(harness.sandbox().requests()).isEmpty();
        }
    }

    private static List<String> results(Path outbox) {
        return PipelineHarness.files(outbox).stream().map(f -> f.getFileName().toString())
                .filter(n -> n.endsWith(".json")).toList();
    }

    /** A PDF of one page per image, each page the image's size at 200 dpi (rendered back at 200 dpi: as it was). */
    public static byte[] pdfOf(byte[]... images) throws IOException {
        try (PDDocument document = new PDDocument()) {
            for (byte[] png : images) {
                BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
                float w = image.getWidth() * 72f / 200;
                float h = image.getHeight() * 72f / 200;
                PDPage page = new PDPage(new PDRectangle(w, h));
                document.addPage(page);
                PDImageXObject x = LosslessFactory.createFromImage(document, image);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    content.drawImage(x, 0, 0, w, h);
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        }
    }

    /** The PDF protected by a user password: it cannot be opened without it. */
    private static byte[] locked(byte[] pdf) throws IOException {
        try (PDDocument document = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-secret", "user-secret",
                    new AccessPermission());
            policy.setEncryptionKeyLength(128);
            document.protect(policy);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        }
    }
}
