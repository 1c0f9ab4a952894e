package dev.ocrbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The one-pass decoder agrees with the JDK's strict decoder on every string: the same bytes where the JDK accepts
 * the string up to its first quote, no answer where it refuses it.
 */
class JsonBase64Test {

    /** The bytes a stranger may put in the string, each tried at every place. */
    private static final byte[] HOSTILE = {'"', '\\', '=', ' ', '\n', '\t', 0, 1, 0x1f, (byte) 0x80, (byte) 0xc3,
            (byte) 0xff, '-', '_', '.', '}', ','};

    private static final byte[] PREFIX = "{\"ImageBase64\":\"".getBytes(StandardCharsets.US_ASCII);

    /** The JDK's answer for the string from {@code start} to the first quote: null without a quote or refused. */
    private static byte[] jdk(byte[] body, int start) {
        int quote = start;
        while (quote < body.length && body[quote] != '"') {
            quote++;
        }
        if (quote == body.length) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(Arrays.copyOfRange(body, start, quote));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** As RequestJson calls it: sized by the likely end, read no further than it. */
    private static byte[] decoded(byte[] body, int start) {
        int limit = JsonBase64.likelyEnd(body, start, body.length);
        byte[] out = new byte[JsonBase64.decodedLength(body, start, limit)];
        JsonBase64.Decoded d = JsonBase64.decode(body, body.length, start, limit, out);
        if (d == null) {
            return null;
        }
        assertThat(body[d.closingQuote()]).isEqualTo((byte) '"');
        return Arrays.copyOf(out, d.length());
    }

    private static byte[] body(String base64, String after) {
        byte[] b64 = base64.getBytes(StandardCharsets.ISO_8859_1);
        byte[] tail = after.getBytes(StandardCharsets.US_ASCII);
        byte[] body = Arrays.copyOf(PREFIX, PREFIX.length + b64.length + tail.length);
        System.arraycopy(b64, 0, body, PREFIX.length, b64.length);
        System.arraycopy(tail, 0, body, PREFIX.length + b64.length, tail.length);
        return body;
    }

    @Test
    void everyLengthDecodesAsTheJdkDoesWithAndWithoutPaddingAndWhateverFollows() {
        Random random = new Random(11);
        for (int n = 0; n <= 70; n++) {
            byte[] image = new byte[n];
            random.nextBytes(image);
            String padded = Base64.getEncoder().encodeToString(image);
            String bare = Base64.getEncoder().withoutPadding().encodeToString(image);
            for (String b64 : new String[] {padded, bare}) {
                for (String after : new String[] {"\"}", "\" }", "\",\"Type\":1}", "\",\"Type\":\"x\"}", "\""}) {
                    byte[] body = body(b64, after);
                    assertThat(decoded(body, PREFIX.length)).as(b64 + after).isEqualTo(image)
                            .isEqualTo(jdk(body, PREFIX.length));
                }
            }
        }
    }

    @Test
    void aHostileByteAtAnyPlaceIsAnsweredAsTheJdkAnswersIt() {
        byte[] image = new byte[61];
        new Random(5).nextBytes(image);
        String b64 = Base64.getEncoder().encodeToString(image);
        for (String after : new String[] {"\"}", "\",\"Type\":1}"}) {
            byte[] clean = body(b64, after);
            for (int at = PREFIX.length; at < clean.length; at++) {
                for (byte hostile : HOSTILE) {
                    byte[] body = clean.clone();
                    body[at] = hostile;
                    assertThat(decoded(body, PREFIX.length)).as("byte %d at %d", hostile, at)
                            .isEqualTo(jdk(body, PREFIX.length));
                }
            }
        }
    }

    @Test
    void paddingInTheMiddleAShortLastGroupAndATruncatedStringAreRefused() {
        String[] refused = {"QQ==QUJD", "QUJD=", "QUJDQ", "QQ=", "Q===", "QUJD==", "QQ==\\\"", "QUJD\\/"};
        for (String b64 : refused) {
            assertThat(decoded(body(b64, "\"}"), PREFIX.length)).as(b64).isNull();
        }
        byte[] image = new byte[1000];
        new Random(3).nextBytes(image);
        byte[] whole = body(Base64.getEncoder().encodeToString(image), "\"}");
        for (int cut = PREFIX.length; cut < whole.length - 2; cut++) {
            assertThat(decoded(Arrays.copyOf(whole, cut), PREFIX.length)).as("cut at %d", cut).isNull();
        }
        assertThat(decoded(whole, PREFIX.length)).isEqualTo(image);
    }

    @Test
    void aLargeImageDecodesAsTheJdkDoes() {
        byte[] image = new byte[3 * 1024 * 1024 + 2];
        new Random(9).nextBytes(image);
        byte[] body = body(Base64.getEncoder().encodeToString(image), "\",\"ReturnHeadImage\":false}");
        int limit = JsonBase64.likelyEnd(body, PREFIX.length, body.length);
        byte[] out = new byte[JsonBase64.decodedLength(body, PREFIX.length, limit)];

        JsonBase64.Decoded d = JsonBase64.decode(body, body.length, PREFIX.length, limit, out);

        assertThat(out.length).as("sized exactly: no copy to trim it").isEqualTo(image.length);
        assertThat(d.length()).isEqualTo(image.length);
        assertThat(d.closingQuote()).isEqualTo(limit);
        assertThat(out).isEqualTo(image);
    }
}
