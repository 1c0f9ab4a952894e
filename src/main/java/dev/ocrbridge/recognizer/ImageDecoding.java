package dev.ocrbridge.recognizer;

import dev.ocrbridge.actions.ImageFormat;
import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.errors.ErrorCodes;
import dev.ocrbridge.errors.OcrException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * The sandbox's judgement of an image, made the way the API must make it: by decoding it. (ocrbridge's client-side
 * pre-check only looks at magic bytes and markers; if the sandbox used it too, client and judge would agree by
 * construction.) Empty: {@code FailedOperation.EmptyImageError}; more than {@value #MAX_SIDE_PIXELS} px a side:
 * {@code FailedOperation.ImageSizeTooLarge}; anything a decoder refuses or only half reads, a PNG chunk whose CRC
 * does not match (libpng refuses those too), a format other than PNG or JPEG: the action's decode-failure code.
 *
 * <p><b>A decode budget</b>, checked from the header before anything is decoded, because subsampling bounds what
 * is kept, not what the decoder does: a progressive JPEG is decoded only with the coefficients of the whole image
 * held (natively, by libjpeg: about 2 bytes per pixel and component), and each of its scans walks them all.
 * <ul>
 *   <li>more than {@value #MAX_PIXELS} pixels, or a progressive JPEG of more than {@value #MAX_PROGRESSIVE_PIXELS}:
 *   refused as a size error ({@link #sizeRefusal}: {@code FailedOperation.ImageSizeTooLarge} where the action
 *   lists it, else its decode-failure code). So a 10,000 × 10,000 progressive JPEG of a few KB, hundreds of MB
 *   for libjpeg, is refused at once;</li>
 *   <li>a JPEG of more than {@value #MAX_SCANS} scans: the action's decode-failure code (encoders write about
 *   ten; thousands of tiny scans only serve to keep a decoder busy);</li>
 *   <li>at most {@link #MAX_CONCURRENT_DECODES} decodes at once in this JVM (one per core); a decode that waits
 *   longer than {@value #DECODE_WAIT_SECONDS} s for its turn is answered {@code FailedOperation.UnKnowError},
 *   which a client retries.</li>
 * </ul>
 */
public final class ImageDecoding {

    /** Tencent's largest side, in pixels. */
    public static final int MAX_SIDE_PIXELS = 10_000;
    /** Larger images are decoded subsampled to about this many pixels a side: recognition needs no more. */
    static final int DECODED_SIDE = 2_400;
    /** The most pixels an image may have: a 48-megapixel phone photo passes. */
    public static final long MAX_PIXELS = 50_000_000L;
    /** The most pixels of a progressive JPEG: its coefficients, about 70 MB at most, are held whole. */
    public static final long MAX_PROGRESSIVE_PIXELS = 12_000_000L;
    /** The most scans of a JPEG. */
    public static final int MAX_SCANS = 100;
    /** Decodes that may run at once in this JVM. */
    static final int MAX_CONCURRENT_DECODES = Math.max(1, Runtime.getRuntime().availableProcessors());
    /** How long a decode waits for its turn. */
    static final long DECODE_WAIT_SECONDS = 60;

    private static final Semaphore DECODES = new Semaphore(MAX_CONCURRENT_DECODES, true);

    private ImageDecoding() {
    }

    /**
     * @return the decoded image (subsampled when larger than {@value #DECODED_SIDE} px a side)
     * @throws OcrException with the code the API answers for an image it cannot take
     */
    public static BufferedImage decode(OcrAction action, byte[] image) {
        if (image == null || image.length == 0) {
            throw refused(ErrorCodes.EMPTY_IMAGE);
        }
        ImageFormat format = ImageFormat.detect(image);
        if (format != ImageFormat.PNG && format != ImageFormat.JPEG) {
            throw refused(action.decodeFailureCode());
        }
        if (format == ImageFormat.PNG && !pngChunksIntact(image)) {
            throw refused(action.decodeFailureCode());
        }
        try (ImageInputStream in = new ByteArrayImageInputStream(image)) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw refused(action.decodeFailureCode());
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if (width <= 0 || height <= 0) {
                    throw refused(action.decodeFailureCode());
                }
                if (width > MAX_SIDE_PIXELS || height > MAX_SIDE_PIXELS) {
                    throw refused(ErrorCodes.IMAGE_SIZE_TOO_LARGE);
                }
                checkBudget(action, format, image, (long) width * height);
                // A decoder that reaches the end of the data early only warns ("Premature end of JPEG file") and
                // returns grey rows: the image is not all there, so it is not decoded.
                AtomicBoolean warned = new AtomicBoolean();
                reader.addIIOReadWarningListener((source, warning) -> warned.set(true));
                ImageReadParam param = reader.getDefaultReadParam();
                int step = (Math.max(width, height) + DECODED_SIDE - 1) / DECODED_SIDE;
                if (step > 1) {
                    param.setSourceSubsampling(step, step, 0, 0);
                }
                BufferedImage decoded = readInTurn(reader, param);
                if (decoded == null || warned.get()) {
                    throw refused(action.decodeFailureCode());
                }
                return decoded;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof OcrException s) {
                throw s;
            }
            throw refused(action.decodeFailureCode());
        }
    }

    /** Refuses, from the header alone, an image that would cost the decoder more than the budget allows. */
    private static void checkBudget(OcrAction action, ImageFormat format, byte[] image, long pixels) {
        if (pixels > MAX_PIXELS) {
            throw refused(sizeRefusal(action));
        }
        if (format == ImageFormat.JPEG) {
            ByteBuffer bytes = ByteBuffer.wrap(image);
            if (format.progressive(bytes) && pixels > MAX_PROGRESSIVE_PIXELS) {
                throw refused(sizeRefusal(action));
            }
            if (format.jpegScans(bytes, MAX_SCANS + 1) > MAX_SCANS) {
                throw refused(action.decodeFailureCode());
            }
        }
    }

    /**
     * The code of an image too large to decode: {@code FailedOperation.ImageSizeTooLarge} ("image size too large")
     * where the action's seed lists it, else the action's decode-failure code (the Korean card's seed has no size
     * code: its engine answers that it could not decode the image).
     */
    static String sizeRefusal(OcrAction action) {
        return action.errorCodes().contains(ErrorCodes.IMAGE_SIZE_TOO_LARGE) ? ErrorCodes.IMAGE_SIZE_TOO_LARGE
                : action.decodeFailureCode();
    }

    /** Decodes once one of the {@link #MAX_CONCURRENT_DECODES} turns is free. */
    private static BufferedImage readInTurn(ImageReader reader, ImageReadParam param) throws IOException {
        boolean turn;
        try {
            turn = DECODES.tryAcquire(DECODE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw refused(ErrorCodes.UNKNOWN_ERROR);
        }
        if (!turn) {
            throw refused(ErrorCodes.UNKNOWN_ERROR);
        }
        try {
            return reader.read(0, param);
        } finally {
            DECODES.release();
        }
    }

    /** The turns of the decodes, for tests that hold them. */
    static Semaphore turns() {
        return DECODES;
    }

    /**
     * Walks the PNG's chunks: each must fit in the data and carry the CRC of its type and data; IHDR first, IEND
     * reached. (The JDK's decoder does not check CRCs.)
     */
    static boolean pngChunksIntact(byte[] png) {
        int at = 8;
        boolean first = true;
        CRC32 crc = new CRC32();
        while (at + 12 <= png.length) {
            long length = readInt(png, at) & 0xFFFFFFFFL;
            if (length > png.length - at - 12L) {
                return false;
            }
            int typeAt = at + 4;
            boolean ihdr = png[typeAt] == 'I' && png[typeAt + 1] == 'H' && png[typeAt + 2] == 'D' && png[typeAt + 3] == 'R';
            if (first && !ihdr) {
                return false;
            }
            first = false;
            crc.reset();
            crc.update(png, typeAt, 4 + (int) length);
            long stored = readInt(png, typeAt + 4 + (int) length) & 0xFFFFFFFFL;
            if (crc.getValue() != stored) {
                return false;
            }
            if (png[typeAt] == 'I' && png[typeAt + 1] == 'E' && png[typeAt + 2] == 'N' && png[typeAt + 3] == 'D') {
                return true;
            }
            at = typeAt + 4 + (int) length + 4;
        }
        return false;
    }

    private static int readInt(byte[] b, int at) {
        return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }

    /** A refusal with the code the API answers; ocrbridge's words only (the image is never described). */
    private static OcrException refused(String code) {
        return OcrException.local(code, "the image was refused when decoded");
    }
}
