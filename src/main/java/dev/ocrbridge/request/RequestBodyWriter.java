package dev.ocrbridge.request;

import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.actions.Parameter;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Writes an action's JSON request body straight into one exactly-sized byte array.
 *
 * <p>The Base64 text of the image is encoded into that array by the JDK encoder and never exists as a String,
 * so a 7 MB image costs its Base64 size once, not three or four times.
 */
public final class RequestBodyWriter {

    private static final byte[] IMAGE_BASE64_PREFIX = ("{\"" + Parameter.IMAGE_BASE64.wireName() + "\":\"")
            .getBytes(StandardCharsets.US_ASCII);

    private RequestBodyWriter() {
    }

    /** {@code {"ImageBase64":"…"<options>}}. */
    public static byte[] imageBase64Body(OcrAction action, byte[] image, RequestOptions options) {
        byte[] tail = ("\"" + options.jsonMembers(action) + "}").getBytes(StandardCharsets.UTF_8);
        long b64 = ImagePreCheck.base64Length(image.length);
        long total = IMAGE_BASE64_PREFIX.length + b64 + tail.length;
        if (total > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("image too large to encode: " + image.length + " bytes");
        }
        byte[] body = new byte[(int) total];
        // Encoder.encode(byte[], byte[]) is the intrinsified path (the wrap() stream encodes in a plain loop, 4 to 20
        // times slower), but it can only write at offset 0: encode there, then shift right by the prefix.
        int encoded = Base64.getEncoder().encode(image, body);
        System.arraycopy(body, 0, body, IMAGE_BASE64_PREFIX.length, encoded);
        System.arraycopy(IMAGE_BASE64_PREFIX, 0, body, 0, IMAGE_BASE64_PREFIX.length);
        System.arraycopy(tail, 0, body, body.length - tail.length, tail.length);
        return body;
    }

    /** {@code {"ImageUrl":"…"<options>}}: Tencent downloads the image itself. */
    public static byte[] imageUrlBody(OcrAction action, String imageUrl, RequestOptions options) {
        return ("{\"" + Parameter.IMAGE_URL.wireName() + "\":\"" + jsonEscape(imageUrl) + "\""
                + options.jsonMembers(action) + "}").getBytes(StandardCharsets.UTF_8);
    }

    static String jsonEscape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
