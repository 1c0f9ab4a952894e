package dev.ocrbridge.logging;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.pattern.ThrowableHandlingConverter;
import ch.qos.logback.core.pattern.CompositeConverter;
import ch.qos.logback.core.pattern.Converter;
import ch.qos.logback.core.pattern.ConverterUtil;
import ch.qos.logback.core.pattern.DynamicConverter;
import java.util.List;
import java.util.function.Supplier;

/**
 * A {@link PatternLayout} whose message and exception words are the redacting ones, whatever pattern an operator
 * writes: {@code %msg}/{@code %m}/{@code %message}, and every exception word ({@code %ex}, {@code %xEx},
 * {@code %rEx}, …), {@code %kvp} and the MDC ({@code %X}). A pattern without an exception word gets the redacting one appended, never logback's own.
 * Instance converters win over the defaults and over {@code <conversionRule>}, so configuration cannot undo it.
 */
public class RedactingPatternLayout extends PatternLayout {

    private static final List<String> MESSAGE_WORDS = List.of("m", "msg", "message");
    private static final List<String> THROWABLE_WORDS = List.of("ex", "exception", "throwable", "xEx", "xException",
            "xThrowable", "rEx", "rootException");

    public RedactingPatternLayout() {
        for (String word : MESSAGE_WORDS) {
            getInstanceConverterMap().put(word, converter(RedactedMessageConverter::new));
        }
        for (String word : THROWABLE_WORDS) {
            getInstanceConverterMap().put(word, converter(RedactedThrowableConverter::new));
        }
        getInstanceConverterMap().put("kvp", converter(RedactedKeyValueConverter::new));
        getInstanceConverterMap().put("X", converter(RedactedMdcConverter::new));
        getInstanceConverterMap().put("mdc", converter(RedactedMdcConverter::new));
        setPostCompileProcessor((context, head) -> {
            if (!handlesThrowable(head)) {
                Converter<ch.qos.logback.classic.spi.ILoggingEvent> tail = ConverterUtil.findTail(head);
                tail.setNext(new RedactedThrowableConverter());
            }
        });
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Supplier<DynamicConverter> converter(Supplier<? extends DynamicConverter> s) {
        return (Supplier) s;
    }

    private static boolean handlesThrowable(Converter<?> head) {
        for (Converter<?> c = head; c != null; c = c.getNext()) {
            if (c instanceof ThrowableHandlingConverter) {
                return true;
            }
            if (c instanceof CompositeConverter<?> composite && handlesThrowable(composite.getChildConverter())) {
                return true;
            }
        }
        return false;
    }
}
