package dev.ocrbridge.request;

import dev.ocrbridge.actions.ImageFormat;
import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.errors.ErrorCodes;
import dev.ocrbridge.errors.OcrException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The checks ocrbridge makes before spending a call: each refusal carries the code Tencent would answer for the
 * same image, so a file lands in the same dead-letter folder whether the API or the pre-check refused it.
 */
public final class ImagePreCheck {

    /**
     * The longest side, in pixels, an image may declare. Not in the action specs: Tencent's other OCR actions
     * document 10,000 px, and a header claiming more is a broken or hostile file (a decompression bomb) either way.
     */
    public static final int MAX_SIDE_PIXELS = 10_000;

    private ImagePreCheck() {
    }

    /** The length of the Base64 text of {@code n} bytes (padded, no line breaks). */
    public static long base64Length(long n) {
        return 4 * ((n + 2) / 3);
    }

    /**
     * What is wrong with the image bytes themselves, as the code Tencent answers after decoding the Base64:
     * empty; not PNG or JPEG by magic bytes; cut off before its end marker; declaring more than
     * {@link #MAX_SIDE_PIXELS} on a side ({@code FailedOperation.ImageSizeTooLarge}). Shared with the sandbox.
     *
     * @return null when none of these applies
     */
    public static OcrException imageProblem(OcrAction action, byte[] image) {
        return imageProblem(action, image == null ? null : ByteBuffer.wrap(image));
    }

    /** {@link #imageProblem(OcrAction, byte[])} over the bytes from position 0 to the buffer's limit. */
    public static OcrException imageProblem(OcrAction action, ByteBuffer image) {
        if (image == null || image.limit() == 0) {
            return OcrException.local(ErrorCodes.EMPTY_IMAGE, "the image is empty (0 bytes)");
        }
        ImageFormat format = ImageFormat.detect(image);
        if (!format.acceptedByTencent()) {
            return OcrException.local(action.decodeFailureCode(),
                    "the image is " + (format == ImageFormat.UNKNOWN ? "not a recognizable image" : format)
                            + "; only PNG and JPEG are accepted");
        }
        if (!format.looksComplete(image)) {
            return OcrException.local(action.decodeFailureCode(), "the " + format + " image is truncated (no end marker)");
        }
        int[] size = format.declaredSize(image);
        if (size != null && (size[0] > MAX_SIDE_PIXELS || size[1] > MAX_SIDE_PIXELS || size[0] <= 0 || size[1] <= 0)) {
            return OcrException.local(ErrorCodes.IMAGE_SIZE_TOO_LARGE, "the " + format + " image declares "
                    + Integer.toUnsignedString(size[0]) + " x " + Integer.toUnsignedString(size[1])
                    + " pixels; at most " + MAX_SIDE_PIXELS + " per side are accepted");
        }
        return null;
    }

    /**
     * @throws OcrException {@code FailedOperation.EmptyImageError} for no bytes; the action's decode-failure code
     *                      for anything but a complete PNG or JPEG; {@code FailedOperation.ImageSizeTooLarge} for
     *                      more than {@link #MAX_SIDE_PIXELS} a side; {@code LimitExceeded.TooLargeFileError}
     *                      when the Base64 text would exceed {@code maxBase64Bytes}
     */
    public static ImageFormat check(OcrAction action, byte[] image, long maxBase64Bytes) {
        return check(action, ByteBuffer.wrap(image), maxBase64Bytes);
    }

    /** {@link #check(OcrAction, byte[], long)} over the bytes from position 0 to the buffer's limit. */
    public static ImageFormat check(OcrAction action, ByteBuffer image, long maxBase64Bytes) {
        OcrException problem = imageProblem(action, image);
        if (problem != null) {
            throw problem;
        }
        ImageFormat format = ImageFormat.detect(image);
        checkSize(action, image.limit(), maxBase64Bytes);
        return format;
    }

    /**
     * {@link #check(OcrAction, byte[], long)} over an image file, read through a read-only mapping: the structure
     * walk of a multi-megabyte image costs no heap. The file must be private to the caller (a spooled copy): a
     * mapped file that someone truncates meanwhile fails the reading thread.
     *
     * @throws IOException when the file cannot be read
     */
    public static ImageFormat check(OcrAction action, Path image, long maxBase64Bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(image, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size > Integer.MAX_VALUE) {
                checkSize(action, size, maxBase64Bytes); // no image is that large: refused before it is mapped
            }
            return check(action, channel.map(FileChannel.MapMode.READ_ONLY, 0, size), maxBase64Bytes);
        }
    }

    private static void checkSize(OcrAction action, long bytes, long maxBase64Bytes) {
        long b64 = base64Length(bytes);
        if (b64 > maxBase64Bytes) {
            throw OcrException.local(ErrorCodes.TOO_LARGE_FILE,
                    "the image is " + bytes + " bytes, " + b64 + " as Base64, over the limit of "
                            + maxBase64Bytes + " for " + action.actionName());
        }
    }
}
