package dev.ocrbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.testsupport.TestImages;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The image's string read from the body's bytes answers every hostile string as reading the whole tree did. */
class HostileImageStringTest {

    /** A quota no test here reaches: each sends a dozen requests per action within a second. */
    @RegisterExtension
    static final SandboxExtension SANDBOX = SandboxExtension.create(b -> {
        for (OcrAction action : OcrAction.values()) {
            b.quota(action, 1_000);
        }
    });

    /**
     * Image strings a stranger may write, over the wire, with the codes the whole tree's reading answers: an escape
     * the tree unescapes to the same Base64 is the same image; whitespace, padding in the middle, non-ASCII are each
     * action's decode failure; a string cut short is no JSON object; a member after the image is still checked.
     */
    @Test
    void hostileImageStringsAreAnsweredAsTheWholeTreeAnswersThem() throws Exception {
        String png = TestImages.base64(TestImages.tinyPng());
        String half = png.substring(0, png.length() / 8 * 4);
        String rest = png.substring(png.length() / 8 * 4);
        for (OcrAction action : OcrAction.values()) {
            String decodeFailure = action.decodeFailureCode();
            assertThat(raw(action, "{\"ImageBase64\":\"\\u00" + Integer.toHexString(png.charAt(0)) + png.substring(1)
                    + "\"}").code()).as("an escape of the same character").isNull();
            assertThat(raw(action, "{\"ImageBase64\":\"" + png.replace("/", "\\/") + "\"}").code())
                    .as("escaped slashes").isNull();
            assertThat(raw(action, "{\"ImageBase64\":\"" + half + " " + rest + "\"}").code()).as("a space")
                    .isEqualTo(decodeFailure);
            assertThat(raw(action, "{\"ImageBase64\":\"" + half + "\\n" + rest + "\"}").code()).as("an escaped newline")
                    .isEqualTo(decodeFailure);
            assertThat(raw(action, "{\"ImageBase64\":\"" + half + "====" + rest + "\"}").code())
                    .as("padding in the middle").isEqualTo(decodeFailure);
            assertThat(raw(action, "{\"ImageBase64\":\"" + half + "\u00e9" + rest + "\"}").code()).as("non-ASCII")
                    .isEqualTo(decodeFailure);
            assertThat(raw(action, "{\"ImageBase64\":\"" + half).code()).as("cut in the string")
                    .isEqualTo("InvalidParameter");
            assertThat(raw(action, "{\"ImageBase64\":\"" + png + "\"").code()).as("no closing brace")
                    .isEqualTo("InvalidParameter");
            assertThat(raw(action, "{\"ImageBase64\":\"" + png + "\",\"Foo\":1}").code()).as("a member after it")
                    .isEqualTo("UnknownParameter");
            assertThat(raw(action, "{\"ImageBase64\":\"" + png + "\",\"ImageBase64\":\"%%%\"}").code())
                    .as("the last of two").isEqualTo(decodeFailure);
            assertThat(raw(action, "{\"ImageBase64\":\"%%%\",\"ImageBase64\":\"" + png + "\"}").code())
                    .as("the last of two").isNull();
        }
    }

    private static SignedClient.Reply raw(OcrAction action, String body) throws Exception {
        return SANDBOX.client().call(action).body(body.getBytes(StandardCharsets.UTF_8)).send();
    }

}
