package dev.ocrbridge.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import net.logstash.logback.composite.AbstractFieldJsonProvider;
import net.logstash.logback.composite.JsonProviders;
import net.logstash.logback.composite.loggingevent.LogLevelJsonProvider;
import net.logstash.logback.composite.loggingevent.LoggerNameJsonProvider;
import net.logstash.logback.composite.loggingevent.LoggingEventFormattedTimestampJsonProvider;
import net.logstash.logback.composite.loggingevent.LoggingEventJsonProviders;
import net.logstash.logback.composite.loggingevent.LoggingEventThreadNameJsonProvider;
import net.logstash.logback.composite.loggingevent.StackTraceJsonProvider;
import net.logstash.logback.encoder.LoggingEventCompositeJsonEncoder;
import org.slf4j.event.KeyValuePair;

/**
 * The JSON twin of {@link RedactingEncoder} (logstash-logback-encoder, one JSON object per line, for a log
 * collector): {@code @timestamp}, {@code level}, {@code logger_name}, {@code thread_name}, and the fields that can
 * carry data written through the same redaction as the plain lines: {@code message} as {@code %msg},
 * {@code mdc} as {@code %X} (Camel's ids as they are, every other value hashed), {@code kv} as {@code %kvp} and
 * {@code stack_trace} as {@code %ex} (class names and frames, no messages).
 *
 * <p>Its fields are fixed: logstash's own message, MDC, arguments and marker providers print values as they are,
 * so a {@code <providers>} element is refused rather than let one of them in.
 *
 * <pre>{@code <encoder class="dev.ocrbridge.logging.RedactingJsonEncoder"/>}</pre>
 */
public class RedactingJsonEncoder extends LoggingEventCompositeJsonEncoder {

    public RedactingJsonEncoder() {
        LoggingEventJsonProviders providers = new LoggingEventJsonProviders();
        providers.addTimestamp(new LoggingEventFormattedTimestampJsonProvider());
        providers.addLogLevel(new LogLevelJsonProvider());
        providers.addLoggerName(new LoggerNameJsonProvider());
        providers.addThreadName(new LoggingEventThreadNameJsonProvider());
        providers.addProvider(new Field("message") {
            private final RedactedMessageConverter message = new RedactedMessageConverter();

            @Override
            void write(JsonGenerator json, ILoggingEvent event) throws IOException {
                json.writeStringField(getFieldName(), message.convert(event));
            }
        });
        providers.addProvider(new Field("mdc") {
            @Override
            void write(JsonGenerator json, ILoggingEvent event) throws IOException {
                Map<String, String> mdc = event.getMDCPropertyMap();
                if (mdc == null || mdc.isEmpty()) {
                    return;
                }
                json.writeObjectFieldStart(getFieldName());
                for (Map.Entry<String, String> e : mdc.entrySet()) {
                    json.writeStringField(Redactor.mask(e.getKey()), RedactedMdcConverter.value(e.getKey(), e.getValue()));
                }
                json.writeEndObject();
            }
        });
        providers.addProvider(new Field("kv") {
            @Override
            void write(JsonGenerator json, ILoggingEvent event) throws IOException {
                List<KeyValuePair> pairs = event.getKeyValuePairs();
                if (pairs == null || pairs.isEmpty()) {
                    return;
                }
                json.writeObjectFieldStart(getFieldName());
                for (KeyValuePair pair : pairs) {
                    json.writeStringField(Redactor.mask(pair.key), Redactor.argument(pair.value));
                }
                json.writeEndObject();
            }
        });
        StackTraceJsonProvider stackTrace = new StackTraceJsonProvider();
        stackTrace.setThrowableConverter(new RedactedThrowableConverter());
        providers.addStackTrace(stackTrace);
        super.setProviders(providers);
    }

    /** Refused: the fields are fixed (see the class comment). */
    @Override
    public void setProviders(JsonProviders<ILoggingEvent> providers) {
        throw new UnsupportedOperationException("RedactingJsonEncoder writes a fixed set of redacted fields; "
                + "<providers> would let values through unredacted");
    }

    private abstract static class Field extends AbstractFieldJsonProvider<ILoggingEvent> {

        Field(String name) {
            setFieldName(name);
        }

        @Override
        public void writeTo(JsonGenerator json, ILoggingEvent event) throws IOException {
            write(json, event);
        }

        abstract void write(JsonGenerator json, ILoggingEvent event) throws IOException;
    }
}
