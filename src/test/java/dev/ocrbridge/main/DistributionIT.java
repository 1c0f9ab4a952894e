package dev.ocrbridge.main;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ocrbridge.localocr.CjkFonts;
import dev.ocrbridge.localocr.Degradation;
import dev.ocrbridge.localocr.SyntheticDocuments;
import java.io.File;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution as an operator installs it: the built tar.gz unpacked into a fresh folder, {@code bin/ocrbridge}
 * started through a symlink elsewhere and from another working directory ({@code /}), a health code dropped into the
 * inbox under the install, its fields read by local recognition from the language data jar in {@code lib/}.
 */
class DistributionIT {

    @Test
    void theUnpackedDistributionRunsFromAnyWorkingDirectoryAndRecognizesAnImage(@TempDir Path install) throws Exception {
        assumeTrue(CjkFonts.available(), CjkFonts.missingMessage());
        Path archive = Path.of(System.getProperty("ocrbridge.dist.archive", "target/ocrbridge-dist.tar.gz"));
        assertThat(archive).as("the distribution is built by the package phase").isRegularFile();
        run(install, "tar", "-xzf", archive.toAbsolutePath().toString());
        Path home = install.resolve("ocrbridge-" + System.getProperty("ocrbridge.version", "0.1.0-SNAPSHOT"));
        assertThat(home.resolve("bin/ocrbridge")).isExecutable();
        assertThat(home.resolve("ocrbridge.service")).isRegularFile();
        assertThat(home.resolve("config/application.properties")).isRegularFile();
        assertThat(home.resolve("routes/recognition.xml")).isRegularFile();
        assertThat(home.resolve("lib/ocrbridge-tessdata.jar")).isRegularFile();

        SyntheticDocuments.Sample code = SyntheticDocuments.healthCodes(List.of(Degradation.ORIGINAL)).get(0);
        Path log = install.resolve("service.log");
        Path link = Files.createSymbolicLink(Files.createDirectories(install.resolve("usr-local-bin")).resolve("ocrbridge"),
                home.resolve("bin/ocrbridge"));
        ProcessBuilder service = new ProcessBuilder(link.toString(), "start")
                .directory(new File("/"))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        service.environment().put("JAVA_HOME", System.getProperty("java.home"));
        service.environment().put("OMP_THREAD_LIMIT", "1");
        service.environment().put("JAVA_OPTS", "-Xmx512m -Dcamel.server.port=" + freePort()
                + " -Dcamel.management.port=" + freePort()
                + " -Docrbridge.file.settle-ms=300 -Docrbridge.file.poll-ms=100");
        // keys a developer's shell may have must not send the test image to Tencent
        service.environment().remove("TENCENTCLOUD_SECRET_ID");
        service.environment().remove("TENCENTCLOUD_SECRET_KEY");
        service.environment().remove("OCRBRIDGE_DATA_DIR");
        Process process = service.start();
        try {
            // data goes under the install, not under the working directory
            Path inbox = home.resolve("data/inbox/health-code");
            await().atMost(Duration.ofSeconds(120)).until(() -> Files.isDirectory(inbox) || !process.isAlive());
            assertThat(process.isAlive()).as("the service is running; its output:%n%s", output(log)).isTrue();
            Path staged = Files.write(home.resolve("data/.code.png"), code.image());
            Files.move(staged, inbox.resolve("code.png"), StandardCopyOption.ATOMIC_MOVE);

            Path result = home.resolve("data/outbox/health-code/code.json");
            await().atMost(Duration.ofSeconds(120)).until(() -> Files.exists(result) || !process.isAlive());
            assertThat(result).as("the result; the service's output:%n%s", output(log)).exists();
            JsonNode fields = new ObjectMapper().readTree(result.toFile()).path("fields");
            assertThat(fields.path("Color").asText()).isEqualTo(code.expected().get("Color"));
        } finally {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    @Test
    void recognizeReadsAnImageGivenFromAnotherWorkingDirectory(@TempDir Path install, @TempDir Path work)
            throws Exception {
        assumeTrue(CjkFonts.available(), CjkFonts.missingMessage());
        Path archive = Path.of(System.getProperty("ocrbridge.dist.archive", "target/ocrbridge-dist.tar.gz"));
        run(install, "tar", "-xzf", archive.toAbsolutePath().toString());
        Path home = install.resolve("ocrbridge-" + System.getProperty("ocrbridge.version", "0.1.0-SNAPSHOT"));
        SyntheticDocuments.Sample code = SyntheticDocuments.healthCodes(List.of(Degradation.ORIGINAL)).get(0);
        Files.write(work.resolve("code.png"), code.image());

        // a path relative to the caller's working directory, which is neither the install nor /
        ProcessBuilder cli = new ProcessBuilder(home.resolve("bin/ocrbridge").toString(), "recognize", "code.png",
                "--action", "RecognizeHealthCodeOCR", "--json").directory(work.toFile());
        cli.environment().put("JAVA_HOME", System.getProperty("java.home"));
        cli.environment().put("OMP_THREAD_LIMIT", "1");
        cli.environment().remove("TENCENTCLOUD_SECRET_ID");
        cli.environment().remove("TENCENTCLOUD_SECRET_KEY");
        Path out = work.resolve("out.jsonl");
        Path err = work.resolve("err.log");
        Process process = cli.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(180, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("exit; stderr:%n%s", output(err)).isZero();
        JsonNode line = new ObjectMapper().readTree(Files.readAllLines(out, StandardCharsets.UTF_8).get(0));
        assertThat(line.toString()).contains(code.expected().get("Color"));
    }

    private static void run(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).inheritIO().start();
        assertThat(p.waitFor()).as(String.join(" ", command)).isZero();
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String output(Path log) throws Exception {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(none)";
    }
}
