package dev.ocrbridge.sandbox;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.ocrbridge.actions.Parameter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;

/**
 * A request body's JSON object, with its {@code ImageBase64} decoded straight from the body's bytes: the 7 MB
 * string is never built as chars or a String (Jackson skips it without copying), and the Base64 decoder reads the
 * bytes in place.
 *
 * <p>Exactly as faithful as reading the whole tree: the shortcut is taken only when the string's bytes are plain
 * Base64, which the strict decoder proves by accepting them — no escape, no control character, nothing but ASCII,
 * so the string the tree would hold is those bytes and decodes to the same image. Anything else (not an object,
 * malformed JSON, an escape in the Base64, bytes the decoder refuses) gives {@link #readTree}'s answer, as before.
 */
final class RequestJson {

    private static final String IMAGE_BASE64 = Parameter.IMAGE_BASE64.wireName();

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
        RequestJson shortcut = withImageDecoded(json, body);
        return shortcut != null ? shortcut : readTree(json, body);
    }

    /** The whole tree, every string built: the reference the shortcut must agree with. */
    static RequestJson readTree(ObjectMapper json, byte[] body) {
        JsonNode root;
        try {
            root = body.length == 0 ? null : json.readTree(body);
        } catch (IOException e) {
            root = null;
        }
        return new RequestJson(root, null, null, 0);
    }

    /** Null when anything is not as the shortcut needs it. */
    private static RequestJson withImageDecoded(ObjectMapper json, byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try (JsonParser p = json.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            ObjectNode root = json.createObjectNode();
            TextNode placeholder = null;
            int start = -1;
            int end = -1;
            boolean open = false;
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_OBJECT) {
                if (open) {
                    end = closingQuote(body, p.getTokenLocation().getByteOffset(), t);
                    open = false;
                }
                if (t != JsonToken.FIELD_NAME) {
                    return null;
                }
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (IMAGE_BASE64.equals(name) && value == JsonToken.VALUE_STRING) {
                    // left unread: the next nextToken() skips it, and where the next token starts bounds it
                    placeholder = new TextNode("");
                    root.set(name, placeholder);
                    start = (int) p.getTokenLocation().getByteOffset() + 1;
                    open = true;
                } else {
                    JsonNode node = p.readValueAsTree();
                    root.set(name, node == null ? NullNode.getInstance() : node);
                }
            }
            if (open) {
                end = closingQuote(body, p.getTokenLocation().getByteOffset(), t);
            }
            if (placeholder == null || root.get(IMAGE_BASE64) != placeholder) {
                return new RequestJson(root, null, null, 0);
            }
            if (start <= 0 || end < start) {
                return null;
            }
            ByteBuffer decoded = Base64.getDecoder().decode(ByteBuffer.wrap(body, start, end - start));
            byte[] image = decoded.remaining() == decoded.array().length ? decoded.array()
                    : Arrays.copyOfRange(decoded.array(), decoded.position(), decoded.limit());
            return new RequestJson(root, placeholder, image, end - start);
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The offset of the quote closing the string before the token at {@code next}: back over whitespace, the comma
     * before a member, whitespace again. -1 when the bytes are not so (the caller then reads the tree).
     */
    private static int closingQuote(byte[] body, long next, JsonToken token) {
        int i = (int) next - 1;
        i = skipWhitespaceBack(body, i);
        if (token == JsonToken.FIELD_NAME) {
            if (i < 0 || body[i] != ',') {
                return -1;
            }
            i = skipWhitespaceBack(body, i - 1);
        }
        return i >= 0 && body[i] == '"' ? i : -1;
    }

    private static int skipWhitespaceBack(byte[] body, int i) {
        while (i >= 0 && (body[i] == ' ' || body[i] == '\t' || body[i] == '\n' || body[i] == '\r')) {
            i--;
        }
        return i;
    }
}
