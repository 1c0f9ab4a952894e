package dev.ocrbridge.operations;

import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.recognition.SafeNames;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * The backlog's gauges, per action: {@code ocrbridge_inbox_files}, {@code ocrbridge_inbox_oldest_seconds},
 * {@code ocrbridge_backlog_eta_seconds}, {@code ocrbridge_halted} and {@code ocrbridge_dead_letters{code}}, read
 * from {@link Backlog} once for all the gauges of one scrape; beside them {@code ocrbridge_send_rate} and
 * {@code ocrbridge_quota_rate}, the pacer's rate now and its configured quota (what the dashboard's rate is drawn
 * against).
 *
 * <p>A dead-letter code gets its gauge when a folder of it is found at start or a dead letter of it is counted;
 * registering happens there, never inside a scrape.
 */
final class BacklogMeters {

    /** Long enough for one scrape to read every gauge from one reading of the folders. */
    private static final long FRESH_NANOS = 500_000_000L;

    private final Backlog backlog;
    private final MeterRegistry registry;
    private final Set<String> codeGauges = ConcurrentHashMap.newKeySet();
    private Map<OcrAction, Backlog.Figures> figures;
    private long readAt;

    BacklogMeters(Backlog backlog, MeterRegistry registry) {
        this.backlog = backlog;
        this.registry = registry;
    }

    /** Registers every action's gauges and a dead-letter gauge per code folder already there. */
    void register() {
        for (OcrAction action : OcrAction.values()) {
            gauge(action, "ocrbridge.inbox.files", null, "Files waiting in the action's inbox",
                    f -> f.inboxFiles());
            gauge(action, "ocrbridge.inbox.oldest", "seconds", "Age of the oldest file waiting in the inbox",
                    f -> f.oldestSeconds());
            gauge(action, "ocrbridge.backlog.eta", "seconds",
                    "Time the inbox takes at the rate the action's requests are sent at now", f -> f.etaSeconds());
            gauge(action, "ocrbridge.halted", null, "1 while the action is halted", f -> f.halted() ? 1 : 0);
            Gauge.builder("ocrbridge.send.rate", backlog, b -> b.sendRate(action))
                    .description("Requests per second the action is sent at now: its quota, lower for a while after "
                            + "RequestLimitExceeded answers").tag("action", action.actionName()).register(registry);
            Gauge.builder("ocrbridge.quota.rate", backlog, b -> b.quotaRate(action))
                    .description("Requests per second the account's quota for the action allows, as configured")
                    .tag("action", action.actionName()).register(registry);
            current().get(action).deadLetters().keySet().forEach(code -> deadLetterCode(action, code));
        }
    }

    /** Makes sure a gauge counts the dead letters of {@code code} (as its folder is named). */
    void deadLetterCode(OcrAction action, String code) {
        String folder = SafeNames.safe(code);
        if (codeGauges.add(action.actionName() + '/' + folder)) {
            Gauge.builder("ocrbridge.dead.letters", this,
                            m -> m.current().get(action).deadLetters().getOrDefault(folder, 0))
                    .description("Originals in the action's dead-letter folder of an error code")
                    .tag("action", action.actionName()).tag("code", folder)
                    .register(registry);
        }
    }

    private void gauge(OcrAction action, String name, String unit, String description,
                       ToDoubleFunction<Backlog.Figures> value) {
        Gauge.builder(name, this, m -> value.applyAsDouble(m.current().get(action)))
                .description(description).baseUnit(unit).tag("action", action.actionName())
                .register(registry);
    }

    private synchronized Map<OcrAction, Backlog.Figures> current() {
        long now = System.nanoTime();
        if (figures == null || now - readAt > FRESH_NANOS) {
            figures = backlog.figures();
            readAt = now;
        }
        return figures;
    }
}
