package dev.ocrbridge.service;

import static dev.ocrbridge.service.PipelineHarness.files;
import static dev.ocrbridge.service.PipelineHarness.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.operations.HaltSwitch;
import dev.ocrbridge.operations.OcrHealthCheck;
import dev.ocrbridge.sandbox.ObservedRequest;
import dev.ocrbridge.sandbox.OcrSandbox;
import dev.ocrbridge.testsupport.TestImages;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.support.ScheduledPollConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file-drop product job, end to end: XML routes, camel-http, the sandbox over real HTTP. */
class FileDropPipelineTest {

    private static final OcrAction HEALTH = OcrAction.RECOGNIZE_HEALTH_CODE_OCR;
    private static final OcrAction KOREAN = OcrAction.RECOGNIZE_KOREAN_ID_CARD_OCR;
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path data;
    private PipelineHarness harness;

    @AfterEach
    void stop() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    private PipelineHarness start(Properties extra) throws Exception {
        harness = PipelineHarness.start(data, OcrSandbox.builder(), extra);
        return harness;
    }

    private PipelineHarness start() throws Exception {
        return start(new Properties());
    }

    private static Properties props(String... kv) {
        Properties p = new Properties();
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        return p;
    }

    @Test
    void healthCodeIsRecognizedAndItsFieldsLandInTheResultFile() throws Exception {
        start();
        byte[] image = TestImages.noisePng(1);
        harness.sandbox().fixtures().register(image, Map.of("Name", "王*一", "Color", "绿色", "IDNumber", "11**01"));
        harness.drop(HEALTH, "staff-01.png", image);

        Path result = harness.outbox(HEALTH).resolve("staff-01.json");
        await().atMost(WAIT).until(() -> Files.isRegularFile(result));
        JsonNode r = json(result);
        assertThat(r.path("action").asText()).isEqualTo("RecognizeHealthCodeOCR");
        assertThat(r.path("region").asText()).isEqualTo("ap-guangzhou");
        assertThat(r.path("requestId").asText()).isNotBlank();
        assertThat(r.path("attempts").asInt()).isEqualTo(1);
        assertThat(r.path("fields").path("Name").asText()).isEqualTo("王*一");
        assertThat(r.path("fields").path("Color").asText()).isEqualTo("绿色");
        assertThat(r.path("source").path("channel").asText()).isEqualTo("file");
        assertThat(r.path("source").path("name").asText()).isEqualTo("staff-01.png");
        assertThat(r.path("source").path("bytes").asLong()).isEqualTo(image.length);
        assertThat(r.path("source").path("sha256").asText()).hasSize(64);
        await().atMost(WAIT).until(() -> Files.isRegularFile(harness.archive(HEALTH).resolve("staff-01.png")));
        assertThat(Files.readAllBytes(harness.archive(HEALTH).resolve("staff-01.png"))).isEqualTo(image);
        assertThat(files(harness.inbox(HEALTH))).isEmpty();
        assertThat(harness.sandbox().requests()).singleElement()
                .satisfies(req -> assertThat(req.errorCode()).isNull());
    }

    @Test
    void koreanIdCardIsRecognizedAndItsHeadImageIsSavedBesideTheResult() throws Exception {
        start();
        byte[] image = TestImages.noiseJpeg(2);
        byte[] photo = TestImages.noiseJpeg(99);
        harness.sandbox().fixtures().register(image, Map.of("Name", "홍길동", "ID", "820701-2345678",
                "Photo", Base64.getEncoder().encodeToString(photo)));
        harness.drop(KOREAN, "card.jpg", image);

        Path result = harness.outbox(KOREAN).resolve("card.json");
        // the result is written first (it takes the name for good), the photo right after it
        await().atMost(WAIT).until(() -> Files.isRegularFile(result)
                && Files.isRegularFile(harness.outbox(KOREAN).resolve("card.photo.jpg")));
        JsonNode r = json(result);
        assertThat(r.path("region").asText()).isEqualTo("ap-singapore");
        assertThat(r.path("fields").path("ID").asText()).isEqualTo("820701-2345678");
        assertThat(r.path("fields").path("Photo").asText()).isEqualTo("card.photo.jpg");
        assertThat(Files.readAllBytes(harness.outbox(KOREAN).resolve("card.photo.jpg"))).isEqualTo(photo);
    }

