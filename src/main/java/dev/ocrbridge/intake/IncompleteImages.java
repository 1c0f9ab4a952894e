package dev.ocrbridge.intake;

import dev.ocrbridge.actions.ImageFormat;
import dev.ocrbridge.recognition.SpooledImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Tells a file that is still being written from one that is finished, by what it holds: a PNG without its
 * {@code IEND} chunk, a JPEG without its end-of-image marker or a PDF without its {@code %%EOF} is an upload or
 * copy under way, whatever its age says (an uploader may pause for longer than the settle time). Such a file is
 * left and looked at again until it has stayed as it is for {@code ocrbridge.incomplete-max-age}; only then is it
 * dead-lettered as truncated.
 */
final class IncompleteImages {

    /** The default of {@code ocrbridge.incomplete-max-age}: 5 minutes. */
    static final long DEFAULT_MAX_AGE_MILLIS = 5 * 60_000L;

    private IncompleteImages() {
    }

    /**
     * Whether the image is a PNG, JPEG or PDF whose end is not there yet ({@link PdfEnd}). Any other content is not
     * judged here.
     */
    static boolean truncated(ByteBuffer image) {
        ImageFormat format = ImageFormat.detect(image);
        if (format.acceptedByTencent()) {
            return !format.looksComplete(image);
        }
        return PdfEnd.isPdf(image) && !PdfEnd.complete(image);
    }

    /** {@link #truncated(ByteBuffer)} of a private file, read through a read-only mapping (no heap copy). */
    static boolean truncated(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size > Integer.MAX_VALUE) {
                return false; // no image is that large: refused as too large, not waited for
            }
            return truncated(channel.map(FileChannel.MapMode.READ_ONLY, 0, size));
        }
    }

    static boolean truncated(SpooledImage image) throws IOException {
        return image.file() != null ? truncated(image.file()) : truncated(ByteBuffer.wrap(image.inMemory()));
    }

    /** Whether a truncated file last written at {@code modifiedMillis} is still waited for. */
    static boolean stillWaitedFor(long modifiedMillis, long maxAgeMillis, long nowMillis) {
        return nowMillis - modifiedMillis < maxAgeMillis;
    }
}
