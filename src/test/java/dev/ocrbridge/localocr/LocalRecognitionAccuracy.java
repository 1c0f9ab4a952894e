package dev.ocrbridge.localocr;

import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.recognizer.ImageDecoding;
import dev.ocrbridge.recognizer.Recognizer;
import dev.ocrbridge.sandbox.SandboxError;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The accuracy command: every generated document ({@link VariedDocuments#all}) in every degradation through the local
 * recognizers; prints fields right / total per action and per degradation, per group (tuned, held-out) and per
 * style, spurious values (a value where the document has none), face photos on cards, QR colour accuracy, Hanja
 * names on undegraded cards, and the warm
 * recognition time per image (a first pass over every document is the warm-up; its CPU times are printed apart). Run with {@code bench/recognition.sh}.
 * {@code -Dverbose=true} also prints each wrong field (synthetic data: no personal data); {@code -Dsamples=PREFIX}
 * runs only the documents whose id starts with PREFIX ({@code korean}, {@code health-beijing}).
 */
public final class LocalRecognitionAccuracy {

    public static void main(String[] args) {
        if (!CjkFonts.available()) {
            System.err.println(CjkFonts.missingMessage());
            System.exit(2);
        }
        boolean verbose = Boolean.getBoolean("verbose");
        List<SyntheticDocuments.Sample> samples = new ArrayList<>();
        samples.addAll(VariedDocuments.all(Degradation.CLASSIC));
        // What phones do beyond the classic five, on the tuned health codes only (the held-out set stays as drawn).
        samples.addAll(VariedDocuments.tunedHealthCodes(Degradation.PHONE));
        // -Dgroup=tuned or heldout: only that group (VariedDocuments.HELD_OUT). The held-out group is for checkpoints:
        // its misses are not looked at while the recognizer changes.
        String group = System.getProperty("group", "all");
        samples.removeIf(s -> group.equals("tuned") && VariedDocuments.heldOut(s)
                || group.equals("heldout") && !VariedDocuments.heldOut(s));
        // -Dsamples=korean (or health-beijing, ...): only the documents whose id starts so, to work on one kind.
        String only = System.getProperty("samples", "");
        samples.removeIf(s -> !s.id().startsWith(only));
        Map<OcrAction, Recognizer> recognizers = LocalRecognizers.load();
        if (!LocalRecognizers.available()) {
            System.err.println("the local recognition engine did not load");
            System.exit(1);
        }
        // Warm-up: every document once, untimed, as JMH's warm-up iterations do. One image per action is not enough:
        // the Java parts (QR search, image preparation, layout parsing, the Hanja check) are still being compiled
        // while the first few dozen images run, and the documents measured first (the Guangdong layout) paid for it.
        // The first pass's own times are printed too, to show what warming costs.
        // CPU time of the whole process: a health code's block is read by the calling thread and one of the engine's
        // helper threads at once (once warm, the JIT and GC threads add little).
        com.sun.management.OperatingSystemMXBean process =
                (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        // -Dwarmup=N: only the first N documents warm up (a quick look while working; figures to report warm on all).
        int warmup = Math.min(samples.size(), Integer.getInteger("warmup", samples.size()));
        long[] firstPass = new long[Math.max(1, warmup)];
        for (int i = 0; i < warmup; i++) {
            long c0 = process.getProcessCpuTime();
            run(recognizers, samples.get(i));
            firstPass[i] = process.getProcessCpuTime() - c0;
        }
        Map<String, int[]> byActionAndDegradation = new LinkedHashMap<>();
        Map<OcrAction, int[]> byAction = new EnumMap<>(OcrAction.class);
        Map<String, int[]> byField = new LinkedHashMap<>();
        Map<String, int[]> byGroup = new java.util.TreeMap<>();
        Map<String, int[]> byStyle = new java.util.TreeMap<>();
        int[] spurious = new int[2];
        int[] photos = new int[2];
        int[] colour = new int[2];
        int[] hanja = new int[2];
        List<Long> nanos = new ArrayList<>();
        List<Long> cpuNanos = new ArrayList<>();
        for (SyntheticDocuments.Sample s : samples) {
            long c0 = process.getProcessCpuTime();
            long t0 = System.nanoTime();
            Map<String, Object> got = run(recognizers, s);
            nanos.add(System.nanoTime() - t0);
            cpuNanos.add(process.getProcessCpuTime() - c0);
            String groupName = VariedDocuments.heldOut(s) ? "held-out" : "tuned";
            int[] gr = byGroup.computeIfAbsent(groupName + " " + s.action().actionName(), k -> new int[4]);
            int[] st = byStyle.computeIfAbsent(groupName + " " + s.action().actionName() + " " + s.layout(), k -> new int[4]);
            if (s.action() == OcrAction.RECOGNIZE_KOREAN_ID_CARD_OCR) {
                photos[1]++;
                photos[0] += got != null && !String.valueOf(got.getOrDefault(OcrAction.PHOTO_FIELD, "")).isEmpty() ? 1 : 0;
            }
            int[] ad = byActionAndDegradation.computeIfAbsent(s.action().actionName() + " " + s.degradation(), k -> new int[2]);
            int[] a = byAction.computeIfAbsent(s.action(), k -> new int[2]);
            for (Map.Entry<String, String> e : s.expected().entrySet()) {
                String actual = got == null ? null : String.valueOf(got.getOrDefault(e.getKey(), ""));
                boolean right = e.getValue().equals(actual);
                ad[1]++;
                a[1]++;
                int[] f = byField.computeIfAbsent(s.action().actionName() + "." + e.getKey(), k -> new int[2]);
                f[1]++;
                gr[1]++;
                st[1]++;
                if (s.degradation() == Degradation.ORIGINAL) {
                    gr[3]++;
                    st[3]++;
                    gr[2] += right ? 1 : 0;
                    st[2] += right ? 1 : 0;
                }
                if (e.getValue().isEmpty()) {
                    spurious[1]++;
                    spurious[0] += actual != null && !actual.isEmpty() ? 1 : 0;
                }
                if (right) {
                    gr[0]++;
                    st[0]++;
                    ad[0]++;
                    a[0]++;
                    f[0]++;
                } else if (verbose) {
                    System.out.printf("  %-28s %-8s expected [%s] got [%s]%n", s, e.getKey(), e.getValue(), actual);
                }
                if (e.getKey().equals("Color")) {
                    colour[1]++;
                    colour[0] += right ? 1 : 0;
                }
                if (e.getKey().equals("Name") && s.action() == OcrAction.RECOGNIZE_KOREAN_ID_CARD_OCR
                        && s.degradation() == Degradation.ORIGINAL && e.getValue().contains("(")) {
                    hanja[1]++;
                    hanja[0] += right ? 1 : 0;
                }
            }
        }
        System.out.println();
        System.out.println("| action | degradation | fields right / total | % |");
        System.out.println("|---|---|---|---|");
        byActionAndDegradation.forEach((k, v) -> System.out.printf(Locale.ROOT, "| %s | %s | %d / %d | %.1f %% |%n",
                k.split(" ")[0], k.split(" ")[1], v[0], v[1], 100.0 * v[0] / v[1]));
        byAction.forEach((k, v) -> System.out.printf(Locale.ROOT, "| **%s** | all | **%d / %d** | **%.1f %%** |%n",
                k.actionName(), v[0], v[1], 100.0 * v[0] / v[1]));
        System.out.println();
        System.out.println("| group | action / style | fields right / total | % | undegraded |");
        System.out.println("|---|---|---|---|---|");
        byGroup.forEach((k, v) -> row(k, v, true));
        byStyle.forEach((k, v) -> row(k, v, false));
        System.out.printf(Locale.ROOT, "%nSpurious values (a value where the document has none): %d / %d%n", spurious[0], spurious[1]);
        System.out.printf(Locale.ROOT, "Face photo on cards: %d / %d%n", photos[0], photos[1]);
        System.out.println();
        System.out.println("| field | right / total |");
        System.out.println("|---|---|");
        byField.forEach((k, v) -> System.out.printf(Locale.ROOT, "| %s | %d / %d |%n", k, v[0], v[1]));
        System.out.printf(Locale.ROOT, "%nQR colour: %d / %d (%.1f %%)%n", colour[0], colour[1], 100.0 * colour[0] / colour[1]);
        System.out.printf(Locale.ROOT, "Hanja names, undegraded cards: %d / %d%n", hanja[0], hanja[1]);
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        double mean = Arrays.stream(sorted).average().orElse(0) / 1e6;
        long[] first = firstPass.clone();
        Arrays.sort(first);
        System.out.printf(Locale.ROOT, "First pass, JIT still compiling (warm-up, process CPU per image): mean %.0f ms, p50 %.0f ms, max %.0f ms%n",
                Arrays.stream(first).average().orElse(0) / 1e6, first[first.length / 2] / 1e6, first[first.length - 1] / 1e6);
        System.out.printf(Locale.ROOT, "Warm recognition per image (%d images, one at a time): mean %.0f ms, p50 %.0f ms, max %.0f ms%n",
                sorted.length, mean, sorted[sorted.length / 2] / 1e6, sorted[sorted.length - 1] / 1e6);
        // The CPU time is the work per image, whatever else the machine runs; the wall time above is what a caller waits,
        // which includes waiting for a core on a busy machine.
        long[] cpu = cpuNanos.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "CPU time per image (the process, all threads): mean %.0f ms, p50 %.0f ms, max %.0f ms%n",
                Arrays.stream(cpu).average().orElse(0) / 1e6, cpu[cpu.length / 2] / 1e6, cpu[cpu.length - 1] / 1e6);
        // The slowest images by wall time (synthetic documents: their ids are no personal data).
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            order.add(i);
        }
        order.sort((x, y) -> Long.compare(nanos.get(y), nanos.get(x)));
        StringBuilder slowest = new StringBuilder("  slowest (wall, CPU):");
        for (int i : order.subList(0, Math.min(5, order.size()))) {
            slowest.append(String.format(Locale.ROOT, " %s %.0f ms, %.0f ms;", samples.get(i), nanos.get(i) / 1e6,
                    cpuNanos.get(i) / 1e6));
        }
        System.out.println(slowest);
        for (OcrAction action : OcrAction.values()) {
            long[] per = new long[samples.size()];
            int n = 0;
            for (int i = 0; i < samples.size(); i++) {
                if (samples.get(i).action() == action) {
                    per[n++] = nanos.get(i);
                }
            }
            if (n == 0) {
                continue;
            }
            long[] mine = Arrays.copyOf(per, n);
            Arrays.sort(mine);
            long[] cpuOfAction = new long[n];
            for (int i = 0, k = 0; i < samples.size(); i++) {
                if (samples.get(i).action() == action) {
                    cpuOfAction[k++] = cpuNanos.get(i);
                }
            }
            Arrays.sort(cpuOfAction);
            System.out.printf(Locale.ROOT, "  %s: mean %.0f ms, p50 %.0f ms, max %.0f ms; CPU mean %.0f ms, max %.0f ms%n",
                    action.actionName(), Arrays.stream(mine).average().orElse(0) / 1e6, mine[n / 2] / 1e6,
                    mine[n - 1] / 1e6, Arrays.stream(cpuOfAction).average().orElse(0) / 1e6, cpuOfAction[n - 1] / 1e6);
        }
        System.exit(0);
    }

    private static void row(String key, int[] v, boolean bold) {
        String[] k = key.split(" ");
        String what = k.length > 2 ? k[1] + " " + k[2] : k[1];
        String b = bold ? "**" : "";
        System.out.printf(Locale.ROOT, "| %s | %s%s%s | %d / %d | %s%.1f %%%s | %d / %d |%n", k[0], b, what, b, v[0], v[1],
                b, 100.0 * v[0] / v[1], b, v[2], v[3]);
    }

    private static Map<String, Object> run(Map<OcrAction, Recognizer> recognizers, SyntheticDocuments.Sample s) {
        try {
            return recognizers.get(s.action()).recognize(s.action(), s.image(),
                    ImageDecoding.decode(s.action(), s.image()),
                    s.action() == OcrAction.RECOGNIZE_KOREAN_ID_CARD_OCR ? Map.of("ReturnHeadImage", true) : Map.of());
        } catch (SandboxError e) {
            return null;
        }
    }
}
