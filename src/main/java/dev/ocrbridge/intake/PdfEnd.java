package dev.ocrbridge.intake;

import java.nio.ByteBuffer;

/**
 * Whether a PDF's end is there: a PDF ends with its {@code %%EOF} marker (after its last incremental update too),
 * which readers look for in the last 1024 bytes, tolerating what some writers append after it. A copy or upload cut
 * off before that point has none there.
 */
final class PdfEnd {

    private static final byte[] MAGIC = {'%', 'P', 'D', 'F', '-'};
    private static final byte[] EOF = {'%', '%', 'E', 'O', 'F'};
    private static final int TAIL = 1024;

    private PdfEnd() {
    }

    /** Whether the bytes from position 0 to the buffer's limit start as a PDF does. */
    static boolean isPdf(ByteBuffer b) {
        if (b.limit() < MAGIC.length) {
            return false;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (b.get(i) != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code %%EOF} is in the last 1024 bytes. */
    static boolean complete(ByteBuffer b) {
        int end = b.limit();
        for (int at = end - EOF.length; at >= Math.max(0, end - TAIL); at--) {
            int i = 0;
            while (i < EOF.length && b.get(at + i) == EOF[i]) {
                i++;
            }
            if (i == EOF.length) {
                return true;
            }
        }
        return false;
    }

    static boolean complete(byte[] b) {
        return complete(ByteBuffer.wrap(b));
    }
}
