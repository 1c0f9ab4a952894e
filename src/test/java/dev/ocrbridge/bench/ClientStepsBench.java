package dev.ocrbridge.bench;

import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.recognition.ImageSpool;
import dev.ocrbridge.recognition.RecognitionIntake;
import dev.ocrbridge.recognition.SpooledImage;
import dev.ocrbridge.request.HashedImageFile;
import dev.ocrbridge.request.ImageBase64Body;
import dev.ocrbridge.request.RequestOptions;
import java.io.File;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * The client's own steps for one large image, alone in one thread, each as median thread CPU over many images: the
 * claim's copy to the spool, the request body's hash for signing, and its send (to a null sink: the socket's cost is
 * the kernel's and is the same either way). What the end-to-end bench cannot resolve on a shared machine, whose
 * spread between runs of the same code is a few ms.
 *
 * <pre>java -cp target/classes:target/test-classes:... dev.ocrbridge.bench.ClientStepsBench [dir]</pre>
 * {@code -Dbench.imageBytes} (default the 7 MB row's 5505024), {@code -Dbench.runs} (default 60), after as many
 * warm-ups. The image is written in {@code dir} (default the temporary folder), the spool beside it.
 */
public final class ClientStepsBench {

    private ClientStepsBench() {
    }

    public static void main(String[] args) throws Exception {
        int bytes = Integer.getInteger("bench.imageBytes", 5_505_024);
        int runs = Integer.getInteger("bench.runs", 60);
        Path dir = Files.createTempDirectory(args.length > 0 ? Path.of(args[0]) : Path.of(System.getProperty(
                "java.io.tmpdir")), "client-steps");
        try {
            Path image = Files.write(dir.resolve("image.png"),
                    EndToEndBench.image(OcrAction.RECOGNIZE_HEALTH_CODE_OCR, 0, bytes));
            ImageSpool spool = new ImageSpool(dir.resolve("spool"));
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long[][] spent = new long[3][runs];
            for (int i = -runs; i < runs; i++) {
                long t0 = threads.getCurrentThreadCpuTime();
                SpooledImage copy = spool.copyOf(image, Long.MAX_VALUE);
                long t1 = threads.getCurrentThreadCpuTime();
                Object body = RecognitionIntake.bodyOf(copy);
                ImageBase64Body request = body instanceof HashedImageFile hashed
                        ? ImageBase64Body.of(OcrAction.RECOGNIZE_HEALTH_CODE_OCR, hashed, RequestOptions.NONE)
                        : ImageBase64Body.of(OcrAction.RECOGNIZE_HEALTH_CODE_OCR, ((File) body).toPath(),
                        RequestOptions.NONE);
                request.sha256Hex();
                long t2 = threads.getCurrentThreadCpuTime();
                request.writeTo(OutputStream.nullOutputStream());
                long t3 = threads.getCurrentThreadCpuTime();
                copy.delete();
                if (i >= 0) {
                    spent[0][i] = t1 - t0;
                    spent[1][i] = t2 - t1;
                    spent[2][i] = t3 - t2;
                }
            }
            double floor = Floor.medianNanos(Files.readAllBytes(image)) / 1e6;
            System.out.printf(Locale.ROOT, "%s, %d bytes, median thread CPU of %d: claim (spool copy and hashes) "
                    + "%.2f ms, body's hash for signing %.2f ms, send to a null sink %.2f ms, together %.2f ms; floor "
                    + "%.2f ms; load average %s%n", dir.getParent(), bytes, runs, median(spent[0]), median(spent[1]),
                    median(spent[2]), median(spent[0]) + median(spent[1]) + median(spent[2]), floor,
                    Files.readString(Path.of("/proc/loadavg")).trim());
        } finally {
            EndToEndBench.deleteTree(dir);
        }
    }

    private static double median(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2] / 1e6;
    }
}