    @Test
    void aGifIsRejectedLocallyUnderTheActionsDecodeCodeWithoutCallingTheApi() throws Exception {
        start();
        byte[] gif = TestImages.noiseGif(3);
        harness.drop(KOREAN, "scan.gif", gif);

        Path dir = harness.deadLetter(KOREAN, "InvalidParameter.EngineImageDecodeFailed");
        await().atMost(WAIT).until(() -> Files.isRegularFile(dir.resolve("scan.gif.error.json"))
                && Files.isRegularFile(dir.resolve("scan.gif")));
        JsonNode e = json(dir.resolve("scan.gif.error.json"));
        assertThat(e.path("error").path("code").asText()).isEqualTo("InvalidParameter.EngineImageDecodeFailed");
        assertThat(e.path("error").path("disposition").asText()).isEqualTo("reject");
        assertThat(e.path("error").path("attempts").asInt()).isZero();
        assertThat(Files.readAllBytes(dir.resolve("scan.gif"))).isEqualTo(gif);
        assertThat(harness.sandbox().requests()).isEmpty();
    }

    @Test
    void anApiRejectIsDeadLetteredAtOnceUnderItsCode() throws Exception {
        start();
        byte[] image = TestImages.noisePng(4);
        harness.sandbox().faults().failNext("FailedOperation.ImageNoText", 1);
        harness.drop(HEALTH, "blank.png", image);

        Path dir = harness.deadLetter(HEALTH, "FailedOperation.ImageNoText");
        await().atMost(WAIT).until(() -> Files.isRegularFile(dir.resolve("blank.png")));
        JsonNode e = json(dir.resolve("blank.png.error.json"));
        assertThat(e.path("error").path("disposition").asText()).isEqualTo("reject");
        assertThat(e.path("error").path("requestId").asText()).isNotBlank();
        assertThat(e.path("error").path("attempts").asInt()).isEqualTo(1);
        assertThat(harness.sandbox().requests()).hasSize(1);
    }

    @Test
    void aRetrySucceedsOnTheThirdAttemptWithThreeFreshlySignedRequests() throws Exception {
        // 1.5 s initial delay: even with 25% jitter each attempt falls in a later second than the one before
        start(props("ocrbridge.retry.initial-delay-ms", "1500"));
        harness.sandbox().faults().failNext("InternalError", 2);
        harness.drop(HEALTH, "retry.png", TestImages.noisePng(5));

        Path result = harness.outbox(HEALTH).resolve("retry.json");
        await().atMost(WAIT).until(() -> Files.isRegularFile(result));
        assertThat(json(result).path("attempts").asInt()).isEqualTo(3);
        List<ObservedRequest> seen = harness.sandbox().requests();
        assertThat(seen).hasSize(3);
        assertThat(seen).extracting(ObservedRequest::errorCode).containsExactly("InternalError", "InternalError", null);
        assertThat(seen).extracting(ObservedRequest::xTcTimestamp).doesNotHaveDuplicates();
    }

    @Test
    void retriesAreBoundedThenTheImageIsDeadLetteredAsExhausted() throws Exception {
        start(props("ocrbridge.retry.max-redeliveries", "2"));
        harness.sandbox().faults().failNext("InternalError", 100);
        harness.drop(HEALTH, "doomed.png", TestImages.noisePng(6));

        Path dir = harness.deadLetter(HEALTH, "InternalError");
        await().atMost(WAIT).until(() -> Files.isRegularFile(dir.resolve("doomed.png")));
        JsonNode e = json(dir.resolve("doomed.png.error.json"));
        assertThat(e.path("error").path("disposition").asText()).isEqualTo("retry-exhausted");
        assertThat(e.path("error").path("attempts").asInt()).isEqualTo(3);
        assertThat(harness.sandbox().requests()).hasSize(3);
    }

