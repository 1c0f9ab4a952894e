package dev.ocrbridge.request;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A request body the signing processor hashes and the HTTP client streams, without either building it whole when
 * it is large: an image's Base64 ({@link ImageBase64Body}) or an image's URL ({@link ImageUrlBody}).
 */
public interface RequestBody {

    /** Called once the body but its closing bytes is written and flushed: where a pacer holds the arrival. */
    @FunctionalInterface
    interface BeforeLastBytes {
        void await() throws IOException;
    }

    /** The exact number of bytes {@link #writeTo} writes: sent as Content-Length, never chunked. */
    long contentLength();

    /** Lower-case hex SHA-256 of the body (TC3's HashedRequestPayload), computed once and kept. */
    String sha256Hex();

    /**
     * Writes the body. When {@code beforeLastBytes} is given, everything but the closing bytes is written and
     * flushed first, then it is called, then the rest follows: the request is complete — has arrived, as far as
     * the API's quota can tell — only after it returns. The stream is flushed, not closed.
     */
    void writeTo(OutputStream out, BeforeLastBytes beforeLastBytes) throws IOException;
}
