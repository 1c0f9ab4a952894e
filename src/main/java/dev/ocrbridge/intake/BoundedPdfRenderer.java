package dev.ocrbridge.intake;

import dev.ocrbridge.actions.ImageFormat;
import dev.ocrbridge.errors.ErrorCodes;
import dev.ocrbridge.errors.OcrException;
import dev.ocrbridge.recognizer.ImageDecoding;
import dev.ocrbridge.request.ImagePreCheck;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.graphics.image.PDImage;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.rendering.PageDrawer;
import org.apache.pdfbox.rendering.PageDrawerParameters;

/**
 * PDFBox's renderer within bounds a hostile PDF cannot push it past. A PDF of a few hundred bytes can declare an
 * image of 50,000 × 50,000 pixels (or hold a JPEG whose own header does), which PDFBox allocates whole before
 * reading a byte of it: the heap runs out, and a service run with {@code -XX:+ExitOnOutOfMemoryError} exits, takes
 * the same PDF again when it restarts, and exits again. A page of a hundred million drawing operators holds a route
 * thread for as long as it takes. So a page is refused ({@code Source.UnreadablePdf}, none of the PDF's pages sent)
 * when it draws an image, a mask or a soft mask of more than {@link ImagePreCheck#MAX_SIDE_PIXELS} a side or more
 * than {@link #MAX_IMAGE_PIXELS} in all (a 600 dpi scan of an A4 page is 35 million), or when it takes more than
 * {@link #MAX_OPERATORS_PER_PAGE} operators; each is checked before PDFBox allocates or draws anything for it.
 */
final class BoundedPdfRenderer extends PDFRenderer {

    /** Pixels of one image a page may draw, the budget of any image decoded here: 150 MB as 8-bit RGB. */
    static final long MAX_IMAGE_PIXELS = ImageDecoding.MAX_PIXELS;
    /** Content-stream operators per page, forms, patterns and annotations included: a dense form is ~100,000. */
    static final long MAX_OPERATORS_PER_PAGE = 2_000_000;

    private final long maxOperatorsPerPage;

    BoundedPdfRenderer(PDDocument document) {
        this(document, MAX_OPERATORS_PER_PAGE);
    }

    BoundedPdfRenderer(PDDocument document, long maxOperatorsPerPage) {
        super(document);
        this.maxOperatorsPerPage = maxOperatorsPerPage;
    }

    @Override
    protected PageDrawer createPageDrawer(PageDrawerParameters parameters) throws IOException {
        return new BoundedPageDrawer(parameters, maxOperatorsPerPage);
    }

    private static final class BoundedPageDrawer extends PageDrawer {

        private final long maxOperators;

        private final Set<COSBase> checked = Collections.newSetFromMap(new IdentityHashMap<>());
        private long operators;

        BoundedPageDrawer(PageDrawerParameters parameters, long maxOperators) throws IOException {
            super(parameters);
            this.maxOperators = maxOperators;
        }

        @Override
        protected void processOperator(Operator operator, List<COSBase> operands) throws IOException {
            if (++operators > maxOperators) {
                // unchecked: PDFBox logs and skips an IOException of a nested form's operator, and would go on
                throw refused("a page of the PDF takes more than " + maxOperators + " drawing operations");
            }
            super.processOperator(operator, operands);
        }

        @Override
        public void drawImage(PDImage image) throws IOException {
            check(image);
            if (image instanceof PDImageXObject xObject) {
                check(xObject.getSoftMask());
                check(xObject.getMask());
            }
            super.drawImage(image);
        }

        private void check(PDImage image) throws IOException {
            if (image == null || !checked.add(image.getCOSObject())) {
                return; // drawn again (a tile, a repeated logo): already checked
            }
            checkSize(image.getWidth(), image.getHeight());
            if ("jpg".equals(image.getSuffix())) {
                // the JPEG decoder allocates what the JPEG's own header says, whatever the PDF declares
                byte[] jpeg;
                try (InputStream in = image.createInputStream(List.of(COSName.DCT_DECODE.getName()))) {
                    jpeg = in.readAllBytes();
                }
                int[] size = ImageFormat.JPEG.declaredSize(jpeg);
                if (size != null) {
                    checkSize(size[0], size[1]);
                }
            }
        }

        private static void checkSize(long width, long height) {
            if (width > ImagePreCheck.MAX_SIDE_PIXELS || height > ImagePreCheck.MAX_SIDE_PIXELS
                    || width * height > MAX_IMAGE_PIXELS) {
                throw refused("a page of the PDF draws an image of " + width + " x " + height + " pixels; at most "
                        + ImagePreCheck.MAX_SIDE_PIXELS + " a side and " + MAX_IMAGE_PIXELS + " in all are rendered");
            }
        }

        private static OcrException refused(String why) {
            return OcrException.local(ErrorCodes.UNREADABLE_PDF, why + "; none of its pages was sent");
        }
    }
}
