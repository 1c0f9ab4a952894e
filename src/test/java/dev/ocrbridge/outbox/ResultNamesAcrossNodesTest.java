package dev.ocrbridge.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.recognition.RecognitionJob;
import dev.ocrbridge.signing.Tc3Signer;
import dev.ocrbridge.testsupport.TestImages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes of a cluster writing results into one shared outbox: each node's name claims are its own, so both may
 * pick the same name for two images of the same name; the second write must not replace the first.
 */
class ResultNamesAcrossNodesTest {

    private static final OcrAction HEALTH = OcrAction.RECOGNIZE_HEALTH_CODE_OCR;

    @TempDir
    Path data;
    private final DefaultCamelContext camel = new DefaultCamelContext();

    @AfterEach
    void stop() throws Exception {
        camel.close();
    }

    private Outbox node() {
        Outbox outbox = new Outbox();
        outbox.setDataDir(data.toString());
        return outbox;
    }

    private static RecognitionJob job(String name, byte[] image) {
        return new RecognitionJob(HEALTH, new RecognitionJob.Source("file", name,
                Tc3Signer.sha256Hex(image, 0, image.length), image.length, "inbox/health-code/" + name), image);
    }

    private static byte[] result(RecognitionJob job) {
        return ResultDocuments.bytes(ResultDocuments.result(job, "ap-guangzhou", Map.of("Name", "x"), Instant.now()));
    }

    @Test
    void aNameAnotherNodeTookMeanwhileIsNeverReplacedTheSecondResultGetsItsContentSuffix() {
        Outbox nodeA = node();
        Outbox nodeB = node();
        RecognitionJob onA = job("scan.png", TestImages.noisePng(1));
        RecognitionJob onB = job("scan.png", TestImages.noisePng(2));
        Exchange exA = new DefaultExchange(camel);
        Exchange exB = new DefaultExchange(camel);
        Path dir = nodeA.folders().outbox(HEALTH);

        // both pick the name before either has written: each node's claims see only its own images
        assertThat(nodeA.resultBaseName(exA, onA, dir)).isEqualTo("scan");
        assertThat(nodeB.resultBaseName(exB, onB, dir)).isEqualTo("scan");
        assertThat(nodeB.writeResult(exB, dir, "scan", onB, name -> result(onB))).isEqualTo("scan");
        String written = nodeA.writeResult(exA, dir, "scan", onA, name -> result(onA));

        assertThat(written).isEqualTo("scan." + onA.source().sha256().substring(0, 12));
        assertThat(ResultDocuments.storedSha(dir.resolve("scan.json"))).isEqualTo(onB.source().sha256());
        assertThat(ResultDocuments.storedSha(dir.resolve(written + ".json"))).isEqualTo(onA.source().sha256());
        assertThat(Outbox.createdFiles(exA)).containsExactly(dir.resolve(written + ".json"));
        assertThat(Outbox.createdFiles(exB)).containsExactly(dir.resolve("scan.json"));
    }

    @Test
    void theSameImagesResultIsWrittenAgainInPlace() throws Exception {
        Outbox nodeA = node();
        Outbox nodeB = node();
        RecognitionJob onA = job("scan.png", TestImages.noisePng(3));
        RecognitionJob again = job("scan.png", TestImages.noisePng(3));
        Path dir = nodeA.folders().outbox(HEALTH);
        nodeA.writeResult(new DefaultExchange(camel), dir, "scan", onA, name -> result(onA));

        byte[] newer = result(again);
        assertThat(nodeB.writeResult(new DefaultExchange(camel), dir, "scan", again, name -> newer)).isEqualTo("scan");
        assertThat(Files.readAllBytes(dir.resolve("scan.json"))).isEqualTo(newer);
        assertThat(Files.list(dir)).hasSize(1);
    }

    @Test
    void writeNewLeavesAnExistingFileAsItIs() throws Exception {
        Path target = Files.createDirectories(data.resolve("outbox")).resolve("a.json");
        assertThat(AtomicFiles.writeNew(data.resolve("staging"), target, "first".getBytes(StandardCharsets.UTF_8)))
                .isTrue();
        assertThat(AtomicFiles.writeNew(data.resolve("staging"), target, "second".getBytes(StandardCharsets.UTF_8)))
                .isFalse();
        assertThat(Files.readString(target)).isEqualTo("first");
        assertThat(Files.getAttribute(target, "unix:nlink")).isEqualTo(1);
        // the process's own staging folder stays (with its lock); no staged copy is left in it
        try (var staged = Files.walk(data.resolve("staging"))) {
            assertThat(staged.filter(f -> f.getFileName().toString().endsWith(".tmp"))).isEmpty();
        }
    }
}
