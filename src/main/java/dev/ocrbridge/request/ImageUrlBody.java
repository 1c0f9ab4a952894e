package dev.ocrbridge.request;

import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.signing.Tc3Signer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.Locale;

/**
 * The request body {@code {"ImageUrl":"…"<options>}}: Tencent downloads the image itself (an image kept in object
 * storage costs no upload, whatever its size). Small, so it is built whole once.
 */
public final class ImageUrlBody implements RequestBody {

    /** Tencent's own bound on a URL it downloads from is not published; longer ones are a mistake, not an image. */
    public static final int MAX_URL_LENGTH = 8 * 1024;

    private final byte[] bytes;
    private final String sha256Hex;

    private ImageUrlBody(byte[] bytes) {
        this.bytes = bytes;
        this.sha256Hex = Tc3Signer.sha256Hex(bytes, 0, bytes.length);
    }

    /**
     * @param imageUrl an absolute http(s) URL ({@link #check})
     */
    public static ImageUrlBody of(OcrAction action, URI imageUrl, RequestOptions options) {
        return new ImageUrlBody(RequestBodyWriter.imageUrlBody(action, check(imageUrl).toString(), options));
    }

    /**
     * The URL, when the API can download from it: absolute, http or https, with a host, of a sane length.
     *
     * @throws IllegalArgumentException naming what is wrong, never the URL (it may carry a signed token)
     */
    public static URI check(URI imageUrl) {
        String scheme = imageUrl.getScheme() == null ? "" : imageUrl.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("an image URL must be http or https");
        }
        if (imageUrl.getHost() == null || imageUrl.getHost().isEmpty()) {
            throw new IllegalArgumentException("an image URL needs a host");
        }
        if (imageUrl.toString().length() > MAX_URL_LENGTH) {
            throw new IllegalArgumentException("an image URL longer than " + MAX_URL_LENGTH + " characters");
        }
        return imageUrl;
    }

    @Override
    public long contentLength() {
        return bytes.length;
    }

    @Override
    public String sha256Hex() {
        return sha256Hex;
    }

    @Override
    public void writeTo(OutputStream out, BeforeLastBytes beforeLastBytes) throws IOException {
        if (beforeLastBytes != null) {
            // the closing brace is the body's last byte: the request is not complete before it leaves
            out.write(bytes, 0, bytes.length - 1);
            out.flush();
            beforeLastBytes.await();
            out.write(bytes, bytes.length - 1, 1);
        } else {
            out.write(bytes);
        }
        out.flush();
    }
}
