package dev.ocrbridge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.main.OcrBridgeApplication;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
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
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

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
    static int healthImages = Integer.getInteger("bench.healthImages", images);
    static int koreanImages = Integer.getInteger("bench.koreanImages", images);
    /** Names the run in the ROW line that {@code bench/e2e.sh} turns into the table. */
    static String label = System.getProperty("bench.label", "run");

    private EndToEndBench() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Files.createTempDirectory("ocrbridge-e2e");
        int port = freePort();
        Process sandbox = startSandbox(port, work);
        try {
            String url = "http://127.0.0.1:" + port;
            waitForSandbox(url);
            if (!"false".equals(System.getProperty("bench.warmSandbox"))) {
                SdkBaselineBench.warmSandbox(url, port, imageBytes);
            }
            boolean sdk = "sdk".equals(System.getProperty("bench.mode"));
            long heapPeak;
            try (HeapAfterGc heap = new HeapAfterGc()) {
                sandboxProcess = sandbox;
                if (sdk) {
                    SdkBaselineBench.run(url, port, stage(work));
                } else {
                    runOcrbridge(url, work);
                }
                heapPeak = heap.peak();
                // CPU time, not wall time: what the 2 cores must give per image at full rate, whatever else runs
                long clientCpu = processCpuNanos() - clientCpuAtStart;
                long sandboxCpu = sandboxCpuNanos() - sandboxCpuAtStart;
                int all = healthImages + koreanImages;
                double clientMs = clientCpu / 1e6 / all;
                double jitMs = 0;
                if (clientThreadsAtEnd != null) {
                    System.out.printf(Locale.ROOT, "client CPU per image by thread group:%n%s",
                            clientThreadsAtEnd.since(clientThreadsAtStart, all));
                    System.out.printf(Locale.ROOT, "sandbox CPU per image by thread group:%n%s",
                            sandboxThreadsAtEnd.since(sandboxThreadsAtStart, all));
                    // the client's total split three ways: the kernel's work for its threads, the JIT's compiler
                    // threads (a cost of a young process, not of an image), and the rest
                    double[] jit = clientThreadsAtEnd.groupSince(clientThreadsAtStart, "CompilerThre", all);
                    double systemMs = (clientTimesAtEnd[1] - clientTimesAtStart[1]) / all;
                    jitMs = jit[0];
                    System.out.printf(Locale.ROOT, "client per image: system %.1f ms, JIT compiler threads %.1f ms, "
                            + "user outside the JIT %.1f ms; during the run %d classes loaded, %d ms of JIT "
                            + "compilation%n", systemMs, jit[0], clientMs - systemMs - (jit[0] - jit[1]),
                            classesAtEnd - classesAtStart, compileMsAtEnd - compileMsAtStart);
                }
                double perImage = (clientCpu + sandboxCpu) / 1e6 / all;
                System.out.printf(Locale.ROOT, "CPU per image (from the drop to the last result): client %.1f ms, sandbox "
                        + "%.1f ms; both quotas at once (%d/s) need %.2f cores%n", clientCpu / 1e6 / all,
                        sandboxCpu / 1e6 / all, healthRate + koreanRate, perImage * (healthRate + koreanRate) / 1000);
                // measured after the run, so that it adds nothing to the CPU counted above
                double floor = Floor.medianNanos(image(OcrAction.RECOGNIZE_HEALTH_CODE_OCR, 0)) / 1e6;
                System.out.printf(Locale.ROOT, "floor (SHA-256 of the image + its Base64 + SHA-256 of the Base64, "
                        + "median thread CPU): %.1f ms; CPU per image ÷ floor: client %.2f× (%.2f× without the JIT's "
                        + "compiler threads), sandbox %.2f×%n", floor, clientMs / floor, (clientMs - jitMs) / floor,
                        sandboxCpu / 1e6 / all / floor);
                System.out.printf(Locale.ROOT, "heap in use after GC, peak over %d collections: %.1f MB (-Xmx %d MB)%n",
                        heap.collections(), heapPeak / 1e6, Runtime.getRuntime().maxMemory() / 1_000_000);
            }
            Map<OcrAction, Double> ofQuota = printSandboxStats(url);
            // one line per run, collected by bench/e2e.sh into the table of BENCHMARKS.md
            System.out.printf(Locale.ROOT, "ROW|%s|%s|%s|%s|%d|%.0f|%d%n", label, sdk
                            ? "official SDK, " + SdkBaselineBench.threads + "-thread pool" : "ocrbridge",
                    percent(ofQuota.get(OcrAction.RECOGNIZE_HEALTH_CODE_OCR)),
                    percent(ofQuota.get(OcrAction.RECOGNIZE_KOREAN_ID_CARD_OCR)), limitExceeded,
                    heapPeak / 1e6, Runtime.getRuntime().maxMemory() / 1_000_000);
        } finally {
            sandbox.destroy();
            sandbox.waitFor();
            deleteTree(work); // the 7 MB runs stage 660 MB
        }
    }

    static void deleteTree(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    static Process sandboxProcess;
    static long clientCpuAtStart;
    static long sandboxCpuAtStart;
    static ThreadCpu clientThreadsAtStart;
    static ThreadCpu sandboxThreadsAtStart;
    static ThreadCpu clientThreadsAtEnd;
    static ThreadCpu sandboxThreadsAtEnd;

    static double[] clientTimesAtStart = new double[2];
    static double[] clientTimesAtEnd = new double[2];
    static long classesAtStart;
    static long classesAtEnd;
    static long compileMsAtStart;
    static long compileMsAtEnd;

    /** Called once the last result is in, before the service stops (its threads' times end with them). */
    static void runEnds() {
        clientThreadsAtEnd = ThreadCpu.of(ProcessHandle.current().pid());
        sandboxThreadsAtEnd = ThreadCpu.of(sandboxProcess.pid());
        clientTimesAtEnd = ThreadCpu.processTimes(ProcessHandle.current().pid());
        classesAtEnd = ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
        compileMsAtEnd = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
    }

    /** Called right before the images are handed over: CPU time is counted from here. */
    static void runStarts() {
        clientCpuAtStart = processCpuNanos();
        sandboxCpuAtStart = sandboxCpuNanos();
        clientThreadsAtStart = ThreadCpu.of(ProcessHandle.current().pid());
        sandboxThreadsAtStart = ThreadCpu.of(sandboxProcess.pid());
        clientTimesAtStart = ThreadCpu.processTimes(ProcessHandle.current().pid());
        classesAtStart = ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
        compileMsAtStart = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
    }

    /**
     * Writes back everything written so far (the staged images, the warm-up's files, the service's archive), unless
     * {@code -Dbench.sync=false}: the measured run's threads would otherwise pay for the kernel writing back gigabytes
     * the bench wrote before it (dirty page throttling, writeback of its spool copies), a cost that grows with the
     * bench's own length and is not the service's per image.
     */
    static void syncUnlessTold() throws IOException, InterruptedException {
        if (!Boolean.parseBoolean(System.getProperty("bench.sync", "true"))) {
            System.out.printf(Locale.ROOT, "not synced before the run: dirty %s; the run starts %d ms after the JVM%n",
                    dirty(), ManagementFactory.getRuntimeMXBean().getUptime());
            return;
        }
        String before = dirty();
        long start = System.nanoTime();
        new ProcessBuilder("sync").inheritIO().start().waitFor();
        System.out.printf(Locale.ROOT, "synced before the run in %d ms: dirty %s before, %s after; the run starts %d "
                + "ms after the JVM%n", (System.nanoTime() - start) / 1_000_000, before, dirty(),
                ManagementFactory.getRuntimeMXBean().getUptime());
    }

    /** The kernel's dirty and under-writeback page cache (/proc/meminfo), for the log. */
    static String dirty() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream()
                    .filter(l -> l.startsWith("Dirty:") || l.startsWith("Writeback:"))
                    .map(l -> l.replaceAll("\\s+", " ")).collect(java.util.stream.Collectors.joining(", "));
        } catch (IOException e) {
            return "unknown";
        }
    }

    static long sandboxCpuNanos() {
        return sandboxProcess.toHandle().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    static String percent(Double ofQuota) {
        return ofQuota == null ? "—" : String.format(Locale.ROOT, "%.1f %%", ofQuota * 100);
    }

    static int imagesOf(OcrAction action) {
        return action == OcrAction.RECOGNIZE_HEALTH_CODE_OCR ? healthImages : koreanImages;
    }

    static int quotaOf(OcrAction action) {
        return action == OcrAction.RECOGNIZE_HEALTH_CODE_OCR ? healthRate : koreanRate;
    }

    /**
     * The same image for a given action and index, in either client: a valid 8 x 8 PNG padded to
     * {@code bench.imageBytes} with a private ancillary chunk of random bytes (CRC and all). The bytes on the wire
     * are those of a multi-megabyte image, while the co-located sandbox decodes 64 pixels instead of megapixels
     * of noise: the real API's decoding does not run on this machine either.
     */
    static byte[] image(OcrAction action, int index) {
        return image(action, index, imageBytes);
    }

    /** The same, of {@code bytes} bytes. */
    static byte[] image(OcrAction action, int index, int bytes) {
        Random random = new Random(31L * index + action.ordinal());
        BufferedImage pixels = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 8; x++) {
            for (int y = 0; y < 8; y++) {
                pixels.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(pixels, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] small = png.toByteArray();
        int iend = small.length - 12;
        int padding = Math.max(0, bytes - small.length - 12);
        ByteBuffer image = ByteBuffer.allocate(small.length + 12 + padding);
        image.put(small, 0, iend);
        byte[] chunk = new byte[4 + padding];
        System.arraycopy("prVt".getBytes(StandardCharsets.US_ASCII), 0, chunk, 0, 4);
        byte[] data = new byte[padding];
        random.nextBytes(data);
        System.arraycopy(data, 0, chunk, 4, padding);
        CRC32 crc = new CRC32();
        crc.update(chunk);
        image.putInt(padding).put(chunk).putInt((int) crc.getValue());
        image.put(small, iend, 12);
        return image.array();
    }

    /** The run's images, written before the clock starts: both clients read them from these files. */
    static Map<OcrAction, List<Path>> stage(Path work) throws IOException {
        Map<OcrAction, List<Path>> staged = new EnumMap<>(OcrAction.class);
        for (OcrAction action : OcrAction.values()) {
            Path dir = Files.createDirectories(work.resolve("staged").resolve(action.documentKind()));
            List<Path> files = new ArrayList<>();
            for (int i = 0; i < imagesOf(action); i++) {
                Path f = Files.write(dir.resolve("img-" + i + ".png"), image(action, i));
                Files.setLastModifiedTime(f, FileTime.from(Instant.now().minusSeconds(60)));
                files.add(f);
            }
            staged.put(action, files);
        }
        return staged;
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
        Map<OcrAction, List<Path>> staged = stage(work);
        System.gc(); // the staging's garbage is not the service's
        try (OcrBridgeApplication app = new OcrBridgeApplication(p).start()) {
            if (Boolean.getBoolean("bench.warmup") || Integer.getInteger("bench.warmupImages", 0) > 0) {
                warmUp(data, work);
            }
            syncUnlessTold();
            runStarts();
            Instant dropped = Instant.now();
            for (OcrAction action : OcrAction.values()) {
                Path inbox = Files.createDirectories(data.resolve("inbox").resolve(action.documentKind()));
                for (Path f : staged.get(action)) {
                    Files.move(f, inbox.resolve(f.getFileName()));
                }
            }
            Path outbox = data.resolve("outbox");
            long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
            while (count(outbox) + count(data.resolve("dead-letter")) < (long) healthImages + koreanImages) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the run did not finish in 30 minutes");
                }
                Thread.sleep(200); // a bench polls for completion; tests wait with Awaitility
            }
            runEnds();
            System.out.printf(Locale.ROOT, "%n== %s: ocrbridge file drop, %d health-code + %d Korean ID images, %d bytes "
                    + "each, sandbox latency %d ms ==%n", label, healthImages, koreanImages, imageBytes, latencyMs);
            for (OcrAction action : OcrAction.values()) {
                if (imagesOf(action) > 1) {
                    report(action, outbox.resolve(action.documentKind()), dropped, quotaOf(action));
                }
            }
            System.out.printf(Locale.ROOT, "dead-lettered: %d%n", count(data.resolve("dead-letter")));
        }
    }

    /**
     * {@code bench.warmupImages} images per action (1 by default) through the whole pipeline first, so class loading
     * and connection set-up are done; a few dozen large ones also let the JIT compile the hot loops (Base64 and
     * SHA-256 run as plain Java, not the CPU's instructions, until their callers are compiled), which a short
     * measured run otherwise pays for inside its CPU per image.
     */
    private static void warmUp(Path data, Path work) throws Exception {
        int n = Integer.getInteger("bench.warmupImages", 1);
        for (OcrAction action : OcrAction.values()) {
            Path inbox = Files.createDirectories(data.resolve("inbox").resolve(action.documentKind()));
            for (int i = 0; i < n; i++) {
                byte[] image = image(action, -1 - i);
                Path f = Files.write(work.resolve("warmup-" + action.documentKind() + "-" + i + ".png"), image);
                Files.setLastModifiedTime(f, FileTime.from(Instant.now().minusSeconds(60)));
                Files.move(f, inbox.resolve("warmup-" + i + ".png"));
            }
        }
        for (OcrAction action : OcrAction.values()) {
            for (int i = 0; i < n; i++) {
                Path result = data.resolve("outbox").resolve(action.documentKind()).resolve("warmup-" + i + ".json");
                while (!Files.exists(result)) {
                    Thread.sleep(50);
                }
                Files.delete(result);
            }
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
                "%-26s results %4d  first->last result %6.2f/s of quota %d = %5.1f%%  drop->result p50 %6d ms  p99 %6d ms%n",
                action.actionName(), done.size(), rate, quota, 100 * rate / quota,
                latencies.get(latencies.size() / 2), latencies.get((int) Math.min(latencies.size() - 1,
                        Math.ceil(latencies.size() * 0.99) - 1)));
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
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx2g"));
        // e.g. -Dbench.sandboxJvmArgs=-XX:StartFlightRecording=filename=target/bench/sandbox.jfr to profile it
        String extra = System.getProperty("bench.sandboxJvmArgs", "").trim();
        if (!extra.isEmpty()) {
            cmd.addAll(List.of(extra.split("\\s+")));
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.ocrbridge.sandbox.SandboxMain",
                "--port", Integer.toString(port), "--credential", SECRET_ID + ":" + SECRET_KEY,
                "--latency-ms", Integer.toString(latencyMs), "--recognizer", "empty",
                "--quota", "RecognizeHealthCodeOCR=" + healthRate, "--quota", "RecognizeKoreanIDCardOCR=" + koreanRate));
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

    /** RequestLimitExceeded answers the sandbox gave in this run (read by {@link #printSandboxStats}). */
    static long limitExceeded;

    /**
     * Prints what the sandbox saw and returns, per action, the rate of answered requests as a fraction of the
     * quota, measured from the first request's arrival to the last's (what the API counts): (n - 1) ÷ span.
     */
    static Map<OcrAction, Double> printSandboxStats(String url) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        String stats = client.send(HttpRequest.newBuilder(URI.create(url + "/_sandbox/stats")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        JsonNode byCode = JSON.readTree(stats).path("byCode");
        limitExceeded = byCode.path("RequestLimitExceeded").asLong(0);
        System.out.printf(Locale.ROOT, "sandbox answers by code: %s%n", byCode);
        System.out.printf(Locale.ROOT, "RequestLimitExceeded seen: %d%n", limitExceeded);
        JsonNode requests = JSON.readTree(client.send(HttpRequest.newBuilder(URI.create(url + "/_sandbox/requests"))
                .build(), HttpResponse.BodyHandlers.ofString()).body());
        Map<OcrAction, Double> ofQuota = new EnumMap<>(OcrAction.class);
        for (OcrAction action : OcrAction.values()) {
            int quota = quotaOf(action);
            List<Instant> arrivals = new ArrayList<>();
            List<Instant> answered = new ArrayList<>();
            for (JsonNode r : requests.isArray() ? requests : requests.path("requests")) {
                if (action.actionName().equals(r.path("action").asText())) {
                    Instant arrival = Instant.parse(r.path("arrival").asText());
                    arrivals.add(arrival);
                    if (r.path("errorCode").isNull() || r.path("errorCode").isMissingNode()) {
                        answered.add(arrival);
                    }
                }
            }
            if (answered.size() < 2) {
                continue;
            }
            Collections.sort(arrivals);
            Collections.sort(answered);
            double span = Duration.between(answered.get(0), answered.get(answered.size() - 1)).toNanos() / 1e9;
            double rate = (answered.size() - 1) / span;
            ofQuota.put(action, rate / quota);
            // the tightest window: over every run of quota+1 consecutive arrivals, the shortest span (must be > 1000 ms)
            long tightest = Long.MAX_VALUE;
            int at = -1;
            for (int k = 0; k + quota < arrivals.size(); k++) {
                long ms = Duration.between(arrivals.get(k), arrivals.get(k + quota)).toMillis();
                if (ms < tightest) {
                    tightest = ms;
                    at = k;
                }
            }
            System.out.printf(Locale.ROOT, "%-26s answered %4d  first->last arrival %6.2f/s of quota %d = %5.1f%%  "
                    + "(first 10 arrivals: %d ms for 9 intervals)%n", action.actionName(), answered.size(), rate, quota,
                    100 * rate / quota, Duration.between(answered.get(0), answered.get(Math.min(9,
                            answered.size() - 1))).toMillis());
            if (at >= 0) {
                System.out.printf(Locale.ROOT, "%-26s arrivals %d, shortest span of %d consecutive arrivals: %d ms "
                        + "(from arrival #%d, %d ms into the run)%n", action.actionName(), arrivals.size(), quota + 1,
                        tightest, at, Duration.between(arrivals.get(0), arrivals.get(at)).toMillis());
            }
        }
        return ofQuota;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
