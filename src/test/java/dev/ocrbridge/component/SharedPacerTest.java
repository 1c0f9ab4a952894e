package dev.ocrbridge.component;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.sandbox.ObservedRequest;
import dev.ocrbridge.sandbox.SandboxExtension;
import dev.ocrbridge.testsupport.TestImages;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The quota is the account's: one pacer per (SecretId, action), whichever endpoints and routes call. */
class SharedPacerTest extends CamelTestSupport {

    private static final int QUOTA = 5;
    private static final String OTHER_ID = "AKIDotherAccount0123456789abcdefABCD";
    private static final String OTHER_KEY = "otherAccountKey0123456789abcdefAB";

    @RegisterExtension
    static final SandboxExtension SANDBOX = SandboxExtension.create(b -> b
            .quota(OcrAction.RECOGNIZE_HEALTH_CODE_OCR, QUOTA)
            .credential(OTHER_ID, OTHER_KEY));

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        SANDBOX.configure(context);
        return context;
    }

    @Test
    void endpointsOfOneAccountShareOnePacerPerActionAndTheLowestRateWins() throws Exception {
        TencentOcrEndpoint a = started("tencent-ocr:RecognizeHealthCodeOCR?rate=8");
        TencentOcrEndpoint b = started("tencent-ocr:RecognizeHealthCodeOCR?language=zh-CN&rate=6");
        TencentOcrEndpoint korean = started("tencent-ocr:RecognizeKoreanIDCardOCR");
        TencentOcrEndpoint otherAccount = started("tencent-ocr:RecognizeHealthCodeOCR?secretId=" + OTHER_ID
                + "&secretKey=" + OTHER_KEY);

        assertThat(a).isNotSameAs(b);
        assertThat(a.caller().pacer()).isSameAs(b.caller().pacer());
        assertThat(a.caller().pacer().rate()).isEqualTo(6);
        assertThat(korean.caller().pacer()).isNotSameAs(a.caller().pacer());
        assertThat(otherAccount.caller().pacer()).isNotSameAs(a.caller().pacer());
        assertThat(otherAccount.caller().pacer().rate()).isEqualTo(OcrAction.RECOGNIZE_HEALTH_CODE_OCR.defaultRatePerSecond());
        // a key written into a URI is masked wherever Camel shows the endpoint
        assertThat(otherAccount.toString()).doesNotContain(OTHER_KEY);
        assertThat(context.getEndpoints()).allSatisfy(e -> assertThat(e.toString()).doesNotContain(OTHER_KEY));
    }

    @Test
    void twoRoutesCallingAtOnceStayWithinTheAccountsQuotaTogether() {
        // each endpoint keeps 4/s, a request under the quota of 5 to leave room for a loaded machine's jitter: one
        // shared pacer sends 4/s in all; a pacer per endpoint would send 8/s and meet RequestLimitExceeded
        String first = "tencent-ocr:RecognizeHealthCodeOCR?rate=" + (QUOTA - 1);
        String second = "tencent-ocr:RecognizeHealthCodeOCR?language=zh-CN&rate=" + (QUOTA - 1);
        List<CompletableFuture<Exchange>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            byte[] image = TestImages.tinyPng(100 + i);
            calls.add(template.asyncSend(first, e -> e.getMessage().setBody(image)));
            calls.add(template.asyncSend(second, e -> e.getMessage().setBody(image)));
        }

        List<Exchange> done = calls.stream().map(CompletableFuture::join).toList();

        assertThat(done).allSatisfy(e -> assertThat(e.getException()).isNull());
        assertThat(SANDBOX.sandbox().requests()).hasSize(16).allMatch(ObservedRequest::succeeded);
    }

    private TencentOcrEndpoint started(String uri) throws Exception {
        TencentOcrEndpoint endpoint = context.getEndpoint(uri, TencentOcrEndpoint.class);
        endpoint.start();
        return endpoint;
    }
}
