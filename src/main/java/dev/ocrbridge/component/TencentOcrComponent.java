package dev.ocrbridge.component;

import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.client.LocalRequestPacer;
import dev.ocrbridge.client.PostgresRequestPacer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.api.management.ManagedAttribute;
import org.apache.camel.api.management.ManagedOperation;
import org.apache.camel.api.management.ManagedResource;
import org.apache.camel.spi.ManagementObjectNameStrategy;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.HealthCheckComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code tencent-ocr} component: recognizes identity-document images with Tencent Cloud OCR. It also holds what
 * every endpoint of the CamelContext shares: one request pacer per (SecretId, action), so that the account's quota
 * is kept whichever routes and endpoints call.
 */
@Component("tencent-ocr")
@ManagedResource(description = "Tencent Cloud OCR: halted actions, and their resume")
public class TencentOcrComponent extends HealthCheckComponent {

    private static final Logger LOG = LoggerFactory.getLogger(TencentOcrComponent.class);

    @Metadata
    private TencentOcrConfiguration configuration = new TencentOcrConfiguration();

    private final Map<AccountAction, AccountActionState> shared = new ConcurrentHashMap<>();
    /** Actions halted for every account ({@link #halt}): an account's state made later starts halted. */
    private final Map<OcrAction, AccountActionState.Halt> haltedActions = new ConcurrentHashMap<>();
    private UnaryOperator<String> environment = System::getenv;

    private record AccountAction(String secretId, OcrAction action) {
        @Override
        public String toString() {
            return action.actionName(); // never the SecretId
        }
    }

    public TencentOcrComponent() {
    }

