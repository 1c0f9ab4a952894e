package dev.ocrbridge.springboot;

import dev.ocrbridge.component.TencentOcrComponent;
import org.apache.camel.Component;
import org.apache.camel.spi.ComponentCustomizer;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.apache.camel.spring.boot.ComponentConfigurationProperties;
import org.apache.camel.spring.boot.util.CamelPropertiesHelper;
import org.apache.camel.spring.boot.util.ConditionalOnCamelContextAndAutoConfigurationBeans;
import org.apache.camel.spring.boot.util.ConditionalOnHierarchicalProperties;
import org.apache.camel.spring.boot.util.HierarchicalPropertiesEvaluator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Lazy;

/**
 * Configures the {@code tencent-ocr} component from {@code camel.component.tencent-ocr.*} as Camel's own component
 * starters do: a customizer copies the properties onto the component when Camel creates it, then fills in the
 * credentials from {@code TENCENTCLOUD_*} where none are configured. Switched off with
 * {@code camel.component.tencent-ocr.enabled=false} (or {@code camel.component.enabled=false}), the customizer alone
 * with {@code camel.component.tencent-ocr.customizer.enabled=false}.
 */
@AutoConfiguration(after = {CamelAutoConfiguration.class, TencentOcrComponentConverter.class})
@Conditional(ConditionalOnCamelContextAndAutoConfigurationBeans.class)
@EnableConfigurationProperties({ComponentConfigurationProperties.class, TencentOcrComponentConfiguration.class})
@ConditionalOnHierarchicalProperties({"camel.component", TencentOcrComponentConfiguration.PREFIX})
public class TencentOcrComponentAutoConfiguration {

    private final ApplicationContext applicationContext;
    private final TencentOcrComponentConfiguration configuration;

    public TencentOcrComponentAutoConfiguration(ApplicationContext applicationContext,
                                                TencentOcrComponentConfiguration configuration) {
        this.applicationContext = applicationContext;
        this.configuration = configuration;
    }

    @Lazy
    @Bean
    public ComponentCustomizer configureTencentOcrComponent() {
        return new ComponentCustomizer() {
            @Override
            public void configure(String name, Component target) {
                CamelPropertiesHelper.copyProperties(target.getCamelContext(), configuration, target);
                TencentCloudCredentials.fillIn(((TencentOcrComponent) target).getConfiguration(),
                        applicationContext.getEnvironment());
            }

            @Override
            public boolean isEnabled(String name, Component target) {
                return HierarchicalPropertiesEvaluator.evaluate(applicationContext, "camel.component.customizer",
                        TencentOcrComponentConfiguration.PREFIX + ".customizer")
                        && target instanceof TencentOcrComponent;
            }
        };
    }
}