    @Test
    void aHaltSuspendsEveryRouteThatFeedsTheActionWhateverItsIdOrGroup() throws Exception {
        start();
        Path own = Files.createDirectories(data.resolve("my-own-drop"));
        // an integrator's route of their own: no group, an id of their choosing, written for an earlier release
        // (the action under its former header)
        harness.app().camelContext().addRoutes(new org.apache.camel.builder.RouteBuilder() {
            @Override
            public void configure() {
                from("file:" + own + "?noop=true&idempotent=false&delay=100").routeId("my-own-route")
                        .setHeader("CamelOcrBridgeAction", constant(HEALTH.actionName()))
                        .setHeader("CamelOcrBridgeSourceChannel", constant("file"))
                        .setHeader("CamelOcrBridgeSourceName", header("CamelFileName"))
                        .to("direct:ocr-recognize");
            }
        });
        harness.sandbox().faults().actionAnswer(HEALTH, "FailedOperation.UnOpenError");
        Files.write(own.resolve("a.png"), TestImages.noisePng(4242));
        HaltSwitch halt = harness.app().camelContext().getRegistry().lookupByNameAndType("ocrHaltSwitch", HaltSwitch.class);
        await().atMost(WAIT).until(() -> halt.haltOf(HEALTH).isPresent());
        await().atMost(WAIT).until(() -> harness.app().camelContext().getRouteController()
                .getRouteStatus("my-own-route").isSuspended()
                && harness.app().camelContext().getRouteController().getRouteStatus("file-drop-health-code").isSuspended());
        assertThat(harness.app().camelContext().getRouteController().getRouteStatus("file-drop-korean-id-card")
                .isStarted()).as("the other action's intake goes on").isTrue();

        harness.sandbox().faults().clearActionAnswer(HEALTH);
        assertThat(halt.resume("health-code")).isTrue();
        await().atMost(WAIT).until(() -> harness.app().camelContext().getRouteController()
                .getRouteStatus("my-own-route").isStarted());
    }

