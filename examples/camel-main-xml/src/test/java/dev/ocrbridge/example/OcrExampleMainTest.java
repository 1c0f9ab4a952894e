package dev.ocrbridge.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ocrbridge.sandbox.OcrSandbox;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import javax.imageio.ImageIO;
import org.apache.camel.main.Main;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The integrator's application as it runs, with only ocrbridge's plain dependency, camel-main and the XML DSL on its
 * class path: its five-line XML route sends a dropped image to a real TC3 endpoint (ocrbridge's sandbox over loopback
 * HTTP, which checks the signature of every request) and writes the fields it answers.
 */
class OcrExampleMainTest {

    private static final String SECRET_ID = "AKIDcamelMainXml0123456789abcdefABCD";
    private static final String SECRET_KEY = "camelMainXmlKey0123456789abcdefABCD";

    @Test
    void aDroppedImageComesOutAsItsFieldsFromASignedTc3Call(@TempDir Path data) throws Exception {
        try (OcrSandbox sandbox = OcrSandbox.builder().host("127.0.0.1").port(0)
                .credential(SECRET_ID, SECRET_KEY).build().start()) {
            byte[] image = png(0x00AA00);
            sandbox.fixtures().register(image, Map.of("Name", "王*一", "Color", "绿色"));

            Properties p = new Properties();
            p.setProperty("example.inbox", data.resolve("inbox").toString());
            p.setProperty("example.outbox", data.resolve("outbox").toString());
            p.setProperty("camel.component.tencent-ocr.endpoint-url", sandbox.url());
            p.setProperty("camel.component.tencent-ocr.secret-id", SECRET_ID);
            p.setProperty("camel.component.tencent-ocr.secret-key", SECRET_KEY);
            Main main = new Main(OcrExampleMain.class);
            main.setOverrideProperties(p);
            main.start();
            try {
                Path inbox = Files.createDirectories(data.resolve("inbox"));
                Files.write(inbox.resolve(".staff-42.png.tmp"), image);
                Files.move(inbox.resolve(".staff-42.png.tmp"), inbox.resolve("staff-42.png"));

                Path result = data.resolve("outbox/staff-42.txt");
                Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(result));
                assertThat(Files.readString(result, StandardCharsets.UTF_8)).contains("Name=王*一", "Color=绿色");
                assertThat(sandbox.requests()).filteredOn(r -> r.succeeded()).hasSize(1);
            } finally {
                main.stop();
            }
        }
    }

    private static byte[] png(int rgb) throws Exception {
        BufferedImage img = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        img.setRGB(1, 2, rgb);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }
}
