package dev.ocrbridge.operations;

import dev.ocrbridge.actions.OcrAction;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.camel.spi.annotations.DevConsole;
import org.apache.camel.support.console.AbstractDevConsole;
import org.apache.camel.util.json.JsonObject;

/**
 * The service's dev console entry (camel-console), beside the component's {@code tencent-ocr} one: the backlog per
 * action, the same figures as {@code /observe/metrics} and the health details ({@link Backlog}), and the answers
 * reused from the record of answers since start ({@link OcrMetrics}). The service's and
 * not the component's, which knows no folders: an integrator's runtime without the service has no entry.
 */
@DevConsole(name = "ocrbridge", displayName = "ocrbridge backlog",
        description = "Files waiting, the oldest one's age, ETA at the current rate, halt, dead letters and answers"
                + " reused per action")
public class OcrBridgeDevConsole extends AbstractDevConsole {

    public OcrBridgeDevConsole() {
        super("camel", "ocrbridge", "ocrbridge backlog",
                "Files waiting, the oldest one's age, ETA at the current rate, halt, dead letters and answers reused"
                        + " per action");
    }

    @Override
    protected String doCallText(Map<String, Object> options) {
        Backlog backlog = backlog();
        if (backlog == null) {
            return "ocrbridge: no backlog in this context (not the ocrbridge service)";
        }
        StringBuilder text = new StringBuilder();
        backlog.figures().forEach((action, f) -> {
            text.append(action.actionName()).append('\n');
            text.append(String.format(Locale.ROOT, "    inbox: %d files, oldest %.0f s, done in %s at the current rate%n",
                    f.inboxFiles(), f.oldestSeconds(),
                    Double.isNaN(f.etaSeconds()) ? "? (no rate yet)" : String.format(Locale.ROOT, "%.0f s",
                            f.etaSeconds())));
            text.append("    halted: ").append(f.halted() ? "yes" : "no").append('\n');
            text.append("    dead letters: ").append(f.deadLetters().isEmpty() ? "none" : f.deadLetters()).append('\n');
            text.append("    answers reused: ").append(answersReused(action)).append('\n');
        });
        return text.toString();
    }

    @Override
    protected Map<String, Object> doCallJson(Map<String, Object> options) {
        JsonObject root = new JsonObject();
        Backlog backlog = backlog();
        if (backlog != null) {
            for (Map.Entry<OcrAction, Backlog.Figures> e : backlog.figures().entrySet()) {
                Backlog.Figures f = e.getValue();
                JsonObject action = new JsonObject();
                action.put("inboxFiles", f.inboxFiles());
                action.put("inboxOldestSeconds", f.oldestSeconds());
                // JSON has no NaN: no rate yet is no figure
                action.put("backlogEtaSeconds", Double.isNaN(f.etaSeconds()) ? null : f.etaSeconds());
                action.put("halted", f.halted());
                action.put("deadLetters", new JsonObject(new TreeMap<String, Object>(f.deadLetters())));
                action.put("answersReused", answersReused(e.getKey()));
                root.put(e.getKey().actionName(), action);
            }
        }
        return root;
    }

    private long answersReused(OcrAction action) {
        OcrMetrics metrics = getCamelContext().getRegistry().findSingleByType(OcrMetrics.class);
        return metrics == null ? 0 : metrics.answersReused(action);
    }

    private Backlog backlog() {
        return getCamelContext().getRegistry().findSingleByType(Backlog.class);
    }
}
