package dev.ocrbridge.logging;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code %X} / {@code %mdc} of {@link RedactingEncoder}. Camel's own MDC keys (ids of the context, route, step,
 * exchange, message, breadcrumb) print as they are; any other value is hashed, because Camel's
 * {@code mdcLoggingKeysPattern} can copy any header, {@code CamelFileName} included, into the MDC.
 */
public class RedactedMdcConverter extends ClassicConverter {

    private static final Set<String> CAMEL_IDS = Set.of("camel.contextId", "camel.routeId", "camel.stepId",
            "camel.exchangeId", "camel.messageId", "camel.breadcrumbId", "camel.correlationId", "camel.transactionKey");

    private String key;
    private String defaultValue = "";

    @Override
    public void start() {
        String option = getFirstOption();
        if (option != null) {
            int sep = option.indexOf(":-");
            key = sep < 0 ? option : option.substring(0, sep);
            defaultValue = sep < 0 ? "" : option.substring(sep + 2);
        }
        super.start();
    }

    @Override
    public String convert(ILoggingEvent event) {
        Map<String, String> mdc = event.getMDCPropertyMap();
        if (mdc == null || mdc.isEmpty()) {
            return key == null ? "" : defaultValue;
        }
        if (key != null) {
            String value = mdc.get(key);
            return value == null ? defaultValue : value(key, value);
        }
        return mdc.entrySet().stream().map(e -> Redactor.mask(e.getKey()) + "=" + value(e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
    }

    /** An MDC value as it may be printed: Camel's ids as they are, anything else hashed. */
    static String value(String key, String value) {
        return CAMEL_IDS.contains(key) ? Redactor.own(value) : Redactor.hash(value);
    }
}
