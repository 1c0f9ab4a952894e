package dev.ocrbridge.actions;

import java.nio.ByteBuffer;

/**
 * Image formats told apart by their magic bytes, whatever a file's name or a mail part's declared type says.
 * Tencent accepts PNG and JPEG only; the others are named so errors and logs can say what was refused.
 *
 * <p>Every check reads a {@link ByteBuffer} (positions 0 to its limit, absolute reads), so an image spooled to a file
 * is checked through a read-only mapping of that file, never copied into the heap; the {@code byte[]} forms wrap.
 */
public enum ImageFormat {
    PNG(true), JPEG(true), GIF(false), BMP(false), WEBP(false), TIFF(false), UNKNOWN(false);

    private final boolean acceptedByTencent;

    ImageFormat(boolean acceptedByTencent) {
        this.acceptedByTencent = acceptedByTencent;
    }

    public boolean acceptedByTencent() {
        return acceptedByTencent;
    }

    /** The extension a file of this format is given when ocrbridge names it: {@code .png}, {@code .jpg}, ... */
    public String fileExtension() {
        return switch (this) {
            case JPEG -> ".jpg";
            case TIFF -> ".tif";
            case UNKNOWN -> ".bin";
            default -> "." + name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    public static ImageFormat detect(byte[] bytes) {
        return detect(bytes, 0, bytes == null ? 0 : bytes.length);
    }

    public static ImageFormat detect(byte[] b, int off, int len) {
        return b == null ? UNKNOWN : detect(ByteBuffer.wrap(b, off, len).slice());
    }

    /** The format of the bytes from position 0 to the buffer's limit. */
    public static ImageFormat detect(ByteBuffer b) {
        int off = 0;
        int len = b == null ? 0 : b.limit();
        if (b == null || len < 4) {
            return UNKNOWN;
        }
        if (len >= 8 && u(b, off) == 0x89 && b.get(off + 1) == 'P' && b.get(off + 2) == 'N' && b.get(off + 3) == 'G'
                && b.get(off + 4) == 0x0D && b.get(off + 5) == 0x0A && b.get(off + 6) == 0x1A
                && b.get(off + 7) == 0x0A) {
            return PNG;
        }
        if (u(b, off) == 0xFF && u(b, off + 1) == 0xD8 && u(b, off + 2) == 0xFF) {
            return JPEG;
        }
        if (b.get(off) == 'G' && b.get(off + 1) == 'I' && b.get(off + 2) == 'F' && b.get(off + 3) == '8') {
            return GIF;
        }
        if (b.get(off) == 'B' && b.get(off + 1) == 'M') {
            return BMP;
        }
        if (len >= 12 && b.get(off) == 'R' && b.get(off + 1) == 'I' && b.get(off + 2) == 'F' && b.get(off + 3) == 'F'
                && b.get(off + 8) == 'W' && b.get(off + 9) == 'E' && b.get(off + 10) == 'B' && b.get(off + 11) == 'P') {
            return WEBP;
        }
        if ((b.get(off) == 'I' && b.get(off + 1) == 'I' && b.get(off + 2) == 42 && b.get(off + 3) == 0)
                || (b.get(off) == 'M' && b.get(off + 1) == 'M' && b.get(off + 2) == 0 && b.get(off + 3) == 42)) {
            return TIFF;
        }
        return UNKNOWN;
    }

    /**
     * Whether the image's end is there: the structure is walked from the start to its real end (a PNG's
     * {@code IEND} chunk, a JPEG's end-of-image marker {@code FFD9} after its last scan), so bytes after that end
     * are accepted however many there are (motion photos append a video, polyglots a second file: decoders read
     * up to the end and ignore the rest). A file cut off while being copied or attached ends before that point
     * and fails this. Other formats are not walked: they are refused before this matters.
     */
    public boolean looksComplete(byte[] b) {
        return looksComplete(ByteBuffer.wrap(b));
    }

    public boolean looksComplete(ByteBuffer b) {
        if (this == PNG) {
            return pngEnd(b) > 0;
        }
        if (this == JPEG) {
            return jpegEnd(b) > 0;
        }
        return true;
    }

    /** Offset just after the {@code IEND} chunk, or -1 when the chunk sequence breaks off before it. */
    private static int pngEnd(ByteBuffer b) {
        long i = 8; // signature
        while (i + 12 <= b.limit()) {
            long length = int32(b, (int) i) & 0xFFFFFFFFL;
            int type = (int) i + 4;
            long next = i + 12 + length; // length, type, data, CRC
            if (next > b.limit()) {
                return -1;
            }
            if (b.get(type) == 'I' && b.get(type + 1) == 'E' && b.get(type + 2) == 'N' && b.get(type + 3) == 'D') {
                return (int) next;
            }
            i = next;
        }
        return -1;
    }

    /**
     * Offset just after the JPEG's end-of-image marker, or -1 when the file ends first. Segments are skipped by
     * their length (an EXIF thumbnail's own {@code FFD9} inside APP1 is not the end); the entropy-coded data
     * after a start-of-scan is crossed up to the next marker that is neither a stuffed {@code FF00} nor a
     * restart marker.
     */
    private static int jpegEnd(ByteBuffer b) {
        int i = 2; // SOI
        while (i + 1 < b.limit()) {
            if (u(b, i) != 0xFF) {
                return -1;
            }
            int marker = u(b, i + 1);
            if (marker == 0xFF) { // fill byte
                i++;
                continue;
            }
            if (marker == 0xD9) {
                return i + 2;
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) { // TEM, RSTn: no length
                i += 2;
                continue;
            }
            if (i + 3 >= b.limit()) {
                return -1;
            }
            int length = (u(b, i + 2) << 8) | u(b, i + 3);
            if (length < 2) {
                return -1;
            }
            i += 2 + length;
            if (marker == 0xDA) {
                i = endOfEntropyCodedData(b, i);
            }
        }
        return -1;
    }

    /** The offset of the first marker after a scan's entropy-coded data, or the file's length if there is none. */
    private static int endOfEntropyCodedData(ByteBuffer b, int from) {
        for (int i = from; i + 1 < b.limit(); i++) {
            if (u(b, i) == 0xFF) {
                int next = u(b, i + 1);
                if (next != 0x00 && !(next >= 0xD0 && next <= 0xD7) && next != 0xFF) {
                    return i;
                }
            }
        }
        return b.limit();
    }

    /**
     * JPEG: how many scans (start-of-scan markers) come before its end, counted up to {@code limit}: a baseline
     * JPEG has one (or one per component), a progressive one one per pass, about ten from common encoders. Each
     * pass costs the decoder a walk over the whole image, so a few kilobytes of tiny scans can keep it busy for
     * minutes. 0 for other formats.
     */
    public int jpegScans(ByteBuffer b, int limit) {
        if (this != JPEG) {
            return 0;
        }
        int scans = 0;
        int i = 2; // SOI
        while (i + 3 < b.limit() && scans < limit) {
            if (u(b, i) != 0xFF) {
                return scans;
            }
            int marker = u(b, i + 1);
            if (marker == 0xFF) {
                i++;
                continue;
            }
            if (marker == 0xD9) {
                return scans;
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                i += 2;
                continue;
            }
            int length = (u(b, i + 2) << 8) | u(b, i + 3);
            if (length < 2) {
                return scans;
            }
            i += 2 + length;
            if (marker == 0xDA) {
                scans++;
                i = endOfEntropyCodedData(b, i);
            }
        }
        return scans;
    }

    /** JPEG: whether its frame is progressive (SOF2, SOF6, SOF10, SOF14): decoded only with the whole image held. */
    public boolean progressive(ByteBuffer b) {
        if (this != JPEG) {
            return false;
        }
        int i = 2;
        while (i + 3 < b.limit()) {
            if (u(b, i) != 0xFF) {
                return false;
            }
            int marker = u(b, i + 1);
            if (marker == 0xFF) {
                i++;
                continue;
            }
            boolean startOfFrame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8
                    && marker != 0xCC;
            if (startOfFrame) {
                return marker == 0xC2 || marker == 0xC6 || marker == 0xCA || marker == 0xCE;
            }
            int length = (u(b, i + 2) << 8) | u(b, i + 3);
            if (marker == 0xDA || length < 2) {
                return false;
            }
            i += 2 + length;
        }
        return false;
    }

    /**
     * The pixel size the image declares (PNG: IHDR; JPEG: the first start-of-frame marker), read from the header
     * without decoding, so a 50,000 × 50,000 "decompression bomb" is refused before anything allocates for it.
     *
     * @return {width, height}, or null when the header does not say
     */
    public int[] declaredSize(byte[] b) {
        return declaredSize(ByteBuffer.wrap(b));
    }

    public int[] declaredSize(ByteBuffer b) {
        if (this == PNG && b.limit() >= 24 && b.get(12) == 'I' && b.get(13) == 'H' && b.get(14) == 'D'
                && b.get(15) == 'R') {
            return new int[] {int32(b, 16), int32(b, 20)};
        }
        if (this == JPEG) {
            int i = 2;
            while (i + 9 < b.limit()) {
                if (u(b, i) != 0xFF) {
                    return null;
                }
                int marker = u(b, i + 1);
                if (marker == 0xFF) {
                    i++;
                    continue;
                }
                int length = (u(b, i + 2) << 8) | u(b, i + 3);
                boolean startOfFrame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8
                        && marker != 0xCC;
                if (startOfFrame) {
                    int height = (u(b, i + 5) << 8) | u(b, i + 6);
                    int width = (u(b, i + 7) << 8) | u(b, i + 8);
                    return new int[] {width, height};
                }
                if (marker == 0xDA || length < 2) {
                    return null;
                }
                i += 2 + length;
            }
        }
        return null;
    }

    private static int int32(ByteBuffer b, int i) {
        return (u(b, i) << 24) | (u(b, i + 1) << 16) | (u(b, i + 2) << 8) | u(b, i + 3);
    }

    private static int u(ByteBuffer b, int i) {
        return b.get(i) & 0xFF;
    }
}
