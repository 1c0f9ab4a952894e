package dev.ocrbridge.springboot;

import dev.ocrbridge.component.TencentOcrConfiguration;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.core.convert.converter.GenericConverter;

/**
 * Lets a property of an object type name a Spring bean, as Camel's starters do:
 * {@code camel.component.tencent-ocr.quota-data-source=#bean:ocrQuota} (or {@code #ocrQuota}).
 */
@Configuration(proxyBeanMethods = false)
@ConfigurationPropertiesBinding
public class TencentOcrComponentConverter implements GenericConverter {

    private final ApplicationContext applicationContext;

    public TencentOcrComponentConverter(ApplicationContext applicationContext) {
        this.applicationContext = applicationContext;
    }

    @Override
    public Set<ConvertiblePair> getConvertibleTypes() {
        return Set.of(new ConvertiblePair(String.class, TencentOcrConfiguration.class),
                new ConvertiblePair(String.class, DataSource.class));
    }

    @Override
    public Object convert(Object source, TypeDescriptor sourceType, TypeDescriptor targetType) {
        if (source == null || !source.toString().startsWith("#")) {
            return null;
        }
        String ref = source.toString();
        String name = ref.startsWith("#bean:") ? ref.substring("#bean:".length()) : ref.substring(1);
        return applicationContext.getBean(name, targetType.getType());
    }
}
