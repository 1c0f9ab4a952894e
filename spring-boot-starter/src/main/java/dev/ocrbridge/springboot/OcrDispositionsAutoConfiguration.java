package dev.ocrbridge.springboot;

import dev.ocrbridge.operations.OcrDispositions;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * ocrbridge's dispositions, the route configuration {@value OcrDispositions#ID} that a route names to be halted,
 * retried or dead-lettered by Tencent's error code, as a bean Camel picks up like any routes builder. Independent of
 * the component's auto-configuration: a component configured by hand may still want them. Switched off with
 * {@code camel.component.tencent-ocr.dispositions-route-configuration.enabled=false}; an application's own
 * {@link OcrDispositions} bean takes its place.
 */
@AutoConfiguration(after = CamelAutoConfiguration.class)
@ConditionalOnProperty(prefix = OcrDispositionsAutoConfiguration.PREFIX, name = "enabled", matchIfMissing = true)
public class OcrDispositionsAutoConfiguration {

    static final String PREFIX = TencentOcrComponentConfiguration.PREFIX + ".dispositions-route-configuration";

    @Bean
    @ConditionalOnMissingBean(OcrDispositions.class)
    public OcrDispositions ocrDispositions() {
        return new OcrDispositions();
    }
}
