package dev.ocrbridge.main;

import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.operations.DeadLetterRedrive;
import dev.ocrbridge.recognition.DataFolders;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * {@code ocrbridge redrive DOC CODE}: what {@code POST /ocrbridge/actions/<doc>/dead-letters/<code>/redrive} does,
 * from the shell, on the data folder itself: it works whether the service runs or not (a running one takes the
 * files at its next poll).
 */
final class RedriveCommand {

    private final OcrAction action;
    private final String code;
    private final Path dataDir;

    private RedriveCommand(OcrAction action, String code, Path dataDir) {
        this.action = action;
        this.code = code;
        this.dataDir = dataDir;
    }

    static RedriveCommand parse(Path home, String[] args) {
        String doc = null;
        String code = null;
        Path dataDir = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--data-dir") && i + 1 < args.length) {
                dataDir = Path.of(args[++i]);
            } else if (args[i].startsWith("--")) {
                throw new OcrBridgeCli.UsageException("unknown option of redrive");
            } else if (doc == null) {
                doc = args[i];
            } else if (code == null) {
                code = args[i];
            } else {
                throw new OcrBridgeCli.UsageException("redrive takes DOC and CODE only");
            }
        }
        if (doc == null || code == null) {
            throw new OcrBridgeCli.UsageException("redrive needs DOC and CODE");
        }
        OcrAction action = OcrAction.find(doc).orElseThrow(
                () -> new OcrBridgeCli.UsageException("DOC is health-code or korean-id-card"));
        if (!DeadLetterRedrive.isCode(code)) {
            throw new OcrBridgeCli.UsageException("CODE is an error code: letters, digits, '.', '_', '-', no '..'");
        }
        return new RedriveCommand(action, code, dataDir != null ? dataDir : configuredDataDir(home));
    }

    int run(PrintStream out) {
        DeadLetterRedrive.Result result = new DeadLetterRedrive(new DataFolders(dataDir)).redrive(action, code);
        out.println("{\"redriven\":" + result.redriven() + ",\"nameTaken\":" + result.nameTaken() + "}");
        return OcrBridgeCli.OK;
    }

    /**
     * {@code ocrbridge.data-dir} of home's config/application.properties, {@code data} without;
     * a relative one is taken from that home, as the service started there takes it.
     */
    private static Path configuredDataDir(Path home) {
        Path config = OcrBridgeCli.configuration(home);
        Properties p = new Properties();
        if (Files.isRegularFile(config)) {
            try (InputStream in = Files.newInputStream(config)) {
                p.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        // the service lets the environment override the file (camel-main); so does this
        String fromEnvironment = System.getenv("OCRBRIDGE_DATA_DIR");
        String dataDir = fromEnvironment != null && !fromEnvironment.isBlank() ? fromEnvironment
                : p.getProperty("ocrbridge.data-dir", "data");
        return home.resolve(dataDir.trim());
    }
}
