package dev.ocrbridge.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The walls between the packages (ARCHITECTURE.md), from the bottom up: the core (no Camel), the client, the
 * component — what an integrator's dependency brings ends there — then the local OCR and the sandbox, each using the
 * core only (the sandbox finds the local OCR through the Recognizer SPI, never by name), then the service's layers:
 * pipeline, outbox, operations, intake, cluster, app. Each may use the ones below it, never one above. A test fails
 * the build when an arrow runs back up, and another shows that it does.
 */
class WallsTest {

    private static final String[] CORE = {"dev.ocrbridge.actions..", "dev.ocrbridge.errors..",
        "dev.ocrbridge.signing..", "dev.ocrbridge.envelope..", "dev.ocrbridge.request..", "dev.ocrbridge.recognizer..",
        "dev.ocrbridge.http.."};
    private static final String[] SERVICE = {"Pipeline", "Outbox", "Operations", "Intake", "Cluster", "App"};

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.ocrbridge");

    static ArchRule layers() {
        return layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Core").definedBy(CORE)
                .layer("Client").definedBy("dev.ocrbridge.client..")
                .layer("Component").definedBy("dev.ocrbridge.component..")
                .layer("LocalOcr").definedBy("dev.ocrbridge.localocr..")
                .layer("Sandbox").definedBy("dev.ocrbridge.sandbox..")
                .layer("Logging").definedBy("dev.ocrbridge.logging..")
                .layer("Pipeline").definedBy("dev.ocrbridge.recognition..")
                .layer("Outbox").definedBy("dev.ocrbridge.outbox..")
                .layer("Operations").definedBy("dev.ocrbridge.operations..")
                .layer("Intake").definedBy("dev.ocrbridge.intake..")
                .layer("Cluster").definedBy("dev.ocrbridge.cluster..")
                .layer("App").definedBy("dev.ocrbridge.main..")
                .whereLayer("Client").mayOnlyBeAccessedByLayers(with("Component", SERVICE))
                .whereLayer("Component").mayOnlyBeAccessedByLayers(SERVICE)
                // found with ServiceLoader by whoever recognizes locally, never named
                .whereLayer("LocalOcr").mayNotBeAccessedByAnyLayer()
                .whereLayer("Sandbox").mayOnlyBeAccessedByLayers("App")
                .whereLayer("Logging").mayOnlyBeAccessedByLayers(with("Sandbox", SERVICE))
                .whereLayer("Pipeline").mayOnlyBeAccessedByLayers("Outbox", "Operations", "Intake", "Cluster", "App")
                .whereLayer("Outbox").mayOnlyBeAccessedByLayers("Operations", "Intake", "Cluster", "App")
                .whereLayer("Operations").mayOnlyBeAccessedByLayers("Intake", "Cluster", "App")
                .whereLayer("Intake").mayOnlyBeAccessedByLayers("Cluster", "App")
                .whereLayer("Cluster").mayOnlyBeAccessedByLayers("App")
                .whereLayer("App").mayNotBeAccessedByAnyLayer();
    }

    private static String[] with(String first, String... rest) {
        List<String> all = new ArrayList<>(List.of(rest));
        all.add(0, first);
        return all.toArray(String[]::new);
    }

    @Test
    void noArrowRunsBackUp() {
        layers().check(MAIN);
    }

    @Test
    void theCoreUsesNoCamelAndNoLoggingBackend() {
        noClasses().that().resideInAnyPackage(CORE).should().dependOnClassesThat()
                .resideInAnyPackage("org.apache.camel..", "ch.qos.logback..").check(MAIN);
    }

    @Test
    void theComponentUsesNothingAnIntegratorsDependencyDoesNotBring() {
        // what dev.ocrbridge:ocrbridge gives an integrator: camel-support, camel-http, Jackson; never the service's,
        // the sandbox's or the local OCR's libraries
        noClasses().that().resideInAnyPackage(with("dev.ocrbridge.client..", with("dev.ocrbridge.component..", CORE)))
                .should().dependOnClassesThat().resideInAnyPackage("org.bytedeco..", "com.google.zxing..",
                        "ai.onnxruntime..", "org.postgresql..", "com.zaxxer..", "io.vertx..", "ch.qos.logback..",
                        "jakarta.mail..", "com.jcraft..", "org.apache.camel.main..", "org.apache.camel.component.mail..",
                        "org.apache.camel.component.file.remote..", "org.apache.pdfbox..")
                .check(MAIN);
    }

    @Test
    void theWallTestFailsWhenSomeoneAddsAnUpwardImport() {
        JavaClasses withAnUpwardArrow = new ClassFileImporter().importClasses(dev.ocrbridge.request.UpwardArrow.class,
                dev.ocrbridge.outbox.Outbox.class);
        // UpwardArrow lives in the core's request package and uses the outbox: the rule must refuse it
        assertThatThrownBy(() -> layers().check(withAnUpwardArrow)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("UpwardArrow");
    }

    /** A class that reaches into another package by a fully qualified name in code hides the arrow from readers. */
    @Test
    void nothingReachesIntoAnotherPackageThroughAFullyQualifiedName() throws IOException {
        Pattern qualified = Pattern.compile("\\bdev\\.ocrbridge\\.([a-z.]+)\\.[A-Z]\\w*");
        List<String> found = new ArrayList<>();
        Path root = Path.of("src/main/java");
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String own = root.relativize(file.getParent()).toString().replace('/', '.');
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i).trim();
                    if (line.startsWith("import ") || line.startsWith("package ") || line.startsWith("*")
                            || line.startsWith("/*") || line.startsWith("//")) {
                        continue;
                    }
                    Matcher m = qualified.matcher(line);
                    while (m.find()) {
                        if (!("dev.ocrbridge." + m.group(1)).equals(own)) {
                            found.add(root.relativize(file) + ":" + (i + 1) + " " + m.group());
                        }
                    }
                }
            }
        }
        assertThat(found).isEmpty();
    }
}
