package dev.ocrbridge.sandbox;

import static dev.ocrbridge.actions.OcrAction.RECOGNIZE_HEALTH_CODE_OCR;
import static dev.ocrbridge.actions.OcrAction.RECOGNIZE_KOREAN_ID_CARD_OCR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ocrbridge.recognizer.Recognizer;
import dev.ocrbridge.testsupport.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fixtures from a folder and at runtime, and how they combine with a recognizer. */
class FixturesTest {

    @TempDir
    Path dir;

    @Test
    void fixturesLoadFromAFolder() throws Exception {
        byte[] green = TestImages.tinyPng(10);
        byte[] noText = TestImages.tinyPng(11);
        Files.writeString(dir.resolve("green.json"), "{\"sha256\": \"" + FixtureRegistry.sha256(green).toUpperCase()
                + "\", \"fields\": {\"Name\": \"王*一\", \"Color\": \"绿色\"}}");
        Files.writeString(dir.resolve("no-text.json"), "{\"sha256\": \"" + FixtureRegistry.sha256(noText)
                + "\", \"error\": {\"Code\": \"FailedOperation.ImageNoText\", \"Message\": \"nothing to read\"}}");
        Files.writeString(dir.resolve("README.txt"), "not a fixture");

        try (OcrSandbox sandbox = OcrSandbox.builder().credential("AKIDfolder", "key").fixtures(dir).build().start()) {
            SignedClient client = new SignedClient(sandbox.port(), "AKIDfolder", "key");
            assertThat(sandbox.fixtures().size()).isEqualTo(2);
            SignedClient.Reply ok = client.postImage(RECOGNIZE_HEALTH_CODE_OCR, green);
            assertThat(ok.field("Name").asText()).isEqualTo("王*一");
            assertThat(ok.field("Color").asText()).isEqualTo("绿色");
            assertThat(ok.field("Time").asText()).isEmpty();
            SignedClient.Reply error = client.postImage(RECOGNIZE_HEALTH_CODE_OCR, noText);
            assertThat(error.code()).isEqualTo("FailedOperation.ImageNoText");
            assertThat(error.message()).isEqualTo("nothing to read");
            assertThat(client.postImage(RECOGNIZE_HEALTH_CODE_OCR, TestImages.tinyPng(12)).field("Name").asText())
                    .isEmpty();
        }
    }

    @Test
    void anInvalidFixtureFileFailsTheBuildNamingTheFile() throws Exception {
        Files.writeString(dir.resolve("broken.json"), "{\"fields\": {}}");
        assertThatThrownBy(() -> OcrSandbox.builder().fixtures(dir).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("broken.json");
    }

    @Test
    void fixtureFieldsWinOverTheRecognizerWhichAnswersOtherImages() throws Exception {
        byte[] known = TestImages.tinyPng(20);
        Recognizer recognizer = (action, image, parameters) -> {
            if (image.length > 0
                    && FixtureRegistry.sha256(image).equals(FixtureRegistry.sha256(TestImages.tinyPng(21)))) {
                throw new SandboxError("FailedOperation.OcrFailed", "engine says no");
            }
            return Map.of("Name", "recognized", "Photo", "from-recognizer", "Extra", parameters.toString());
        };
        try (OcrSandbox sandbox = OcrSandbox.builder().credential("AKIDrec", "key")
                .recognizer(RECOGNIZE_KOREAN_ID_CARD_OCR, recognizer).build().start()) {
            sandbox.fixtures().register(known, Map.of("Name", "fixture", "Photo", "fixture-photo"));
            SignedClient client = new SignedClient(sandbox.port(), "AKIDrec", "key");

            SignedClient.Reply fixture = client.post(RECOGNIZE_KOREAN_ID_CARD_OCR,
                    Map.of("ImageBase64", TestImages.base64(known), "ReturnHeadImage", true));
            assertThat(fixture.field("Name").asText()).isEqualTo("fixture");
            assertThat(fixture.field("Photo").asText()).isEqualTo("fixture-photo");
            assertThat(fixture.field("Address").asText()).isEmpty();

            SignedClient.Reply noPhoto = client.postImage(RECOGNIZE_KOREAN_ID_CARD_OCR, known);
            assertThat(noPhoto.field("Photo")).as("Photo only when ReturnHeadImage is true").isNull();

            SignedClient.Reply recognized = client.post(RECOGNIZE_KOREAN_ID_CARD_OCR,
                    Map.of("ImageBase64", TestImages.base64(TestImages.tinyPng(22)), "ReturnHeadImage", "true"));
            assertThat(recognized.field("Name").asText()).isEqualTo("recognized");
            assertThat(recognized.field("Photo").asText()).isEqualTo("from-recognizer");
            assertThat(recognized.field("Extra").asText()).isEqualTo("{ReturnHeadImage=true}");
            assertThat(client.postImage(RECOGNIZE_KOREAN_ID_CARD_OCR, TestImages.tinyPng(22)).field("Photo")).isNull();

            SignedClient.Reply refused = client.postImage(RECOGNIZE_KOREAN_ID_CARD_OCR, TestImages.tinyPng(21));
            assertThat(refused.code()).isEqualTo("FailedOperation.OcrFailed");
            assertThat(refused.message()).isEqualTo("engine says no");
            // the other action keeps the default recognizer
            assertThat(client.postImage(RECOGNIZE_HEALTH_CODE_OCR, TestImages.tinyPng(22)).field("Name").asText())
                    .isEmpty();
        }
    }

    @Test
    void registryValidatesKeys() {
        FixtureRegistry registry = OcrSandbox.builder().build().fixtures();
        assertThatThrownBy(() -> registry.register("xyz", Map.of())).isInstanceOf(IllegalArgumentException.class);
        registry.register("A".repeat(64), Map.of("Name", "n", "RequestId", "mine"));
        assertThat(registry.find("a".repeat(64))).get().satisfies(f -> {
            assertThat(f.fields()).containsOnlyKeys("Name");
            assertThat(f.isError()).isFalse();
        });
    }
}
