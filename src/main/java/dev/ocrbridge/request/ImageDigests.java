package dev.ocrbridge.request;

import dev.ocrbridge.signing.Tc3Signer;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The two hashes an image's request needs, taken in the one pass that reads it (the claim's copy to the spool): the
 * SHA-256 of the image, and the SHA-256 of its request body up to the end of its Base64 ({@code {"ImageBase64":"…}),
 * the Base64 hashed as it is produced. The body's options differ per action, so the second is kept unfinished
 * ({@link PayloadHash}) and finished with each body's tail when the request is signed.
 *
 * <p>Bytes come in blocks of any size; they are gathered into whole chunks of {@link ImageBase64Body#CHUNK} (a
 * multiple of 3, so each chunk encodes without padding) and each chunk is hashed and encoded from the heap, where
 * the JDK's SHA-256 and Base64 intrinsics read. Not thread-safe: one pass, one thread.
 */
public final class ImageDigests {

    private static final HexFormat HEX = HexFormat.of();

    private final MessageDigest image = Tc3Signer.newSha256();
    private final MessageDigest payload = Tc3Signer.newSha256();
    private final Base64.Encoder encoder = Base64.getEncoder();
    private final byte[] in = new byte[ImageBase64Body.CHUNK];
    private final byte[] out = new byte[ImageBase64Body.CHUNK / 3 * 4];
    private int pending;
    private long size;

    public ImageDigests() {
        payload.update(ImageBase64Body.PREFIX);
    }

    public void update(byte[] bytes, int offset, int length) {
        update(ByteBuffer.wrap(bytes, offset, length));
    }

    /** Takes the buffer's remaining bytes (its position moves to its limit). */
    public void update(ByteBuffer bytes) {
        while (bytes.hasRemaining()) {
            int n = Math.min(bytes.remaining(), in.length - pending);
            bytes.get(in, pending, n);
            pending += n;
            size += n;
            if (pending == in.length) {
                image.update(in, 0, pending);
                payload.update(out, 0, encoder.encode(in, out));
                pending = 0;
            }
        }
    }

    /** The image's end: its bytes so far are the whole image. */
    public Result finish() {
        image.update(in, 0, pending);
        if (pending > 0) {
            // the last chunk, padded; Encoder.encode(byte[], byte[]) takes whole arrays only
            payload.update(out, 0, encoder.encode(Arrays.copyOf(in, pending), out));
            pending = 0;
        }
        return new Result(size, HEX.formatHex(image.digest()), new PayloadHash(size, PayloadHash.copy(payload)));
    }

    /**
     * @param size        the image's bytes
     * @param imageSha256 lower-case hex SHA-256 of the image
     * @param payload     the request body's hash up to the end of the image's Base64
     */
    public record Result(long size, String imageSha256, PayloadHash payload) {
    }

    /**
     * The SHA-256 state of {@code {"ImageBase64":"<the image's Base64>} for an image of {@code imageSize} bytes,
     * finished with the rest of a body ({@link #sha256Hex(byte[])}) as often as needed. Immutable.
     */
    public static final class PayloadHash {
        private final long imageSize;
        private final MessageDigest state;

        private PayloadHash(long imageSize, MessageDigest state) {
            this.imageSize = imageSize;
            this.state = state;
        }

        public long imageSize() {
            return imageSize;
        }

        /** Lower-case hex SHA-256 of the whole body: this state followed by {@code tail}. */
        String sha256Hex(byte[] tail) {
            MessageDigest copy = copy(state);
            copy.update(tail);
            return HEX.formatHex(copy.digest());
        }

        private static MessageDigest copy(MessageDigest digest) {
            try {
                return (MessageDigest) digest.clone();
            } catch (CloneNotSupportedException e) {
                throw new IllegalStateException("the JDK's SHA-256 can be cloned", e);
            }
        }
    }
}
