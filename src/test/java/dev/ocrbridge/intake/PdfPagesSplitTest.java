package dev.ocrbridge.intake;

import static dev.ocrbridge.actions.OcrAction.RECOGNIZE_KOREAN_ID_CARD_OCR;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ocrbridge.outbox.Outbox;
import dev.ocrbridge.recognition.OcrHeaders;
import dev.ocrbridge.recognition.OcrSettings;
import dev.ocrbridge.recognition.RecognitionJob;
import dev.ocrbridge.recognition.SpooledImage;
import dev.ocrbridge.service.PdfPagesTest;
import dev.ocrbridge.service.PipelineHarness;
import dev.ocrbridge.signing.Tc3Signer;
import dev.ocrbridge.testsupport.TestImages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The split itself, over a real data folder: a split interrupted and run again (a crash after some pages were
 * placed) places the same pages under the same names with the same bytes, never a second copy; another PDF of the
 * same name leaves the waiting pages alone; pages are private files; an absurd page size is rendered bounded.
 */
class PdfPagesSplitTest {

    @TempDir
    Path data;
    private DefaultCamelContext camel;
    private OcrSettings settings;
    private PdfPages pages;

    @BeforeEach
    void setUp() {
        camel = new DefaultCamelContext();
        // the action's limit is read from the endpoint that recognizes it
        camel.getEndpoint("tencent-ocr:RecognizeKoreanIDCardOCR?endpointUrl=local");
        settings = new OcrSettings();
        settings.setCamelContext(camel);
        settings.setDataDir(data.toString());
        Outbox outbox = new Outbox();
        outbox.setDataDir(data.toString());
        pages = new PdfPages();
        pages.setSettings(settings);
        pages.setOutbox(outbox);
    }

    @AfterEach
    void tearDown() throws IOException {
        camel.close();
    }

    @Test
    void aSecondSplitOfTheSamePdfPlacesNoPageTwice() throws Exception {
        byte[] pdf = PdfPagesTest.pdfOf(TestImages.noisePng(1), TestImages.noisePng(2));
        split("scan.pdf", pdf);
        Map<String, byte[]> first = inbox();
        assertThat(first).containsOnlyKeys("scan.pdf#page=1.png", "scan.pdf#page=2.png");

        // as after a crash: page 1 was recognized and moved away, page 2 still waits; the PDF is split again
        Files.delete(settings.folders().inbox(RECOGNIZE_KOREAN_ID_CARD_OCR).resolve("scan.pdf#page=1.png"));
        split("scan.pdf", pdf);
        Map<String, byte[]> second = inbox();
        assertThat(second).containsOnlyKeys("scan.pdf#page=1.png", "scan.pdf#page=2.png");
        assertThat(second.get("scan.pdf#page=1.png")).isEqualTo(first.get("scan.pdf#page=1.png"));
        assertThat(second.get("scan.pdf#page=2.png")).isEqualTo(first.get("scan.pdf#page=2.png"));
        for (Path page : PipelineHarness.files(settings.folders().inbox(RECOGNIZE_KOREAN_ID_CARD_OCR))) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(page))).isEqualTo("rw-------");
        }
        assertThat(Files.readAllBytes(settings.folders().archive(RECOGNIZE_KOREAN_ID_CARD_OCR).resolve("scan.pdf")))
                .isEqualTo(pdf);
    }

    @Test
    void anotherPdfOfTheSameNameLeavesTheWaitingPagesAlone() throws Exception {
        byte[] one = PdfPagesTest.pdfOf(TestImages.noisePng(1));
        byte[] other = PdfPagesTest.pdfOf(TestImages.noisePng(3));
        split("scan.pdf", one);
        byte[] waiting = inbox().get("scan.pdf#page=1.png");
        split("scan.pdf", other);

        Map<String, byte[]> inbox = inbox();
        String otherSha = Tc3Signer.sha256Hex(other, 0, other.length).substring(0, 12);
        assertThat(inbox).containsOnlyKeys("scan.pdf#page=1.png", "scan.pdf#page=1." + otherSha + ".png");
        assertThat(inbox.get("scan.pdf#page=1.png")).isEqualTo(waiting);
    }

    @Test
    void aPdfOfTheLongestNameTakenGetsPagesTheFileDropTakes() throws Exception {
        // 75 Hangul syllables (225 bytes) and ".pdf": near the longest name a file may have and still be taken
        String name = "가".repeat(75) + ".pdf";
        assertThat(InboxEntries.unacceptableName(name)).isEmpty();
        split(name, PdfPagesTest.pdfOf(TestImages.noisePng(1), TestImages.noisePng(2)));
        split(name, PdfPagesTest.pdfOf(TestImages.noisePng(3))); // another PDF of that name: its page set apart

        Map<String, byte[]> inbox = inbox();
        assertThat(inbox).hasSize(3);
        assertThat(inbox.keySet()).allSatisfy(page -> {
            assertThat(InboxEntries.unacceptableName(page)).as(page).isEmpty();
            assertThat(page).startsWith("가".repeat(60)).contains("#page=");
        });
    }

    @Test
    void anAbsurdPageSizeIsRenderedBounded() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PDDocument document = new PDDocument()) {
            document.addPage(new PDPage(new PDRectangle(14_000, 200))); // about 16 feet wide
            document.save(out);
        }
        split("wide.pdf", out.toByteArray());
        BufferedImage page = ImageIO.read(new ByteArrayInputStream(inbox().get("wide.pdf#page=1.png")));
        assertThat(Math.max(page.getWidth(), page.getHeight())).isLessThanOrEqualTo(PdfPages.MAX_SIDE_PIXELS);
    }

    private void split(String name, byte[] pdf) {
        Exchange exchange = new DefaultExchange(camel);
        SpooledImage image = SpooledImage.of(pdf);
        exchange.setProperty(OcrHeaders.JOB_PROPERTY, new RecognitionJob(RECOGNIZE_KOREAN_ID_CARD_OCR,
                new RecognitionJob.Source("sftp", name, image.sha256(), pdf.length, "test"), image));
        pages.split(exchange);
    }

    private Map<String, byte[]> inbox() throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        List<Path> all = PipelineHarness.files(settings.folders().inbox(RECOGNIZE_KOREAN_ID_CARD_OCR));
        for (Path f : all) {
            files.put(f.getFileName().toString(), Files.readAllBytes(f));
        }
        return files;
    }
}
