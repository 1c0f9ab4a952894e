package dev.ocrbridge.sandbox;

import static dev.ocrbridge.actions.OcrAction.RECOGNIZE_HEALTH_CODE_OCR;
import static dev.ocrbridge.actions.OcrAction.RECOGNIZE_KOREAN_ID_CARD_OCR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ocrbridge.errors.ErrorCodes;
import dev.ocrbridge.testsupport.TestImages;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Fault injection, each fault provoked over real HTTP. */
class FaultsTest {

    /** The health-code quota is lifted so that runs of requests measure faults only, never the real-time window. */
    @RegisterExtension
    static final SandboxExtension SANDBOX = SandboxExtension.create(b -> b.quota(RECOGNIZE_HEALTH_CODE_OCR,
            Integer.MAX_VALUE));

    static final byte[] PNG = TestImages.tinyPng();

    private static SandboxFaults faults() {
        return SANDBOX.sandbox().faults();
    }

    private static SignedClient.Reply health() throws Exception {
        return SANDBOX.client().postImage(RECOGNIZE_HEALTH_CODE_OCR, PNG);
    }

    @Test
    void gatewayStatusAnswersANonEnvelopeBodyWithTheStatus() throws Exception {
        for (int status : new int[] {502, 503}) {
            faults().gatewayStatus(status, 1.0);
            SignedClient.Reply reply = health();
            assertThat(reply.status()).isEqualTo(status);
            assertThat(reply.contentType()).startsWith("text/html");
            assertThat(reply.body()).contains(Integer.toString(status)).doesNotContain("\"Response\"");
        }
        List<ObservedRequest> seen = SANDBOX.sandbox().requests();
        assertThat(seen).extracting(ObservedRequest::errorCode).containsExactly("Gateway.502", "Gateway.503");
        assertThat(seen).extracting(ObservedRequest::requestId).containsOnlyNulls();
    }

    @Test
    void gatewayFaultsComeBeforeAnyCheck() throws Exception {
        faults().gatewayStatus(503, 1.0);
        assertThat(SANDBOX.client().call("NoSuchAction").withoutAuthorization().send().status()).isEqualTo(503);
    }

    @Test
    void droppedConnectionGivesTheClientAnIOException() throws Exception {
        faults().dropShare(1.0);
        assertThatThrownBy(FaultsTest::health).isInstanceOf(IOException.class);
        assertThat(SANDBOX.sandbox().requests()).extracting(ObservedRequest::errorCode).contains("Dropped");
        faults().dropShare(0);
        assertThat(health().code()).isNull();
    }

    @Test
    void internalErrorShareOfOneAnswersInternalErrorAfterAuthentication() throws Exception {
        faults().internalErrorShare(1.0);
        assertThat(health().code()).isEqualTo(ErrorCodes.INTERNAL_ERROR);
        assertThat(SANDBOX.client().call(RECOGNIZE_HEALTH_CODE_OCR).credential(SandboxExtension.SECRET_ID, "bad")
                .send().code()).isEqualTo(ErrorCodes.SIGNATURE_FAILURE);
    }

    @Test
    void rateLimitBurstAnswersTheNextNRequests() throws Exception {
        faults().rateLimitBurst(2);
        assertThat(health().code()).isEqualTo(ErrorCodes.REQUEST_LIMIT_EXCEEDED);
        assertThat(faults().rateLimitBurst()).isEqualTo(1);
        assertThat(SANDBOX.client().postImage(RECOGNIZE_KOREAN_ID_CARD_OCR, PNG).code())
                .isEqualTo(ErrorCodes.REQUEST_LIMIT_EXCEEDED);
        assertThat(health().code()).isNull();
    }

    @Test
    void failNextMakesTheThirdAttemptSucceed() throws Exception {
        faults().failNext(ErrorCodes.UNKNOWN_ERROR, 2);
        // a request that fails authentication does not consume the queued failures
        assertThat(SANDBOX.client().call(RECOGNIZE_HEALTH_CODE_OCR).credential("AKIDnobody", "x").send().code())
                .isEqualTo("AuthFailure.SecretIdNotFound");
        List<String> attempts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            attempts.add(health().code());
        }
        assertThat(attempts).containsExactly(ErrorCodes.UNKNOWN_ERROR, ErrorCodes.UNKNOWN_ERROR, null);
    }

    @Test
    void failNextQueuesInOrder() throws Exception {
        faults().failNext(ErrorCodes.INTERNAL_ERROR, 1).failNext("ServiceUnavailable", 2);
        assertThat(List.of(health().code(), health().code(), health().code(), String.valueOf(health().code())))
                .containsExactly(ErrorCodes.INTERNAL_ERROR, "ServiceUnavailable", "ServiceUnavailable", "null");
    }

    @Test
    void actionAnswerSwitchesOneActionOff() throws Exception {
        for (String code : new String[] {ErrorCodes.ACTION_OFFLINE, ErrorCodes.UN_OPEN, ErrorCodes.CHARGE_STATUS}) {
            faults().actionAnswer(RECOGNIZE_HEALTH_CODE_OCR, code);
            assertThat(health().code()).isEqualTo(code);
            assertThat(health().code()).as("every request").isEqualTo(code);
            assertThat(SANDBOX.client().postImage(RECOGNIZE_KOREAN_ID_CARD_OCR, PNG).code()).as("other action").isNull();
        }
        faults().clearActionAnswer(RECOGNIZE_HEALTH_CODE_OCR);
        assertThat(health().code()).isNull();
    }

    @Test
    void latencyIsAddedToEveryAnswer() throws Exception {
        faults().latencyMillis(300);
        assertThat(health().elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(SANDBOX.client().call("Nope").send().elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        faults().latencyMillis(0).latencySpike(1.0, 250);
        assertThat(health().elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(250));
    }

    @Test
    void seededSharesAreReproducible() throws Exception {
        faults().seed(7).internalErrorShare(0.5);
        List<String> first = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            first.add(String.valueOf(health().code()));
        }
        SANDBOX.sandbox().reset();
        faults().internalErrorShare(0.5);
        List<String> second = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            second.add(String.valueOf(health().code()));
        }
        assertThat(second).isEqualTo(first);
        assertThat(first).contains("null", ErrorCodes.INTERNAL_ERROR).containsOnly("null", ErrorCodes.INTERNAL_ERROR);
    }

    @Test
    void resetClearsEveryFault() throws Exception {
        faults().latencyMillis(1000).internalErrorShare(1).rateLimitBurst(3).gatewayStatus(503, 1).dropShare(1)
                .failNext("X", 3).actionAnswer(RECOGNIZE_HEALTH_CODE_OCR, "ActionOffline")
                .clockOffset(Duration.ofHours(1));
        faults().reset();
        assertThat(health().code()).isNull();
        assertThat(faults().toMap()).containsEntry("latencyMillis", 0L).containsEntry("dropShare", 0.0)
                .containsEntry("clockOffsetSeconds", 0L).containsEntry("rateLimitBurst", 0);
    }

    @Test
    void invalidSettingsAreRefused() {
        assertThatThrownBy(() -> faults().internalErrorShare(1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> faults().gatewayStatus(200, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> faults().latencyMillis(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
