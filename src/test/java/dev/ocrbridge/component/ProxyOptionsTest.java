package dev.ocrbridge.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The proxy options of a {@code tencent-ocr} endpoint that cannot work are refused when the endpoint is made, naming
 * the options and never their values (a user name or a password is a secret).
 */
class ProxyOptionsTest {

    private static final String BASE = "tencent-ocr:RecognizeHealthCodeOCR?endpointUrl=http://127.0.0.1:9"
            + "&secretId=AKIDproxyOptions000000000000000000&secretKey=proxyOptionsKey0000000000000000000";
    private final CamelContext context = new DefaultCamelContext();

    @AfterEach
    void stop() {
        context.stop();
    }

    @Test
    void aProxyHostWithoutAPortIsRefused() {
        assertThatThrownBy(() -> context.getEndpoint(BASE + "&proxyHost=proxy.example.com"))
                .rootCause().hasMessageContaining("proxyHost needs proxyPort");
    }

    @Test
    void aProxyPasswordWithoutAUserIsRefusedWithoutThePassword() {
        assertThatThrownBy(() -> context.getEndpoint(BASE
                + "&proxyHost=proxy.example.com&proxyPort=3128&proxyPassword=RAW(Sup3rSecretOfProxy)"))
                .rootCause().hasMessageContaining("proxyUsername and proxyPassword go together")
                .message().doesNotContain("Sup3rSecretOfProxy");
    }

    @Test
    void aProxyUserWithoutAProxyIsRefused() {
        assertThatThrownBy(() -> context.getEndpoint(BASE + "&proxyUsername=alice&proxyPassword=RAW(pw)"))
                .rootCause().hasMessageContaining("with proxyHost");
    }

    @Test
    void aCompleteProxyIsAccepted() {
        TencentOcrEndpoint endpoint = context.getEndpoint(BASE
                + "&proxyHost=proxy.example.com&proxyPort=3128&proxyUsername=alice&proxyPassword=RAW(pw)",
                TencentOcrEndpoint.class);
        assertThat(endpoint.getConfiguration().getProxyHost()).isEqualTo("proxy.example.com");
        assertThat(endpoint.getConfiguration().getProxyPort()).isEqualTo(3128);
    }
}
