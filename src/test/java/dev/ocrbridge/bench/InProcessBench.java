package dev.ocrbridge.bench;

import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.localocr.Degradation;
import dev.ocrbridge.localocr.SyntheticDocuments;
import dev.ocrbridge.sandbox.OcrSandbox;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * What in-process local recognition saves per image: the same generated documents read one at a time through
 * {@code tencent-ocr:<Action>?endpointUrl=local} and through the sandbox with the same recognizer over loopback
 * HTTP (Base64, TC3 signature, the sandbox's verification and JSON), alternating document by document. Prints wall
 * time and process CPU per image for each path and their difference.
 *
 * <pre>bench/in-process.sh</pre>
 */
public final class InProcessBench {

    private static final String ID = "AKIDinProcessBench0123456789abcdefAB";
    private static final String KEY = "inProcessBenchKey0123456789abcdef";

    private InProcessBench() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.getInteger("bench.rounds", 2);
        List<SyntheticDocuments.Sample> docs = new ArrayList<>();
        docs.addAll(SyntheticDocuments.healthCodes(Arrays.asList(Degradation.values())));
        docs.addAll(SyntheticDocuments.koreanCards(Arrays.asList(Degradation.values())));
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (OcrSandbox sandbox = OcrSandbox.builder().port(0).credential(ID, KEY).localRecognition()
                .quota(OcrAction.RECOGNIZE_HEALTH_CODE_OCR, 1000).quota(OcrAction.RECOGNIZE_KOREAN_ID_CARD_OCR, 1000)
                .build().start();
             CamelContext camel = new DefaultCamelContext()) {
            camel.start();
            ProducerTemplate template = camel.createProducerTemplate();
            String viaHttp = "?rate=1000&endpointUrl=" + sandbox.url() + "&secretId=RAW(" + ID + ")&secretKey=RAW("
                    + KEY + ")";
            long[] wall = new long[2];
            long[] cpu = new long[2];
            int n = 0;
            for (int round = -1; round < rounds; round++) {
                for (SyntheticDocuments.Sample doc : docs) {
                    String base = "tencent-ocr:" + doc.action().actionName();
                    String[] uris = {base + "?endpointUrl=local&rate=1000", base + viaHttp};
                    for (int path = 0; path < 2; path++) {
                        int p = (n + path) % 2; // alternate which path goes first
                        long c0 = os.getProcessCpuTime();
                        long t0 = System.nanoTime();
                        Exchange out = template.request(uris[p], e -> e.getMessage().setBody(doc.image()));
                        long t1 = System.nanoTime();
                        long c1 = os.getProcessCpuTime();
                        if (round >= 0) { // round -1 warms both paths up
                            wall[p] += t1 - t0;
                            cpu[p] += c1 - c0;
                        }
                        if (out.getException() != null && round == rounds - 1 && p == 0) {
                            System.out.println("  (" + doc + ": " + out.getException().getClass().getSimpleName() + ")");
                        }
                    }
                    if (round >= 0) {
                        n++;
                    }
                }
            }
            System.out.printf("in-process vs sandbox over HTTP, %d images one at a time (%d documents x %d rounds):%n",
                    n, docs.size(), rounds);
            System.out.printf("  in-process: %.1f ms wall, %.1f ms CPU per image%n", wall[0] / 1e6 / n, cpu[0] / 1e6 / n);
            System.out.printf("  via HTTP:   %.1f ms wall, %.1f ms CPU per image (sandbox in this JVM)%n",
                    wall[1] / 1e6 / n, cpu[1] / 1e6 / n);
            System.out.printf("  saved:      %.1f ms wall, %.1f ms CPU per image%n", (wall[1] - wall[0]) / 1e6 / n,
                    (cpu[1] - cpu[0]) / 1e6 / n);
        }
        System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores, load average "
                + ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
