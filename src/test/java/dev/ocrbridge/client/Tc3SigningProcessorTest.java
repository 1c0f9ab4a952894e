package dev.ocrbridge.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ocrbridge.errors.ErrorCodes;
import dev.ocrbridge.errors.OcrException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Tc3SigningProcessorTest {

    @Test
    void theServiceIsTheFirstLabelOfATencentCloudApiHost() {
        Tc3SigningProcessor p = new Tc3SigningProcessor();
        assertThat(p.serviceFor("ocr.tencentcloudapi.com")).isEqualTo("ocr");
        assertThat(p.serviceFor("cvm.tencentcloudapi.com")).isEqualTo("cvm");
        assertThat(p.serviceFor("ocr.ap-guangzhou.tencentcloudapi.com:443")).isEqualTo("ocr");
        assertThatThrownBy(() -> p.serviceFor("127.0.0.1:9400")).hasMessageContaining("set the signing processor's service");
        p.setService("ocr");
        assertThat(p.serviceFor("127.0.0.1:9400")).isEqualTo("ocr");
    }

    @Test
    void theSignedHostKeepsOnlyAPortThatIsNotTheSchemesDefault() {
        assertThat(Tc3SigningProcessor.authority("https://ocr.tencentcloudapi.com")).isEqualTo("ocr.tencentcloudapi.com");
        assertThat(Tc3SigningProcessor.authority("https://ocr.tencentcloudapi.com:443/")).isEqualTo("ocr.tencentcloudapi.com");
        assertThat(Tc3SigningProcessor.authority("http://127.0.0.1:9400")).isEqualTo("127.0.0.1:9400");
    }

    @Test
    void credentialsComeFromTheEnvironmentOnlyWhenNeitherHalfIsConfigured() {
        Map<String, String> env = Map.of("TENCENTCLOUD_SECRET_ID", "AKIDenv", "TENCENTCLOUD_SECRET_KEY", "envkey",
                "TENCENTCLOUD_SESSION_TOKEN", "envtoken");
        Tc3SigningProcessor fromEnv = new Tc3SigningProcessor();
        fromEnv.setEnvironment(env::get);
        assertThat(fromEnv.credentials().secretId()).isEqualTo("AKIDenv");
        assertThat(fromEnv.credentials().token()).isEqualTo("envtoken");

        Tc3SigningProcessor halfConfigured = new Tc3SigningProcessor();
        halfConfigured.setEnvironment(env::get);
        halfConfigured.setSecretId("AKIDconfigured");
        assertThatThrownBy(halfConfigured::credentials).isInstanceOf(OcrException.class)
                .satisfies(e -> assertThat(((OcrException) e).code()).isEqualTo(ErrorCodes.MISSING_CREDENTIALS))
                .hasMessageNotContaining("envkey");
    }
}
