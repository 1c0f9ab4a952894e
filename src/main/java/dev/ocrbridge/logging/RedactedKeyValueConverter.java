package dev.ocrbridge.logging;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.event.KeyValuePair;

/**
 * {@code %kvp} of {@link RedactingEncoder}: slf4j 2 key/value pairs are a library's free text too, so the keys
 * are masked and the values printed as {@link Redactor#argument arguments} (hashed unless numbers and the like).
 */
public class RedactedKeyValueConverter extends ClassicConverter {

    @Override
    public String convert(ILoggingEvent event) {
        List<KeyValuePair> pairs = event.getKeyValuePairs();
        if (pairs == null || pairs.isEmpty()) {
            return "";
        }
        return pairs.stream().map(p -> Redactor.mask(p.key) + "=" + Redactor.argument(p.value))
                .collect(Collectors.joining(" "));
    }
}
