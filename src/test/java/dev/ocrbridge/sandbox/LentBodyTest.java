package dev.ocrbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.signing.Tc3Signer;
import dev.ocrbridge.testsupport.TestImages;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Large bodies are read into arrays lent from one request to the next ({@link BodyBuffers}): each is read as if it
 * had an array of its own, whatever a longer body before it left in the array after it.
 */
class LentBodyTest {

    private static final OcrAction ACTION = OcrAction.RECOGNIZE_HEALTH_CODE_OCR;

    /** A quota no test here reaches. */
    @RegisterExtension
    static final SandboxExtension SANDBOX = SandboxExtension.create(b -> b.quota(ACTION, 1_000));

    private static final byte[] IMAGE = TestImages.pngPaddedBy(3 * 1024 * 1024);
    private static final String BASE64 = Base64.getEncoder().encodeToString(IMAGE);
    private static final byte[] BODY = ("{\"ImageBase64\":\"" + BASE64 + "\"}").getBytes(StandardCharsets.US_ASCII);

    /**
     * The point of lending: once an array is kept, a large body costs the sandbox's threads no new array of its
     * size (a new one is zeroed first, and is garbage after the request). Allocation is counted, not time.
     */
    @Test
    void aLargeBodyIsReadIntoAnArrayAnEarlierBodyUsed() throws Exception {
        assertThat(send(BODY).code()).isNull(); // an array lent, then kept

        long before = allocatedBySandboxThreads();
        for (int i = 0; i < 3; i++) {
            assertThat(send(BODY).code()).isNull();
        }
        long perRequest = (allocatedBySandboxThreads() - before) / 3;

        // the decoded image is a new array of its own (it is handed to the recognizer); the body's array is not
        assertThat(perRequest).isGreaterThan(IMAGE.length).isLessThan(IMAGE.length + BODY.length / 4);
    }

    /**
     * A body cut in its Base64 after a whole one was read into the same array: the rest of the earlier body (the
     * same Base64 on, its closing quote, its brace) lies right after it and must not be read as its end.
     */
    @Test
    void aShorterBodyAfterALongerOneIsReadAsItselfOnly() throws Exception {
        assertThat(send(BODY).code()).isNull();
        int cut = BODY.length / 2 / 8 * 8;
        assertThat(send(Arrays.copyOf(BODY, cut)).code()).as("cut in the string").isEqualTo("InvalidParameter");

        byte[] spaced = BODY.clone();
        spaced[cut] = ' ';
        assertThat(send(BODY).code()).isNull();
        assertThat(send(spaced).code()).as("a space in the string").isEqualTo(ACTION.decodeFailureCode());
        assertThat(send(BODY).code()).isNull();

        assertThat(SANDBOX.sandbox().requests()).filteredOn(ObservedRequest::succeeded)
                .extracting(ObservedRequest::imageSha256).hasSize(3)
                .containsOnly(Tc3Signer.sha256Hex(IMAGE, 0, IMAGE.length));
    }

    /**
     * A body that ends before its {@code Content-Length} (the client closed the connection) is a client abort, as
     * before; its array goes back and the next body read into it is read whole and right.
     */
    @Test
    void aBodyShorterThanItsContentLengthIsAClientAbortAndTheNextBodyIsReadRight() throws Exception {
        assertThat(send(BODY).code()).isNull();
        RawExchange.open(SANDBOX.sandbox().port(), "POST", "/", "Content-Type: application/json",
                "Content-Length: " + BODY.length).send(Arrays.copyOf(BODY, BODY.length / 2)).abort();
        await().atMost(Duration.ofSeconds(60)).until(() -> SANDBOX.sandbox().requests().stream()
                .anyMatch(r -> "ClientAborted".equals(r.errorCode())));

        byte[] other = TestImages.pngPaddedBy(2 * 1024 * 1024 + 7);
        assertThat(send(("{\"ImageBase64\":\"" + Base64.getEncoder().encodeToString(other) + "\"}")
                .getBytes(StandardCharsets.US_ASCII)).code()).isNull();

        assertThat(SANDBOX.sandbox().requests()).extracting(ObservedRequest::errorCode)
                .containsExactly(null, "ClientAborted", null);
        assertThat(SANDBOX.sandbox().requests().get(2).imageSha256())
                .isEqualTo(Tc3Signer.sha256Hex(other, 0, other.length));
    }

    /**
     * A chunked body (no {@code Content-Length}) is read whole into an array of its own, as before; given back, that
     * array serves the next large body, which is read as itself.
     */
    @Test
    void aChunkedBodyIsReadWholeAndItsArrayServesTheNextBody() throws Exception {
        assertThat(SANDBOX.client().call(ACTION).body(BODY).chunked().send().code()).isNull();
        assertThat(send(Arrays.copyOf(BODY, BODY.length / 2 / 8 * 8)).code()).as("cut in the string")
                .isEqualTo("InvalidParameter");
        assertThat(SANDBOX.client().call(ACTION).body(BODY).chunked().tamperBodyAfterSigning().send().code())
                .as("a body that is not the one signed").isEqualTo("AuthFailure.SignatureFailure");
        assertThat(send(BODY).code()).isNull();

        assertThat(SANDBOX.sandbox().requests()).filteredOn(ObservedRequest::succeeded)
                .extracting(ObservedRequest::imageSha256).hasSize(2)
                .containsOnly(Tc3Signer.sha256Hex(IMAGE, 0, IMAGE.length));
    }

    private static SignedClient.Reply send(byte[] body) throws Exception {
        return SANDBOX.client().call(ACTION).body(body).send();
    }

    /** Bytes allocated so far by the sandbox's request threads (each request runs on one of them). */
    private static long allocatedBySandboxThreads() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("ocr-sandbox-"))
                .mapToLong(t -> Math.max(0, threads.getThreadAllocatedBytes(t.getId()))).sum();
    }
}
