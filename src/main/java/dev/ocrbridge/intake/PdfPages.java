package dev.ocrbridge.intake;

import dev.ocrbridge.errors.ErrorCodes;
import dev.ocrbridge.errors.OcrException;
import dev.ocrbridge.outbox.AtomicFiles;
import dev.ocrbridge.outbox.Outbox;
import dev.ocrbridge.recognition.DataFolders;
import dev.ocrbridge.recognition.OcrHeaders;
import dev.ocrbridge.recognition.OcrSettings;
import dev.ocrbridge.recognition.PrivateFiles;
import dev.ocrbridge.recognition.ProcessFolder;
import dev.ocrbridge.recognition.RecognitionIntake;
import dev.ocrbridge.recognition.RecognitionJob;
import dev.ocrbridge.recognition.SafeNames;
import dev.ocrbridge.recognition.SpooledImage;
import dev.ocrbridge.request.ImagePreCheck;
import dev.ocrbridge.request.JpegEncoder;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.apache.camel.Exchange;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PDF (a scan, a printed form) taken by the file drop or SFTP: each page rendered to an image and placed in the
 * action's inbox as a file of its own, {@code <pdf name>#page=<n>.png}, which the file drop then recognizes like any
 * dropped image (its result {@code <pdf name>#page=<n>.json}, its {@code source.name} the page file's name). The PDF
 * itself is archived once every page is placed, with no result of its own.
 *
 * <p>Every page is rendered before any is placed, into this process's private staging folder: a PDF refused halfway
 * (a page that does not render, a page too large to send) places none and is dead-lettered whole. A crash after some
 * pages were placed leaves the PDF in its inbox; the next run renders the same pages to the same bytes and the same
 * names, so a page already there is not placed twice, and a page already recognized is answered from the record of
 * answers (same SHA-256), its result written over under the same name: no page twice, none lost, none billed twice.
 *
 * <p>Bounds: at most {@code ocrbridge.pdf.max-pages} pages (more: {@code Source.TooManyPdfPages}), rendered at
 * {@code ocrbridge.pdf.dpi} but never more than {@value #MAX_SIDE_PIXELS} px a side, within the bounds of
 * {@link BoundedPdfRenderer} (the images a page draws, the operators it takes). A page as PNG over the action's
 * size limit is written as a high-quality JPEG ({@code .jpg}) instead. A PDF that cannot be opened without a password,
 * is broken, has no page, or is cut short (no {@code %%EOF}: a copy that paused is waited for like a truncated image,
 * {@link IncompleteImages}, and refused only once it stayed so): {@code Source.UnreadablePdf}. PDFBox keeps the document in memory (its default), never in
 * a temporary file outside the data folder.
 */
public class PdfPages {

    /** The outcome of a PDF ({@link OcrHeaders#OUTCOME}): its pages were placed, each to be recognized on its own. */
    public static final String SPLIT = "split";


    /** The longest side of a rendered page: about 25 inches at 200 dpi, far more than any card or form needs. */
    static final int MAX_SIDE_PIXELS = 5_000;
    /** {@code .<12 hex>}: what {@link #place} adds to a page's name when another PDF's page holds it. */
    private static final int HASH_SUFFIX_BYTES = 13;

    private static final Logger LOG = LoggerFactory.getLogger(PdfPages.class);
    private static final float[] JPEG_QUALITIES = {0.92f, 0.8f};

    private OcrSettings settings;
    private Outbox outbox;
    private int maxPages = 20;
    private int dpi = 200;

    /** The route's step for an exchange the intake marked as a PDF ({@link RecognitionIntake#PDF_PROPERTY}). */
    public void split(Exchange exchange) {
        RecognitionJob job = RecognitionIntake.job(exchange);
        DataFolders folders = settings.folders();
        long limit = settings.action(job.action()).maxBase64Bytes();
        Path work;
        try {
            work = PrivateFiles.createDirectories(ProcessFolder.in(folders.staging()).path()
                    .resolve("pdf-" + UUID.randomUUID()));
        } catch (IOException e) {
            throw storageFailed(e);
        }
        try {
            List<Page> pages = render(job.image(), limit, work);
            Path inbox = folders.inbox(job.action());
            for (Page page : pages) {
                place(folders, inbox, pageName(job.source().name(), page.number(), page.extension()),
                        page.file(), job.source().sha256());
            }
            outbox.archiveOriginal(exchange, job);
            exchange.getMessage().setHeader(OcrHeaders.OUTCOME, SPLIT);
            LOG.info("A PDF of {} page(s) was placed in the {} inbox as page images", pages.size(),
                    job.action().actionName());
        } finally {
            deleteTree(work);
        }
    }

    /**
     * {@code <pdf name>#page=<n><extension>}, the PDF's name cut on a character boundary where needed so that the
     * page's name, even with the PDF's short hash that sets it apart from another PDF's page ({@link #place}), is one
     * the file drop takes as it is: a page named longer would be dead-lettered for its name, never recognized.
     */
    static String pageName(String pdfName, int number, String extension) {
        String page = "#page=" + number + extension;
        int room = SafeNames.MAX_NAME_BYTES - SafeNames.utf8Length(page) - HASH_SUFFIX_BYTES;
        return SafeNames.prefixOfAtMost(pdfName, room).strip() + page;
    }

    /** One rendered page, staged in the work folder. */
    private record Page(int number, String extension, Path file) {
    }

    private List<Page> render(SpooledImage pdf, long limit, Path work) {
        if (!complete(pdf)) {
            // PDFBox would rebuild what it can of a cut-off file and render part of it: the rest would be lost unseen
            throw OcrException.local(ErrorCodes.UNREADABLE_PDF, "the PDF is cut short (no end-of-file marker)");
        }
        try (PDDocument document = pdf.file() != null ? Loader.loadPDF(pdf.file().toFile())
                : Loader.loadPDF(pdf.inMemory())) {
            int count = document.getNumberOfPages();
            if (count == 0) {
                throw OcrException.local(ErrorCodes.UNREADABLE_PDF, "the PDF has no page");
            }
            if (count > maxPages) {
                throw OcrException.local(ErrorCodes.TOO_MANY_PDF_PAGES, "the PDF has " + count
                        + " pages, more than ocrbridge.pdf.max-pages (" + maxPages + "); none was sent");
            }
            PDFRenderer renderer = new BoundedPdfRenderer(document);
            List<Page> pages = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                BufferedImage image = renderer.renderImageWithDPI(i, dpiFor(document.getPage(i)), ImageType.RGB);
                Encoded encoded = encode(image, limit);
                if (encoded == null) {
                    throw OcrException.local(ErrorCodes.TOO_LARGE_FILE, "page " + (i + 1) + " of the PDF is over the"
                            + " limit of " + limit + " bytes as Base64 even as a JPEG; none of its pages was sent");
                }
                Path staged = work.resolve((i + 1) + encoded.extension());
                AtomicFiles.write(settings.folders().staging(), staged, encoded.bytes(), false);
                pages.add(new Page(i + 1, encoded.extension(), staged));
            }
            return pages;
        } catch (OcrException e) {
            throw e;
        } catch (InvalidPasswordException e) {
            throw OcrException.local(ErrorCodes.UNREADABLE_PDF, "the PDF cannot be opened without a password");
        } catch (IOException | RuntimeException e) {
            // no message of PDFBox's: it may quote the document's content
            throw OcrException.local(ErrorCodes.UNREADABLE_PDF,
                    "the PDF could not be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static boolean complete(SpooledImage pdf) {
        try {
            if (pdf.file() == null) {
                return PdfEnd.complete(pdf.inMemory());
            }
            try (FileChannel channel = FileChannel.open(pdf.file(), StandardOpenOption.READ)) {
                long size = channel.size();
                long from = Math.max(0, size - 1024);
                return PdfEnd.complete(channel.map(FileChannel.MapMode.READ_ONLY, from, size - from));
            }
        } catch (IOException e) {
            return false;
        }
    }

    /** The configured DPI, lowered for a page whose side would be more than {@value #MAX_SIDE_PIXELS} px. */
    private float dpiFor(PDPage page) {
        PDRectangle box = page.getCropBox();
        float longestPoints = Math.max(Math.abs(box.getWidth()), Math.abs(box.getHeight()));
        if (!(longestPoints > 0)) {
            return dpi;
        }
        return Math.min(dpi, MAX_SIDE_PIXELS * 72f / longestPoints);
    }

    private record Encoded(byte[] bytes, String extension) {
    }

    /** PNG (lossless, what text renders best as), else JPEG when the PNG would be over the limit; null if neither fits. */
    private static Encoded encode(BufferedImage image, long limit) throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        if (ImagePreCheck.base64Length(png.size()) <= limit) {
            return new Encoded(png.toByteArray(), ".png");
        }
        for (float quality : JPEG_QUALITIES) {
            byte[] jpeg = JpegEncoder.encode(image, quality);
            if (jpeg != null && ImagePreCheck.base64Length(jpeg.length) <= limit) {
                return new Encoded(jpeg, ".jpg");
            }
        }
        return null;
    }

    /**
     * Places a page in the inbox under its name, never over another file: a file of that name with the same bytes is
     * this page placed before (a second run over the PDF); a file of that name with other bytes (another PDF of the
     * same name, still waiting) leaves the name to it, and the page takes the name with the PDF's short hash.
     */
    private static void place(DataFolders folders, Path inbox, String name, Path staged, String pdfSha256) {
        try {
            byte[] bytes = Files.readAllBytes(staged);
            Path target = inbox.resolve(name);
            if (placedOrSame(folders, target, bytes)) {
                return;
            }
            int dot = name.lastIndexOf('.');
            Path suffixed = inbox.resolve(name.substring(0, dot) + "." + pdfSha256.substring(0, 12) + name.substring(dot));
            if (!placedOrSame(folders, suffixed, bytes)) {
                AtomicFiles.write(folders.staging(), suffixed, bytes, false); // this PDF's own name: its page wins
            }
        } catch (IOException e) {
            throw storageFailed(e);
        }
    }

    /** Whether the page is at {@code target} now: placed here, or there already with the same bytes. */
    private static boolean placedOrSame(DataFolders folders, Path target, byte[] bytes) throws IOException {
        for (int attempt = 0; attempt < 3; attempt++) {
            if (AtomicFiles.writeNew(folders.staging(), target, bytes)) {
                return true;
            }
            try {
                return Arrays.equals(Files.readAllBytes(target), bytes);
            } catch (NoSuchFileException e) {
                // recognized and moved away between the two looks: the name is free again
            }
        }
        return false;
    }

    private static OcrException storageFailed(IOException e) {
        return OcrException.local(ErrorCodes.STORAGE_FAILED,
                "could not place the PDF's pages (" + e.getClass().getSimpleName() + ")", e);
    }

    private static void deleteTree(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> {
                try {
                    Files.deleteIfExists(f);
                } catch (IOException e) {
                    // left for the staging folder's sweep at the next start
                }
            });
        } catch (IOException e) {
            // the same
        }
    }

    public void setSettings(OcrSettings settings) {
        this.settings = settings;
    }

    public void setOutbox(Outbox outbox) {
        this.outbox = outbox;
    }

    /** {@code ocrbridge.pdf.max-pages}: a PDF of more pages is refused whole. */
    public void setMaxPages(int maxPages) {
        this.maxPages = maxPages;
    }

    /** {@code ocrbridge.pdf.dpi}: the resolution pages are rendered at. */
    public void setDpi(int dpi) {
        this.dpi = dpi;
    }
}
