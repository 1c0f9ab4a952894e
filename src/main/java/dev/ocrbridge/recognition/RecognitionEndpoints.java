package dev.ocrbridge.recognition;

import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.component.TencentOcrEndpoint;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;
import org.apache.camel.EndpointAware;
import org.apache.camel.Navigate;
import org.apache.camel.Processor;
import org.apache.camel.Route;

/**
 * The {@code tencent-ocr} endpoint each action is recognized through: the one its recognition route (the
 * {@code ocr-recognition} template of {@code routes/recognition.xml}) sends to. Its configuration is the one
 * source of the action's region, limits and request options; the service reads them here instead of keeping
 * copies.
 */
final class RecognitionEndpoints {

    /** The route property naming the action a recognition route calls (the template sets it). */
    static final String RECOGNIZES_ROUTE_PROPERTY = "ocrbridge.recognizes";

    private final Map<OcrAction, TencentOcrEndpoint> found = new ConcurrentHashMap<>();

    TencentOcrEndpoint endpoint(CamelContext camelContext, OcrAction action) {
        return found.computeIfAbsent(action, a -> find(camelContext, a));
    }

    private static TencentOcrEndpoint find(CamelContext camelContext, OcrAction action) {
        if (camelContext == null) {
            throw new IllegalStateException("no Camel context to find the tencent-ocr endpoint of " + action);
        }
        for (Route route : camelContext.getRoutes()) {
            if (action.actionName().equals(route.getProperties().get(RECOGNIZES_ROUTE_PROPERTY))) {
                Optional<TencentOcrEndpoint> sentTo = sentTo(route.navigate(), action);
                if (sentTo.isPresent()) {
                    return sentTo.get();
                }
            }
        }
        // no recognition route (the beans wired by hand): the context's one endpoint of the action
        List<TencentOcrEndpoint> endpoints = camelContext.getEndpoints().stream()
                .filter(e -> e instanceof TencentOcrEndpoint t && t.action() == action)
                .map(TencentOcrEndpoint.class::cast).toList();
        if (endpoints.size() == 1) {
            return endpoints.get(0);
        }
        throw new IllegalStateException("no recognition route calls " + action + " (a route with the property "
                + RECOGNIZES_ROUTE_PROPERTY + "=" + action + " sending to tencent-ocr:" + action + ")");
    }

    private static Optional<TencentOcrEndpoint> sentTo(Navigate<Processor> processors, OcrAction action) {
        if (processors == null || !processors.hasNext()) {
            return Optional.empty();
        }
        for (Processor p : processors.next()) {
            if (p instanceof EndpointAware aware && aware.getEndpoint() instanceof TencentOcrEndpoint t
                    && t.action() == action) {
                return Optional.of(t);
            }
            if (p instanceof Navigate<?> nested) {
                @SuppressWarnings("unchecked")
                Optional<TencentOcrEndpoint> inside = sentTo((Navigate<Processor>) nested, action);
                if (inside.isPresent()) {
                    return inside;
                }
            }
        }
        return Optional.empty();
    }
}
