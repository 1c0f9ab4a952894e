package dev.ocrbridge.request;

import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.actions.Parameter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The request body {@code {"ImageBase64":"…"<options>}} of one image, never built whole: its payload hash and its
 * bytes on the wire are each produced by streaming the image through a small Base64 buffer.
 *
 * <p>Why: a 7 MB image's body is 9.8 MB of Base64; holding it (and the image, and a copy in the HTTP client) for
 * every request in flight makes heap grow with quota × latency × image size. Streamed, a request in flight costs
 * a 48 KiB and a 64 KiB buffer per thread whatever the image size, and the image itself can stay on disk
 * ({@link #of(OcrAction, Path, RequestOptions)}).
 *
 * <p>The bytes are exactly those of {@link RequestBodyWriter#imageBase64Body}; the tests hold the two to that.
 * The payload hash is computed once and kept, so a retry (re-signed with a new timestamp) does not hash again.
 * Thread-safe; the body can be written any number of times (once per attempt).
 */
public final class ImageBase64Body implements RequestBody {

    /** Image bytes per chunk: a multiple of 3, so every chunk but the last encodes without padding. */
    static final int CHUNK = 3 * 16 * 1024;
    private static final byte[] PREFIX = ("{\"" + Parameter.IMAGE_BASE64.wireName() + "\":\"")
            .getBytes(StandardCharsets.US_ASCII);
    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);
    private static final HexFormat HEX = HexFormat.of();

    /** Where the image bytes come from: opened anew for every pass. */
    private interface Source {
        long size();

        InputStream open() throws IOException;

        /** Throws when the source is no longer the one this body was made for. */
        default void checkUnchanged() throws IOException {
        }
    }

    private interface Sink {
        void write(byte[] b, int off, int len) throws IOException;
    }

    private final Source source;
    private final byte[] tail;
    private final long contentLength;
    private volatile String sha256Hex;

    private ImageBase64Body(Source source, byte[] tail) {
        this.source = source;
        this.tail = tail;
        this.contentLength = PREFIX.length + ImagePreCheck.base64Length(source.size()) + tail.length;
    }

    public static ImageBase64Body of(OcrAction action, byte[] image, RequestOptions options) {
        return new ImageBase64Body(new Source() {
            @Override
            public long size() {
                return image.length;
            }

            @Override
            public InputStream open() {
                return new ByteArrayInputStream(image);
            }
        }, tail(action, options));
    }

    /**
     * A body over an image file, read again on every pass. The file must stay as it is while the body is in use:
     * a pass over a file whose size or modification time changed fails rather than send bytes nobody checked.
     */
    public static ImageBase64Body of(OcrAction action, Path image, RequestOptions options) {
        try {
            return new ImageBase64Body(new FileSource(image), tail(action, options));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] tail(OcrAction action, RequestOptions options) {
        return ("\"" + options.jsonMembers(action) + "}").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public long contentLength() {
        return contentLength;
    }

    /** Computed on first use and kept. */
    @Override
    public String sha256Hex() {
        String h = sha256Hex;
        if (h == null) {
            MessageDigest digest = BUFFERS.get().sha256;
            digest.reset();
            try {
                pass(digest::update, null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            h = HEX.formatHex(digest.digest());
            sha256Hex = h;
        }
        return h;
    }

    /** Writes the body; the stream is flushed, not closed. */
    public void writeTo(OutputStream out) throws IOException {
        writeTo(out, null);
    }

    @Override
    public void writeTo(OutputStream out, BeforeLastBytes beforeLastBytes) throws IOException {
        pass(out::write, beforeLastBytes == null ? null : () -> {
            out.flush();
            beforeLastBytes.await();
        });
        out.flush();
    }

    private void pass(Sink sink, BeforeLastBytes beforeTail) throws IOException {
        Buffers buffers = BUFFERS.get();
        Base64.Encoder encoder = Base64.getEncoder();
        sink.write(PREFIX, 0, PREFIX.length);
        long remaining = source.size();
        source.checkUnchanged();
        try (InputStream in = source.open()) {
            while (remaining > 0) {
                int want = (int) Math.min(CHUNK, remaining);
                int got = in.readNBytes(buffers.in, 0, want);
                if (got != want) {
                    throw new IOException("the image is shorter than when its request was made");
                }
                // Encoder.encode(byte[], byte[]) is the intrinsified path, but it takes whole arrays only
                int encoded = encoder.encode(got == CHUNK ? buffers.in : Arrays.copyOf(buffers.in, got), buffers.out);
                sink.write(buffers.out, 0, encoded);
                remaining -= got;
            }
        }
        source.checkUnchanged();
        if (beforeTail != null) {
            beforeTail.await();
        }
        sink.write(tail, 0, tail.length);
    }

    private static final class Buffers {
        final byte[] in = new byte[CHUNK];
        final byte[] out = new byte[CHUNK / 3 * 4];
        final MessageDigest sha256;

        Buffers() {
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is required by every Java platform", e);
            }
        }
    }

    private static final class FileSource implements Source {
        private final Path file;
        private final long size;
        private final FileTime modified;

        FileSource(Path file) throws IOException {
            this.file = file;
            this.size = Files.size(file);
            this.modified = Files.getLastModifiedTime(file);
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public InputStream open() throws IOException {
            return Files.newInputStream(file);
        }

        @Override
        public void checkUnchanged() throws IOException {
            if (Files.size(file) != size || !Files.getLastModifiedTime(file).equals(modified)) {
                throw new IOException("the image file changed while its request was being made");
            }
        }
    }
}
