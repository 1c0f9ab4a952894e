package dev.ocrbridge.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.errors.Disposition;
import dev.ocrbridge.sandbox.ObservedRequest;
import dev.ocrbridge.sandbox.SandboxExtension;
import dev.ocrbridge.testsupport.TestImages;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A halt stops every send of its action at once: requests waiting for their quota turn, those streaming their body,
 * and redeliveries are refused at the moment of sending, so that the only requests the endpoint receives after the
 * first halt answer are those already on the wire when it came. Said with the endpoint's own clock: no request of
 * the action arrives later than the first halt answer plus one pacing interval.
 */
class HaltAtSendTest extends CamelTestSupport {

    private static final OcrAction ACTION = OcrAction.RECOGNIZE_HEALTH_CODE_OCR;
    private static final int RATE = 5;
    /** The pacer's interval at {@link #RATE} (the period is 1020 ms by default). */
    private static final Duration INTERVAL = Duration.ofMillis(1020 / RATE);
    private static final String URI = "tencent-ocr:" + ACTION.actionName() + "?rate=" + RATE;
    private static final String SOLD_OUT = "ResourcesSoldOut.ChargeStatusException";

    // the account's quota twice the pacing: a JVM stall that bunches two sends must not answer RequestLimitExceeded,
    // which is not what this test is about
    @RegisterExtension
    static final SandboxExtension SANDBOX = SandboxExtension.create(b -> b.quota(ACTION, 2 * RATE));

    private final ExecutorService callers = Executors.newFixedThreadPool(16);

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        SANDBOX.configure(context);
        return context;
    }

    @BeforeEach
    void freshSandbox() {
        SANDBOX.sandbox().faults().reset();
        SANDBOX.sandbox().clearRequests();
    }

    @AfterEach
    void stopCallers() {
        callers.shutdownNow();
    }

    @Test
    void noRequestArrivesLaterThanTheFirstHaltAnswerPlusOneInterval() {
        // as a new user met it: a slow endpoint, 16 exchanges in flight, the account sold out from the 12th request
        SANDBOX.sandbox().faults().latencyMillis(500);
        List<CompletableFuture<Exchange>> calls = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            byte[] image = TestImages.tinyPng(1_000 + i);
            calls.add(CompletableFuture.supplyAsync(() -> template.request(URI, e -> e.getMessage().setBody(image)),
                    callers));
        }
        await().atMost(Duration.ofMinutes(1)).until(() -> SANDBOX.sandbox().requests().size() >= 12);
        SANDBOX.sandbox().faults().actionAnswer(ACTION, SOLD_OUT);
        List<Exchange> done = calls.stream().map(CompletableFuture::join).toList();

        List<ObservedRequest> requests = SANDBOX.sandbox().requests();
        Instant firstHaltAnswer = requests.stream().filter(r -> SOLD_OUT.equals(r.errorCode()))
                .map(ObservedRequest::answered).min(Comparator.naturalOrder()).orElseThrow();
        List<ObservedRequest> afterHalt = requests.stream().filter(HaltAtSendTest::complete)
                .filter(r -> r.arrival().isAfter(firstHaltAnswer)).toList();
        System.out.printf("halt at send: %d requests, %d arrived after the first halt answer (at most %d ms after)%n",
                requests.size(), afterHalt.size(), afterHalt.stream()
                        .mapToLong(r -> Duration.between(firstHaltAnswer, r.arrival()).toMillis()).max().orElse(0));
        assertThat(afterHalt).as("requests arriving later than the first halt answer plus one interval")
                .noneMatch(r -> r.arrival().isAfter(firstHaltAnswer.plus(INTERVAL)));

        // every image not answered went back as halted: refused before it was sent, with the halt's code
        List<TencentOcrException> refused = done.stream().map(e -> e.getException(TencentOcrException.class))
                .filter(e -> e != null && e.requestId() == null).toList();
        assertThat(refused).isNotEmpty().allSatisfy(e -> {
            assertThat(e.code()).isEqualTo(SOLD_OUT);
            assertThat(e.disposition()).isEqualTo(Disposition.HALT);
        });
        assertThat(done).allSatisfy(e -> assertThat(e.getException() == null || e.getException(
                TencentOcrException.class).disposition() == Disposition.HALT).isTrue());
        assertThat(refused.size() + requests.stream().filter(HaltAtSendTest::complete).count())
                .as("each image sent once or refused").isEqualTo(80);
    }

    @Test
    void aRedeliveryOfAHaltedActionIsNotSent() throws Exception {
        TencentOcrComponent component = context.getComponent("tencent-ocr", TencentOcrComponent.class);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:redelivered")
                        .errorHandler(defaultErrorHandler().maximumRedeliveries(3).redeliveryDelay(0)
                                // the halt comes between the first attempt and its redelivery
                                .onRedelivery(e -> component.halt(ACTION, "Storage.WriteFailed", null)))
                        .to(URI);
            }
        });
        SANDBOX.sandbox().faults().failNext("InternalError", 1);

        Exchange out = template.request("direct:redelivered", e -> e.getMessage().setBody(TestImages.tinyPng(7)));

        assertThat(SANDBOX.sandbox().requests()).as("only the first attempt reached the endpoint").hasSize(1)
                .allMatch(r -> "InternalError".equals(r.errorCode()));
        TencentOcrException refused = out.getException(TencentOcrException.class);
        assertThat(refused.code()).isEqualTo("Storage.WriteFailed");
        assertThat(refused.disposition()).isEqualTo(Disposition.HALT);
        assertThat(refused.attempts()).as("every redelivery refused, none sent").isEqualTo(4);
    }

    @Test
    void aHaltLastsUntilResumedAndAResumeSendsAgain() {
        TencentOcrComponent component = context.getComponent("tencent-ocr", TencentOcrComponent.class);
        SANDBOX.sandbox().faults().actionAnswer(ACTION, "AuthFailure.SecretIdNotFound");
        assertThat(template.request(URI, e -> e.getMessage().setBody(TestImages.tinyPng(3)))
                .getException(TencentOcrException.class).disposition()).isEqualTo(Disposition.HALT);
        assertThat(component.getHalts()).containsEntry(ACTION.actionName(), "AuthFailure.SecretIdNotFound");

        // the account is fixed, but nobody said so: still nothing sent
        SANDBOX.sandbox().faults().clearActionAnswer(ACTION);
        Exchange refused = template.request(URI, e -> e.getMessage().setBody(TestImages.tinyPng(4)));
        assertThat(refused.getException(TencentOcrException.class).code()).isEqualTo("AuthFailure.SecretIdNotFound");
        assertThat(SANDBOX.sandbox().requests()).hasSize(1);

        assertThat(component.resume(ACTION.actionName())).isTrue();
        assertThat(component.getHalts()).isEmpty();
        assertThat(template.request(URI, e -> e.getMessage().setBody(TestImages.tinyPng(4))).getException()).isNull();
        assertThat(SANDBOX.sandbox().requests()).hasSize(2);
        assertThat(component.resume(ACTION.actionName())).as("nothing left to resume").isFalse();
    }

    /** A request the API received whole (not one cut short by its client). */
    private static boolean complete(ObservedRequest r) {
        return !"ClientAborted".equals(r.errorCode());
    }
}
