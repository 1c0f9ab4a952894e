package dev.ocrbridge.sandbox;

import static dev.ocrbridge.actions.OcrAction.RECOGNIZE_HEALTH_CODE_OCR;
import static dev.ocrbridge.actions.OcrAction.RECOGNIZE_KOREAN_ID_CARD_OCR;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ocrbridge.testsupport.TestImages;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Many clients at once: slow answers overlap, and the quota admits exactly its number per window. */
class ConcurrencyTest {

    static final MutableClock CLOCK = MutableClock.atNow();

    @RegisterExtension
    static final SandboxExtension SANDBOX = SandboxExtension.create(b -> b.clock(CLOCK)
            .quota(RECOGNIZE_HEALTH_CODE_OCR, Integer.MAX_VALUE));

    private static List<SignedClient.Reply> concurrently(int n, Callable<SignedClient.Reply> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<SignedClient.Reply>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(call));
            }
            List<SignedClient.Reply> replies = new ArrayList<>();
            for (Future<SignedClient.Reply> f : futures) {
                replies.add(f.get());
            }
            return replies;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void sixtyFourSlowRequestsAreServedInParallel() throws Exception {
        SANDBOX.sandbox().faults().latencyMillis(500);
        byte[] png = TestImages.tinyPng();
        long start = System.nanoTime();
        List<SignedClient.Reply> replies = concurrently(64,
                () -> SANDBOX.client().postImage(RECOGNIZE_HEALTH_CODE_OCR, png));
        Duration total = Duration.ofNanos(System.nanoTime() - start);

        assertThat(replies).allSatisfy(r -> {
            assertThat(r.code()).isNull();
            assertThat(r.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(500));
        });
        // served one after another they would need 32 s
        assertThat(total).isLessThan(Duration.ofSeconds(5));
        assertThat(replies.stream().map(SignedClient.Reply::requestId).distinct()).hasSize(64);
    }

    @Test
    void aBurstWithinOneWindowAdmitsExactlyTheQuota() throws Exception {
        byte[] png = TestImages.tinyPng();
        int quota = RECOGNIZE_KOREAN_ID_CARD_OCR.defaultRatePerSecond();
        List<SignedClient.Reply> replies = concurrently(quota + 10,
                () -> SANDBOX.client().post(RECOGNIZE_KOREAN_ID_CARD_OCR,
                        Map.of("ImageBase64", TestImages.base64(png))));

        Map<String, Long> byCode = replies.stream()
                .collect(Collectors.groupingBy(r -> String.valueOf(r.code()), Collectors.counting()));
        assertThat(byCode).containsOnly(Map.entry("null", (long) quota), Map.entry("RequestLimitExceeded", 10L));
        assertThat(SANDBOX.sandbox().requests()).extracting(ObservedRequest::arrival).containsOnly(CLOCK.instant());

        // a second later the window is empty again; rejected requests did not count toward it
        CLOCK.advance(Duration.ofSeconds(1));
        List<SignedClient.Reply> next = concurrently(quota,
                () -> SANDBOX.client().postImage(RECOGNIZE_KOREAN_ID_CARD_OCR, png));
        assertThat(next).extracting(SignedClient.Reply::code).containsOnlyNulls();
    }

    @Test
    void windowsArePerSecretIdAndAction() throws Exception {
        byte[] png = TestImages.tinyPng();
        for (int i = 0; i < RECOGNIZE_KOREAN_ID_CARD_OCR.defaultRatePerSecond(); i++) {
            SANDBOX.client().postImage(RECOGNIZE_KOREAN_ID_CARD_OCR, png);
        }
        assertThat(SANDBOX.client().postImage(RECOGNIZE_KOREAN_ID_CARD_OCR, png).code()).isEqualTo("RequestLimitExceeded");
        // the health-code action is configured without a practical limit here
        assertThat(SANDBOX.client().postImage(RECOGNIZE_HEALTH_CODE_OCR, png).code()).isNull();
    }
}
