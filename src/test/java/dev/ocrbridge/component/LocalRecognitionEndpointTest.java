package dev.ocrbridge.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ocrbridge.localocr.CjkFonts;
import dev.ocrbridge.localocr.Degradation;
import dev.ocrbridge.localocr.SyntheticDocuments;
import dev.ocrbridge.sandbox.OcrSandbox;
import dev.ocrbridge.testsupport.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code endpointUrl=local}: the class path's recognizer reads the image in this JVM, with no HTTP, no signature and
 * no keys, and answers what the sandbox answers with the same recognizer: the same fields, the same error codes.
 */
class LocalRecognitionEndpointTest extends CamelTestSupport {

    private static final String HEALTH = "tencent-ocr:RecognizeHealthCodeOCR?endpointUrl=local";
    private static final String KOREAN = "tencent-ocr:RecognizeKoreanIDCardOCR?endpointUrl=local&returnHeadImage=true";
    private static final String SECRET_ID = "AKIDlocalEndpointTest0123456789abcdef";
    private static final String SECRET_KEY = "localEndpointTestKey0123456789ab";
    private static OcrSandbox sandbox;

    @TempDir
    Path dir;

    @BeforeAll
    static void sandbox() {
        sandbox = OcrSandbox.builder().port(0).credential(SECRET_ID, SECRET_KEY).localRecognition().build().start();
    }

    @AfterAll
    static void stopSandbox() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        // no keys anywhere: local recognition needs none (and none from the environment)
        CamelContext context = super.createCamelContext();
        context.getComponent("tencent-ocr", TencentOcrComponent.class).setEnvironment(name -> null);
        return context;
    }

    @Test
    void theSameFieldsAsTheSandboxWithTheSameRecognizerAndNoSocket() throws Exception {
        assumeTrue(CjkFonts.available(), CjkFonts.missingMessage());
        SyntheticDocuments.Sample health = SyntheticDocuments.healthCodes(List.of(Degradation.ORIGINAL)).get(0);
        SyntheticDocuments.Sample card = SyntheticDocuments.koreanCards(List.of(Degradation.ORIGINAL)).get(0);
        // warm the engine outside the recording: its first load reads language data, no network either way
        template.request(HEALTH, e -> e.getMessage().setBody(health.image()));

        Map<String, Object> localHealth;
        Map<String, Object> localCard;
        List<RecordedEvent> socketEvents;
        try (Recording recording = new Recording()) {
            for (String event : List.of("jdk.SocketRead", "jdk.SocketWrite")) {
                recording.enable(event).withThreshold(Duration.ZERO).withStackTrace();
            }
            recording.start();
            localHealth = fields(template.request(HEALTH, e -> e.getMessage().setBody(health.image())));
            Path file = Files.write(dir.resolve("card.png"), card.image());
            localCard = fields(template.request(KOREAN, e -> e.getMessage().setBody(file.toFile())));
            recording.stop();
            Path jfr = dir.resolve("sockets.jfr");
            recording.dump(jfr);
            socketEvents = RecordingFile.readAllEvents(jfr);
        }
        assertThat(socketEvents).as("socket reads or writes while recognizing locally").isEmpty();
        assertThat(context.getEndpoints()).as("no HTTP endpoint made").noneMatch(e -> e.getEndpointUri().startsWith("http"));

        assertThat(localHealth).isEqualTo(viaSandbox("RecognizeHealthCodeOCR", health.image(), ""));
        assertThat(localHealth.get("Color")).isEqualTo(health.expected().get("Color"));
        assertThat(localCard).isEqualTo(viaSandbox("RecognizeKoreanIDCardOCR", card.image(), "&returnHeadImage=true"));
        assertThat(localCard).containsKey("Photo");
    }

    @Test
    void theSameErrorCodesAsTheSandboxForImagesItCannotRead() throws Exception {
        Map<String, byte[]> bad = new LinkedHashMap<>();
        bad.put("empty", new byte[0]);
        bad.put("not an image", "just text, no picture".getBytes());
        bad.put("a GIF", TestImages.tinyGif());
        bad.put("a truncated PNG", java.util.Arrays.copyOf(TestImages.noisePng(1), 300));
        bad.put("too many pixels", TestImages.pngDeclaring(20_000, 20_000));
        bad.put("a blank page", TestImages.blackBmp());
        List<String> differences = new ArrayList<>();
        for (Map.Entry<String, byte[]> image : bad.entrySet()) {
            // preCheck=false: the judge decides, not the component's own check
            String local = code(template.request(HEALTH + "&preCheck=false",
                    e -> e.getMessage().setBody(image.getValue())));
            String remote = code(template.request(sandboxUri("RecognizeHealthCodeOCR", "&preCheck=false"),
                    e -> e.getMessage().setBody(image.getValue())));
            assertThat(local).as(image.getKey()).isNotNull();
            if (!local.equals(remote)) {
                differences.add(image.getKey() + ": local " + local + ", sandbox " + remote);
            }
        }
        assertThat(differences).isEmpty();
    }

    @Test
    void anImageUrlIsRefusedWithoutDownloadingIt() {
        Exchange out = template.request(HEALTH, e -> e.getMessage().setHeader(TencentOcrConstants.IMAGE_URL,
                "http://127.0.0.1:9/card.png"));
        assertThat(out.getException(TencentOcrException.class).code()).isEqualTo("Source.InvalidImageUrl");
    }

    private Map<String, Object> viaSandbox(String action, byte[] image, String options) {
        return fields(template.request(sandboxUri(action, options), e -> e.getMessage().setBody(image)));
    }

    private static String sandboxUri(String action, String options) {
        return "tencent-ocr:" + action + "?endpointUrl=" + sandbox.url() + "&secretId=RAW(" + SECRET_ID
                + ")&secretKey=RAW(" + SECRET_KEY + ")" + options;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> fields(Exchange exchange) {
        assertThat(exchange.getException()).isNull();
        return exchange.getMessage().getBody(Map.class);
    }

    private static String code(Exchange exchange) {
        TencentOcrException e = exchange.getException(TencentOcrException.class);
        return e == null ? null : e.code();
    }
}
