package dev.ocrbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The sandbox's reading of a request body: its image decoded from the bytes, agreeing with the whole tree. */
class RequestJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String B64 = Base64.getEncoder().encodeToString("an image, any bytes".getBytes(
            StandardCharsets.US_ASCII));

    /** As Go's and Python's readers, and so the gateway: a body is one JSON value, nothing after it. */
    @ParameterizedTest
    @ValueSource(strings = {"{\"ImageBase64\":\"%s\"} trailing", "{\"ImageBase64\":\"%s\"}}",
            "{\"ImageBase64\":\"%s\"}{}", "{\"ImageBase64\":\"%s\"}\"}"})
    void somethingAfterTheObjectMakesTheBodyNoJsonForEitherReading(String template) {
        byte[] body = template.formatted(B64).getBytes(StandardCharsets.UTF_8);

        assertThat(RequestJson.read(JSON, body).root).isNull();
        assertThat(RequestJson.readTree(JSON, body).root).isNull();
        assertThat(RequestJson.read(JSON, (template.formatted(B64).substring(0, template.formatted(B64).indexOf('}') + 1)
                + " \n").getBytes(StandardCharsets.UTF_8)).image).as("whitespace after it is nothing")
                .isEqualTo(Base64.getDecoder().decode(B64));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"ImageBase64\":\"%s\"}",
            "{ \"ImageBase64\" : \"%s\" , \"Type\" : 1 }",
            "{\"Type\":1,\"ImageBase64\":\"%s\"}",
            "\n{\r\n\t\"ReturnHeadImage\":true,\n  \"ImageBase64\":\t\"%s\"\n}\n",
            "{\"ImageBase64\":\"QUJD\",\"Type\":1,\"ImageBase64\":\"%s\"}",
            "{\"ImageBase64\":\"%s\",\"Type\":{\"a\":[1,\"\\\"}\",{}]},\"ReturnHeadImage\":\"true\"}",
            "{\"ImageBase64\":\"%s\"\n,\n\"ImageUrl\":null}",
    })
    void plainBase64IsDecodedFromTheBytesAndAgreesWithTheTree(String template) {
        byte[] body = template.formatted(B64).getBytes(StandardCharsets.UTF_8);

        RequestJson read = RequestJson.read(JSON, body);
        JsonNode tree = RequestJson.readTree(JSON, body).root;

        assertThat(read.image).isEqualTo(Base64.getDecoder().decode(tree.get("ImageBase64").textValue()));
        assertThat(read.imageChars).isEqualTo(tree.get("ImageBase64").textValue().length());
        assertThat(read.root.get("ImageBase64")).isSameAs(read.imagePlaceholder);
        assertThat(read.root.size()).isEqualTo(tree.size());
        tree.fieldNames().forEachRemaining(name -> {
            if (!name.equals("ImageBase64")) {
                assertThat(read.root.get(name)).as(name).isEqualTo(tree.get(name));
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"ImageBase64\":\"QUJD\\/\"}",          // an escape: the string is not the bytes
            "{\"ImageBase64\":\"QUJD\\u0041===\"}",
            "{\"ImageBase64\":\"not base64!\"}",
            "{\"ImageBase64\":\"QU JD\"}",
            "{\"ImageBase64\":\"QUJD\u00e9\"}",       // non-ASCII
            "{\"ImageBase64\":\"QUJD\",}",            // malformed JSON
            "{\"ImageBase64\":\"QUJD\u0001\"}",       // a raw control character: not JSON
            "[\"QUJD\"]",
            "{\"ImageBase64\":7}",
            "{\"ImageBase64\":\"QUJD\",\"ImageBase64\":null}",
            "{\"ImageBase64\":\"QQ==QUJD\"}",                  // padding in the middle
            "{\"ImageBase64\":\"QUJD\" \"Type\":1}",            // no comma after the string
            "{\"ImageBase64\":\"QUJD\",\"Type\":1,}",           // a trailing comma after a later member
            "{\"ImageBase64\":\"QUJD\",\"Type\":1",             // no closing brace
            "{\"ImageBase64\":\"QUJD\",\"ImageBase64\":\"QU JD\"}", // a second string, not plain Base64
            "",
    })
    void anythingElseIsReadAsTheWholeTree(String text) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);

        RequestJson read = RequestJson.read(JSON, body);

        assertThat(read.image).isNull();
        assertThat(read.imagePlaceholder).isNull();
        assertThat(read.root).isEqualTo(RequestJson.readTree(JSON, body).root);
    }

    /**
     * Wherever the string's end falls: every length and alignment of the Base64 (so the closing quote or an escape
     * falls at every place in a word and in the last bytes) reads as the tree does.
     */
    @Test
    void everyAlignmentOfTheStringsEndReadsAsTheTree() {
        String alphabet = Base64.getEncoder().encodeToString(new byte[] {(byte) 0xfb, (byte) 0xef, (byte) 0xbe, 1, 2, 3,
                4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15});
        for (int lead = 0; lead < 8; lead++) {
            for (int chars = 0; chars <= alphabet.length(); chars++) {
                String b64 = alphabet.substring(0, chars);
                String pad = " ".repeat(lead);
                for (String text : List.of(
                        "{" + pad + "\"ImageBase64\":\"" + b64 + "\"}",
                        "{" + pad + "\"ImageBase64\":\"" + b64 + "\",\"Type\":\"x\"}",
                        "{" + pad + "\"ImageBase64\":\"" + b64 + "\\u0041\"}",
                        "{" + pad + "\"ImageBase64\":\"" + b64 + "\\\"\"}",
                        "{" + pad + "\"ImageBase64\":\"" + b64 + "#\"}",
                        "{" + pad + "\"ImageBase64\":\"" + b64)) {
                    byte[] body = text.getBytes(StandardCharsets.UTF_8);
                    JsonNode tree = RequestJson.readTree(JSON, body).root;
                    RequestJson read = RequestJson.read(JSON, body);
                    String expected = tree == null ? null : tree.get("ImageBase64").textValue();
                    boolean decodable;
                    try {
                        decodable = expected != null && Base64.getDecoder().decode(expected) != null;
                    } catch (IllegalArgumentException e) {
                        decodable = false;
                    }
                    if (decodable && expected.equals(b64)) {
                        assertThat(read.image).as(text).isEqualTo(Base64.getDecoder().decode(b64));
                        assertThat(read.imageChars).as(text).isEqualTo(b64.length());
                        assertThat(read.root.get("Type")).as(text).isEqualTo(tree.get("Type"));
                    } else {
                        assertThat(read.image).as(text).isNull();
                        assertThat(read.root).as(text).isEqualTo(tree);
                    }
                }
            }
        }
    }

    /**
     * Cut anywhere, a body reads as the tree does: the string without its closing quote, a member half written, the
     * object not closed.
     */
    @Test
    void aBodyCutAnywhereReadsAsTheTree() {
        String full = "{\"ImageBase64\":\"" + B64 + "\",\"Type\":[1,{\"x\":\"y\"}],\"ReturnHeadImage\":true}";
        for (int cut = 0; cut <= full.length(); cut++) {
            agreesWithTheTree(full.substring(0, cut).getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** Bodies a stranger may send, each read as the tree reads it, whichever way it is read. */
    @ParameterizedTest
    @ValueSource(strings = {
            "\uFEFF{\"ImageBase64\":\"QUJD\"}",                  // a byte-order mark
            "{\"ImageBase64\" :\"QUJD\"}",
            "{\"Type\":\"\\\"ImageBase64\\\":\\\"QUJD\",\"ImageBase64\":\"QUJE\"}", // the name inside a string
            "{\"ImageBase64\":\"QUJD\",\"ImageBase64\":\"QUJE\",\"ImageBase64\":\"QUJG\"}",
            "{\"ImageBase64\":\"QUJD\",\"ImageBase64\":7}",
            "{\"ImageBase64\":\"QUJD\"}}",
            "{\"ImageBase64\":\"QUJD\",\"Type\":\"\\u0022}\"}",
            "{\"ImageBase64\":\"QUJD\\\"\"}",
            "{\"ImageBase64\":\"\"}",
            "{\"ImageBase64\":\"QUJD\",\"\":0,\"Type\":1}",      // a member named as the resumed reading's own
    })
    void oddBodiesReadAsTheTree(String text) {
        agreesWithTheTree(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aBodyInUtf16ReadsAsTheTree() {
        String text = "{\"ImageBase64\":\"" + B64 + "\",\"Type\":1}";
        agreesWithTheTree(text.getBytes(StandardCharsets.UTF_16BE));
        agreesWithTheTree(text.getBytes(StandardCharsets.UTF_16LE));
        assertThat(RequestJson.read(JSON, text.getBytes(StandardCharsets.UTF_16BE)).root.get("Type").intValue())
                .isEqualTo(1);
    }

    /**
     * A body in the first bytes of a lent array reads as the same body in an array of its own, whatever an earlier
     * body left after it: the rest of a Base64 string and its closing quote, a brace, more members. Every body here
     * is also cut at every place, so the string's end, the object's end and a cut fall just before the remnant.
     */
    @Test
    void aBodyInALentArrayReadsAsTheSameBodyAlone() {
        String more = B64 + B64;
        List<String> remnants = List.of(more + "\"}", "\"}", "\",\"Type\":1}", "}", "AAAAAAAA\"", "\u00e9\"}", "");
        List<String> bodies = List.of(
                "{\"ImageBase64\":\"" + more + "\"}",
                "{\"ImageBase64\":\"" + more + "\",\"Type\":1}",
                "{\"ImageBase64\":\"QUJD\\/" + more + "\"}",
                "{\"Type\":1,\"ImageBase64\":\"" + B64 + "\"}");
        for (String text : bodies) {
            byte[] whole = text.getBytes(StandardCharsets.UTF_8);
            for (int cut = 0; cut <= whole.length; cut++) {
                byte[] alone = Arrays.copyOf(whole, cut);
                RequestJson expected = RequestJson.read(JSON, alone);
                for (String remnant : remnants) {
                    byte[] after = remnant.getBytes(StandardCharsets.UTF_8);
                    byte[] lent = Arrays.copyOf(alone, cut + after.length + 16);
                    System.arraycopy(after, 0, lent, cut, after.length);
                    Arrays.fill(lent, cut + after.length, lent.length, (byte) '"');

                    RequestJson read = RequestJson.read(JSON, lent, cut);

                    String as = new String(alone, StandardCharsets.UTF_8) + " | " + remnant;
                    assertThat(read.image).as(as).isEqualTo(expected.image);
                    assertThat(read.imageChars).as(as).isEqualTo(expected.imageChars);
                    assertThat(read.root).as(as).isEqualTo(expected.root);
                }
            }
        }
    }

    private static void agreesWithTheTree(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        JsonNode tree = RequestJson.readTree(JSON, body).root;
        RequestJson read = RequestJson.read(JSON, body);
        if (read.image == null) {
            assertThat(read.root).as(text).isEqualTo(tree);
            return;
        }
        String b64 = tree.get("ImageBase64").textValue();
        assertThat(read.image).as(text).isEqualTo(Base64.getDecoder().decode(b64));
        assertThat(read.imageChars).as(text).isEqualTo(b64.length());
        assertThat(read.root.size()).as(text).isEqualTo(tree.size());
        tree.fieldNames().forEachRemaining(name -> {
            if (!name.equals("ImageBase64")) {
                assertThat(read.root.get(name)).as(text + " " + name).isEqualTo(tree.get(name));
            }
        });
    }

    /**
     * The point of the shortcut: a 4 MB image's body costs about the image in new bytes, where building the string
     * costs its chars, the String and its bytes again (≥ 4 × the Base64). Allocation is counted, not time.
     */
    @Test
    void aLargeImageIsDecodedWithoutBuildingItsString() {
        byte[] image = new byte[4 * 1024 * 1024];
        new Random(7).nextBytes(image);
        byte[] body = ("{\"ImageBase64\":\"" + Base64.getEncoder().encodeToString(image) + "\",\"Type\":1}")
                .getBytes(StandardCharsets.US_ASCII);
        long base64 = body.length;

        long viaBytes = allocatedBy(() -> RequestJson.read(JSON, body).image, image);
        long viaTree = allocatedBy(() -> Base64.getDecoder().decode(
                RequestJson.readTree(JSON, body).root.get("ImageBase64").textValue()), image);

        assertThat(viaBytes).isLessThan(image.length + base64 / 4);
        assertThat(viaTree).as("the tree's way, for reference").isGreaterThan(3 * base64);
    }

    private static long allocatedBy(Supplier<byte[]> decode, byte[] expected) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assertThat(decode.get()).isEqualTo(expected); // warmed: classes loaded, buffers pooled
        long before = threads.getCurrentThreadAllocatedBytes();
        byte[] decoded = decode.get();
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(decoded).isEqualTo(expected);
        return allocated;
    }
}
