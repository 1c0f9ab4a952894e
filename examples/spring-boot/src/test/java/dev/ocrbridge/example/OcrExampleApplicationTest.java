package dev.ocrbridge.example;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ocrbridge.sandbox.OcrSandbox;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

/**
 * The example application as it runs, against ocrbridge's sandbox over real HTTP, with nothing of its own but the
 * boot class and the XML route (the starter configures the component and adds the dispositions): an image dropped
 * into the inbox comes out of the XML route as its fields in the outbox.
 */
@CamelSpringBootTest
@SpringBootTest(classes = OcrExampleApplication.class)
class OcrExampleApplicationTest {

    private static final String SECRET_ID = "AKIDexampleApp0123456789abcdefABCDEF";
    private static final String SECRET_KEY = "exampleAppKey0123456789abcdefABCD";
    private static final OcrSandbox SANDBOX = OcrSandbox.builder().host("127.0.0.1").port(0)
            .credential(SECRET_ID, SECRET_KEY).build().start();
    private static final Path DATA = createTempDirectory();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("example.inbox", () -> DATA.resolve("inbox").toString());
        registry.add("example.outbox", () -> DATA.resolve("outbox").toString());
        registry.add("ocrbridge.data-dir", DATA::toString);
        registry.add("camel.component.tencent-ocr.endpoint-url", SANDBOX::url);
        // the names an operator exports; the starter reads them wherever Spring's Environment has them
        registry.add("TENCENTCLOUD_SECRET_ID", () -> SECRET_ID);
        registry.add("TENCENTCLOUD_SECRET_KEY", () -> SECRET_KEY);
    }

    @AfterAll
    static void stopSandbox() throws Exception {
        SANDBOX.close();
        FileSystemUtils.deleteRecursively(DATA);
    }

    @Test
    void aDroppedImageComesOutAsItsFields() throws Exception {
        byte[] image = png(0x00FF00);
        SANDBOX.fixtures().register(image, Map.of("Name", "王*一", "Color", "绿色"));
        Path inbox = Files.createDirectories(DATA.resolve("inbox"));
        Files.write(inbox.resolve(".staff-42.png.tmp"), image);
        Files.move(inbox.resolve(".staff-42.png.tmp"), inbox.resolve("staff-42.png"));

        Path result = DATA.resolve("outbox/staff-42.json");
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(result));

        JsonNode fields = new ObjectMapper().readTree(result.toFile());
        assertThat(fields.path("Name").asText()).isEqualTo("王*一");
        assertThat(fields.path("Color").asText()).isEqualTo("绿色");
        assertThat(SANDBOX.requests()).filteredOn(r -> r.succeeded()).hasSize(1);
    }

    @Test
    void aRejectedImageIsDeadLetteredWithItsErrorFile() throws Exception {
        byte[] image = png(0xFF0000); // another image than the other test's, so that no fixture answers for it
        SANDBOX.faults().failNext("FailedOperation.ImageNoText", 1);
        Path inbox = Files.createDirectories(DATA.resolve("inbox"));
        Files.write(inbox.resolve(".blank.png.tmp"), image);
        Files.move(inbox.resolve(".blank.png.tmp"), inbox.resolve("blank.png"));

        Path dir = DATA.resolve("dead-letter/health-code/FailedOperation.ImageNoText");
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(dir.resolve("blank.png.error.json")));
        JsonNode error = new ObjectMapper().readTree(dir.resolve("blank.png.error.json").toFile()).path("error");
        assertThat(error.path("code").asText()).isEqualTo("FailedOperation.ImageNoText");
        assertThat(error.path("disposition").asText()).isEqualTo("reject");
        assertThat(dir.resolve("blank.png")).hasBinaryContent(image);
        assertThat(DATA.resolve("outbox/blank.json")).doesNotExist();
    }

    private static byte[] png(int rgb) throws Exception {
        BufferedImage img = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        img.setRGB(1, 2, rgb);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    private static Path createTempDirectory() {
        try {
            return Files.createTempDirectory("ocrbridge-example");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
