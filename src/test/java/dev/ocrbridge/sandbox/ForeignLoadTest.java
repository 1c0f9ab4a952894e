package dev.ocrbridge.sandbox;

import static dev.ocrbridge.actions.OcrAction.RECOGNIZE_HEALTH_CODE_OCR;
import static dev.ocrbridge.actions.OcrAction.RECOGNIZE_KOREAN_ID_CARD_OCR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ocrbridge.errors.ErrorCodes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The foreign load: another application's requests on the same account, counted in the quota windows like real
 * ones. With a quota of 1/s and a foreign load of 1/s the account's second is always taken, so a signed request
 * meets RequestLimitExceeded until the load stops.
 */
class ForeignLoadTest {

    @RegisterExtension
    static final SandboxExtension SANDBOX = SandboxExtension.create(b -> b.quota(RECOGNIZE_HEALTH_CODE_OCR, 1));

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void aForeignLoadTakesTheQuotaFromRealRequestsUntilItStops() throws Exception {
        SignedClient client = SANDBOX.client();
        HttpResponse<String> set = post("{\"action\": \"RecognizeHealthCodeOCR\", \"perSecond\": 1}");
        assertThat(set.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> SANDBOX.sandbox().foreignAdmitted(RECOGNIZE_HEALTH_CODE_OCR) > 0);

        assertThat(client.postImage(RECOGNIZE_HEALTH_CODE_OCR, TestImages.png()).code())
                .isEqualTo(ErrorCodes.REQUEST_LIMIT_EXCEEDED);
        assertThat(client.postImage(RECOGNIZE_KOREAN_ID_CARD_OCR, TestImages.png()).code())
                .as("another action's quota is untouched").isNull();
        JsonNode loads = SignedClient.JSON.readTree(get().body());
        assertThat(loads.path("RecognizeHealthCodeOCR").path("perSecond").asDouble()).isEqualTo(1.0);
        assertThat(loads.path("RecognizeHealthCodeOCR").path("admitted").asLong()).isPositive();
        assertThat(SANDBOX.sandbox().requests()).as("foreign requests are not observed requests").hasSize(2);

        assertThat(post("{\"action\": \"RecognizeHealthCodeOCR\", \"perSecond\": 0}").statusCode()).isEqualTo(200);
        assertThat(SignedClient.JSON.readTree(get().body()).isEmpty()).isTrue();
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(300))
                .until(() -> client.postImage(RECOGNIZE_HEALTH_CODE_OCR, TestImages.png()).code() == null);
    }

    @Test
    void resetStopsTheLoadAndBadRequestsAreRefused() throws Exception {
        SANDBOX.sandbox().foreignLoad(RECOGNIZE_HEALTH_CODE_OCR, 5);
        SANDBOX.sandbox().reset();
        assertThat(SignedClient.JSON.readTree(get().body()).isEmpty()).isTrue();

        assertThat(post("{\"action\": \"health\", \"perSecond\": 1}").statusCode()).isEqualTo(400);
        assertThat(post("{\"action\": \"RecognizeHealthCodeOCR\", \"perSecond\": -1}").statusCode()).isEqualTo(400);
        assertThat(post("{\"action\": \"RecognizeHealthCodeOCR\"}").statusCode()).isEqualTo(400);
        assertThat(post("{\"action\": \"RecognizeHealthCodeOCR\", \"perSecond\": 1, \"secretId\": \"AKIDnobody\"}")
                .statusCode()).isEqualTo(400);
        assertThat(SignedClient.JSON.readTree(get().body()).isEmpty()).isTrue();
    }

    private static HttpResponse<String> get() throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(SANDBOX.url() + "/_sandbox/foreign-load")).GET()
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(SANDBOX.url() + "/_sandbox/foreign-load"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
