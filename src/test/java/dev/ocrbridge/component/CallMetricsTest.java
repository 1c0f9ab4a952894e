package dev.ocrbridge.component;

import static dev.ocrbridge.component.TencentOcrMetrics.API_LATENCY;
import static dev.ocrbridge.component.TencentOcrMetrics.THROTTLE_WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ocrbridge.errors.ErrorCodes;
import dev.ocrbridge.sandbox.SandboxExtension;
import dev.ocrbridge.testsupport.TestImages;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.test.AvailablePortFinder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The component's call meters, in the Micrometer registry of the CamelContext, over real HTTP to the sandbox: every
 * request that went out is timed under its action and code, every quota turn taken under its action; a request
 * refused before it left counts in neither; the tags say nothing of the image or the answer. Counts only: no
 * duration is asserted.
 */
class CallMetricsTest extends CamelTestSupport {

    private static final String HEALTH = "RecognizeHealthCodeOCR";
    private static final String KOREAN = "RecognizeKoreanIDCardOCR";
    /** What an API error message may quote, and so must never become a tag. */
    private static final String PERSONAL = "홍길동 880101-1234567";

    @RegisterExtension
    static final SandboxExtension SANDBOX = SandboxExtension.create();

    private final MeterRegistry meters = new SimpleMeterRegistry();

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        configure(context);
        // where camel-micrometer (and camel-main's camel.metrics.enabled) puts the registry
        context.getRegistry().bind(MicrometerConstants.METRICS_REGISTRY_NAME, meters);
        return context;
    }

    private static void configure(CamelContext context) {
        SANDBOX.configure(context);
    }

    @Test
    void everyRequestThatWentOutIsTimedByActionAndCodeAndEveryQuotaTurnByAction() {
        byte[] noText = TestImages.tinyPng(31);
        SANDBOX.sandbox().fixtures().registerError(noText, "FailedOperation.ImageNoText", PERSONAL);

        assertThat(call(HEALTH, TestImages.tinyPng(30)).getException()).isNull();
        assertThat(call(HEALTH, TestImages.tinyPng(32)).getException()).isNull();
        assertThat(call(HEALTH, noText).getException()).isInstanceOf(TencentOcrException.class);
        assertThat(call(KOREAN, TestImages.tinyPng(33)).getException()).isNull();
        // refused by the pre-check: never sent, so neither the API's time nor a turn
        assertThat(call(HEALTH, new byte[0]).getException(TencentOcrException.class).code())
                .isEqualTo(ErrorCodes.EMPTY_IMAGE);
        // nothing listens there: sent (so timed, under its Transport code) but never far enough to take a turn
        int closed = AvailablePortFinder.getNextAvailable();
        Exchange refused = template.request("tencent-ocr:" + HEALTH + "?endpointUrl=http://127.0.0.1:" + closed,
                e -> e.getMessage().setBody(TestImages.tinyPng(34)));
        assertThat(refused.getException(TencentOcrException.class).code()).isEqualTo(ErrorCodes.CONNECTION_FAILED);

        assertThat(SANDBOX.sandbox().requests()).hasSize(4);
        assertThat(latency(HEALTH, "none").count()).isEqualTo(2);
        assertThat(latency(HEALTH, "FailedOperation.ImageNoText").count()).isEqualTo(1);
        assertThat(latency(HEALTH, ErrorCodes.CONNECTION_FAILED).count()).isEqualTo(1);
        assertThat(latency(KOREAN, "none").count()).isEqualTo(1);
        assertThat(meters.find(API_LATENCY).tag("code", ErrorCodes.EMPTY_IMAGE).timer()).isNull();
        assertThat(turns(HEALTH).count()).isEqualTo(3);
        assertThat(turns(KOREAN).count()).isEqualTo(1);

        assertThat(meters.getMeters()).filteredOn(m -> m.getId().getName().startsWith("ocrbridge."))
                .hasSize(6)
                .allSatisfy(m -> assertThat(m.getId().getTags()).extracting(Tag::getKey)
                        .isSubsetOf("action", "code"))
                .allSatisfy(m -> assertThat(m.getId().getTags()).extracting(Tag::getValue)
                        .noneMatch(v -> v.contains("홍길동") || v.contains("880101")));
    }

    @Test
    void withoutARegistryTheCallsWorkAndNoRegistryIsMade() throws Exception {
        try (CamelContext bare = new DefaultCamelContext()) {
            configure(bare);
            bare.start();
            ProducerTemplate producer = bare.createProducerTemplate();
            Exchange out = producer.request("tencent-ocr:" + HEALTH,
                    e -> e.getMessage().setBody(TestImages.tinyPng(40)));

            assertThat(out.getException()).isNull();
            assertThat(bare.getRegistry().findByType(MeterRegistry.class)).isEmpty();
        }
    }

    private Exchange call(String action, byte[] image) {
        return template.request("tencent-ocr:" + action, e -> e.getMessage().setBody(image));
    }

    private Timer latency(String action, String code) {
        Timer timer = meters.find(API_LATENCY).tag("action", action).tag("code", code).timer();
        assertThat(timer).as("%s of %s under %s", API_LATENCY, action, code).isNotNull();
        return timer;
    }

    private Timer turns(String action) {
        Timer timer = meters.find(THROTTLE_WAIT).tag("action", action).timer();
        assertThat(timer).as("%s of %s", THROTTLE_WAIT, action).isNotNull();
        return timer;
    }
}
