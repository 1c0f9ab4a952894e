package dev.ocrbridge.component;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ocrbridge.sandbox.SandboxExtension;
import dev.ocrbridge.testsupport.TestImages;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Embedding proven: a fresh JVM with nothing of ocrbridge but its classes and their runtime dependencies, running
 * plain camel-main ({@code org.apache.camel.main.Main}) with one short XML route, file → tencent-ocr → file, against
 * the sandbox. The component is found by its scheme, configured per component from a
 * {@code camel.component.tencent-ocr.*} property, and takes its keys from the {@code TENCENTCLOUD_*} environment.
 */
class EmbeddingTest {

    private static final String ROUTE = """
            <camel>
              <route id="recognize-health-codes">
                <from uri="file:%s?initialDelay=0&amp;delay=100"/>
                <to uri="tencent-ocr:RecognizeHealthCodeOCR"/>
                <marshal><json/></marshal>
                <to uri="file:%s?fileName=${file:name.noext}.json"/>
              </route>
            </camel>
            """;

    private static final String LOGBACK = """
            <configuration>
              <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                <encoder><pattern>%level %logger - %msg%n</pattern></encoder>
              </appender>
              <root level="INFO"><appender-ref ref="OUT"/></root>
            </configuration>
            """;

    @RegisterExtension
    static final SandboxExtension SANDBOX = SandboxExtension.create();

    @TempDir
    Path dir;

    @Test
    void aFreshCamelMainRunsTheSmallestRouteFromTheJarAlone() throws Exception {
        Path inbox = Files.createDirectories(dir.resolve("inbox"));
        Path outbox = dir.resolve("outbox");
        Path route = Files.writeString(dir.resolve("route.xml"), ROUTE.formatted(inbox, outbox));
        Path logback = Files.writeString(dir.resolve("logback.xml"), LOGBACK);
        byte[] image = TestImages.tinyPng(42);
        SANDBOX.sandbox().fixtures().register(image, Map.of("Name", "김*준", "Color", "绿色"));
        Files.write(inbox.resolve("Kim Min-jun.png"), image);

        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", runtimeClassPath(),
                "-Dlogback.configurationFile=" + logback,
                "-Dcamel.main.routes-include-pattern=file:" + route,
                // stop on its own once the one image is done
                "-Dcamel.main.duration-max-messages=1",
                "-Dcamel.component.tencent-ocr.endpoint-url=" + SANDBOX.url(),
                "org.apache.camel.main.Main"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("output.log").toFile());
        builder.environment().put("TENCENTCLOUD_SECRET_ID", SandboxExtension.SECRET_ID);
        builder.environment().put("TENCENTCLOUD_SECRET_KEY", SandboxExtension.SECRET_KEY);
        Process process = builder.start();
        boolean exited;
        try {
            exited = process.waitFor(3, TimeUnit.MINUTES);
        } finally {
            process.destroyForcibly();
        }
        String output = Files.readString(dir.resolve("output.log"), StandardCharsets.UTF_8);

        assertThat(exited).as("camel-main stopped after one message; its output:%n%s", output).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        Path result = outbox.resolve("Kim Min-jun.json");
        assertThat(result).as(output).exists();
        JsonNode fields = new ObjectMapper().readTree(result.toFile());
        assertThat(fields.path("Name").asText()).isEqualTo("김*준");
        assertThat(fields.path("Color").asText()).isEqualTo("绿色");
        assertThat(fields.has("RequestId")).isFalse();
        assertThat(SANDBOX.sandbox().requests()).hasSize(1)
                .allSatisfy(r -> assertThat(r.secretId()).isEqualTo(SandboxExtension.SECRET_ID));
        // what the runtime printed names neither the person nor the key
        assertThat(output).doesNotContain("Kim Min-jun", "김*준", SandboxExtension.SECRET_KEY);
    }

    /** target/classes plus the runtime dependencies Maven resolved (dependency:build-classpath, runtime scope). */
    private static String runtimeClassPath() throws Exception {
        Path classes = Path.of(TencentOcrComponent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path dependencies = classes.getParent().resolve("runtime-classpath.txt");
        assertThat(dependencies).as("written by the build (generate-test-resources)").exists();
        return classes + File.pathSeparator + Files.readString(dependencies).strip();
    }
}
