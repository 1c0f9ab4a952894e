package dev.ocrbridge.sandbox;

import static dev.ocrbridge.actions.OcrAction.RECOGNIZE_HEALTH_CODE_OCR;
import static dev.ocrbridge.actions.OcrAction.RECOGNIZE_KOREAN_ID_CARD_OCR;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.signing.Credentials;
import dev.ocrbridge.signing.Tc3Signer;
import dev.ocrbridge.testsupport.TestImages;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Envelope, headers, authentication and region checks over real HTTP with a raw client. */
class ProtocolTest {

    static final String TEMP_ID = "AKIDtemporary0123456789abcdefABCDEF";
    static final String TEMP_KEY = "temporaryKey0123456789abcdefABCD";
    static final String TEMP_TOKEN = "session-token-0123456789";

    @RegisterExtension
    static final SandboxExtension SANDBOX = SandboxExtension.create(b -> b.credential(TEMP_ID, TEMP_KEY, TEMP_TOKEN));

    private static SignedClient client() {
        return SANDBOX.client();
    }

    private static Map<String, String> image() {
        return Map.of("ImageBase64", TestImages.base64(TestImages.tinyPng()));
    }

    @Test
    void successIsA200JsonEnvelopeWithEveryOutputFieldAndARequestId() throws Exception {
        SignedClient.Reply reply = client().post(RECOGNIZE_HEALTH_CODE_OCR, image());

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).isEqualTo("application/json");
        assertThat(reply.code()).isNull();
        assertThat(reply.requestId()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        for (String field : RECOGNIZE_HEALTH_CODE_OCR.outputFields()) {
            assertThat(reply.field(field).asText()).as(field).isEmpty();
        }
        assertThat(reply.response().size()).isEqualTo(RECOGNIZE_HEALTH_CODE_OCR.outputFields().size() + 1);
    }

