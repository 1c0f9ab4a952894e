package dev.ocrbridge.sandbox;

import static dev.ocrbridge.actions.OcrAction.RECOGNIZE_HEALTH_CODE_OCR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ocrbridge.testsupport.TestImages;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Lifecycle and the public surface of {@link OcrSandbox}. */
class OcrSandboxTest {

    @Test
    void generatedCredentialsAreRandomAndWork() throws Exception {
        try (OcrSandbox a = OcrSandbox.withGeneratedCredentials().start();
             OcrSandbox b = OcrSandbox.withGeneratedCredentials().start()) {
            assertThat(a.secretId()).matches("AKID[A-Za-z0-9]{32}").isNotEqualTo(b.secretId());
            assertThat(a.secretKey()).matches("[A-Za-z0-9]{32}").isNotEqualTo(b.secretKey());
            assertThat(a.url()).isEqualTo("http://127.0.0.1:" + a.port());
            assertThat(new SignedClient(a.port(), a.secretId(), a.secretKey())
                    .postImage(RECOGNIZE_HEALTH_CODE_OCR, TestImages.tinyPng()).code()).isNull();
            assertThat(new SignedClient(b.port(), a.secretId(), a.secretKey())
                    .postImage(RECOGNIZE_HEALTH_CODE_OCR, TestImages.tinyPng()).code())
                    .isEqualTo("AuthFailure.SecretIdNotFound");
        }
    }

    @Test
    void requestsAreAnImmutableSnapshotAndCanBeCleared() throws Exception {
        try (OcrSandbox sandbox = OcrSandbox.withGeneratedCredentials().start()) {
            SignedClient client = new SignedClient(sandbox.port(), sandbox.secretId(), sandbox.secretKey());
            client.postImage(RECOGNIZE_HEALTH_CODE_OCR, TestImages.tinyPng());
            List<ObservedRequest> snapshot = sandbox.requests();
            client.postImage(RECOGNIZE_HEALTH_CODE_OCR, TestImages.tinyPng());
            assertThat(snapshot).hasSize(1);
            assertThatThrownBy(() -> snapshot.add(null)).isInstanceOf(UnsupportedOperationException.class);
            ObservedRequest first = snapshot.get(0);
            assertThat(first.succeeded()).isTrue();
            assertThat(first.bodyBytes()).isPositive();
            assertThat(first.xTcTimestamp()).isPositive();
            assertThat(sandbox.requests()).hasSize(2);
            sandbox.clearRequests();
            assertThat(sandbox.requests()).isEmpty();
            assertThat(sandbox.stats()).containsEntry("total", 0L);
        }
    }

    @Test
    void startIsIdempotentAndCloseStopsServing() throws Exception {
        OcrSandbox sandbox = OcrSandbox.withGeneratedCredentials();
        assertThatThrownBy(sandbox::port).isInstanceOf(IllegalStateException.class);
        assertThat(sandbox.start()).isSameAs(sandbox.start());
        int port = sandbox.port();
        sandbox.close();
        sandbox.close();
        assertThat(sandbox.isRunning()).isFalse();
        assertThatThrownBy(() -> new SignedClient(port, sandbox.secretId(), sandbox.secretKey())
                .postImage(RECOGNIZE_HEALTH_CODE_OCR, TestImages.tinyPng())).isInstanceOf(IOException.class);
        assertThatThrownBy(sandbox::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void builderRefusesNonsense() {
        assertThatThrownBy(() -> OcrSandbox.builder().quota(RECOGNIZE_HEALTH_CODE_OCR, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OcrSandbox.builder().credential("", "k")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OcrSandbox.builder().port(70_000)).isInstanceOf(IllegalArgumentException.class);
        assertThat(OcrSandbox.builder().credential("AKIDx", "k", "t").build().token()).isEqualTo("t");
    }
}
