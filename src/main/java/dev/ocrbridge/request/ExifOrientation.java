package dev.ocrbridge.request;

/**
 * The EXIF Orientation (tag {@code 0x0112} of IFD0 in a JPEG's APP1 {@code Exif} segment): how a camera says the
 * stored pixels must be turned to be seen upright. A phone held sideways stores the card sideways and writes 6 or 8.
 *
 * <p>Read by hand rather than through a metadata library so the component brings its integrators nothing more than
 * camel-http and Jackson. The walk is bounded by the bytes given (the head of the file is enough: APP1 comes before
 * the first scan and is at most 64 KiB) and by the segment's own length; any field out of place, a length past the
 * end, an entry count larger than the segment holds, a value outside 1 to 8 is "no orientation" (1), never an
 * exception or a loop: the IFD is read once, forward, and no offset is followed but IFD0's.
 */
public final class ExifOrientation {

    /** Upright as stored: nothing to do. */
    public static final int UPRIGHT = 1;
    /** Bytes of a JPEG's head that hold its APP1 Exif segment when there is one (it precedes the image data). */
    public static final int HEAD_BYTES = 128 * 1024;

    private static final int TAG_ORIENTATION = 0x0112;
    private static final int TYPE_SHORT = 3;

    private ExifOrientation() {
    }

    /** The orientation (1 to 8) the JPEG head declares; 1 when it declares none or is not a JPEG this can read. */
    public static int of(byte[] head) {
        return head == null ? UPRIGHT : of(head, head.length);
    }

    /** {@link #of(byte[])} over the first {@code length} bytes. */
    public static int of(byte[] b, int length) {
        int end = Math.min(length, b.length);
        if (end < 4 || u8(b, 0) != 0xFF || u8(b, 1) != 0xD8) {
            return UPRIGHT;
        }
        int at = 2;
        // each pass moves at least 4 bytes forward: the walk ends within end / 4 segments
        while (at + 4 <= end) {
            if (u8(b, at) != 0xFF) {
                return UPRIGHT;
            }
            int marker = u8(b, at + 1);
            if (marker == 0xFF) {
                at++; // fill byte before a marker
                continue;
            }
            if (marker == 0xDA || marker == 0xD9 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD8)) {
                return UPRIGHT; // image data (or a marker with no length) before any Exif orientation
            }
            int segmentLength = u16(b, at + 2, false);
            if (segmentLength < 2) {
                return UPRIGHT;
            }
            int start = at + 4;
            int segmentEnd = at + 2 + segmentLength;
            if (marker == 0xE1 && segmentEnd <= end && isExif(b, start, segmentEnd)) {
                return fromTiff(b, start + 6, segmentEnd);
            }
            at = segmentEnd;
        }
        return UPRIGHT;
    }

    private static boolean isExif(byte[] b, int start, int end) {
        return end - start >= 6 && b[start] == 'E' && b[start + 1] == 'x' && b[start + 2] == 'i' && b[start + 3] == 'f'
                && b[start + 4] == 0 && b[start + 5] == 0;
    }

    /** IFD0's orientation entry in the TIFF structure at {@code tiff}, which must end by {@code end}. */
    private static int fromTiff(byte[] b, int tiff, int end) {
        if (end - tiff < 8) {
            return UPRIGHT;
        }
        boolean little;
        if (b[tiff] == 'I' && b[tiff + 1] == 'I') {
            little = true;
        } else if (b[tiff] == 'M' && b[tiff + 1] == 'M') {
            little = false;
        } else {
            return UPRIGHT;
        }
        if (u16(b, tiff + 2, little) != 42) {
            return UPRIGHT;
        }
        long ifdOffset = u32(b, tiff + 4, little);
        if (ifdOffset < 8 || ifdOffset > end - tiff - 2L) {
            return UPRIGHT;
        }
        int ifd = tiff + (int) ifdOffset;
        int entries = u16(b, ifd, little);
        int first = ifd + 2;
        if (entries > (end - first) / 12) {
            return UPRIGHT;
        }
        for (int i = 0; i < entries; i++) {
            int entry = first + 12 * i;
            if (u16(b, entry, little) == TAG_ORIENTATION) {
                if (u16(b, entry + 2, little) != TYPE_SHORT || u32(b, entry + 4, little) != 1) {
                    return UPRIGHT;
                }
                int value = u16(b, entry + 8, little); // a SHORT is left-aligned in the 4-byte value field
                return value >= 1 && value <= 8 ? value : UPRIGHT;
            }
        }
        return UPRIGHT;
    }

    private static int u8(byte[] b, int at) {
        return b[at] & 0xFF;
    }

    private static int u16(byte[] b, int at, boolean little) {
        return little ? u8(b, at) | u8(b, at + 1) << 8 : u8(b, at) << 8 | u8(b, at + 1);
    }

    private static long u32(byte[] b, int at, boolean little) {
        return little ? (u16(b, at, true) | (long) u16(b, at + 2, true) << 16)
                : ((long) u16(b, at, false) << 16 | u16(b, at + 2, false));
    }
}
