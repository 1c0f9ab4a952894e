package dev.ocrbridge.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ocrbridge.errors.ErrorCodes;
import dev.ocrbridge.errors.OcrException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.DeflaterOutputStream;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.rendering.ImageType;
import org.junit.jupiter.api.Test;

/**
 * Pages a hostile PDF makes to exhaust the heap or hold a thread are refused as {@code Source.UnreadablePdf} before
 * PDFBox allocates or draws for them: an image whose PDF dictionary declares more than 10,000 pixels a side, a JPEG
 * whose own header does while the PDF declares a thumbnail, a page of more operators than the bound, even inside a
 * form (where PDFBox would log and skip a checked exception); an ordinary page renders as before.
 */
class BoundedPdfRendererTest {

    @Test
    void anImageDeclaringMoreThanTenThousandPixelsASideIsRefusedBeforeItIsAllocated() throws Exception {
        byte[] pdf = pdfDrawing(document -> flateImage(document, 12_000, 12_000, new byte[1000]));

        assertRefused(pdf, "12000 x 12000 pixels");
    }

    @Test
    void aJpegWhoseOwnHeaderDeclaresAHugeFrameIsRefusedWhateverThePdfDeclares() throws Exception {
        byte[] jpeg = jpeg(16, 16);
        int sof = sofOffset(jpeg);
        // the frame's height and width as the JPEG declares them, 11,000 x 11,000; the PDF says 16 x 16
        jpeg[sof + 5] = (byte) (11_000 >> 8);
        jpeg[sof + 6] = (byte) 11_000;
        jpeg[sof + 7] = (byte) (11_000 >> 8);
        jpeg[sof + 8] = (byte) 11_000;
        byte[] pdf = pdfDrawing(document -> {
            COSStream stream = document.getDocument().createCOSStream();
            try (OutputStream out = stream.createRawOutputStream()) {
                out.write(jpeg);
            }
            stream.setItem(COSName.TYPE, COSName.XOBJECT);
            stream.setItem(COSName.SUBTYPE, COSName.IMAGE);
            stream.setInt(COSName.WIDTH, 16);
            stream.setInt(COSName.HEIGHT, 16);
            stream.setInt(COSName.BITS_PER_COMPONENT, 8);
            stream.setItem(COSName.COLORSPACE, COSName.DEVICEGRAY);
            stream.setItem(COSName.FILTER, COSName.DCT_DECODE);
            return new PDImageXObject(new PDStream(stream), null);
        });

        assertRefused(pdf, "11000 x 11000 pixels");
    }

    @Test
    void aPageOfMoreOperatorsThanTheBoundIsRefusedEvenInsideAForm() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage(new PDRectangle(100, 100));
            document.addPage(page);
            PDFormXObject form = new PDFormXObject(document);
            form.setBBox(new PDRectangle(100, 100));
            try (OutputStream content = form.getContentStream().createOutputStream()) {
                content.write("0 0 m\n".repeat(1_000).getBytes(StandardCharsets.US_ASCII));
            }
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.drawForm(form);
            }
            document.save(out);
        }

        try (PDDocument document = Loader.loadPDF(out.toByteArray())) {
            assertThat(new BoundedPdfRenderer(document, 2_000).renderImageWithDPI(0, 72, ImageType.RGB))
                    .as("within the bound").isNotNull();
            assertThatThrownBy(() -> new BoundedPdfRenderer(document, 999).renderImageWithDPI(0, 72, ImageType.RGB))
                    .isInstanceOfSatisfying(OcrException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCodes.UNREADABLE_PDF))
                    .hasMessageContaining("more than 999 drawing operations");
        }
    }

    @Test
    void anOrdinaryScanRendersAsBefore() throws Exception {
        byte[] pdf = pdfDrawing(document -> PDImageXObject.createFromByteArray(document, jpeg(400, 300), "scan"));

        try (PDDocument document = Loader.loadPDF(pdf)) {
            BufferedImage page = new BoundedPdfRenderer(document).renderImageWithDPI(0, 144, ImageType.RGB);
            assertThat(page.getWidth()).isEqualTo(400);
        }
    }

    private static void assertRefused(byte[] pdf, String why) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThatThrownBy(() -> new BoundedPdfRenderer(document).renderImageWithDPI(0, 72, ImageType.RGB))
                    .isInstanceOfSatisfying(OcrException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCodes.UNREADABLE_PDF))
                    .hasMessageContaining(why);
        }
    }

    private interface ImageMaker {
        PDImageXObject make(PDDocument document) throws IOException;
    }

    /** A 200 x 150 pt page drawing the image over all of it. */
    private static byte[] pdfDrawing(ImageMaker image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage(new PDRectangle(200, 150));
            document.addPage(page);
            PDImageXObject xObject = image.make(document);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.drawImage(xObject, 0, 0, 200, 150);
            }
            document.save(out);
        }
        return out.toByteArray();
    }

    private static PDImageXObject flateImage(PDDocument document, int width, int height, byte[] samples)
            throws IOException {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (DeflaterOutputStream deflate = new DeflaterOutputStream(compressed)) {
            deflate.write(samples);
        }
        COSStream stream = document.getDocument().createCOSStream();
        try (OutputStream out = stream.createRawOutputStream()) {
            out.write(compressed.toByteArray());
        }
        stream.setItem(COSName.TYPE, COSName.XOBJECT);
        stream.setItem(COSName.SUBTYPE, COSName.IMAGE);
        stream.setInt(COSName.WIDTH, width);
        stream.setInt(COSName.HEIGHT, height);
        stream.setInt(COSName.BITS_PER_COMPONENT, 8);
        stream.setItem(COSName.COLORSPACE, COSName.DEVICEGRAY);
        stream.setItem(COSName.FILTER, COSName.FLATE_DECODE);
        return new PDImageXObject(new PDStream(stream), null);
    }

    private static byte[] jpeg(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", out);
        return out.toByteArray();
    }

    /** Where the JPEG's baseline start-of-frame marker (FF C0) is. */
    private static int sofOffset(byte[] jpeg) {
        for (int i = 2; i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xC0) {
                return i;
            }
        }
        throw new IllegalStateException("no SOF0 in the JPEG ImageIO wrote");
    }
}
