package dev.ocrbridge.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.client.RequestPacer;
import dev.ocrbridge.errors.ErrorCodes;
import dev.ocrbridge.sandbox.ObservedRequest;
import dev.ocrbridge.sandbox.SandboxExtension;
import dev.ocrbridge.testsupport.TestImages;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Another application on the account (the sandbox's foreign load) takes part of the quota: the pacer meets
 * {@code RequestLimitExceeded}, lowers its rate, and once the other application stops, climbs back to the configured
 * rate when its probe is admitted. Directions only, never figures ({@code bench/cluster.sh} prints those).
 */
class AdaptivePacingTest extends CamelTestSupport {

    private static final int QUOTA = 10;
    private static final OcrAction ACTION = OcrAction.RECOGNIZE_HEALTH_CODE_OCR;
    /**
     * A period 8 % longer than the quota's: the sandbox judging here runs in this JVM, on the same two cores as the
     * client and the build, and on a loaded machine it stamped a punctual arrival late enough to put eleven requests
     * in its second (one RequestLimitExceeded in twenty, "alone on the account", with the pacer's rule kept). The
     * API's gateway does not share the client's cores. The foreign load below still leaves less than this rate.
     */
    private static final String URI = "tencent-ocr:" + ACTION.actionName() + "?rate=" + QUOTA
            + "&pacingPeriodMillis=1100";

    @RegisterExtension
    static final SandboxExtension SANDBOX = SandboxExtension.create(b -> b.quota(ACTION, QUOTA));

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        SANDBOX.configure(context);
        return context;
    }

    @Test
    void aForeignLoadLowersTheRateAndItClimbsBackWhenTheLoadStops() throws Exception {
        TencentOcrEndpoint endpoint = context.getEndpoint(URI, TencentOcrEndpoint.class);
        endpoint.start();
        RequestPacer pacer = endpoint.caller().pacer();
        assertThat(pacer.currentRate()).isEqualTo(QUOTA);

        // 6/s of the quota taken by someone else: the pacer's 10/s cannot all fit
        SANDBOX.sandbox().foreignLoad(ACTION, 6);
        await().atMost(Duration.ofSeconds(5)).until(() -> SANDBOX.sandbox().foreignAdmitted(ACTION) > 0);
        List<Exchange> done = sendAll(3 * QUOTA);

        List<ObservedRequest> seen = SANDBOX.sandbox().requests();
        assertThat(seen).as("the foreign load made some requests meet the quota")
                .anyMatch(r -> ErrorCodes.REQUEST_LIMIT_EXCEEDED.equals(r.errorCode()));
        assertThat(done).filteredOn(e -> e.getException() != null).allSatisfy(e ->
                assertThat(e.getException()).isInstanceOfSatisfying(TencentOcrException.class,
                        t -> assertThat(t.code()).isEqualTo(ErrorCodes.REQUEST_LIMIT_EXCEEDED)));
        double lowered = pacer.currentRate();
        assertThat(lowered).as("rate after RequestLimitExceeded").isLessThan(QUOTA);
        assertThat(pacer.rate()).as("the configured rate is the ceiling, unchanged").isEqualTo(QUOTA);

        // the rate climbs back once the load has stopped and a probe is admitted (its curve, up to the full quota,
        // is AdaptiveRateTest's); every poll is one more request, and one of them the probe
        SANDBOX.stopForeignLoad(ACTION);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            template.send(URI, e -> e.getMessage().setBody(TestImages.tinyPng(299)));
            return pacer.currentRate() > lowered;
        });

        // alone on the account again, under the ceiling: nothing refused
        SANDBOX.sandbox().clearRequests();
        assertThat(sendAll(2 * QUOTA)).allSatisfy(e -> assertThat(e.getException()).isNull());
        assertThat(SANDBOX.sandbox().requests()).hasSize(2 * QUOTA).allMatch(ObservedRequest::succeeded);
        assertThat(pacer.currentRate()).isGreaterThan(lowered).isLessThanOrEqualTo(QUOTA);
    }

    private List<Exchange> sendAll(int n) {
        List<CompletableFuture<Exchange>> calls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] image = TestImages.tinyPng(200 + i);
            calls.add(template.asyncSend(URI, e -> e.getMessage().setBody(image)));
        }
        return calls.stream().map(CompletableFuture::join).toList();
    }
}