    public TencentOcrComponent(CamelContext context) {
        super(context);
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        // the exact Tencent name only: the URI is what an integrator reads in their route
        OcrAction action = Arrays.stream(OcrAction.values()).filter(a -> a.actionName().equals(remaining)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown Tencent Cloud OCR action '" + remaining
                        + "'; expected one of " + OcrAction.actionNames()));
        TencentOcrConfiguration config = configuration != null ? configuration.copy() : new TencentOcrConfiguration();
        config.setAction(action.actionName());
        // a session token belongs to its key pair: an endpoint given a pair of its own takes no token from here
        // (it would be sent with keys it was not issued for, and answered AuthFailure.TokenFailure)
        boolean ownKeys = parameters.containsKey("secretId") || parameters.containsKey("secretKey");
        if (ownKeys && !parameters.containsKey("sessionToken")) {
            config.setSessionToken(null);
        }
        TencentOcrEndpoint endpoint = new TencentOcrEndpoint(uri, this, config);
        setProperties(endpoint, parameters);
        return endpoint;
    }

    /**
     * The state of an account's action (its pacer, its halt), made on first use. Everything that calls the action
     * with the same SecretId shares it; a caller configured with a lower rate lowers it for all (the quota is the
     * account's). With a quota data source the pacer is the cluster's ({@link PostgresRequestPacer}), else this
     * context's own ({@link LocalRequestPacer}).
     */
    AccountActionState shared(String secretId, OcrAction action, int rate, long periodMillis, long coldStartMillis,
                              DataSource quotaDataSource) {
        AccountAction key = new AccountAction(secretId, action);
        AccountActionState state = shared.computeIfAbsent(key, k -> {
            if (quotaDataSource == null) {
                return new AccountActionState(new LocalRequestPacer(rate, periodMillis, coldStartMillis));
            }
            PostgresRequestPacer pacer = new PostgresRequestPacer(quotaDataSource, secretId, action.actionName(), rate,
                    periodMillis, coldStartMillis);
            pacer.start();
            LOG.info("{}: requests paced across the cluster (quota data source)", k);
            return new AccountActionState(pacer);
        });
        AccountActionState.Halt actionHalt = haltedActions.get(action);
        if (actionHalt != null) {
            state.halted(actionHalt.code(), actionHalt.requestId());
        }
        DataSource existing = state.pacer() instanceof PostgresRequestPacer p ? p.dataSource() : null;
        if (existing != quotaDataSource) {
            throw new IllegalArgumentException(key + ": endpoints of one account must share one quotaDataSource (or"
                    + " all have none): the account's quota is paced in one place");
        }
        if (state.pacer().lowerRateTo(rate)) {
            LOG.warn("{}: endpoints of one account configure different rates; the lowest, {}/s, applies to all", key,
                    rate);
        }
        return state;
    }

    /**
     * Halts the action for every account: nothing more of it is sent from this context (requests waiting for their
     * turn are refused with a {@link dev.ocrbridge.errors.HaltRefusal}) until {@link #resume}. An endpoint halts its
     * own account's action by itself when an answer's disposition is halt; this is for what only the runtime knows
     * (its storage failed, another node of a cluster halted).
     *
     * @return true when the action was not halted here before
     */
    public boolean halt(OcrAction action, String code, String requestId) {
        boolean first = haltedActions.putIfAbsent(action, new AccountActionState.Halt(code, requestId)) == null;
        shared.forEach((key, state) -> {
            if (key.action() == action) {
                state.halted(code, requestId);
            }
        });
        return first;
    }

    /**
     * Lifts the halt of the action for every account, wherever it was raised: the endpoints send again.
     *
     * @return true when the action was halted for some account
     */
    @ManagedOperation(description = "Resumes a halted action (its Tencent name) for every account: sends go again")
    public boolean resume(String action) {
        OcrAction a = OcrAction.of(action);
        boolean was = haltedActions.remove(a) != null;
        for (var entry : shared.entrySet()) {
            if (entry.getKey().action() == a) {
                was |= entry.getValue().resume();
            }
        }
        if (was) {
            LOG.info("{} resumed: requests are sent again", a.actionName());
        }
        return was;
    }

    /** The halted actions and their codes, for every account (JMX, health). */
    @ManagedAttribute(description = "Halted actions and the code each was halted on")
    public Map<String, String> getHalts() {
        Map<String, String> halts = new java.util.TreeMap<>();
        shared.forEach((key, state) -> {
            AccountActionState.Halt h = state.halt();
            if (h != null) {
                halts.putIfAbsent(key.action().actionName(), h.code());
            }
        });
        haltedActions.forEach((a, h) -> halts.putIfAbsent(a.actionName(), h.code()));
        return halts;
    }

    /**
     * The rate this action's requests are spaced by now (requests per second): the lowest of its accounts' pacers,
     * so that a backlog's estimate errs long; empty while no endpoint of the action has started.
     */
    public OptionalDouble currentRate(OcrAction action) {
        return shared.entrySet().stream().filter(e -> e.getKey().action() == action)
                .mapToDouble(e -> e.getValue().pacer().currentRate()).min();
    }

    /**
     * The quota this action's requests are paced to (requests per second), as configured: the lowest of its
     * accounts' pacers, like {@link #currentRate}; empty while no endpoint of the action has started.
     */
    public OptionalDouble quotaRate(OcrAction action) {
        return shared.entrySet().stream().filter(e -> e.getKey().action() == action)
                .mapToDouble(e -> e.getValue().pacer().rate()).min();
    }

    /**
     * One account's action as the dev console shows it: the account named by {@link #accountLabel}, never by its
     * SecretId.
     */
    record AccountActionEntry(String account, OcrAction action, AccountActionState state) {
    }

    /** Every account's action state made so far, by action, then account. */
    List<AccountActionEntry> accountActions() {
        return shared.entrySet().stream()
                .map(e -> new AccountActionEntry(accountLabel(e.getKey().secretId()), e.getKey().action(),
                        e.getValue()))
                .sorted(Comparator.comparing((AccountActionEntry e) -> e.action().actionName())
                        .thenComparing(AccountActionEntry::account))
                .toList();
    }

    /** The actions halted for every account with {@link #halt}, and each one's halt. */
    Map<OcrAction, AccountActionState.Halt> haltedActions() {
        return Map.copyOf(haltedActions);
    }

    /**
     * An account as an operator may see it: the first 8 hex digits of its SecretId's SHA-256, enough to tell a
     * context's few accounts apart, too short to look the SecretId up; {@code local} for local recognition.
     */
    static String accountLabel(String secretId) {
        if (TencentOcrEndpoint.LOCAL_ACCOUNT.equals(secretId)) {
            return "local";
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(secretId.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /**
     * How a halted action is resumed in this runtime, for the halt's log line: the operation {@code resume} of this
     * component's MBean, named when the context is managed (camel-management); the service adds its own URL.
     */
    String resumeHint(OcrAction action) {
        String operation = "JMX operation resume(\"" + action.actionName() + "\")";
        ManagementObjectNameStrategy names = getCamelContext().getManagementStrategy().getManagementObjectNameStrategy();
        if (names != null) {
            try {
                ObjectName name = names.getObjectNameForComponent(this, "tencent-ocr");
                if (name != null) {
                    return operation + " on " + name;
                }
            } catch (MalformedObjectNameException e) {
                // the generic hint below still tells the way
            }
        }
        return operation + " on the tencent-ocr component's MBean (JMX needs camel-management in the runtime)";
    }

    public TencentOcrConfiguration getConfiguration() {
        return configuration;
    }

    /** The component's configuration: the options every endpoint starts from. */
    public void setConfiguration(TencentOcrConfiguration configuration) {
        this.configuration = configuration;
    }

    UnaryOperator<String> environment() {
        return environment;
    }

    /** For tests: where the TENCENTCLOUD_* fallback reads from (the process environment by default). */
    void setEnvironment(UnaryOperator<String> environment) {
        this.environment = environment;
    }
}
