package dev.ocrbridge.sandbox;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.ocrbridge.actions.Parameter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A request body's JSON object, with its {@code ImageBase64} decoded straight from the body's bytes: the 7 MB
 * string is never built as chars or a String, nor read by Jackson at all. Jackson reads the object up to the
 * string's opening quote; {@link JsonBase64} decodes the string and finds its closing quote in the same pass; Jackson
 * reads the rest of the object from there.
 *
 * <p>Exactly as faithful as reading the whole tree: the shortcut is taken only when the string's bytes are plain
 * Base64 that the JDK's strict decoder accepts — no escape, no control character, nothing but ASCII, so the string
 * the tree would hold is those bytes and decodes to the same image. Anything else (not an object, malformed JSON, an
 * escape in the Base64, bytes the decoder refuses) gives {@link #readTree}'s answer, as before.
 */
final class RequestJson {

    private static final String IMAGE_BASE64 = Parameter.IMAGE_BASE64.wireName();
    /** What a piece of the object after the image's string is read behind: an opening brace and a first member. */
    private static final byte[] RESUME = "{\"\":0".getBytes(StandardCharsets.US_ASCII);

    /** The object; when {@link #image} is set, its {@code ImageBase64} member is {@link #imagePlaceholder}. */
    final JsonNode root;
    final JsonNode imagePlaceholder;
    final byte[] image;
    /** The length of the {@code ImageBase64} string, which its size limit applies to. */
    final int imageChars;

    private RequestJson(JsonNode root, JsonNode imagePlaceholder, byte[] image, int imageChars) {
        this.root = root;
        this.imagePlaceholder = imagePlaceholder;
        this.image = image;
        this.imageChars = imageChars;
    }

    /** The body's JSON value (null when it has none or is not JSON), its image decoded when that is safe. */
    static RequestJson read(ObjectMapper json, byte[] body) {
        return read(json, body, body.length);
    }

    /**
     * The same for a body that is the first {@code length} bytes of the array (a buffer lent for it, whose bytes
     * after it are an earlier body's): nothing after them is read.
     */
    static RequestJson read(ObjectMapper json, byte[] body, int length) {
        RequestJson shortcut = withImageDecoded(json, body, length);
        return shortcut != null ? shortcut : readTree(json, body, length);
    }

    /** The whole tree, every string built: the reference the shortcut must agree with. */
    static RequestJson readTree(ObjectMapper json, byte[] body) {
        return readTree(json, body, body.length);
    }

    static RequestJson readTree(ObjectMapper json, byte[] body, int length) {
        JsonNode root;
        try {
            // nothing may follow the object: a JSON reader of the gateway's kind (Go's, Python's) refuses it
            root = length == 0 ? null
                    : json.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(body, 0, length);
        } catch (IOException e) {
            root = null;
        }
        return new RequestJson(root, null, null, 0);
    }

    /** Null when anything is not as the shortcut needs it. */
    private static RequestJson withImageDecoded(ObjectMapper json, byte[] body, int length) {
        if (length == 0) {
            return null;
        }
        ObjectNode root = json.createObjectNode();
        TextNode placeholder = null;
        byte[] decodedBytes = null;
        int limit = length;
        JsonBase64.Decoded decoded = null;
        int imageStart = -1;
        // the object is read in pieces: up to an ImageBase64 string, which is decoded here, then from its closing
        // quote on (as a new parser's object, so Jackson checks what follows the string as it would have)
        int from = 0;
        try {
            while (true) {
                int valueAt = -1;
                try (JsonParser p = from == 0 ? json.createParser(body, 0, length)
                        : json.createParser(resumed(body, from, length))) {
                    if (p.nextToken() != JsonToken.START_OBJECT) {
                        return null;
                    }
                    if (from > 0 && (p.nextToken() != JsonToken.FIELD_NAME
                            || p.nextToken() != JsonToken.VALUE_NUMBER_INT)) {
                        return null;
                    }
                    JsonToken t;
                    while ((t = p.nextToken()) != JsonToken.END_OBJECT) {
                        if (t != JsonToken.FIELD_NAME) {
                            return null;
                        }
                        String name = p.currentName();
                        JsonToken value = p.nextToken();
                        if (IMAGE_BASE64.equals(name) && value == JsonToken.VALUE_STRING) {
                            // left unread: Jackson has seen its opening quote only
                            long at = p.currentTokenLocation().getByteOffset();
                            if (at < 0) {
                                return null; // read as characters (UTF-16 or UTF-32): offsets are not the body's
                            }
                            valueAt = from == 0 ? (int) at : from + (int) at - RESUME.length;
                            placeholder = new TextNode("");
                            root.set(name, placeholder);
                            break;
                        }
                        JsonNode node = p.readValueAsTree();
                        root.set(name, node == null ? NullNode.getInstance() : node);
                    }
                    if (valueAt < 0 && p.nextToken() != null) {
                        return null; // something after the object: the tree's reading refuses it
                    }
                }
                if (valueAt < 0) {
                    break;
                }
                if (valueAt < from || valueAt >= length || body[valueAt] != '"') {
                    return null;
                }
                imageStart = valueAt + 1;
                if (decodedBytes == null) {
                    // sized for the string as it most likely ends; a later ImageBase64 string is shorter and reuses it
                    limit = JsonBase64.likelyEnd(body, imageStart, length);
                    decodedBytes = new byte[JsonBase64.decodedLength(body, imageStart, limit)];
                }
                decoded = JsonBase64.decode(body, length, imageStart, limit, decodedBytes);
                if (decoded == null) {
                    return null;
                }
                from = decoded.closingQuote() + 1;
            }
            if (placeholder == null || root.get(IMAGE_BASE64) != placeholder) {
                return new RequestJson(root, null, null, 0);
            }
            byte[] image = decoded.length() == decodedBytes.length ? decodedBytes
                    : Arrays.copyOf(decodedBytes, decoded.length());
            return new RequestJson(root, placeholder, image, decoded.closingQuote() - imageStart);
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    /** The body from {@code from} on, after an object's opening and a first member: {@code {"":0} + the rest. */
    private static InputStream resumed(byte[] body, int from, int length) {
        return new SequenceInputStream(new ByteArrayInputStream(RESUME),
                new ByteArrayInputStream(body, from, length - from));
    }
}
