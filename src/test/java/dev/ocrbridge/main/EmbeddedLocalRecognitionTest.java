package dev.ocrbridge.main;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ocrbridge.localocr.CjkFonts;
import dev.ocrbridge.localocr.Degradation;
import dev.ocrbridge.localocr.SyntheticDocuments;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's first run: no credentials, an image dropped in the inbox, real fields in the outbox. */
class EmbeddedLocalRecognitionTest {

    @Test
    void withNoCredentialsTheFieldsAreReadOnThisMachineInProcess(@TempDir Path data) throws Exception {
        assumeTrue(CjkFonts.available(), CjkFonts.missingMessage());
        Properties p = new Properties();
        p.setProperty("ocr.secret-id", "");
        p.setProperty("ocr.secret-key", "");
        p.setProperty("ocrbridge.data-dir", data.toString());
        p.setProperty("ocrbridge.file.settle-ms", "300");
        p.setProperty("ocrbridge.file.poll-ms", "100");
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        p.setProperty("camel.server.port", Integer.toString(port));
        p.setProperty("camel.management.port", Integer.toString(port));
        SyntheticDocuments.Sample card = SyntheticDocuments.koreanCards(List.of(Degradation.ORIGINAL)).get(0);
        try (OcrBridgeApplication app = new OcrBridgeApplication(p).start()) {
            assertThat(app.sandbox()).as("read in this process: no embedded sandbox").isNull();
            Path inbox = data.resolve("inbox/korean-id-card");
            Files.createDirectories(inbox);
            Path staged = Files.write(data.resolve(".card.png"), card.image());
            Files.move(staged, inbox.resolve("card.png"), StandardCopyOption.ATOMIC_MOVE);

            Path result = data.resolve("outbox/korean-id-card/card.json");
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(result));
            JsonNode fields = new ObjectMapper().readTree(result.toFile()).path("fields");
            assertThat(fields.path("ID").asText()).isEqualTo("820701-1234567");
            assertThat(fields.path("Name").asText()).isEqualTo("홍길동 (洪吉童)");
            assertThat(fields.path("Birthday").asText()).isEqualTo("01/07/1982");
        }
    }
}
