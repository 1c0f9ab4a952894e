package dev.ocrbridge.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.component.TencentOcrComponent;
import dev.ocrbridge.component.TencentOcrConfiguration;
import dev.ocrbridge.component.TencentOcrException;
import dev.ocrbridge.testsupport.TestImages;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.postgresql.ds.PGPoolingDataSource;

/**
 * One pacing node of {@link ClusterBench}, in its own JVM: a CamelContext whose {@code tencent-ocr} component
 * paces through the cluster's PostgreSQL, calling both actions from many threads at once (always more work than
 * the quota) until told to stop (stdin closes or {@code seconds} pass). Prints "ready" once started and one summary
 * line at the end.
 *
 * <p>Arguments: sandbox URL, JDBC URL, JDBC user, seconds, threads per action.
 */
public final class ClusterBenchNode {

    private ClusterBenchNode() {
    }

    public static void main(String[] args) throws Exception {
        String sandboxUrl = args[0];
        // a pool, as the service's cluster DataSource is: the driver's own small one keeps the bench free of a
        // dependency (it is deprecated for applications, which should use HikariCP; a bench needs no more)
        @SuppressWarnings("deprecation")
        PGPoolingDataSource db = new PGPoolingDataSource();
        db.setURL(args[1]);
        db.setUser(args[2]);
        db.setMaxConnections(8);
        long seconds = Long.parseLong(args[3]);
        int threads = Integer.parseInt(args[4]);

        Map<String, List<double[]>> lateness = measureLateness();
        CamelContext context = new DefaultCamelContext();
        TencentOcrConfiguration config = context.getComponent("tencent-ocr", TencentOcrComponent.class)
                .getConfiguration();
        config.setEndpointUrl(sandboxUrl);
        config.setSecretId(EndToEndBench.SECRET_ID);
        config.setSecretKey(EndToEndBench.SECRET_KEY);
        config.setQuotaDataSource(db);
        context.start();
        ProducerTemplate template = context.createProducerTemplate();
        for (OcrAction action : OcrAction.values()) {
            context.getEndpoint("tencent-ocr:" + action.actionName()).start();
        }
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
        java.util.concurrent.atomic.AtomicBoolean stopping = new java.util.concurrent.atomic.AtomicBoolean();
        List<Thread> workers = new ArrayList<>();
        for (OcrAction action : OcrAction.values()) {
            for (int t = 0; t < threads; t++) {
                int seed = t;
                Thread w = new Thread(() -> {
                    byte[] image = TestImages.tinyPng(seed);
                    String uri = "tencent-ocr:" + action.actionName();
                    while (System.nanoTime() < deadline && !Thread.currentThread().isInterrupted()) {
                        Exchange e = template.send(uri, x -> x.getMessage().setBody(image));
                        if (stopping.get()) {
                            break; // interrupted by the stop, not an outcome of the run
                        }
                        String outcome = e.getException() == null ? "ok"
                                : e.getException() instanceof TencentOcrException t2 ? t2.code() : "other";
                        outcomes.computeIfAbsent(action.actionName() + " " + outcome, k -> new LongAdder()).increment();
                    }
                }, "bench-" + action.documentKind() + "-" + t);
                w.setDaemon(true);
                workers.add(w);
            }
        }
        System.out.println("ready");
        System.out.flush();
        workers.forEach(Thread::start);
        // the coordinator closes stdin to stop the node early
        Thread stopper = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // ignore input
                }
            } catch (java.io.IOException ignored) {
                // closed
            }
            stopping.set(true);
            workers.forEach(Thread::interrupt);
        });
        stopper.setDaemon(true);
        stopper.start();
        for (Thread w : workers) {
            w.join();
        }
        StringBuilder line = new StringBuilder("summary");
        outcomes.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e ->
                line.append(String.format(Locale.ROOT, " | %s=%d", e.getKey(), e.getValue().sum())));
        System.out.println(line);
        lateness.forEach((action, sends) -> {
            System.out.println("summary lateness " + action + " " + percentiles(sends));
            // turn, claimed at, the send as the row keeps it (database clock): the coordinator checks the pacing's rule
            StringBuilder turns = new StringBuilder("summary sends " + action + " ");
            synchronized (sends) {
                sends.forEach(x -> turns.append(String.format(Locale.ROOT, "%d:%.6f:%.6f;", (long) x[4], x[5], x[7])));
            }
            System.out.println(turns);
        });
        context.stop();
    }

    /**
     * Collects, per action, how far behind its slot each request left at most, and its parts (the claim behind the
     * slot, the claim's round trip, the claim's answer to the last byte), from the cluster pacer's trace lines.
     */
    private static Map<String, List<double[]>> measureLateness() {
        Map<String, List<double[]>> byAction = new ConcurrentHashMap<>();
        ch.qos.logback.classic.Logger pacing = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
                .getLogger(dev.ocrbridge.client.PostgresRequestPacer.class);
        AppenderBase<ILoggingEvent> collector = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                Object[] args = event.getArgumentArray();
                if (event.getLevel() == Level.TRACE && args != null && args.length == 9) {
                    double[] parts = new double[8];
                    for (int i = 0; i < 8; i++) {
                        parts[i] = ((Number) args[i + 1]).doubleValue();
                    }
                    byAction.computeIfAbsent(String.valueOf(args[0]),
                            k -> java.util.Collections.synchronizedList(new ArrayList<>())).add(parts);
                }
            }
        };
        collector.setContext(pacing.getLoggerContext());
        collector.start();
        pacing.addAppender(collector);
        pacing.setLevel(Level.TRACE);
        pacing.setAdditive(false); // the trace lines only here, not in the node's log
        return byAction;
    }

    /** "n=… behind p50/p90/p99/max …" for the whole lateness and each of its parts, in ms. */
    private static String percentiles(List<double[]> sends) {
        String[] names = {"behind slot", "claim behind slot", "round trip", "answer to last byte"};
        StringBuilder out = new StringBuilder("n=" + sends.size());
        synchronized (sends) {
            for (int p = 0; p < names.length; p++) {
                int part = p;
                double[] v = sends.stream().mapToDouble(x -> x[part]).sorted().toArray();
                if (v.length == 0) {
                    continue;
                }
                out.append(String.format(Locale.ROOT, " | %s ms p50 %.2f p90 %.2f p99 %.2f max %.2f", names[p],
                        v[v.length / 2], v[(int) (v.length * 0.9)], v[(int) (v.length * 0.99)], v[v.length - 1]));
            }
        }
        return out.toString();
    }
}