    @Test
    void aChargeStatusHaltStopsIntakeKeepsTheInboxAndResumes() throws Exception {
        start();
        harness.sandbox().faults().actionAnswer(HEALTH, "ResourcesSoldOut.ChargeStatusException");
        byte[] first = TestImages.noisePng(7);
        harness.drop(HEALTH, "a.png", first);

        HaltSwitch halt = harness.app().camelContext().getRegistry().lookupByNameAndType("ocrHaltSwitch", HaltSwitch.class);
        await().atMost(WAIT).until(() -> halt.haltOf(HEALTH).isPresent());
        await().atMost(WAIT).until(() -> harness.app().camelContext().getRouteController()
                .getRouteStatus("file-drop-health-code").isSuspended());
        for (int i = 0; i < 5; i++) {
            harness.drop(HEALTH, "later-" + i + ".png", TestImages.noisePng(100 + i));
        }
        // halted: the inbox keeps every file, byte for byte, and nothing is dead-lettered
        await().atMost(WAIT).until(() -> files(harness.inbox(HEALTH)).size() == 6);
        harness.awaitIdle();
        assertThat(files(harness.inbox(HEALTH))).hasSize(6);
        assertThat(Files.readAllBytes(harness.inbox(HEALTH).resolve("a.png"))).isEqualTo(first);
        assertThat(files(data.resolve("dead-letter"))).isEmpty();
        assertThat(files(data.resolve("archive"))).isEmpty();
        HealthCheck.Result health = HealthCheckHelper.invoke(harness.app().camelContext()).stream()
                .filter(r -> r.getCheck().getId().equals(OcrHealthCheck.ID)).findFirst().orElseThrow();
        assertThat(health.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(health.getMessage()).hasValueSatisfying(m -> assertThat(m)
                .contains("ResourcesSoldOut.ChargeStatusException").contains("billing"));

        // the operator settles the bill and resumes
        harness.sandbox().faults().clearActionAnswer(HEALTH);
        assertThat(halt.resume("health-code")).isTrue();
        // each image leaves the inbox once its exchange is done, a moment after its result is written
        await().atMost(WAIT).until(() -> files(harness.outbox(HEALTH)).size() == 6
                && files(harness.inbox(HEALTH)).isEmpty());
        assertThat(files(harness.archive(HEALTH))).hasSize(6);
    }

    @Test
    void anImageAlreadyRecognizedIsNotSentAgainButItsResultIsReused() throws Exception {
        start();
        byte[] image = TestImages.noisePng(8);
        harness.sandbox().fixtures().register(image, Map.of("Name", "王*一"));
        harness.drop(HEALTH, "monday.png", image);
        await().atMost(WAIT).until(() -> Files.isRegularFile(harness.outbox(HEALTH).resolve("monday.json")));
        harness.drop(HEALTH, "tuesday.png", image);
        Path second = harness.outbox(HEALTH).resolve("tuesday.json");
        await().atMost(WAIT).until(() -> Files.isRegularFile(second));

        assertThat(harness.sandbox().requests()).hasSize(1);
        JsonNode r = json(second);
        assertThat(r.path("reused").asBoolean()).isTrue();
        assertThat(r.path("fields").path("Name").asText()).isEqualTo("王*一");
        assertThat(r.path("source").path("name").asText()).isEqualTo("tuesday.png");
        await().atMost(WAIT).until(() -> files(harness.archive(HEALTH)).size() == 2);
    }

    @Test
    void aFileStillBeingWrittenIsNotPickedUp() throws Exception {
        start();
        byte[] image = TestImages.noisePng(9);
        Files.createDirectories(harness.inbox(HEALTH));
        Path growing = harness.inbox(HEALTH).resolve("slow.png");
        Path partial = harness.inbox(HEALTH).resolve("other.png.part");
        Files.write(partial, image);
        // the first half arrives looking fresh (modified in the future) however slowly this machine runs the
        // writer: written under a name no poll takes, then given its name, which keeps its time
        Path hidden = harness.inbox(HEALTH).resolve(".slow.png");
        try (OutputStream out = Files.newOutputStream(hidden)) {
            out.write(image, 0, image.length / 2);
            out.flush();
            Files.setLastModifiedTime(hidden, FileTime.from(Instant.now().plus(Duration.ofHours(1))));
            Files.move(hidden, growing, StandardCopyOption.ATOMIC_MOVE);
            // a poll that lists the half-written file begins; only then does the rest arrive
            ScheduledPollConsumer consumer = (ScheduledPollConsumer) harness.app().camelContext()
                    .getRoute("file-drop-health-code").getConsumer();
            long polls = consumer.getCounter();
            await().atMost(WAIT).until(() -> consumer.getCounter() > polls);
            out.write(image, image.length / 2, image.length - image.length / 2);
        }
        await().atMost(WAIT).until(() -> Files.isRegularFile(harness.outbox(HEALTH).resolve("slow.json")));
        // taken once, whole: the half-written file was not sent, dead-lettered or archived
        assertThat(json(harness.outbox(HEALTH).resolve("slow.json")).path("source").path("bytes").asLong())
                .isEqualTo(image.length);
        await().atMost(WAIT).until(() -> Files.isRegularFile(harness.archive(HEALTH).resolve("slow.png")));
        assertThat(harness.archive(HEALTH).resolve("slow.png")).hasBinaryContent(image);
        assertThat(files(data.resolve("dead-letter"))).isEmpty();
        // a .part file is an in-progress copy by convention and stays
        assertThat(partial).exists();
        assertThat(harness.sandbox().requests()).hasSize(1);
    }

    @Test
    void twoDifferentImagesOfTheSameNameInFlightAtOnceKeepBothResultsAndOriginals() throws Exception {
        start();
        byte[] png = TestImages.noisePng(30);
        byte[] jpeg = TestImages.noiseJpeg(31);
        for (int i = 0; i < 5; i++) {
            harness.drop(HEALTH, "scan-" + i + ".png", TestImages.noisePng(40 + i));
        }
        harness.drop(HEALTH, "scan.png", png);
        harness.drop(HEALTH, "scan.jpg", jpeg);

        await().atMost(WAIT).until(() -> files(harness.archive(HEALTH)).size() == 7);
        assertThat(files(harness.outbox(HEALTH))).hasSize(7);
        assertThat(harness.archive(HEALTH).resolve("scan.png")).hasBinaryContent(png);
        assertThat(harness.archive(HEALTH).resolve("scan.jpg")).hasBinaryContent(jpeg);
        assertThat(files(harness.outbox(HEALTH)).stream()
                .map(f -> json(f).path("source").path("name").asText()))
                .contains("scan.png", "scan.jpg");
    }

    @Test
    void aResultFromAnotherEndpointIsNotReused() throws Exception {
        byte[] image = TestImages.noisePng(50);
        start();
        harness.drop(HEALTH, "first.png", image);
        await().atMost(WAIT).until(() -> Files.isRegularFile(harness.outbox(HEALTH).resolve("first.json")));
        harness.close();

        // same data folder, a different endpoint (a new sandbox on another port): the image is recognized anew
        harness = PipelineHarness.start(data, OcrSandbox.builder(), new Properties());
        harness.drop(HEALTH, "second.png", image);
        Path second = harness.outbox(HEALTH).resolve("second.json");
        await().atMost(WAIT).until(() -> Files.isRegularFile(second));
        assertThat(json(second).has("reused")).isFalse();
        assertThat(harness.sandbox().requests()).hasSize(1);
    }
}
