package dev.ocrbridge.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.sandbox.ObservedRequest;
import dev.ocrbridge.sandbox.SandboxExtension;
import dev.ocrbridge.testsupport.TestImages;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The pacing on its own: far more images than the rate at once, the sandbox's quota equal to the configured rate
 * (no margin but the pacer's own), small bodies and large ones. The sandbox counts a request when its body is
 * complete, as the API must; the pacer releases each request's last bytes, so what the sandbox counts is what the
 * pacer spaced. Invariants only: every request answered, none refused for the quota, no sliding second over it.
 */
class PacingTest extends CamelTestSupport {

    private static final int QUOTA = 10;
    private static final OcrAction ACTION = OcrAction.RECOGNIZE_HEALTH_CODE_OCR;
    private static final OcrAction OTHER_ACTION = OcrAction.RECOGNIZE_KOREAN_ID_CARD_OCR;

    @RegisterExtension
    static final SandboxExtension SANDBOX = SandboxExtension.create(b -> b.quota(ACTION, QUOTA));

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        SANDBOX.configure(context);
        return context;
    }

    @Test
    void manySmallImagesAtOnceStayWithinTheQuotaTheyAreConfiguredTo() {
        List<byte[]> images = new ArrayList<>();
        for (int i = 0; i < 4 * QUOTA; i++) {
            images.add(TestImages.noisePng(16, i));
        }
        // The judge counts in this JVM: cold, it stamped the first body 37 ms after its last bytes left (a suite beside
        // this one on the same 2 cores), and 68 ms once with a second suite at its cluster tests, and the request a
        // quota later, sent on time, fell in its second. As below: the sandbox reads one body of another action first,
        // and the cold-start allowance is set, to more than the judge's lag seen.
        template.requestBody("tencent-ocr:" + OTHER_ACTION.actionName(), images.get(0));
        sendAllAtOnce(images, "&coldStartMillis=100");
    }

    @Test
    void largeBodiesArriveSpacedLikeSmallOnes() {
        // ~1.2 MB of image, 1.6 MB of Base64 each: long enough on the wire that spacing starts would not space arrivals
        List<byte[]> images = new ArrayList<>();
        byte[] large = TestImages.noisePng(640, 7);
        for (int i = 0; i < 2 * QUOTA; i++) {
            images.add(large);
        }
        // The sandbox counts in this JVM, on the same 2 cores as twenty threads sending 1.6 MB bodies at the start,
        // hashing each body as it reads it: cold, it read the first body's last bytes up to 80 ms after they were sent;
        // warm, up to 17 ms, while twenty bodies streamed in at once; the next ones on time. That is the judge sharing
        // the client's CPU, which the API does not. So the sandbox reads one large body of another action first, and
        // the cold-start allowance, the option for an endpoint that counts its first requests late, is set.
        template.requestBody("tencent-ocr:" + OTHER_ACTION.actionName(), large);
        sendAllAtOnce(images, "&coldStartMillis=50");
    }

    private void sendAllAtOnce(List<byte[]> images, String options) {
        String uri = "tencent-ocr:" + ACTION.actionName() + "?rate=" + QUOTA + options;
        List<CompletableFuture<Exchange>> calls = new ArrayList<>();
        for (byte[] image : images) {
            calls.add(template.asyncSend(uri, e -> e.getMessage().setBody(image)));
        }
        List<Exchange> done = calls.stream().map(CompletableFuture::join).toList();

        List<ObservedRequest> seen = SANDBOX.sandbox().requests().stream()
                .filter(r -> r.action().equals(ACTION.actionName())).toList();
        assertThat(seen).hasSize(images.size());
        assertThat(seen).as("no RequestLimitExceeded: every request answered").allMatch(ObservedRequest::succeeded);
        assertThat(done).allSatisfy(e -> assertThat(e.getException()).isNull());
        List<Instant> arrivals = seen.stream().map(ObservedRequest::arrival).sorted().toList();
        for (int i = 0; i < arrivals.size(); i++) {
            Instant windowEnd = arrivals.get(i).plusSeconds(1);
            long count = arrivals.subList(i, arrivals.size()).stream().filter(a -> a.isBefore(windowEnd)).count();
            assertThat(count).as("arrivals in the second from arrival %d", i).isLessThanOrEqualTo(QUOTA);
        }
    }
}
