package dev.ocrbridge.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.URL;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Spring configuration metadata the starter ships (what an IDE completes and describes) against the component's
 * own generated metadata: every component option is there under camel.component.tencent-ocr.*, described, with the
 * component's default, so that an option added to the component without its property here fails the build.
 */
class ConfigurationMetadataTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Map<String, JsonNode> springProperties;

    @BeforeAll
    static void readStartersMetadata() throws Exception {
        springProperties = new HashMap<>();
        for (URL url : Collections.list(ConfigurationMetadataTest.class.getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json"))) {
            try (InputStream in = url.openStream()) {
                for (JsonNode property : JSON.readTree(in).path("properties")) {
                    String name = property.path("name").asText();
                    if (name.startsWith("camel.component.tencent-ocr.") || name.startsWith("ocrbridge.")) {
                        springProperties.put(name, property);
                    }
                }
            }
        }
    }

    @Test
    void everyComponentOptionIsDescribedWithTheComponentsDefault() throws Exception {
        JsonNode options;
        try (InputStream in = ConfigurationMetadataTest.class
                .getResourceAsStream("/META-INF/dev/ocrbridge/component/tencent-ocr.json")) {
            options = JSON.readTree(in).path("componentProperties");
        }
        assertThat(options.size()).isGreaterThan(10);
        for (Iterator<Map.Entry<String, JsonNode>> it = options.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> option = it.next();
            String name = "camel.component.tencent-ocr." + kebab(option.getKey());
            assertThat(springProperties).as(name).containsKey(name);
            JsonNode property = springProperties.get(name);
            assertThat(property.path("description").asText()).as(name + " description").isNotBlank();
            JsonNode componentDefault = option.getValue().path("defaultValue");
            if (componentDefault.isMissingNode()) {
                assertThat(property.has("defaultValue")).as(name + " has no default").isFalse();
            } else {
                assertThat(property.path("defaultValue").asText()).as(name + " default")
                        .isEqualTo(componentDefault.asText());
            }
        }
    }

    @Test
    void theStartersOwnSwitchesAreDescribed() {
        for (String name : new String[] {"camel.component.tencent-ocr.enabled",
                "camel.component.tencent-ocr.customizer.enabled",
                "camel.component.tencent-ocr.dispositions-route-configuration.enabled"}) {
            assertThat(springProperties).as(name).containsKey(name);
            assertThat(springProperties.get(name).path("description").asText()).as(name).isNotBlank();
            assertThat(springProperties.get(name).path("defaultValue").asBoolean(false)).as(name).isTrue();
        }
    }

    private static String kebab(String camelCase) {
        return camelCase.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }
}
