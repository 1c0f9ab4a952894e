package dev.ocrbridge.component;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.sandbox.SandboxExtension;
import dev.ocrbridge.testsupport.TestImages;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.console.DevConsole;
import org.apache.camel.console.DevConsoleRegistry;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@code tencent-ocr} dev console, found as an integrator's runtime finds it (camel-console's registry): per
 * account and action, the rates, the quota waits and the halt, with the account as a hash prefix, never its SecretId.
 */
class TencentOcrDevConsoleTest extends CamelTestSupport {

    private static final OcrAction ACTION = OcrAction.RECOGNIZE_HEALTH_CODE_OCR;
    private static final String URI = "tencent-ocr:" + ACTION.actionName() + "?rate=5";
    private static final String SOLD_OUT = "ResourcesSoldOut.ChargeStatusException";

    @RegisterExtension
    static final SandboxExtension SANDBOX = SandboxExtension.create(b -> b.quota(ACTION, 5));

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.setDevConsole(true);
        SANDBOX.configure(context);
        return context;
    }

    @Test
    @SuppressWarnings("unchecked")
    void showsRatesWaitsAndTheHaltPerAccountAndAction() {
        assertThat(send(1).getException()).isNull();
        assertThat(send(2).getException()).isNull();
        SANDBOX.sandbox().faults().actionAnswer(ACTION, SOLD_OUT);
        TencentOcrException halt = send(3).getException(TencentOcrException.class);
        assertThat(halt.code()).isEqualTo(SOLD_OUT);

        DevConsole console = console();
        Map<String, Object> json = (Map<String, Object>) console.call(DevConsole.MediaType.JSON);
        List<Map<String, Object>> accounts = (List<Map<String, Object>>) json.get("accounts");
        assertThat(accounts).singleElement().satisfies(account -> {
            assertThat(account.get("account")).isEqualTo(TencentOcrComponent.accountLabel(SandboxExtension.SECRET_ID))
                    .asString().matches("[0-9a-f]{8}");
            assertThat(account.get("action")).isEqualTo(ACTION.actionName());
            assertThat(account.get("rate")).isEqualTo(5);
            assertThat((double) account.get("currentRate")).isPositive().isLessThanOrEqualTo(5.0);
            assertThat((long) account.get("turns")).as("every request sent took a turn").isEqualTo(3);
            assertThat((long) account.get("averageWaitMillis")).isNotNegative();
            assertThat((long) account.get("lastWaitMillis")).isNotNegative();
            assertThat(account.get("halts")).isEqualTo(1);
            Map<String, Object> h = (Map<String, Object>) account.get("halt");
            assertThat(h).containsEntry("code", SOLD_OUT).containsEntry("requestId", halt.requestId())
                    .containsKey("since");
        });
        assertThat((List<?>) json.get("haltedActions")).isEmpty();

        String text = (String) console.call(DevConsole.MediaType.TEXT);
        assertThat(text).contains(ACTION.actionName(), "5/s configured", SOLD_OUT, halt.requestId(),
                TencentOcrComponent.accountLabel(SandboxExtension.SECRET_ID));
        assertThat(text + json).doesNotContain(SandboxExtension.SECRET_ID, SandboxExtension.SECRET_KEY);
    }

    @Test
    @SuppressWarnings("unchecked")
    void showsAnActionTheRuntimeHaltedForEveryAccountAndItsResume() {
        TencentOcrComponent component = context.getComponent("tencent-ocr", TencentOcrComponent.class);
        component.halt(OcrAction.RECOGNIZE_KOREAN_ID_CARD_OCR, "Storage.WriteFailed", null);

        Map<String, Object> json = (Map<String, Object>) console().call(DevConsole.MediaType.JSON);
        assertThat((List<Map<String, Object>>) json.get("haltedActions")).singleElement().satisfies(h -> {
            assertThat(h).containsEntry("action", OcrAction.RECOGNIZE_KOREAN_ID_CARD_OCR.actionName())
                    .containsEntry("code", "Storage.WriteFailed").doesNotContainKey("requestId");
        });

        component.resume(OcrAction.RECOGNIZE_KOREAN_ID_CARD_OCR.actionName());
        json = (Map<String, Object>) console().call(DevConsole.MediaType.JSON);
        assertThat((List<?>) json.get("haltedActions")).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void localRecognitionShowsAsTheLocalAccount() throws Exception {
        context.getEndpoint("tencent-ocr:RecognizeKoreanIDCardOCR?endpointUrl=local").start();

        Map<String, Object> json = (Map<String, Object>) console().call(DevConsole.MediaType.JSON);
        assertThat((List<Map<String, Object>>) json.get("accounts")).singleElement().satisfies(account -> {
            assertThat(account).containsEntry("account", "local")
                    .containsEntry("action", OcrAction.RECOGNIZE_KOREAN_ID_CARD_OCR.actionName());
        });
    }

    private DevConsole console() {
        DevConsoleRegistry registry = context.getCamelContextExtension().getContextPlugin(DevConsoleRegistry.class);
        assertThat(registry).as("camel-console's registry").isNotNull();
        DevConsole console = registry.resolveById("tencent-ocr");
        assertThat(console).as("the tencent-ocr console").isNotNull();
        return console;
    }

    private Exchange send(int variant) {
        byte[] image = TestImages.tinyPng(variant);
        return template.request(URI, e -> e.getMessage().setBody(image));
    }
}
