package dev.ocrbridge.recognizer;

import javax.imageio.stream.ImageInputStreamImpl;

/**
 * An image held in memory as the JDK's decoders read it: straight from the array.
 *
 * <p>Why not {@code ImageIO.createImageInputStream(new ByteArrayInputStream(image))}: with ImageIO's cache on (its
 * default) that copies every byte the decoder reads or skips into a temporary file first, and a PNG's ancillary
 * chunks, which the decoder skips, can be most of a 7 MB image. Here a skip is a seek.
 */
final class ByteArrayImageInputStream extends ImageInputStreamImpl {

    private final byte[] bytes;

    ByteArrayImageInputStream(byte[] bytes) {
        this.bytes = bytes;
    }

    @Override
    public int read() {
        bitOffset = 0;
        return streamPos < bytes.length ? bytes[(int) streamPos++] & 0xFF : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (off < 0 || len < 0 || off + len > b.length || off + len < 0) {
            throw new IndexOutOfBoundsException("off and len do not fit the buffer");
        }
        bitOffset = 0;
        if (len == 0) {
            return 0;
        }
        if (streamPos >= bytes.length) {
            return -1;
        }
        int n = (int) Math.min(len, bytes.length - streamPos);
        System.arraycopy(bytes, (int) streamPos, b, off, n);
        streamPos += n;
        return n;
    }
}
