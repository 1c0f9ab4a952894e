package dev.ocrbridge.component;

import dev.ocrbridge.actions.OcrAction;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.spi.annotations.DevConsole;
import org.apache.camel.support.console.AbstractDevConsole;
import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;

/**
 * The {@code tencent-ocr} dev console (camel-console): per account and action, the configured and current rate, the
 * wait for a quota turn (last and average) and the halt, if any. An account is shown as a hash prefix of its
 * SecretId, never the SecretId. Read-only, as Camel's consoles are: a halt is resumed with the component's JMX
 * operation {@code resume}.
 */
@DevConsole(name = "tencent-ocr", displayName = "Tencent Cloud OCR",
        description = "Rates, quota waits and halts of the tencent-ocr component, per account and action")
public class TencentOcrDevConsole extends AbstractDevConsole {

    public TencentOcrDevConsole() {
        super("camel", "tencent-ocr", "Tencent Cloud OCR",
                "Rates, quota waits and halts of the tencent-ocr component, per account and action");
    }

    @Override
    protected String doCallText(Map<String, Object> options) {
        TencentOcrComponent component = component();
        if (component == null) {
            return "tencent-ocr: not used in this context";
        }
        StringBuilder text = new StringBuilder();
        for (TencentOcrComponent.AccountActionEntry entry : component.accountActions()) {
            AccountActionState state = entry.state();
            PacerWaits waits = state.waits();
            line(text, "%s  account %s", entry.action().actionName(), entry.account());
            line(text, "    rate: %d/s configured, %.1f/s now", state.pacer().rate(), state.pacer().currentRate());
            line(text, "    quota wait: last %d ms, average %d ms (%d turns)", millis(waits.lastNanos()),
                    millis(waits.averageNanos()), waits.turns());
            AccountActionState.Halt halt = state.halt();
            if (halt == null) {
                line(text, "    halted: no (%d halts since start)", state.halts());
            } else {
                line(text, "    halted: %s, RequestId %s, since %s (%d halts since start)", halt.code(),
                        halt.requestId() != null ? halt.requestId() : "none", halt.since(), state.halts());
            }
        }
        for (Map.Entry<OcrAction, AccountActionState.Halt> halted : sortedHalts(component)) {
            line(text, "%s  every account", halted.getKey().actionName());
            line(text, "    halted: %s, since %s", halted.getValue().code(), halted.getValue().since());
        }
        if (text.isEmpty()) {
            text.append("tencent-ocr: no endpoint has started yet");
        }
        return text.toString();
    }

    private static void line(StringBuilder text, String format, Object... args) {
        text.append(String.format(Locale.ROOT, format, args)).append('\n');
    }

    @Override
    protected Map<String, Object> doCallJson(Map<String, Object> options) {
        JsonObject root = new JsonObject();
        TencentOcrComponent component = component();
        JsonArray accounts = new JsonArray();
        JsonArray haltedActions = new JsonArray();
        if (component != null) {
            for (TencentOcrComponent.AccountActionEntry entry : component.accountActions()) {
                AccountActionState state = entry.state();
                PacerWaits waits = state.waits();
                JsonObject json = new JsonObject();
                json.put("account", entry.account());
                json.put("action", entry.action().actionName());
                json.put("rate", state.pacer().rate());
                json.put("currentRate", state.pacer().currentRate());
                json.put("lastWaitMillis", millis(waits.lastNanos()));
                json.put("averageWaitMillis", millis(waits.averageNanos()));
                json.put("turns", waits.turns());
                json.put("halts", state.halts());
                AccountActionState.Halt halt = state.halt();
                if (halt != null) {
                    json.put("halt", haltJson(halt));
                }
                accounts.add(json);
            }
            for (Map.Entry<OcrAction, AccountActionState.Halt> halted : sortedHalts(component)) {
                JsonObject json = haltJson(halted.getValue());
                json.put("action", halted.getKey().actionName());
                haltedActions.add(json);
            }
        }
        root.put("accounts", accounts);
        // actions halted for every account (by the runtime: its storage, another node), made accounts or not
        root.put("haltedActions", haltedActions);
        return root;
    }

    /** The component if the context has made it: the console never creates one. */
    private TencentOcrComponent component() {
        return getCamelContext().hasComponent("tencent-ocr") instanceof TencentOcrComponent c ? c : null;
    }

    private static List<Map.Entry<OcrAction, AccountActionState.Halt>> sortedHalts(TencentOcrComponent component) {
        return component.haltedActions().entrySet().stream()
                .sorted(Map.Entry.comparingByKey()).toList();
    }

    private static JsonObject haltJson(AccountActionState.Halt halt) {
        JsonObject json = new JsonObject();
        json.put("code", halt.code());
        if (halt.requestId() != null) {
            json.put("requestId", halt.requestId());
        }
        json.put("since", halt.since().toString());
        return json;
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }
}
