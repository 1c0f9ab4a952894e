package dev.ocrbridge.actions;

/**
 * Image formats told apart by their magic bytes, whatever a file's name or a mail part's declared type says.
 * Tencent accepts PNG and JPEG only; the others are named so errors and logs can say what was refused.
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

    public static ImageFormat detect(byte[] bytes) {
        return detect(bytes, 0, bytes == null ? 0 : bytes.length);
    }

    public static ImageFormat detect(byte[] b, int off, int len) {
        if (b == null || len < 4) {
            return UNKNOWN;
        }
        if (len >= 8 && u(b, off) == 0x89 && b[off + 1] == 'P' && b[off + 2] == 'N' && b[off + 3] == 'G'
                && b[off + 4] == 0x0D && b[off + 5] == 0x0A && b[off + 6] == 0x1A && b[off + 7] == 0x0A) {
            return PNG;
        }
        if (u(b, off) == 0xFF && u(b, off + 1) == 0xD8 && u(b, off + 2) == 0xFF) {
            return JPEG;
        }
        if (b[off] == 'G' && b[off + 1] == 'I' && b[off + 2] == 'F' && b[off + 3] == '8') {
            return GIF;
        }
        if (b[off] == 'B' && b[off + 1] == 'M') {
            return BMP;
        }
        if (len >= 12 && b[off] == 'R' && b[off + 1] == 'I' && b[off + 2] == 'F' && b[off + 3] == 'F'
                && b[off + 8] == 'W' && b[off + 9] == 'E' && b[off + 10] == 'B' && b[off + 11] == 'P') {
            return WEBP;
        }
        if ((b[off] == 'I' && b[off + 1] == 'I' && b[off + 2] == 42 && b[off + 3] == 0)
                || (b[off] == 'M' && b[off + 1] == 'M' && b[off + 2] == 0 && b[off + 3] == 42)) {
            return TIFF;
        }
        return UNKNOWN;
    }

    private static int u(byte[] b, int i) {
        return b[i] & 0xFF;
    }
}
