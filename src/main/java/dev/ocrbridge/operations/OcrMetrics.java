package dev.ocrbridge.operations;

import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.recognition.Outcomes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;

/**
 * ocrbridge's meters, in the Micrometer registry Camel exposes (camel-micrometer-prometheus serves it on
 * {@code /observe/metrics}); a private registry when there is none, so the routes run the same either way.
 * Tags carry action, outcome, disposition and error code only: never a name, a file name or a field.
 */
public class OcrMetrics implements Outcomes, CamelContextAware {

    private CamelContext camelContext;
    private volatile MeterRegistry registry;
    private Backlog backlog;
    private volatile BacklogMeters backlogMeters;

    @Override
    public void outcome(OcrAction action, String outcome, String disposition, String code) {
        Counter.builder("ocrbridge.images")
                .description("Images finished, by action, outcome, disposition and error code")
                .tag("action", action.actionName())
                .tag("outcome", outcome)
                .tag("disposition", disposition == null ? "none" : disposition)
                .tag("code", code == null ? "none" : code)
                .register(registry()).increment();
        BacklogMeters meters = backlogMeters;
        if (meters != null && code != null && "dead-lettered".equals(outcome)) {
            meters.deadLetterCode(action, code);
        }
    }

    /** Images of the action answered from the record of answers instead of a new call, since start. */
    public long answersReused(OcrAction action) {
        return Math.round(registry().find("ocrbridge.images").tag("action", action.actionName())
                .tag("outcome", "reused").counters().stream().mapToDouble(Counter::count).sum());
    }

    /** Registers the backlog's gauges ({@link BacklogMeters}); once the folders exist, before the first scrape. */
    public synchronized void registerBacklogGauges() {
        if (backlog != null && backlogMeters == null) {
            BacklogMeters meters = new BacklogMeters(backlog, registry());
            meters.register();
            backlogMeters = meters;
        }
    }

    public void setBacklog(Backlog backlog) {
        this.backlog = backlog;
    }

    public MeterRegistry registry() {
        MeterRegistry r = registry;
        if (r == null) {
            synchronized (this) {
                r = registry;
                if (r == null) {
                    r = camelContext == null ? null
                            : camelContext.getRegistry().findSingleByType(MeterRegistry.class);
                    registry = r = r != null ? r : new SimpleMeterRegistry();
                }
            }
        }
        return r;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }
}
