package dev.ocrbridge.bench;

import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.localocr.Degradation;
import dev.ocrbridge.localocr.SyntheticDocuments;
import dev.ocrbridge.main.OcrBridgeApplication;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The service as a new user runs it (no credentials: the embedded sandbox with the local recognizer), both actions
 * at their default quotas (10/s and 20/s), every generated document of every degradation dropped at once, result
 * reuse off so each one is really recognized. Prints images per second per action, how they ended (outbox or
 * dead letter, by code) and the peak of the used heap, sampled every 50 ms. Run with {@code bench/recognition-load.sh}
 * (which caps the heap at 512 MB).
 */
public final class LocalRecognitionLoadBench {

    private LocalRecognitionLoadBench() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Files.createTempDirectory("ocrbridge-local-load");
        Properties p = new Properties();
        p.setProperty("ocr.secret-id", "");
        p.setProperty("ocr.secret-key", "");
        p.setProperty("ocrbridge.data-dir", data.toString());
        p.setProperty("ocrbridge.reuse-results", "false");
        p.setProperty("ocrbridge.file.settle-ms", "300");
        p.setProperty("ocrbridge.file.poll-ms", "100");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        p.setProperty("camel.server.port", Integer.toString(port));
        p.setProperty("camel.management.port", Integer.toString(port));
        List<Degradation> all = Arrays.asList(Degradation.values());
        List<SyntheticDocuments.Sample> health = SyntheticDocuments.healthCodes(all);
        List<SyntheticDocuments.Sample> cards = SyntheticDocuments.koreanCards(all);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        AtomicLong peak = new AtomicLong();
        AtomicLong live = new AtomicLong();
        List<java.lang.management.MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == java.lang.management.MemoryType.HEAP).toList();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                // What the last collection left: the live data, which the heap limit must hold.
                long afterGc = heapPools.stream().map(java.lang.management.MemoryPoolMXBean::getCollectionUsage)
                        .filter(java.util.Objects::nonNull).mapToLong(java.lang.management.MemoryUsage::getUsed).sum();
                live.accumulateAndGet(afterGc, Math::max);
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        try (OcrBridgeApplication app = new OcrBridgeApplication(p).start()) {
            sampler.start();
            stage(data, OcrAction.RECOGNIZE_HEALTH_CODE_OCR, health);
            stage(data, OcrAction.RECOGNIZE_KOREAN_ID_CARD_OCR, cards);
            long t0 = System.nanoTime();
            drop(data, OcrAction.RECOGNIZE_HEALTH_CODE_OCR);
            drop(data, OcrAction.RECOGNIZE_KOREAN_ID_CARD_OCR);
            int total = health.size() + cards.size();
            long deadline = System.nanoTime() + 30L * 60 * 1_000_000_000L;
            while (done(data) < total && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            sampler.interrupt();
            System.out.printf(Locale.ROOT, "%n== local recognition under load: %d health codes + %d Korean cards dropped at once, "
                    + "quotas 10/s and 20/s, max heap %d MB ==%n", health.size(), cards.size(),
                    Runtime.getRuntime().maxMemory() >> 20);
            for (OcrAction action : OcrAction.values()) {
                long ok = count(data.resolve("outbox").resolve(action.documentKind()), ".json");
                System.out.printf(Locale.ROOT, "%s: %d results%n", action.actionName(), ok);
            }
            try (Stream<Path> dead = Files.walk(data.resolve("dead-letter"))) {
                dead.filter(f -> f.toString().endsWith(".error.json"))
                        .map(f -> f.getParent().getFileName().toString())
                        .collect(java.util.stream.Collectors.groupingBy(c -> c, java.util.TreeMap::new,
                                java.util.stream.Collectors.counting()))
                        .forEach((code, n) -> System.out.printf(Locale.ROOT, "dead-lettered %s: %d%n", code, n));
            } catch (java.io.IOException e) {
                System.out.println("dead-lettered: none");
            }
            System.out.printf(Locale.ROOT, "%d of %d images ended in %.1f s: %.2f images/s for both actions together%n",
                    done(data), total, seconds, done(data) / seconds);
            System.out.printf(Locale.ROOT, "peak used heap (sampled every 50 ms): %d MB; peak left after a collection: %d MB%n",
                    peak.get() >> 20, live.get() >> 20);
        }
        System.exit(0);
    }

    private static void stage(Path data, OcrAction action, List<SyntheticDocuments.Sample> samples) throws Exception {
        Path staging = Files.createDirectories(data.resolve("staging").resolve(action.documentKind()));
        int i = 0;
        for (SyntheticDocuments.Sample s : samples) {
            Files.write(staging.resolve(String.format(Locale.ROOT, "doc-%03d.%s", i++,
                    s.degradation() == Degradation.JPEG ? "jpg" : "png")), s.image());
        }
    }

    private static void drop(Path data, OcrAction action) throws Exception {
        Path inbox = Files.createDirectories(data.resolve("inbox").resolve(action.documentKind()));
        try (Stream<Path> files = Files.list(data.resolve("staging").resolve(action.documentKind()))) {
            for (Path f : files.toList()) {
                Files.move(f, inbox.resolve(f.getFileName()), StandardCopyOption.ATOMIC_MOVE);
            }
        }
    }

    private static long done(Path data) {
        return count(data.resolve("outbox"), ".json") + count(data.resolve("dead-letter"), ".error.json");
    }

    private static long count(Path dir, String suffix) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(suffix)).count();
        } catch (java.io.IOException e) {
            return 0;
        }
    }
}
