package dev.ocrbridge.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The signer against Tencent's published example (CVM DescribeInstances), byte for byte. */
class Tc3SignerTest {

    private static final String SECRET_ID = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******";
    private static final String SECRET_KEY = "Gu5t9xGARNpq86cd98joQYCN3*******";
    private static final String BODY =
            "{\"Limit\": 1, \"Filters\": [{\"Values\": [\"\\u672a\\u547d\\u540d\"], \"Name\": \"instance-name\"}]}";

    private final Tc3Signature signature = new Tc3Signer(Credentials.of(SECRET_ID, SECRET_KEY), "cvm")
            .sign("cvm.tencentcloudapi.com", "application/json; charset=utf-8", 1551113065L,
                    BODY.getBytes(StandardCharsets.UTF_8));

    @Test
    void hashedPayloadMatchesThePublishedValue() {
        assertThat(signature.hashedPayload())
                .isEqualTo("35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064");
    }

    @Test
    void hashedCanonicalRequestMatchesThePublishedValue() {
        assertThat(signature.hashedCanonicalRequest())
                .isEqualTo("5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031");
    }

    @Test
    void signatureAndAuthorizationMatchThePublishedValues() {
        assertThat(signature.signature())
                .isEqualTo("2230eefd229f582d8b1b891af7107b91597240707d778ab3738f756258d7652c");
        assertThat(signature.credentialScope()).isEqualTo("2019-02-25/cvm/tc3_request");
        assertThat(signature.authorization()).isEqualTo("TC3-HMAC-SHA256 Credential=" + SECRET_ID
                + "/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, "
                + "Signature=2230eefd229f582d8b1b891af7107b91597240707d778ab3738f756258d7652c");
    }

    @Test
    void scopeUsesTheUtcDateEvenWhenItIsAlreadyTomorrowInChina() {
        // 2026-11-21T23:30:00Z is 2026-11-22 07:30 in UTC+8
        assertThat(Tc3Signer.utcDate(1795303800L)).isEqualTo("2026-11-21");
        assertThat(Tc3Signer.utcDate(1795305600L)).isEqualTo("2026-11-22");
    }

    @Test
    void strayWhitespaceAroundTheKeysIsTrimmedAndTheSignatureIsUnchanged() {
        Tc3Signature padded = new Tc3Signer(Credentials.of(" " + SECRET_ID + "\n", "\t" + SECRET_KEY + " "), "cvm")
                .sign("cvm.tencentcloudapi.com", "application/json; charset=utf-8", 1551113065L,
                        BODY.getBytes(StandardCharsets.UTF_8));
        assertThat(padded.authorization()).isEqualTo(signature.authorization());
    }

    @Test
    void credentialsNeverShowTheKeyOrToken() {
        assertThat(Credentials.of("AKIDexample", "very-secret-key", "session-token").toString())
                .contains("AKIDexample")
                .doesNotContain("very-secret-key")
                .doesNotContain("session-token");
    }
}
