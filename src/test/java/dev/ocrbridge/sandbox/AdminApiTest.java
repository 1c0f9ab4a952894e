package dev.ocrbridge.sandbox;

import static dev.ocrbridge.actions.OcrAction.RECOGNIZE_HEALTH_CODE_OCR;
import static dev.ocrbridge.actions.OcrAction.RECOGNIZE_KOREAN_ID_CARD_OCR;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.errors.ErrorCodes;
import dev.ocrbridge.testsupport.TestImages;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The unsigned admin API under /_sandbox/, round trips over HTTP. */
class AdminApiTest {

    @RegisterExtension
    static final SandboxExtension SANDBOX = SandboxExtension.create();

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final byte[] PNG = TestImages.tinyPng(3);

    record Answer(int status, JsonNode json) {
    }

    private static Answer get(String path) throws Exception {
        return exchange(HttpRequest.newBuilder(URI.create(SANDBOX.url() + path)).GET());
    }

    private static Answer post(String path, String json) throws Exception {
        return exchange(HttpRequest.newBuilder(URI.create(SANDBOX.url() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private static Answer exchange(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), SignedClient.JSON.readTree(response.body()));
    }

    @Test
    void postedFaultsShowInGetAndTakeEffect() throws Exception {
        Answer posted = post("/_sandbox/faults", """
                {"latencyMillis": 150, "internalErrorShare": 0.0, "rateLimitBurst": 1, "gatewayStatus": 503,
                 "gatewayShare": 0.0, "dropShare": 0.0, "clockOffsetSeconds": 30,
                 "actionAnswer": {"RecognizeKoreanIDCardOCR": "ActionOffline"},
                 "failNext": {"code": "FailedOperation.OcrFailed", "count": 1}}""");
        assertThat(posted.status()).isEqualTo(200);

        JsonNode faults = get("/_sandbox/faults").json();
        assertThat(faults.path("latencyMillis").asLong()).isEqualTo(150);
        assertThat(faults.path("rateLimitBurst").asInt()).isEqualTo(1);
        assertThat(faults.path("gatewayStatus").asInt()).isEqualTo(503);
        assertThat(faults.path("clockOffsetSeconds").asLong()).isEqualTo(30);
        assertThat(faults.path("actionAnswer").path("RecognizeKoreanIDCardOCR").asText()).isEqualTo("ActionOffline");
        assertThat(faults.path("failNext").get(0).path("code").asText()).isEqualTo("FailedOperation.OcrFailed");
        assertThat(SANDBOX.sandbox().faults().latencyMillis()).isEqualTo(150);

        SignedClient client = SANDBOX.client();
        assertThat(client.postImage(RECOGNIZE_KOREAN_ID_CARD_OCR, PNG).code()).isEqualTo(ErrorCodes.ACTION_OFFLINE);
        SignedClient.Reply failed = client.postImage(RECOGNIZE_HEALTH_CODE_OCR, PNG);
        assertThat(failed.code()).isEqualTo(ErrorCodes.OCR_FAILED);
        assertThat(failed.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(150));
        assertThat(client.postImage(RECOGNIZE_HEALTH_CODE_OCR, PNG).code()).isEqualTo(ErrorCodes.REQUEST_LIMIT_EXCEEDED);
        assertThat(client.postImage(RECOGNIZE_HEALTH_CODE_OCR, PNG).code()).isNull();

        // clearing one action answer with null; a gateway share switched on by patch
        post("/_sandbox/faults", "{\"actionAnswer\": {\"RecognizeKoreanIDCardOCR\": null}, \"gatewayShare\": 1.0,"
                + " \"latencyMillis\": 0}");
        assertThat(client.postImage(RECOGNIZE_KOREAN_ID_CARD_OCR, PNG).status()).isEqualTo(503);
    }

    @Test
    void resetEndpointClearsFaultsAndRequests() throws Exception {
        post("/_sandbox/faults", "{\"internalErrorShare\": 1.0, \"dropShare\": 0.0}");
        assertThat(SANDBOX.client().postImage(RECOGNIZE_HEALTH_CODE_OCR, PNG).code()).isEqualTo(ErrorCodes.INTERNAL_ERROR);
        Answer reset = post("/_sandbox/reset", "{}");
        assertThat(reset.status()).isEqualTo(200);
        assertThat(get("/_sandbox/faults").json().path("internalErrorShare").asDouble()).isZero();
        assertThat(SANDBOX.sandbox().requests()).isEmpty();
        assertThat(SANDBOX.client().postImage(RECOGNIZE_HEALTH_CODE_OCR, PNG).code()).isNull();
    }

    @Test
    void badPatchIsRefusedWholeAndChangesNothing() throws Exception {
        Answer unknown = post("/_sandbox/faults", "{\"latencyMillis\": 50, \"noSuchFault\": 1}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().path("error").asText()).contains("noSuchFault");
        assertThat(post("/_sandbox/faults", "{\"internalErrorShare\": 2}").status()).isEqualTo(400);
        assertThat(post("/_sandbox/faults", "{\"actionAnswer\": {\"health-code\": \"ActionOffline\"}}").status())
                .isEqualTo(400);
        assertThat(post("/_sandbox/faults", "not json").status()).isEqualTo(400);
        assertThat(SANDBOX.sandbox().faults().latencyMillis()).isZero();
    }

    @Test
    void statsCountPerActionAndPerCode() throws Exception {
        SignedClient client = SANDBOX.client();
        client.postImage(RECOGNIZE_HEALTH_CODE_OCR, PNG);
        client.postImage(RECOGNIZE_HEALTH_CODE_OCR, PNG);
        client.postImage(RECOGNIZE_KOREAN_ID_CARD_OCR, TestImages.tinyGif());
        client.call("Nope").send();

        JsonNode stats = get("/_sandbox/stats").json();
        assertThat(stats.path("total").asLong()).isEqualTo(4);
        assertThat(stats.path("byAction").path("RecognizeHealthCodeOCR").asLong()).isEqualTo(2);
        assertThat(stats.path("byAction").path("RecognizeKoreanIDCardOCR").asLong()).isEqualTo(1);
        assertThat(stats.path("byAction").path("Nope").asLong()).isEqualTo(1);
        assertThat(stats.path("byCode").path("Success").asLong()).isEqualTo(2);
        assertThat(stats.path("byCode").path("InvalidParameter.EngineImageDecodeFailed").asLong()).isEqualTo(1);
        assertThat(stats.path("byCode").path("InvalidAction").asLong()).isEqualTo(1);
        assertThat(SANDBOX.sandbox().stats()).containsEntry("total", 4L);

        JsonNode requests = get("/_sandbox/requests").json();
        assertThat(requests).hasSize(4);
        assertThat(requests.get(0).path("secretId").asText()).isEqualTo(SandboxExtension.SECRET_ID);
        assertThat(get("/_sandbox/stats").json().path("total").asLong()).as("admin calls are not recorded").isEqualTo(4);
    }

    @Test
    void fixturesCanBePostedAtRuntime() throws Exception {
        Answer added = post("/_sandbox/fixtures", SignedClient.JSON.writeValueAsString(Map.of(
                "sha256", FixtureRegistry.sha256(PNG), "fields", Map.of("Name", "posted", "Color", "黄色"))));
        assertThat(added.status()).isEqualTo(200);
        SignedClient.Reply reply = SANDBOX.client().postImage(RECOGNIZE_HEALTH_CODE_OCR, PNG);
        assertThat(reply.field("Name").asText()).isEqualTo("posted");
        assertThat(reply.field("Color").asText()).isEqualTo("黄色");

        byte[] other = TestImages.tinyPng(4);
        post("/_sandbox/fixtures", SignedClient.JSON.writeValueAsString(Map.of("imageBase64", TestImages.base64(other),
                "error", Map.of("Code", "FailedOperation.ImageNoText"))));
        assertThat(SANDBOX.client().postImage(RECOGNIZE_HEALTH_CODE_OCR, other).code())
                .isEqualTo("FailedOperation.ImageNoText");
        assertThat(post("/_sandbox/fixtures", "{\"sha256\": \"abc\", \"fields\": {}}").status()).isEqualTo(400);
    }

    @Test
    void aRequestAWebPageCouldSendIsRefusedAndChangesNothing() throws Exception {
        int fixtures = SANDBOX.sandbox().fixtures().size();
        String patch = "{\"actionAnswer\": {\"RecognizeHealthCodeOCR\": \"FailedOperation.UnOpenError\"}}";
        // a page of another origin posting a "simple" request (no preflight): text/plain, a form
        assertRefused(send(HttpRequest.newBuilder(URI.create(SANDBOX.url() + "/_sandbox/faults"))
                .header("Content-Type", "text/plain").header("Origin", "http://evil.example")
                .POST(HttpRequest.BodyPublishers.ofString(patch))));
        assertRefused(send(HttpRequest.newBuilder(URI.create(SANDBOX.url() + "/_sandbox/faults"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(patch))));
        assertRefused(send(HttpRequest.newBuilder(URI.create(SANDBOX.url() + "/_sandbox/faults"))
                .header("Content-Type", "application/json").header("Origin", "http://evil.example")
                .POST(HttpRequest.BodyPublishers.ofString(patch))));
        assertRefused(send(HttpRequest.newBuilder(URI.create(SANDBOX.url() + "/_sandbox/reset"))
                .header("Sec-Fetch-Site", "cross-site").POST(HttpRequest.BodyPublishers.ofString("{}"))));
        assertRefused(send(HttpRequest.newBuilder(URI.create(SANDBOX.url() + "/_sandbox/fixtures"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"sha256\": \"" + FixtureRegistry.sha256(PNG) + "\", \"fields\": {\"Name\": \"forged\"}}"))));
        // DNS rebinding: the browser connects to loopback but names the attacker's host
        RawExchange.Response rebound = RawExchange.open(SANDBOX.port(), "POST", "/_sandbox/faults",
                "Host: evil.example:" + SANDBOX.port(), "Content-Type: application/json",
                "Content-Length: " + patch.length()).send(patch.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .answer();
        assertThat(rebound.status()).isEqualTo(403);
        assertThat(SignedClient.JSON.readTree(rebound.body()).path("code").asText()).isEqualTo(AdminHandler.REFUSED);
        RawExchange.Response read = RawExchange.open(SANDBOX.port(), "GET", "/_sandbox/requests",
                "Host: evil.example").answer();
        assertThat(read.status()).as("nor may a rebound page read what the sandbox saw").isEqualTo(403);

        assertThat(SANDBOX.sandbox().faults().actionAnswer(RECOGNIZE_HEALTH_CODE_OCR)).isNull();
        assertThat(SANDBOX.sandbox().fixtures().size()).isEqualTo(fixtures);
        assertThat(SANDBOX.client().postImage(RECOGNIZE_HEALTH_CODE_OCR, PNG).code()).isNull();
        // the operator's own request, from this machine and without an Origin, still works
        assertThat(post("/_sandbox/faults", "{\"latencyMillis\": 0}").status()).isEqualTo(200);
    }

    @Test
    void anAdminBodyDeclaredOverTenMegabytesIsRefusedUnread() {
        RawExchange.Response answer = RawExchange.open(SANDBOX.port(), "POST", "/_sandbox/fixtures",
                "Content-Type: application/json", "Content-Length: " + (OcrAction.MAX_REQUEST_BODY_BYTES + 1L)).answer();
        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.body()).contains("RequestSizeLimitExceeded");
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertRefused(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(SignedClient.JSON.readTree(response.body()).path("code").asText()).isEqualTo(AdminHandler.REFUSED);
    }

    @Test
    void unknownAdminRouteIs404() throws Exception {
        assertThat(get("/_sandbox/nothing").status()).isEqualTo(404);
        assertThat(get("/_sandbox/reset").status()).as("reset is POST only").isEqualTo(404);
    }
}
