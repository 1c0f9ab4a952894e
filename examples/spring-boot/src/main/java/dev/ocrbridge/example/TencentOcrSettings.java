package dev.ocrbridge.example;

import dev.ocrbridge.component.TencentOcrComponent;
import dev.ocrbridge.component.TencentOcrConfiguration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Binds {@code camel.component.tencent-ocr.*} from Spring's configuration onto the component, as a Camel Spring Boot
 * starter does for Camel's own components (camel-main does it by itself; Spring Boot needs this bean). Any option of
 * the component, in kebab case: {@code endpoint-url}, {@code region}, {@code secret-id}, {@code rate}, ...
 */
@Configuration(proxyBeanMethods = false)
public class TencentOcrSettings {

    @Bean
    @ConfigurationProperties(prefix = "camel.component.tencent-ocr")
    TencentOcrConfiguration tencentOcrConfiguration() {
        return new TencentOcrConfiguration();
    }

    /** Camel finds a component by its scheme in the registry before it looks on the class path. */
    @Bean("tencent-ocr")
    TencentOcrComponent tencentOcrComponent(TencentOcrConfiguration configuration) {
        TencentOcrComponent component = new TencentOcrComponent();
        component.setConfiguration(configuration);
        return component;
    }
}
