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
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The request body {@code {"ImageBase64":"…"<options>}} of one image, never built whole: its payload hash and its
 * bytes on the wire are each produced by streaming the image through a small Base64 buffer, unless the hash was
 * taken as the image file was written ({@link #of(OcrAction, HashedImageFile, RequestOptions)}): then the file is
 * read only to be sent.
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
    public static final int CHUNK = 3 * 16 * 1024;
    static final byte[] PREFIX = ("{\"" + Parameter.IMAGE_BASE64.wireName() + "\":\"")
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

        /** The body's hash up to the end of the image's Base64 when it is known without a pass, or null. */
        default ImageDigests.PayloadHash knownPayload() {
            return null;
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
            return new ImageBase64Body(new FileSource(image, null), tail(action, options));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@link #of(OcrAction, Path, RequestOptions)} over a file whose body's hash was taken as it was written: while
     * the file's status is the one it had then, the hash is finished from that state and the file is read only to
     * be sent; a file changed since (or that cannot tell) is hashed from what it holds now, as any other file.
     */
    public static ImageBase64Body of(OcrAction action, HashedImageFile image, RequestOptions options) {
        try {
            return new ImageBase64Body(new FileSource(image.toPath(), image), tail(action, options));
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
            h = knownSha256Hex();
        }
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

    /**
     * The hash finished from the state taken as the source was written, when it has one and was the same source
     * when this body was made (every pass checks that it still is).
     */
    private String knownSha256Hex() {
        ImageDigests.PayloadHash known = source.knownPayload();
        if (known == null || known.imageSize() != source.size()) {
            return null;
        }
        String h = known.sha256Hex(tail);
        sha256Hex = h;
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

    /**
     * An image file, as it was when the body was made: its status is asked before and after every pass, so a pass
     * over a file that changed fails rather than send bytes nobody checked.
     */
    private static final class FileSource implements Source {
        private final Path file;
        private final FileStatus status;
        private final ImageDigests.PayloadHash known;

        /** @param hashed the file with its body's hash as it was written, or null */
        FileSource(Path file, HashedImageFile hashed) throws IOException {
            this.file = file;
            this.status = FileStatus.of(file);
            if (status == null) {
                throw new IOException("the image file cannot be read");
            }
            // the hash taken at the write holds only for the file as it was then
            this.known = hashed != null && status.equals(hashed.written()) ? hashed.payload() : null;
        }

        @Override
        public long size() {
            return status.size();
        }

        @Override
        public InputStream open() throws IOException {
            return Files.newInputStream(file);
        }

        @Override
        public void checkUnchanged() throws IOException {
            if (!status.equals(FileStatus.of(file))) {
                throw new IOException("the image file changed while its request was being made");
            }
        }

        @Override
        public ImageDigests.PayloadHash knownPayload() {
            return known;
        }
    }
}
