package dev.ocrbridge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.main.OcrBridgeApplication;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.stream.Stream;

/**
 * End-to-end benchmark: N images per action dropped at once into the file inboxes of the real service (XML
 * routes, camel-http), against the standalone sandbox in its own process with configurable latency and
 * quotas. Prints achieved rate ÷ quota per action, drop-to-result p50/p99, peak heap, and the
 * RequestLimitExceeded answers the sandbox gave. {@code bench/e2e.sh} runs it; {@code -Dbench.mode=sdk} runs the
 * same workload through the official SDK in a thread pool instead (see {@link SdkBaselineBench}).
 */
public final class EndToEndBench {

    static final String SECRET_ID = "AKIDbench0000000000000000000000000";
    static final String SECRET_KEY = "benchSecretKey000000000000000000";
    static final ObjectMapper JSON = new ObjectMapper();

    static int images = Integer.getInteger("bench.images", 300);
    static int latencyMs = Integer.getInteger("bench.latencyMs", 500);
    static int imageBytes = Integer.getInteger("bench.imageBytes", 20_000);
    static int healthRate = Integer.getInteger("bench.healthRate", 10);
    static int koreanRate = Integer.getInteger("bench.koreanRate", 20);

    private EndToEndBench() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Files.createTempDirectory("ocrbridge-e2e");
        int port = freePort();
        Process sandbox = startSandbox(port, work);
        try {
            String url = "http://127.0.0.1:" + port;
            waitForSandbox(url);
            if ("sdk".equals(System.getProperty("bench.mode"))) {
                SdkBaselineBench.run(url, port);
            } else {
                runOcrbridge(url, work);
            }
            printSandboxStats(url);
        } finally {
            sandbox.destroy();
            sandbox.waitFor();
        }
    }

    static void runOcrbridge(String url, Path work) throws Exception {
        Path data = work.resolve("data");
        Properties p = new Properties();
        p.setProperty("ocr.endpoint", url);
        p.setProperty("ocr.secret-id", SECRET_ID);
        p.setProperty("ocr.secret-key", SECRET_KEY);
        p.setProperty("ocr.token", "");
        p.setProperty("ocr.health-code.rate", Integer.toString(healthRate));
        p.setProperty("ocr.korean-id-card.rate", Integer.toString(koreanRate));
        p.setProperty("ocrbridge.data-dir", data.toString());
        p.setProperty("ocrbridge.file.settle-ms", "100");
        p.setProperty("ocrbridge.file.poll-ms", "100");
        p.setProperty("ocrbridge.reuse-results", "false");
        int port = freePort();
        p.setProperty("camel.server.port", Integer.toString(port));
        p.setProperty("camel.management.port", Integer.toString(port));
        System.getProperties().forEach((k, v) -> {
            if (k.toString().startsWith("ocr")) {
                p.setProperty(k.toString(), v.toString());
            }
        });
        // staged outside the inboxes, then moved in at once
        Map<OcrAction, List<Path>> staged = new EnumMap<>(OcrAction.class);
        Random random = new Random(42);
        for (OcrAction action : OcrAction.values()) {
            Path dir = Files.createDirectories(work.resolve("staged").resolve(action.documentKind()));
            List<Path> files = new ArrayList<>();
            for (int i = 0; i < images; i++) {
                byte[] image = new byte[imageBytes];
                random.nextBytes(image);
                System.arraycopy(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A}, 0, image, 0, 8);
                System.arraycopy("IEND".getBytes(), 0, image, image.length - 4, 4);
                Path f = Files.write(dir.resolve("img-" + i + ".png"), image);
                Files.setLastModifiedTime(f, FileTime.from(Instant.now().minusSeconds(60)));
                files.add(f);
            }
            staged.put(action, files);
        }
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        try (OcrBridgeApplication app = new OcrBridgeApplication(p).start()) {
            if (Boolean.getBoolean("bench.warmup")) {
                warmUp(data, work);
            }
            Instant dropped = Instant.now();
            for (OcrAction action : OcrAction.values()) {
                Path inbox = Files.createDirectories(data.resolve("inbox").resolve(action.documentKind()));
                for (Path f : staged.get(action)) {
                    Files.move(f, inbox.resolve(f.getFileName()));
                }
            }
            Path outbox = data.resolve("outbox");
            long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
            while (count(outbox) + count(data.resolve("dead-letter")) < 2L * images) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the run did not finish in 30 minutes");
                }
                Thread.sleep(200); // a bench polls for completion; tests wait with Awaitility
            }
            System.out.printf(Locale.ROOT, "%n== ocrbridge file drop: %d images per action, %d bytes each, sandbox latency %d ms ==%n",
                    images, imageBytes, latencyMs);
            for (OcrAction action : OcrAction.values()) {
                report(action, outbox.resolve(action.documentKind()), dropped,
                        action == OcrAction.RECOGNIZE_HEALTH_CODE_OCR ? healthRate : koreanRate);
            }
            System.out.printf(Locale.ROOT, "dead-lettered: %d%n", count(data.resolve("dead-letter")));
            System.out.printf(Locale.ROOT, "peak heap (sum of heap pools' peaks): %.1f MB (-Xmx %d MB)%n",
                    peakHeap() / 1e6, Runtime.getRuntime().maxMemory() / 1_000_000);
        }
    }

    /** One image per action through the whole pipeline first, so class loading and connection set-up are done. */
    private static void warmUp(Path data, Path work) throws Exception {
        for (OcrAction action : OcrAction.values()) {
            byte[] image = new byte[1000];
            new Random(7).nextBytes(image);
            System.arraycopy(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A}, 0, image, 0, 8);
                System.arraycopy("IEND".getBytes(), 0, image, image.length - 4, 4);
            Path f = Files.write(work.resolve("warmup-" + action.documentKind() + ".png"), image);
            Files.setLastModifiedTime(f, FileTime.from(Instant.now().minusSeconds(60)));
            Path inbox = Files.createDirectories(data.resolve("inbox").resolve(action.documentKind()));
            Files.move(f, inbox.resolve("warmup.png"));
        }
        for (OcrAction action : OcrAction.values()) {
            Path result = data.resolve("outbox").resolve(action.documentKind()).resolve("warmup.json");
            while (!Files.exists(result)) {
                Thread.sleep(50);
            }
            Files.delete(result);
        }
        Thread.sleep(1100); // let the sandbox's one-second windows empty before the measured run
    }

    private static void report(OcrAction action, Path outbox, Instant dropped, int quota) throws IOException {
        List<Instant> done = new ArrayList<>();
        try (Stream<Path> s = Files.list(outbox)) {
            for (Path f : s.filter(x -> x.toString().endsWith(".json")).toList()) {
                JsonNode r = JSON.readTree(f.toFile());
                done.add(Instant.parse(r.path("recognizedAt").asText()));
            }
        }
        Collections.sort(done);
        List<Long> latencies = done.stream().map(t -> Duration.between(dropped, t).toMillis()).sorted().toList();
        double seconds = Duration.between(done.get(0), done.get(done.size() - 1)).toNanos() / 1e9;
        double rate = (done.size() - 1) / seconds;
        System.out.printf(Locale.ROOT,
                "%-26s results %4d  achieved %6.2f req/s of quota %d = %5.1f%%  drop->result p50 %6d ms  p99 %6d ms%n",
                action.actionName(), done.size(), rate, quota, 100 * rate / quota,
                latencies.get(latencies.size() / 2), latencies.get((int) Math.min(latencies.size() - 1,
                        Math.ceil(latencies.size() * 0.99) - 1)));
    }

    static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    static long count(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).filter(f -> f.toString().endsWith(".json")).count();
        }
    }

    static Process startSandbox(int port, Path work) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = List.of(java, "-Xmx2g", "-cp", System.getProperty("java.class.path"),
                "dev.ocrbridge.sandbox.SandboxMain", "--port", Integer.toString(port),
                "--credential", SECRET_ID + ":" + SECRET_KEY, "--latency-ms", Integer.toString(latencyMs),
                "--quota", "RecognizeHealthCodeOCR=" + healthRate, "--quota", "RecognizeKoreanIDCardOCR=" + koreanRate);
        return new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(work.resolve("sandbox.log").toFile()).start();
    }

    static void waitForSandbox(String url) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        for (int i = 0; i < 100; i++) {
            try {
                client.send(HttpRequest.newBuilder(URI.create(url + "/_sandbox/stats")).build(),
                        HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("sandbox did not start");
    }

    static void printSandboxStats(String url) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        String stats = client.send(HttpRequest.newBuilder(URI.create(url + "/_sandbox/stats")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        JsonNode byCode = JSON.readTree(stats).path("byCode");
        System.out.printf(Locale.ROOT, "sandbox answers by code: %s%n", byCode);
        System.out.printf(Locale.ROOT, "RequestLimitExceeded seen: %d%n", byCode.path("RequestLimitExceeded").asLong(0));
        // the tightest window: over every run of quota+1 consecutive arrivals, the shortest span (must be > 1000 ms)
        JsonNode requests = JSON.readTree(client.send(HttpRequest.newBuilder(URI.create(url + "/_sandbox/requests"))
                .build(), HttpResponse.BodyHandlers.ofString()).body());
        for (OcrAction action : OcrAction.values()) {
            int quota = action == OcrAction.RECOGNIZE_HEALTH_CODE_OCR ? healthRate : koreanRate;
            List<Instant> arrivals = new ArrayList<>();
            for (JsonNode r : requests.isArray() ? requests : requests.path("requests")) {
                if (action.actionName().equals(r.path("action").asText())) {
                    arrivals.add(Instant.parse(r.path("arrival").asText()));
                }
            }
            Collections.sort(arrivals);
            long tightest = Long.MAX_VALUE;
            for (int k = 0; k + quota < arrivals.size(); k++) {
                tightest = Math.min(tightest, Duration.between(arrivals.get(k), arrivals.get(k + quota)).toMillis());
            }
            int at = -1;
            for (int k = 0; k + quota < arrivals.size(); k++) {
                if (Duration.between(arrivals.get(k), arrivals.get(k + quota)).toMillis() == tightest) {
                    at = k;
                    break;
                }
            }
            System.out.printf(Locale.ROOT, "%-26s arrivals %d, shortest span of %d consecutive arrivals: %d ms "
                    + "(from arrival #%d, %d ms into the run)%n", action.actionName(), arrivals.size(), quota + 1,
                    tightest, at, at < 0 ? -1 : Duration.between(arrivals.get(0), arrivals.get(at)).toMillis());
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
