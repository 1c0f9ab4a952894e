package dev.ocrbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.testsupport.TestImages;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Signed bodies a stranger may write, made by mutating a valid one at random (fixed seeds: a failure names the seed
 * that reproduces it): bytes changed, inserted, deleted, repeated, cut; JSON's own punctuation, escapes, broken
 * UTF-8 and NUL put anywhere. Whatever the body, the sandbox answers a Tencent envelope with a request id over
 * HTTP 200, a code shaped as Tencent's and a message that quotes no Java; the same body twice gets the same code;
 * a body that still means the same request (a strict JSON reading, nothing after the object, finds the same members
 * and the same image) is answered as the original was, and one that is no JSON object at all is refused.
 */
class MutatedBodyTest {

    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final byte[][] TOKENS = {
        {'"'}, {'\\'}, {'{'}, {'}'}, {'['}, {']'}, {','}, {':'}, {' '}, {'\n'}, {0}, {'\\', 'u'}, {'\\', '/'},
        {(byte) 0xC3}, {(byte) 0xFF}, {(byte) 0xE2, (byte) 0x80, (byte) 0xA8}, {'='}, {'+'}, {'/'}, "null".getBytes(),
        "\"ImageBase64\":".getBytes(), "1e999".getBytes(),
    };

    @RegisterExtension
    static final SandboxExtension SANDBOX = SandboxExtension.create(b -> {
        for (OcrAction action : OcrAction.values()) {
            b.quota(action, 1_000_000);
        }
    });

    @Test
    void everyMutatedBodyIsAnsweredWithAnEnvelopeAndTheCodeItsMeaningCallsFor() throws Exception {
        fuzz(TestImages.tinyPng(), 600);
    }

    /** Bodies of a megabyte and more are read into arrays lent from one to the next: a cut body after a whole one. */
    @Test
    void everyMutatedLargeBodyIsAnsweredAsItsMeaningCallsForWhateverBodyCameBefore() throws Exception {
        byte[] image = TestImages.noisePng(640, 7);
        assertThat(image.length).as("a body over the size read into lent arrays").isGreaterThan(800_000);
        fuzz(image, 60);
    }

    private static void fuzz(byte[] png, int casesPerAction) throws Exception {
        for (OcrAction action : OcrAction.values()) {
            byte[] original = ("{\"ImageBase64\":\"" + Base64.getEncoder().encodeToString(png) + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            assertThat(send(action, original).code()).as("the unmutated body").isNull();
            JsonNode meaning = STRICT.readTree(original);
            for (int seed = 0; seed < casesPerAction; seed++) {
                byte[] body = mutate(original, new Random(seed));
                String where = action.actionName() + ", seed " + seed + ": "
                        + new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8);
                SignedClient.Reply reply = send(action, body);

                assertThat(reply.status()).as(where).isEqualTo(200);
                assertThat(reply.requestId()).as(where).isNotBlank();
                String code = reply.code();
                if (code != null) {
                    assertThat(code).as(where).matches("[A-Z][A-Za-z]+(\\.[A-Z][A-Za-z0-9]+)*");
                    assertThat(reply.message()).as(where).isNotBlank().hasSizeLessThan(600)
                            .doesNotContain("Exception", "java.", "com.fasterxml", "\tat ");
                }
                JsonNode read = strictly(body);
                if (read == null || !read.isObject()) {
                    assertThat(code).as("no JSON object: " + where).isNotNull();
                } else if (read.equals(meaning)) {
                    assertThat(code).as("the same request: " + where).isNull();
                }
                if (seed % 10 == 0) {
                    assertThat(send(action, body).code()).as("the same body again: " + where).isEqualTo(code);
                }
            }
        }
    }

    private static SignedClient.Reply send(OcrAction action, byte[] body) throws Exception {
        return SANDBOX.client().call(action).body(body).send();
    }

    /** The body as a strict reader sees it (nothing after the value; of two members of a name, the last), or null. */
    private static JsonNode strictly(byte[] body) {
        try {
            return STRICT.readTree(body);
        } catch (Exception e) {
            return null;
        }
    }

    /** One to three mutations at random places. */
    private static byte[] mutate(byte[] original, Random random) {
        byte[] body = original;
        int mutations = 1 + random.nextInt(3);
        for (int m = 0; m < mutations && body.length > 0; m++) {
            int at = random.nextInt(body.length);
            body = switch (random.nextInt(6)) {
                case 0 -> {
                    byte[] b = body.clone();
                    b[at] = (byte) random.nextInt(256);
                    yield b;
                }
                case 1 -> splice(body, at, at, TOKENS[random.nextInt(TOKENS.length)]);
                case 2 -> splice(body, at, Math.min(body.length, at + 1 + random.nextInt(8)), new byte[0]);
                case 3 -> Arrays.copyOf(body, at);
                case 4 -> splice(body, at, at, Arrays.copyOfRange(body, at, Math.min(body.length, at + 1
                        + random.nextInt(12))));
                default -> splice(body, at, Math.min(body.length, at + 1), TOKENS[random.nextInt(TOKENS.length)]);
            };
        }
        return body;
    }

    private static byte[] splice(byte[] body, int from, int to, byte[] insert) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + insert.length);
        out.write(body, 0, from);
        out.write(insert, 0, insert.length);
        out.write(body, to, body.length - to);
        return out.toByteArray();
    }
}
