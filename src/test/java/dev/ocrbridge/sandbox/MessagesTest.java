package dev.ocrbridge.sandbox;

import static dev.ocrbridge.actions.OcrAction.RECOGNIZE_HEALTH_CODE_OCR;
import static dev.ocrbridge.actions.OcrAction.RECOGNIZE_KOREAN_ID_CARD_OCR;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ocrbridge.testsupport.TestImages;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Error messages follow X-TC-Language: zh-CN by default, en-US on request. */
class MessagesTest {

    static final MutableClock CLOCK = MutableClock.atNow();

    @RegisterExtension
    static final SandboxExtension SANDBOX = SandboxExtension.create(b -> b.clock(CLOCK));

    @Test
    void chineseByDefaultEnglishOnRequest() throws Exception {
        SignedClient.Reply zhDefault = SANDBOX.client().call(RECOGNIZE_HEALTH_CODE_OCR)
                .credential(SandboxExtension.SECRET_ID, "wrong").send();
        SignedClient.Reply zh = SANDBOX.client().call(RECOGNIZE_HEALTH_CODE_OCR).language("zh-CN")
                .credential(SandboxExtension.SECRET_ID, "wrong").send();
        SignedClient.Reply en = SANDBOX.client().call(RECOGNIZE_HEALTH_CODE_OCR).language("en-US")
                .credential(SandboxExtension.SECRET_ID, "wrong").send();

        assertThat(zhDefault.code()).isEqualTo(en.code()).isEqualTo("AuthFailure.SignatureFailure");
        assertThat(zhDefault.message()).isEqualTo(zh.message()).contains("签名");
        assertThat(en.message()).isEqualTo(
                "The provided credentials could not be validated. Please check your signature is correct.");
    }

    @Test
    void eachCodeHasATextInBothLanguages() throws Exception {
        SignedClient.Reply zh = SANDBOX.client().call("Nope").send();
        SignedClient.Reply en = SANDBOX.client().call("Nope").language("en-US").send();
        assertThat(zh.message()).contains("`Nope`").contains("不存在");
        assertThat(en.message()).isEqualTo("The requested action `Nope` does not exist.");

        SignedClient.Reply gifZh = SANDBOX.client().post(RECOGNIZE_KOREAN_ID_CARD_OCR,
                Map.of("ImageBase64", TestImages.base64(TestImages.tinyGif())));
        assertThat(gifZh.message()).isEqualTo("图片解码失败。");
    }

    @Test
    void requestLimitExceededUsesTencentsWordingWithTheRealNumbers() throws Exception {
        for (int i = 0; i < 10; i++) {
            assertThat(SANDBOX.client().postImage(RECOGNIZE_HEALTH_CODE_OCR, TestImages.tinyPng()).code()).isNull();
        }
        SignedClient.Reply eleventh = SANDBOX.client().call(RECOGNIZE_HEALTH_CODE_OCR).language("en-US")
                .body(Map.of("ImageBase64", TestImages.base64(TestImages.tinyPng()))).send();
        SignedClient.Reply twelfth = SANDBOX.client().call(RECOGNIZE_HEALTH_CODE_OCR)
                .body(Map.of("ImageBase64", TestImages.base64(TestImages.tinyPng()))).send();

        assertThat(eleventh.code()).isEqualTo("RequestLimitExceeded");
        assertThat(eleventh.message()).isEqualTo("Your current request times equals to `11` in a second, which "
                + "exceeds the frequency limit `10` for a second. Please reduce the frequency of calls.");
        assertThat(twelfth.code()).isEqualTo("RequestLimitExceeded");
        assertThat(twelfth.message()).contains("`12`").contains("`10`");
    }
}
