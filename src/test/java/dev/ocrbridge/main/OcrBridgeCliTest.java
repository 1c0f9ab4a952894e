package dev.ocrbridge.main;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ocrbridge.localocr.CjkFonts;
import dev.ocrbridge.localocr.Degradation;
import dev.ocrbridge.localocr.SyntheticDocuments;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line's Java side, run in-process with its output captured: {@code recognize} on generated documents
 * through the component with local recognition (fields printed, one CSV row per image, the action named by the
 * folder or by {@code --action}, a code for what failed), and {@code redrive} on a data folder.
 */
class OcrBridgeCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) throws Exception {
        return runIn(OcrBridgeCli.home(), args);
    }

    private static Run runIn(Path home, String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = OcrBridgeCli.run(home, args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aFolderGivesOneCsvRowPerImageWithItsFolderSActionAndACodeForWhatFailed() throws Exception {
        assumeTrue(CjkFonts.available(), CjkFonts.missingMessage());
        SyntheticDocuments.Sample health = SyntheticDocuments.healthCodes(List.of(Degradation.ORIGINAL)).get(0);
        SyntheticDocuments.Sample card = SyntheticDocuments.koreanCards(List.of(Degradation.ORIGINAL)).get(0);
        Path scans = dir.resolve("scans");
        Files.createDirectories(scans.resolve("health-code"));
        Files.createDirectories(scans.resolve("korean-id-card"));
        Files.write(scans.resolve("health-code/h.png"), health.image());
        Files.write(scans.resolve("health-code/notes.txt"), "not an image".getBytes(StandardCharsets.UTF_8));
        Files.write(scans.resolve("korean-id-card/k.png"), card.image());
        Files.write(scans.resolve("loose.png"), health.image());
        Path csv = dir.resolve("out.csv");

        Run run = run("recognize", scans.toString(), "--csv", csv.toString());

        assertThat(run.exit()).as("some images failed").isEqualTo(OcrBridgeCli.SOME_FAILED);
        Map<String, CSVRecord> rows;
        try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r).getRecords()
                    .stream().collect(Collectors.toMap(c -> c.get("name"), Function.identity()));
        }
        assertThat(rows).containsOnlyKeys("health-code/h.png", "health-code/notes.txt", "korean-id-card/k.png",
                "loose.png");
        CSVRecord h = rows.get("health-code/h.png");
        assertThat(h.get("action")).isEqualTo("RecognizeHealthCodeOCR");
        assertThat(h.get("code")).isEmpty();
        assertThat(h.get("Color")).isEqualTo(health.expected().get("Color"));
        CSVRecord k = rows.get("korean-id-card/k.png");
        assertThat(k.get("action")).isEqualTo("RecognizeKoreanIDCardOCR");
        assertThat(k.get("code")).isEmpty();
        assertThat(k.get("ID")).matches("\\d{6}-\\d{7}");
        assertThat(k.get("Photo")).as("the shipped configuration asks for the head image").isNotEmpty();
        assertThat(rows.get("health-code/notes.txt").get("code")).as("refused by the component's pre-check")
                .isNotEmpty().doesNotStartWith("Cli.");
        assertThat(rows.get("loose.png").get("code")).isEqualTo(RecognizeCommand.NO_ACTION);
        assertThat(rows.get("loose.png").get("action")).isEmpty();

        assertThat(run.out()).as("the table shows the head image by its size").contains("  Photo        (an image, ")
                .doesNotContain(k.get("Photo"));
        assertThat(run.out()).contains("health-code/h.png  RecognizeHealthCodeOCR", "  Color",
                "loose.png    FAILED " + RecognizeCommand.NO_ACTION);
        assertThat(run.err()).as("not a terminal: plain lines").contains("[1/4] ", "[4/4] ").doesNotContain("\r");
    }

    @Test
    void aFileWithTheActionGivenPrintsItsFieldsAsJson() throws Exception {
        assumeTrue(CjkFonts.available(), CjkFonts.missingMessage());
        SyntheticDocuments.Sample health = SyntheticDocuments.healthCodes(List.of(Degradation.ORIGINAL)).get(0);
        Path image = Files.write(dir.resolve("scan.png"), health.image());

        Run run = run("recognize", image.toString(), "--action", "health-code", "--json");

        assertThat(run.exit()).isEqualTo(OcrBridgeCli.OK);
        JsonNode line = JSON.readTree(run.out().strip());
        assertThat(line.path("name").asText()).isEqualTo("scan.png");
        assertThat(line.path("action").asText()).isEqualTo("RecognizeHealthCodeOCR");
        assertThat(line.path("fields").path("Color").asText()).isEqualTo(health.expected().get("Color"));
    }

    @Test
    void recognizeAnswersWhatTheServiceWouldWithTheOptionsOfItsConfiguration() throws Exception {
        assumeTrue(CjkFonts.available(), CjkFonts.missingMessage());
        SyntheticDocuments.Sample card = SyntheticDocuments.koreanCards(List.of(Degradation.ORIGINAL)).get(0);
        Path image = Files.write(dir.resolve("card.png"), card.image());
        String shipped = Files.readString(Path.of("config/application.properties"));
        String masked = "ocr.korean-id-card.mask-id-number = true";
        String configuration = shipped.replace("ocr.korean-id-card.mask-id-number = false", masked);
        assertThat(configuration).as("the shipped file has the key this test turns on").contains(masked);
        Path home = dir.resolve("home");
        Files.writeString(Files.createDirectories(home.resolve("config")).resolve("application.properties"),
                configuration);

        Run run = runIn(home, "recognize", image.toString(), "--action", "korean-id-card", "--json");

        assertThat(run.exit()).isEqualTo(OcrBridgeCli.OK);
        JsonNode fields = JSON.readTree(run.out().strip()).path("fields");
        assertThat(fields.path("Photo").asText()).as("ocr.korean-id-card.return-head-image = true, as shipped")
                .isNotEmpty();
        assertThat(fields.path("ID").asText()).as("ocr.korean-id-card.mask-id-number = true")
                .matches("\\d{6}-\\d\\*{6}");
        assertThat(fields.path("Birthday").asText()).isNotEmpty();

        Run bare = runIn(dir.resolve("no-home"), "recognize", image.toString(), "--action", "korean-id-card",
                "--json");
        JsonNode defaults = JSON.readTree(bare.out().strip()).path("fields");
        assertThat(defaults.path("ID").asText()).as("without a configuration, the component's defaults")
                .matches("\\d{6}-\\d{7}");
        assertThat(defaults.path("Photo").asText()).isEmpty();
    }

    @Test
    void aFileNameWithLineBreaksAndTerminalEscapesStaysOneVisibleRowOfTheTable() throws Exception {
        Path scans = Files.createDirectories(dir.resolve("scans").resolve("health-code"));
        String hostile = "a\n[2 of 2] recognized\r\u001b[2Jb.png";
        Files.write(scans.resolve(hostile), "not an image".getBytes(StandardCharsets.UTF_8));

        Run run = run("recognize", dir.resolve("scans").toString());

        assertThat(run.out().lines().toList()).as("one row, its name escaped")
                .containsExactly("health-code/a\\n[2 of 2] recognized\\r\\u001b[2Jb.png  RecognizeHealthCodeOCR  FAILED "
                        + run.out().substring(run.out().indexOf("FAILED ") + 7).strip());
        assertThat(run.out()).doesNotContain("\u001b", "\r");
    }

    @Test
    void redriveMovesADeadLetterFolderBackIntoItsInboxAndRefusesACodeOutsideIt() throws Exception {
        Path data = dir.resolve("data");
        Path folder = Files.createDirectories(data.resolve("dead-letter/health-code/FailedOperation.ImageNoText"));
        Files.write(folder.resolve("a.png"), new byte[] {1, 2, 3});
        Files.writeString(folder.resolve("a.png.error.json"), "{}");

        Run run = run("redrive", "health-code", "FailedOperation.ImageNoText", "--data-dir", data.toString());

        assertThat(run.exit()).isEqualTo(OcrBridgeCli.OK);
        assertThat(run.out().strip()).isEqualTo("{\"redriven\":1,\"nameTaken\":0}");
        assertThat(data.resolve("inbox/health-code/a.png")).hasBinaryContent(new byte[] {1, 2, 3});
        assertThat(folder).isEmptyDirectory();

        assertThat(run("redrive", "health-code", "..", "--data-dir", data.toString()).exit())
                .isEqualTo(OcrBridgeCli.USAGE);
        assertThat(run("redrive", "passport", "X", "--data-dir", data.toString()).exit())
                .isEqualTo(OcrBridgeCli.USAGE);
    }
}
