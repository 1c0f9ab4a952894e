package dev.ocrbridge.request;

import dev.ocrbridge.actions.ImageFormat;
import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.errors.ErrorCodes;
import dev.ocrbridge.errors.OcrException;

/**
 * The checks ocrbridge makes before spending a call: each refusal carries the code Tencent would answer for the
 * same image, so a file lands in the same dead-letter folder whether the API or the pre-check refused it.
 */
public final class ImagePreCheck {

    private ImagePreCheck() {
    }

    /** The length of the Base64 text of {@code n} bytes (padded, no line breaks). */
    public static long base64Length(long n) {
        return 4 * ((n + 2) / 3);
    }

    /**
     * @throws OcrException {@code FailedOperation.EmptyImageError} for no bytes; the action's decode-failure code
     *                      for anything but PNG or JPEG by magic bytes; {@code LimitExceeded.TooLargeFileError}
     *                      when the Base64 text would exceed {@code maxBase64Bytes}
     */
    public static ImageFormat check(OcrAction action, byte[] image, long maxBase64Bytes) {
        if (image == null || image.length == 0) {
            throw OcrException.local(ErrorCodes.EMPTY_IMAGE, "the image is empty (0 bytes)");
        }
        ImageFormat format = ImageFormat.detect(image);
        if (!format.acceptedByTencent()) {
            throw OcrException.local(action.decodeFailureCode(),
                    "the image is " + (format == ImageFormat.UNKNOWN ? "not a recognizable image" : format)
                            + "; only PNG and JPEG are accepted");
        }
        long b64 = base64Length(image.length);
        if (b64 > maxBase64Bytes) {
            throw OcrException.local(ErrorCodes.TOO_LARGE_FILE,
                    "the image is " + image.length + " bytes, " + b64 + " as Base64, over the limit of "
                            + maxBase64Bytes + " for " + action.actionName());
        }
        return format;
    }
}
