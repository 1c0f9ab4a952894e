package dev.ocrbridge.component;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.junit.jupiter.api.Test;

/**
 * The component JSON that camel-component-maven-plugin generated (and the runtime ships) documents every option and
 * header the code declares, each with a description; the credentials are marked secret.
 */
class ComponentMetadataTest {

    private static final List<String> SECRETS = List.of("secretId", "secretKey", "sessionToken");

    @Test
    void everyOptionAndHeaderIsInTheGeneratedJsonWithItsDescription() throws Exception {
        JsonNode json;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/dev/ocrbridge/component/tencent-ocr.json")) {
            assertThat(in).as("generated component JSON on the class path").isNotNull();
            json = new ObjectMapper().readTree(in);
        }
        assertThat(json.at("/component/scheme").asText()).isEqualTo("tencent-ocr");
        assertThat(json.at("/component/producerOnly").asBoolean()).isTrue();
        assertThat(json.at("/component/description").asText()).isNotBlank();

        List<Field> options = Arrays.stream(TencentOcrConfiguration.class.getDeclaredFields())
                .filter(f -> f.isAnnotationPresent(UriParam.class) || f.isAnnotationPresent(UriPath.class)).toList();
        assertThat(options).hasSizeGreaterThan(15);
        for (Field option : options) {
            JsonNode endpointOption = json.at("/properties/" + option.getName());
            assertThat(endpointOption.path("description").asText()).as("endpoint option %s", option.getName())
                    .isNotBlank();
            assertThat(endpointOption.path("secret").asBoolean()).as("%s secret", option.getName())
                    .isEqualTo(SECRETS.contains(option.getName()));
            if (option.isAnnotationPresent(UriParam.class)) {
                // settable per component too: camel.component.tencent-ocr.<option>
                assertThat(json.at("/componentProperties/" + option.getName() + "/description").asText())
                        .as("component option %s", option.getName()).isNotBlank();
            }
        }

        List<Field> headers = Arrays.stream(TencentOcrConstants.class.getDeclaredFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()) && f.isAnnotationPresent(Metadata.class)).toList();
        assertThat(headers).hasSizeGreaterThanOrEqualTo(6);
        for (Field header : headers) {
            String name = (String) header.get(null);
            assertThat(json.at("/headers/" + name + "/description").asText()).as("header %s", name).isNotBlank();
        }
    }
}
