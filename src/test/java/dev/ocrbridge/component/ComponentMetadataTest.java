package dev.ocrbridge.component;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.junit.jupiter.api.Test;

/**
 * The component JSON that camel-component-maven-plugin generated (and the runtime ships) documents every option and
 * header the code declares, each with a description; the credentials (the API's and the proxy's) are marked secret.
 * The jar lists the component in {@code component.properties}, as catalogs expect; the doc's options block is the
 * generated one; the jar carries its LICENSE and a NOTICE naming the bundled language data.
 */
class ComponentMetadataTest {

    private static final List<String> SECRETS = List.of("secretId", "secretKey", "sessionToken", "proxyUsername",
            "proxyPassword");

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

    @Test
    void componentPropertiesOfThisJarNameTencentOcr() throws Exception {
        List<Properties> ours = new ArrayList<>();
        for (URL url : Collections.list(getClass().getClassLoader()
                .getResources("META-INF/services/org/apache/camel/component.properties"))) {
            Properties properties = new Properties();
            try (InputStream in = url.openStream()) {
                properties.load(in);
            }
            if ("dev.ocrbridge".equals(properties.getProperty("groupId"))) {
                ours.add(properties);
            }
        }
        assertThat(ours).as("component.properties of dev.ocrbridge on the class path").singleElement()
                .satisfies(p -> {
                    assertThat(p.getProperty("components").split(" ")).containsExactly("tencent-ocr");
                    assertThat(p.getProperty("artifactId")).isEqualTo("ocrbridge");
                });
    }

    @Test
    void theDocsOptionsBlockIsTheOneGeneratedFromTheJson() throws Exception {
        String doc = Files.readString(Path.of("src/main/docs/tencent-ocr-component.adoc"), StandardCharsets.UTF_8);
        int start = doc.indexOf("// component options: START");
        int end = doc.indexOf("// component options: END");
        assertThat(start).as("generated block's markers").isNotNegative().isLessThan(end);
        // Camel's update-readme writes these; Camel's doc tooling renders them as tables from the component JSON
        assertThat(doc.substring(start, end)).contains("include::partial$component-configure-options.adoc[]",
                "include::partial$component-endpoint-options.adoc[]",
                "include::partial$component-endpoint-headers.adoc[]");
        assertThat(doc).as("no hand-written options table").doesNotContain("|===");
        assertThat(doc).contains(":since: 4.18", ":component-header: Only producer is supported");
    }

    @Test
    void theJarCarriesItsLicenceAndANoticeOfTheBundledData() throws Exception {
        String notice = ours("META-INF/NOTICE");
        assertThat(notice).contains("@tesseract.js-data/kor", "@tesseract.js-data/chi_sim",
                "@tesseract.js-data/chi_tra", "tessdata_best", "Apache License, Version 2.0", "hanja 1.1.5",
                "MIT License", "Copyright (c) 2023 Rock Picado");
        assertThat(ours("META-INF/LICENSE")).contains("Apache License", "Version 2.0, January 2004");
    }

    /** The resource from this project's classes (every Apache jar has a META-INF/NOTICE too). */
    private String ours(String resource) throws Exception {
        URL classes = ComponentMetadataTest.class.getProtectionDomain().getCodeSource().getLocation();
        Path main = Path.of(classes.toURI()).resolveSibling("classes");
        return Files.readString(main.resolve(resource), StandardCharsets.UTF_8);
    }
}
