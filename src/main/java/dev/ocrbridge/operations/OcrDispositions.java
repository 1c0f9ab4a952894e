package dev.ocrbridge.operations;

import dev.ocrbridge.outbox.DeadLetterFolder;
import dev.ocrbridge.outbox.Outbox;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.apache.camel.spi.Registry;

/**
 * The dispositions as a reusable route configuration, id {@value #ID}: a route that names it
 * ({@code <route routeConfigurationId="ocr-dispositions">}) gets, for every failure, by its error code:
 * <ul>
 *   <li><b>halt</b> — the action's intake stops (every route feeding it is suspended), the exchange stays failed
 *       so its source is rolled back untouched, health turns DOWN until an operator resumes;</li>
 *   <li><b>retry</b> — redelivered with exponential back-off and jitter ({@code ocrbridge.retry.*}), each attempt
 *       signed anew; when the attempts are used up the image goes to {@code ocrbridge.dead-letter.retry-exhausted-uri};</li>
 *   <li><b>reject</b> — at once to {@code ocrbridge.dead-letter.rejected-uri}.</li>
 * </ul>
 * Both URIs default to {@code bean:ocrDeadLetters}, the product contract's folder layout under
 * {@code ocrbridge.data-dir}; any Camel endpoint will do (a JMS queue, a Kafka topic, {@code sql:insert ...}).
 * Codes map to dispositions as documented in the README; {@code ocrbridge.dispositions} overrides them.
 *
 * <p>The standalone service adds it at start-up. An integrator adds it like any route builder: a Spring
 * {@code @Bean}, or {@code camel.main.routes-builder-classes=dev.ocrbridge.operations.OcrDispositions}. It uses the
 * {@link DispositionHandler}, {@link HaltSwitch} and {@link OcrMetrics} beans found in the registry (by type), and
 * binds defaults for whichever is missing, so it also works with nothing of the service around it.
 */
public class OcrDispositions extends RouteConfigurationBuilder {

    public static final String ID = "ocr-dispositions";

    private volatile DispositionHandler handler;

    @Override
    public void configuration() {
        RouteConfigurationDefinition dispositions = routeConfiguration(ID);
        dispositions.onException(Exception.class)
                    .onWhen(exchange -> handler(exchange).isHalt(exchange))
                    .maximumRedeliveries(0).logExhausted(false).logStackTrace(false)
                    // not handled: the original goes back where it came from, untouched
                    .handled(false)
                    .process(exchange -> handler(exchange).halt(exchange));
        dispositions.onException(Exception.class)
                    .onWhen(exchange -> handler(exchange).isRetry(exchange))
                    .maximumRedeliveries("{{ocrbridge.retry.max-redeliveries:10}}")
                    .redeliveryDelay("{{ocrbridge.retry.initial-delay-ms:500}}")
                    .maximumRedeliveryDelay("{{ocrbridge.retry.max-delay-ms:30000}}")
                    .useExponentialBackOff().backOffMultiplier(2)
                    .useCollisionAvoidance().collisionAvoidanceFactor(0.25)
                    .asyncDelayedRedelivery().retryAttemptedLogLevel(LoggingLevel.DEBUG)
                    .logExhausted(false).logStackTrace(false)
                    .handled(true)
                    .process(exchange -> handler(exchange).deadLetter(exchange));
        // the rest (reject, and any code no rule names)
        dispositions.onException(Exception.class)
                    .maximumRedeliveries(0).logExhausted(false).logStackTrace(false)
                    .handled(true)
                    .process(exchange -> handler(exchange).deadLetter(exchange));
    }

    /**
     * Found at first use rather than when the configuration is built: the beans of XML routes are bound when their
     * file is loaded, which may come after this builder.
     */
    private DispositionHandler handler(Exchange exchange) {
        DispositionHandler h = handler;
        if (h == null) {
            synchronized (this) {
                h = handler;
                if (h == null) {
                    handler = h = lookupOrCreate(exchange.getContext());
                }
            }
        }
        return h;
    }

    private static DispositionHandler lookupOrCreate(CamelContext camel) {
        Registry registry = camel.getRegistry();
        DispositionHandler found = registry.findSingleByType(DispositionHandler.class);
        if (found != null) {
            return found;
        }
        // an integrator's runtime with nothing of the service: the defaults, configured from the same keys
        var properties = camel.getPropertiesComponent();
        if (registry.lookupByName("ocrDeadLetters") == null) {
            Outbox outbox = new Outbox();
            outbox.setDataDir(properties.resolveProperty("ocrbridge.data-dir").orElse("data"));
            DeadLetterFolder folder = new DeadLetterFolder();
            folder.setOutbox(outbox);
            registry.bind("ocrDeadLetters", folder);
        }
        HaltSwitch haltSwitch = registry.findSingleByType(HaltSwitch.class);
        if (haltSwitch == null) {
            haltSwitch = new HaltSwitch();
            haltSwitch.setCamelContext(camel);
            registry.bind("ocrHaltSwitch", haltSwitch);
        }
        OcrMetrics metrics = registry.findSingleByType(OcrMetrics.class);
        DispositionHandler handler = new DispositionHandler();
        handler.setCamelContext(camel);
        handler.setHaltSwitch(haltSwitch);
        handler.setMetrics(metrics);
        handler.setDispositionOverrides(properties.resolveProperty("ocrbridge.dispositions").orElse(""));
        properties.resolveProperty("ocrbridge.dead-letter.rejected-uri").ifPresent(handler::setRejectedUri);
        properties.resolveProperty("ocrbridge.dead-letter.retry-exhausted-uri").ifPresent(handler::setRetryExhaustedUri);
        return handler;
    }
}
