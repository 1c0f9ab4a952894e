package dev.ocrbridge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prints a JMH JSON result file ({@code -rf json}) as a compact table: time per op, bytes allocated per op
 * ({@code gc.alloc.rate.norm}, present with {@code -prof gc}), and for {@link HotPathBenchmark} the ratios the
 * performance targets are stated in. Used by {@code bench/jmh.sh}; not a test.
 */
public final class JmhResultTable {

    private record Row(String name, Map<String, String> params, double score, double error, String unit,
                       Double median, Double allocNorm) {
        /** The median when the mode recorded one ({@code -bm sample}: robust on a busy machine), else the mean. */
        double typical() {
            return median != null ? median : score;
        }
    }

    public static void main(String[] args) throws Exception {
        JsonNode results = new ObjectMapper().readTree(new File(args[0]));
        List<Row> rows = new ArrayList<>();
        for (JsonNode r : results) {
            String bench = r.path("benchmark").asText();
            Map<String, String> params = new LinkedHashMap<>();
            r.path("params").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
            JsonNode pm = r.path("primaryMetric");
            JsonNode alloc = r.path("secondaryMetrics").path("gc.alloc.rate.norm");
            JsonNode p50 = pm.path("scorePercentiles").path("50.0");
            rows.add(new Row(bench.substring(bench.lastIndexOf('.') + 1), params, pm.path("score").asDouble(),
                    pm.path("scoreError").asDouble(Double.NaN), pm.path("scoreUnit").asText(),
                    p50.isMissingNode() || r.path("mode").asText().equals("avgt") ? null : p50.asDouble(),
                    alloc.isMissingNode() ? null : alloc.path("score").asDouble()));
        }

        boolean medians = rows.stream().anyMatch(r -> r.median() != null);
        System.out.printf(Locale.ROOT, "%n%-24s %9s %15s %12s %12s %16s %10s%n",
                "benchmark", "size", "time/op", "± error", medians ? "p50" : "", "alloc B/op", "alloc/B64");
        for (Row row : rows) {
            String size = row.params().getOrDefault("size", "");
            String ratio = "";
            if (row.allocNorm() != null && !size.isEmpty()) {
                ratio = String.format(Locale.ROOT, "%.2f", row.allocNorm() / base64Length(Long.parseLong(size)));
            }
            System.out.printf(Locale.ROOT, "%-24s %9s %15s %12s %12s %16s %10s%n", row.name(), size,
                    time(row.score(), row.unit()), Double.isNaN(row.error()) ? "" : time(row.error(), row.unit()),
                    row.median() == null ? "" : time(row.median(), row.unit()),
                    row.allocNorm() == null ? "n/a" : String.format(Locale.ROOT, "%,.0f", row.allocNorm()), ratio);
        }

        // Ratios per image size, when the benchmarks they need were run.
        Map<Long, Map<String, Row>> bySize = new TreeMap<>();
        for (Row row : rows) {
            String size = row.params().get("size");
            if (size != null) {
                bySize.computeIfAbsent(Long.parseLong(size), k -> new LinkedHashMap<>()).put(row.name(), row);
            }
        }
        if (!bySize.isEmpty()) {
            System.out.printf(Locale.ROOT, "%n%9s %12s %22s %22s %20s %20s%n", "size", "Base64 B",
                    "build+sign/floor time", "build+sign alloc/B64", "signOnly/sha256", "sdk/build+sign time");
            for (Map.Entry<Long, Map<String, Row>> e : bySize.entrySet()) {
                Map<String, Row> m = e.getValue();
                long b64 = base64Length(e.getKey());
                Row build = m.get("ocrbridge_buildAndSign");
                System.out.printf(Locale.ROOT, "%9d %12d %22s %22s %20s %20s%n", e.getKey(), b64,
                        ratio(build, m.get("floor_base64PlusSha256")),
                        build == null || build.allocNorm() == null ? "-"
                                : String.format(Locale.ROOT, "%.3f", build.allocNorm() / b64),
                        ratio(m.get("ocrbridge_signOnly"), m.get("floor_sha256")),
                        ratio(m.get("sdk_gsonBodyAndSign"), build));
            }
            System.out.println("\nTime ratios use " + (medians ? "medians (p50)" : "means") + ". Targets: build+sign within"
                    + " 1.5x of floor_base64PlusSha256; allocation under 3x the Base64 size.");
        }
    }

    private static long base64Length(long n) {
        return 4 * ((n + 2) / 3);
    }

    private static String ratio(Row a, Row b) {
        if (a == null || b == null || !a.unit().equals(b.unit()) || b.typical() == 0) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.2fx", a.typical() / b.typical());
    }

    private static String time(double value, String unit) {
        if (unit.equals("us/op") && value >= 1000) {
            return String.format(Locale.ROOT, "%,.2f ms", value / 1000);
        }
        return String.format(Locale.ROOT, "%,.2f %s", value, unit.replace("/op", ""));
    }
}
