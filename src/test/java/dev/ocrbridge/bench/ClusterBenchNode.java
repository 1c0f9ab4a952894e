package dev.ocrbridge.bench;

import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.component.TencentOcrComponent;
import dev.ocrbridge.component.TencentOcrConfiguration;
import dev.ocrbridge.component.TencentOcrException;
import dev.ocrbridge.sandbox.TestImages;
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
import org.postgresql.ds.PGSimpleDataSource;

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
        PGSimpleDataSource db = new PGSimpleDataSource();
        db.setURL(args[1]);
        db.setUser(args[2]);
        long seconds = Long.parseLong(args[3]);
        int threads = Integer.parseInt(args[4]);

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
        List<Thread> workers = new ArrayList<>();
        for (OcrAction action : OcrAction.values()) {
            for (int t = 0; t < threads; t++) {
                int seed = t;
                Thread w = new Thread(() -> {
                    byte[] image = TestImages.png(seed);
                    String uri = "tencent-ocr:" + action.actionName();
                    while (System.nanoTime() < deadline && !Thread.currentThread().isInterrupted()) {
                        Exchange e = template.send(uri, x -> x.getMessage().setBody(image));
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
        context.stop();
    }
}
