package dev.ocrbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The verifier against Tencent's published signature example (CVM DescribeInstances). */
class Tc3VerifierTest {

    static final String SECRET_ID = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******";
    static final String SECRET_KEY = "Gu5t9xGARNpq86cd98joQYCN3*******";
    static final String BODY =
            "{\"Limit\": 1, \"Filters\": [{\"Values\": [\"\\u672a\\u547d\\u540d\"], \"Name\": \"instance-name\"}]}";
    static final String SIGNATURE = "2230eefd229f582d8b1b891af7107b91597240707d778ab3738f756258d7652c";
    static final String AUTHORIZATION = "TC3-HMAC-SHA256 Credential=" + SECRET_ID
            + "/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, Signature=" + SIGNATURE;

    static final Map<String, String> HEADERS = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    static {
        HEADERS.put("Content-Type", "application/json; charset=utf-8");
        HEADERS.put("Host", "cvm.tencentcloudapi.com");
    }

    @Test
    void publishedExampleVerifies() throws Exception {
        Tc3Verifier.Authorization auth = Tc3Verifier.parse(AUTHORIZATION, HEADERS::get);
        assertThat(auth.secretId()).isEqualTo(SECRET_ID);
        assertThat(auth.date()).isEqualTo("2019-02-25");
        assertThat(auth.service()).isEqualTo("cvm");
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
        String hashed = Tc3Verifier.hashedPayload(body, null);
        assertThat(hashed).isEqualTo("35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064");

        String expected = Tc3Verifier.expectedSignature(SECRET_KEY, "cvm", 1551113065L, auth, HEADERS::get, hashed);
        assertThat(expected).isEqualTo(SIGNATURE);
        assertThat(Tc3Verifier.matches(expected, auth.signature())).isTrue();
    }

    @Test
    void anyChangeBreaksTheSignature() throws Exception {
        Tc3Verifier.Authorization auth = Tc3Verifier.parse(AUTHORIZATION, HEADERS::get);
        String hashed = Tc3Verifier.hashedPayload(BODY.getBytes(StandardCharsets.UTF_8), null);
        assertThat(Tc3Verifier.expectedSignature(SECRET_KEY, "cvm", 1551113066L, auth, HEADERS::get, hashed))
                .isNotEqualTo(SIGNATURE);
        assertThat(Tc3Verifier.expectedSignature(SECRET_KEY, "ocr", 1551113065L, auth, HEADERS::get, hashed))
                .isNotEqualTo(SIGNATURE);
        assertThat(Tc3Verifier.expectedSignature(SECRET_KEY + " ", "cvm", 1551113065L, auth, HEADERS::get, hashed))
                .isNotEqualTo(SIGNATURE);
        Map<String, String> plainJson = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        plainJson.putAll(HEADERS);
        plainJson.put("Content-Type", "application/json");
        assertThat(Tc3Verifier.expectedSignature(SECRET_KEY, "cvm", 1551113065L, auth, plainJson::get, hashed))
                .as("a charset the client did not sign").isNotEqualTo(SIGNATURE);
        assertThat(Tc3Verifier.matches(SIGNATURE, SIGNATURE.toUpperCase())).isFalse();
        assertThat(Tc3Verifier.hashedPayload(new byte[0], "UNSIGNED-PAYLOAD")).isEqualTo("UNSIGNED-PAYLOAD");
    }

    @Test
    void malformedHeadersAreRejectedWithAReason() {
        assertThatThrownBy(() -> Tc3Verifier.parse(null, HEADERS::get)).hasMessageContaining("missing");
        assertThatThrownBy(() -> Tc3Verifier.parse(AUTHORIZATION.replace("content-type;host", "host"), HEADERS::get))
                .hasMessageContaining("content-type and host");
        assertThatThrownBy(() -> Tc3Verifier.parse(AUTHORIZATION.replace("content-type;host", "content-type;host;host"),
                HEADERS::get)).hasMessageContaining("repeated");
        assertThatThrownBy(() -> Tc3Verifier.parse(AUTHORIZATION.replace("content-type;host", "content-type;host;x-a"),
                HEADERS::get)).hasMessageContaining("x-a").isInstanceOf(Tc3Verifier.MalformedAuthorization.class);
        assertThatThrownBy(() -> Tc3Verifier.parse(AUTHORIZATION.replace("2019-02-25", "20190225"), HEADERS::get))
                .isInstanceOf(Tc3Verifier.MalformedAuthorization.class).hasMessageNotContaining(SIGNATURE);
    }
}
