package dev.ocrbridge.bench;

import com.tencentcloudapi.common.CommonClient;
import com.tencentcloudapi.common.CommonRequest;
import com.tencentcloudapi.common.Credential;
import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import com.tencentcloudapi.common.profile.ClientProfile;
import com.tencentcloudapi.common.profile.HttpProfile;
import com.tencentcloudapi.ocr.v20181119.OcrClient;
import com.tencentcloudapi.ocr.v20181119.models.RecognizeHealthCodeOCRRequest;
import dev.ocrbridge.actions.OcrAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The baseline a user would otherwise write: the official SDK in a thread pool, one call per image, retried
 * after a second on RequestLimitExceeded (the SDK's own retry helper sleeps a fixed second), no throttle.
 */
final class SdkBaselineBench {

    static int threads = Integer.getInteger("bench.sdkThreads", 32);
    private static final Credential CREDENTIAL = new Credential(EndToEndBench.SECRET_ID, EndToEndBench.SECRET_KEY);

    private SdkBaselineBench() {
    }

    /** The SDK's clients reach the sandbox as a plain-http proxy on its port, as the SDK's users would a gateway. */
    private static ClientProfile profile(int port) {
        HttpProfile http = new HttpProfile();
        http.setProtocol("http://");
        http.setProxyHost("127.0.0.1");
        http.setProxyPort(port);
        http.setReadTimeout(60);
        ClientProfile profile = new ClientProfile();
        profile.setHttpProfile(http);
        return profile;
    }

    /**
     * A few requests of each action, one at a time, before anything is measured, then the sandbox's counts reset: the
     * API's gateway is not a JVM starting cold on the client's cores. Cold, the standalone sandbox counted its first
     * requests late (first connection, class loading, its body reader compiled) and the punctual ones after them fell
     * into one second: a RequestLimitExceeded in the first second of every run, whatever the client.
     */
    static void warmSandbox(String url, int port, int imageBytes) throws Exception {
        OcrClient health = new OcrClient(CREDENTIAL, "ap-guangzhou", profile(port));
        CommonClient korean = new CommonClient(OcrAction.SERVICE, OcrAction.VERSION, CREDENTIAL, "ap-singapore",
                profile(port));
        ExecutorService both = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (OcrAction action : OcrAction.values()) {
                done.add(both.submit(() -> {
                    for (int i = 0; i < 8; i++) {
                        String b64 = Base64.getEncoder().encodeToString(
                                EndToEndBench.image(action, -100 - i, i < 6 ? 20_000 : imageBytes));
                        if (action == OcrAction.RECOGNIZE_HEALTH_CODE_OCR) {
                            RecognizeHealthCodeOCRRequest req = new RecognizeHealthCodeOCRRequest();
                            req.setImageBase64(b64);
                            health.RecognizeHealthCodeOCR(req);
                        } else {
                            korean.commonRequest(new CommonRequest("{\"ImageBase64\":\"" + b64 + "\"}"),
                                    action.actionName());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            both.shutdownNow();
        }
        java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(url + "/_sandbox/reset")).POST(java.net.http.HttpRequest.BodyPublishers.noBody())
                .build(), java.net.http.HttpResponse.BodyHandlers.discarding());
    }

    static void run(String url, int port, Map<OcrAction, List<Path>> staged) throws Exception {
        System.gc(); // the staging's garbage is not the client's
        OcrClient health = new OcrClient(CREDENTIAL, "ap-guangzhou", profile(port));
        CommonClient korean = new CommonClient(OcrAction.SERVICE, OcrAction.VERSION, CREDENTIAL, "ap-singapore",
                profile(port));

        System.out.printf(Locale.ROOT, "%n== %s: official SDK, %d-thread pool: %d health-code + %d Korean ID images, "
                + "%d bytes each, latency %d ms ==%n", EndToEndBench.label, threads, EndToEndBench.healthImages,
                EndToEndBench.koreanImages, EndToEndBench.imageBytes, EndToEndBench.latencyMs);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Long>> healthDone = new ArrayList<>();
        List<Future<Long>> koreanDone = new ArrayList<>();
        AtomicLong limited = new AtomicLong();
        EndToEndBench.runStarts();
        long start = System.nanoTime();
        int most = Math.max(EndToEndBench.healthImages, EndToEndBench.koreanImages);
        for (int i = 0; i < most; i++) {
            for (OcrAction action : OcrAction.values()) {
                if (i >= EndToEndBench.imagesOf(action)) {
                    continue;
                }
                int index = i;
                (action == OcrAction.RECOGNIZE_HEALTH_CODE_OCR ? healthDone : koreanDone).add(pool.submit(() -> {
                    // read when its thread takes it, as a user's task would: the queue holds no image
                    byte[] image = Files.readAllBytes(staged.get(action).get(index));
                    String b64 = Base64.getEncoder().encodeToString(image);
                    while (true) {
                        try {
                            if (action == OcrAction.RECOGNIZE_HEALTH_CODE_OCR) {
                                RecognizeHealthCodeOCRRequest req = new RecognizeHealthCodeOCRRequest();
                                req.setImageBase64(b64);
                                health.RecognizeHealthCodeOCR(req);
                            } else {
                                korean.commonRequest(new CommonRequest(
                                        "{\"ImageBase64\":\"" + b64 + "\",\"ReturnHeadImage\":true}"), action.actionName());
                            }
                            return System.nanoTime();
                        } catch (TencentCloudSDKException e) {
                            if (!String.valueOf(e.getErrorCode()).startsWith("RequestLimitExceeded")) {
                                throw e;
                            }
                            limited.incrementAndGet();
                            Thread.sleep(1000);
                        }
                    }
                }));
            }
        }
        try {
            report(OcrAction.RECOGNIZE_HEALTH_CODE_OCR, healthDone, start, EndToEndBench.healthRate);
            report(OcrAction.RECOGNIZE_KOREAN_ID_CARD_OCR, koreanDone, start, EndToEndBench.koreanRate);
        } finally {
            pool.shutdownNow();
        }
        System.out.printf(Locale.ROOT, "RequestLimitExceeded answers the SDK client received: %d%n", limited.get());
    }

    private static void report(OcrAction action, List<Future<Long>> done, long start, int quota) throws Exception {
        if (done.size() < 2) {
            return;
        }
        List<Long> ends = new ArrayList<>();
        int failed = 0;
        for (Future<Long> f : done) {
            try {
                ends.add(f.get());
            } catch (ExecutionException e) {
                // an OutOfMemoryError in a task shows here: the baseline's cost at this size, not a bench bug
                failed++;
                System.out.printf(Locale.ROOT, "%s: a call failed: %s%n", action.actionName(), e.getCause());
            }
        }
        if (failed > 0) {
            System.out.printf(Locale.ROOT, "%s: %d of %d calls failed%n", action.actionName(), failed, done.size());
        }
        Collections.sort(ends);
        double seconds = (ends.get(ends.size() - 1) - ends.get(0)) / 1e9;
        double rate = (ends.size() - 1) / seconds;
        List<Long> lat = ends.stream().map(e -> (e - start) / 1_000_000).sorted().toList();
        System.out.printf(Locale.ROOT,
                "%-26s results %4d  first->last result %6.2f/s of quota %d = %5.1f%%  submit->result p50 %6d ms  p99 %6d ms%n",
                action.actionName(), ends.size(), rate, quota, 100 * rate / quota, lat.get(lat.size() / 2),
                lat.get((int) Math.min(lat.size() - 1, Math.ceil(lat.size() * 0.99) - 1)));
    }
}