    @Test
    void missingActionIsMissingParameter() throws Exception {
        SignedClient.Reply reply = client().call(RECOGNIZE_HEALTH_CODE_OCR).header("X-TC-Action", null)
                .body(image()).send();
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.code()).isEqualTo("MissingParameter");
        assertThat(reply.requestId()).isNotBlank();
        assertThat(SANDBOX.sandbox().requests().get(0).action()).isNull();
        assertThat(SANDBOX.sandbox().requests().get(0).errorCode()).isEqualTo("MissingParameter");
    }

    @Test
    void unknownActionIsInvalidActionEvenForCatalogAliases() throws Exception {
        assertThat(client().call("RecognizeFooOCR").body(image()).send().code()).isEqualTo("InvalidAction");
        // the catalog's document-kind alias is not a Tencent action name
        assertThat(client().call("health-code").body(image()).send().code()).isEqualTo("InvalidAction");
    }

    @Test
    void otherVersionIsNoSuchVersion() throws Exception {
        assertThat(client().call(RECOGNIZE_HEALTH_CODE_OCR).version("2019-01-01").body(image()).send().code())
                .isEqualTo("NoSuchVersion");
        assertThat(client().call(RECOGNIZE_HEALTH_CODE_OCR).version(null).body(image()).send().code())
                .isEqualTo("MissingParameter");
    }

    @Test
    void regionTheActionDoesNotServeIsUnsupportedRegionAndNoRegionIsAccepted() throws Exception {
        assertThat(client().call(RECOGNIZE_KOREAN_ID_CARD_OCR).region("ap-guangzhou").body(image()).send().code())
                .isEqualTo("UnsupportedRegion");
        assertThat(client().call(RECOGNIZE_HEALTH_CODE_OCR).region("ap-singapore").body(image()).send().code())
                .isEqualTo("UnsupportedRegion");
        for (String region : RECOGNIZE_HEALTH_CODE_OCR.regions()) {
            assertThat(client().call(RECOGNIZE_HEALTH_CODE_OCR).region(region).body(image()).send().code())
                    .as(region).isNull();
        }
        assertThat(client().call(RECOGNIZE_KOREAN_ID_CARD_OCR).region(null).body(image()).send().code()).isNull();
    }

    @Test
    void aBodyDeclaredOverTenMegabytesIsRequestSizeLimitExceededBeforeAByteOfItIsSent() throws Exception {
        // only the headers go out: the answer must come without the sandbox waiting for (or reading) the body
        long declared = OcrAction.MAX_REQUEST_BODY_BYTES + 1L;
        RawExchange.Response answer = RawExchange.open(SANDBOX.port(), "POST", "/",
                "Content-Type: application/json", "X-TC-Action: RecognizeHealthCodeOCR",
                "X-TC-Version: " + OcrAction.VERSION, "Content-Length: " + declared).answer();
        assertThat(answer.status()).isEqualTo(200);
        assertThat(SignedClient.JSON.readTree(answer.body()).at("/Response/Error/Code").asText())
                .isEqualTo("RequestSizeLimitExceeded");
        assertThat(SANDBOX.sandbox().requests().get(0).bodyBytes()).isEqualTo(declared);
    }

    @Test
    void aChunkedBodyIsRefusedAtItsFirstBytePastTenMegabytes() throws Exception {
        // 10 MB in chunks, then one byte more, and the body left unfinished: the answer comes at that byte
        RawExchange request = RawExchange.open(SANDBOX.port(), "POST", "/", "Content-Type: application/json",
                "X-TC-Action: RecognizeHealthCodeOCR", "X-TC-Version: " + OcrAction.VERSION,
                "Transfer-Encoding: chunked");
        for (int sent = 0; sent < OcrAction.MAX_REQUEST_BODY_BYTES; sent += 1024 * 1024) {
            request.chunk(1024 * 1024);
        }
        RawExchange.Response answer = request.chunk(1).answer();
        assertThat(SignedClient.JSON.readTree(answer.body()).at("/Response/Error/Code").asText())
                .isEqualTo("RequestSizeLimitExceeded");
        assertThat(SANDBOX.sandbox().requests().get(0).bodyBytes()).isEqualTo(OcrAction.MAX_REQUEST_BODY_BYTES + 1L);
    }

    @Test
    void exactlyTenMegabytesPassTheGatewayAndFailLater() throws Exception {
        byte[] atLimit = new byte[OcrAction.MAX_REQUEST_BODY_BYTES];
        Arrays.fill(atLimit, (byte) ' ');
        assertThat(client().call(RECOGNIZE_HEALTH_CODE_OCR).body(atLimit).send().code()).isEqualTo("InvalidParameter");
    }

    @Test
    void malformedAuthorizationIsInvalidAuthorization() throws Exception {
        String valid = new Tc3Signer(Credentials.of(SandboxExtension.SECRET_ID, SandboxExtension.SECRET_KEY), "ocr")
                .sign("127.0.0.1:" + SANDBOX.port(), "application/json", Instant.now().getEpochSecond(), new byte[0])
                .authorization();
        String[] malformed = {
                "garbage",
                valid.replace("TC3-HMAC-SHA256", "HMAC-SHA1"),
                valid.replace("/tc3_request", "/tc2_request"),
                valid.replaceAll("Signature=[0-9a-f]+", "Signature=xyz"),
        };
        for (String authorization : malformed) {
            assertThat(client().call(RECOGNIZE_HEALTH_CODE_OCR).authorization(authorization).body(image()).send().code())
                    .as(authorization).isEqualTo("AuthFailure.InvalidAuthorization");
        }
        assertThat(client().call(RECOGNIZE_HEALTH_CODE_OCR).withoutAuthorization()
                .body(image()).send().code()).isEqualTo("AuthFailure.InvalidAuthorization");
        // SignedHeaders lacking host, lacking content-type, or naming a header the request does not carry
        assertThat(client().call(RECOGNIZE_HEALTH_CODE_OCR).signedHeaders("content-type").body(image()).send().code())
                .isEqualTo("AuthFailure.InvalidAuthorization");
        assertThat(client().call(RECOGNIZE_HEALTH_CODE_OCR).signedHeaders("host", "x-tc-action").body(image()).send()
                .code()).isEqualTo("AuthFailure.InvalidAuthorization");
        SignedClient.Reply absent = client().call(RECOGNIZE_HEALTH_CODE_OCR).signedHeaders("content-type", "host",
                "x-tc-nothing").body(image()).send();
        assertThat(absent.code()).isEqualTo("AuthFailure.InvalidAuthorization");
        assertThat(absent.message()).contains("x-tc-nothing");
    }

    @Test
    void anySignedHeaderListWithContentTypeAndHostVerifies() throws Exception {
        assertThat(client().call(RECOGNIZE_HEALTH_CODE_OCR).signedHeaders("content-type", "host", "x-tc-action")
                .body(image()).send().code()).isNull();
        assertThat(client().call(RECOGNIZE_HEALTH_CODE_OCR)
                .signedHeaders("content-type", "host", "x-tc-action", "x-tc-region", "x-tc-timestamp")
                .body(image()).send().code()).isNull();
        // the Content-Type actually sent is what is canonicalised, with or without a charset
        assertThat(client().call(RECOGNIZE_HEALTH_CODE_OCR).header("Content-Type", "application/json")
                .body(image()).send().code()).isNull();
    }

    @Test
    void unknownSecretIdIsSecretIdNotFound() throws Exception {
        SignedClient.Reply reply = client().call(RECOGNIZE_HEALTH_CODE_OCR).credential("AKIDunknown", "whatever")
                .body(image()).send();
        assertThat(reply.code()).isEqualTo("AuthFailure.SecretIdNotFound");
        assertThat(SANDBOX.sandbox().requests().get(0).secretId()).isEqualTo("AKIDunknown");
    }

    @Test
    void timestampMoreThanFiveMinutesAwayIsSignatureExpire() throws Exception {
        long now = Instant.now().getEpochSecond();
        assertThat(client().call(RECOGNIZE_HEALTH_CODE_OCR).timestamp(now - 400).body(image()).send().code())
                .isEqualTo("AuthFailure.SignatureExpire");
        assertThat(client().call(RECOGNIZE_HEALTH_CODE_OCR).timestamp(now + 400).body(image()).send().code())
                .isEqualTo("AuthFailure.SignatureExpire");
        assertThat(client().call(RECOGNIZE_HEALTH_CODE_OCR).timestamp(now - 250).body(image()).send().code())
                .isNull();
        assertThat(client().call(RECOGNIZE_HEALTH_CODE_OCR).header("X-TC-Timestamp", null).body(image()).send()
                .code()).isEqualTo("MissingParameter");
        assertThat(client().call(RECOGNIZE_HEALTH_CODE_OCR).header("X-TC-Timestamp", "yesterday").body(image()).send()
                .code()).isEqualTo("InvalidParameterValue");
    }

    @Test
    void tamperedBodyOrWrongKeyIsSignatureFailure() throws Exception {
        assertThat(client().call(RECOGNIZE_HEALTH_CODE_OCR).body(image()).tamperBodyAfterSigning().send().code())
                .isEqualTo("AuthFailure.SignatureFailure");
        assertThat(client().call(RECOGNIZE_HEALTH_CODE_OCR).credential(SandboxExtension.SECRET_ID, "wrong")
                .body(image()).send().code()).isEqualTo("AuthFailure.SignatureFailure");
    }

    @Test
    void tokenMustMatchTheTemporaryCredentialAndOnlyIt() throws Exception {
        SignedClient temp = new SignedClient(SANDBOX.port(), TEMP_ID, TEMP_KEY);
        assertThat(temp.call(RECOGNIZE_HEALTH_CODE_OCR).token(TEMP_TOKEN).body(image()).send().code()).isNull();
        assertThat(temp.call(RECOGNIZE_HEALTH_CODE_OCR).body(image()).send().code())
                .isEqualTo("AuthFailure.TokenFailure");
        assertThat(temp.call(RECOGNIZE_HEALTH_CODE_OCR).token(TEMP_TOKEN + "x").body(image()).send().code())
                .isEqualTo("AuthFailure.TokenFailure");
        assertThat(client().call(RECOGNIZE_HEALTH_CODE_OCR).token("unexpected").body(image()).send().code())
                .isEqualTo("AuthFailure.TokenFailure");
    }

    @Test
    void checksRunInTencentsOrder() throws Exception {
        // unknown action beats a bad signature; a bad signature beats an unsupported region and bad parameters
        assertThat(client().call("Nope").credential(SandboxExtension.SECRET_ID, "wrong").send().code())
                .isEqualTo("InvalidAction");
        assertThat(client().call(RECOGNIZE_KOREAN_ID_CARD_OCR).region("ap-guangzhou")
                .credential(SandboxExtension.SECRET_ID, "wrong").body("not json").send().code())
                .isEqualTo("AuthFailure.SignatureFailure");
        assertThat(client().call(RECOGNIZE_KOREAN_ID_CARD_OCR).region("ap-guangzhou").body("not json").send().code())
                .isEqualTo("UnsupportedRegion");
    }

    @Test
    void nonPostIsAnsweredWithAnEnvelope() throws Exception {
        var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(SANDBOX.url() + "/")).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"Code\":\"UnsupportedOperation\"").contains("RequestId");
    }

    @Test
    void absoluteFormRequestLineWithTencentsHostIsServed() throws Exception {
        byte[] body = SignedClient.JSON.writeValueAsBytes(image());
        long ts = Instant.now().getEpochSecond();
        String contentType = "application/json; charset=utf-8";
        String authorization = new Tc3Signer(Credentials.of(SandboxExtension.SECRET_ID, SandboxExtension.SECRET_KEY),
                "ocr").sign(OcrAction.HOST, contentType, ts, body).authorization();
        String head = "POST http://" + OcrAction.HOST + "/ HTTP/1.1\r\n"
                + "Host: " + OcrAction.HOST + "\r\n"
                + "Content-Type: " + contentType + "\r\n"
                + "Authorization: " + authorization + "\r\n"
                + "X-TC-Action: RecognizeHealthCodeOCR\r\n"
                + "X-TC-Version: 2018-11-19\r\n"
                + "X-TC-Timestamp: " + ts + "\r\n"
                + "X-TC-Region: ap-beijing\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + "Connection: close\r\n\r\n";
        String answer;
        try (Socket socket = new Socket("127.0.0.1", SANDBOX.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            in.transferTo(received);
            answer = received.toString(StandardCharsets.UTF_8);
        }
        assertThat(answer).startsWith("HTTP/1.1 200");
        assertThat(answer).contains("\"RequestId\"").doesNotContain("\"Error\"");
    }
}
