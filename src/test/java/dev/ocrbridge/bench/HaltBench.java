package dev.ocrbridge.bench;

import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.sandbox.ObservedRequest;
import dev.ocrbridge.sandbox.OcrSandbox;
import dev.ocrbridge.service.PipelineHarness;
import dev.ocrbridge.testsupport.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;

/**
 * How many requests a halted action sends after the halt, as a new user met it: one service, an endpoint with
 * {@code bench.latencyMs} (500) of latency, {@code bench.images} (80) health-code images dropped at once, the account
 * answering {@code ResourcesSoldOut.ChargeStatusException} from request {@code bench.haltFrom} (12) on. Prints the
 * requests that arrived after the first halt answer had been written, and how late the last one was.
 *
 * <pre>bench/halt.sh</pre>
 */
public final class HaltBench {

    private static final OcrAction ACTION = OcrAction.RECOGNIZE_HEALTH_CODE_OCR;
    private static final String SOLD_OUT = "ResourcesSoldOut.ChargeStatusException";

    private HaltBench() {
    }

    public static void main(String[] args) throws Exception {
        int images = Integer.getInteger("bench.images", 80);
        int latencyMs = Integer.getInteger("bench.latencyMs", 500);
        int haltFrom = Integer.getInteger("bench.haltFrom", 12);
        Path data = Files.createTempDirectory("halt-bench");
        try (PipelineHarness service = PipelineHarness.start(data, OcrSandbox.builder().quota(ACTION, 10),
                new Properties())) {
            OcrSandbox sandbox = service.sandbox();
            sandbox.faults().latencyMillis(latencyMs);
            for (int i = 0; i < images; i++) {
                service.drop(ACTION, "halt-bench-" + i + ".png", TestImages.noisePng(5_000 + i));
            }
            // a bench, not a test: watching the count is how the account "runs out" at a given request
            while (sandbox.requests().size() < haltFrom - 1) {
                Thread.onSpinWait();
            }
            sandbox.faults().actionAnswer(ACTION, SOLD_OUT);
            Instant until = Instant.now().plusSeconds(10);
            while (Instant.now().isBefore(until)) {
                Thread.sleep(100); // long enough for every request a late node would still send
            }
            List<ObservedRequest> requests = sandbox.requests();
            Instant firstHalt = requests.stream().filter(r -> SOLD_OUT.equals(r.errorCode()))
                    .map(ObservedRequest::answered).min(Comparator.naturalOrder()).orElseThrow();
            List<ObservedRequest> after = requests.stream().filter(r -> !"ClientAborted".equals(r.errorCode()))
                    .filter(r -> r.arrival().isAfter(firstHalt)).toList();
            System.out.printf("halt: %d images, latency %d ms, halt answer from request %d: %d requests in all, %d sent "
                    + "after the first halt answer (the last %d ms after it), %d images left in the inbox%n", images,
                    latencyMs, haltFrom, requests.size(), after.size(), after.stream()
                            .mapToLong(r -> Duration.between(firstHalt, r.arrival()).toMillis()).max().orElse(0),
                    PipelineHarness.files(service.inbox(ACTION)).size());
        }
    }
}
