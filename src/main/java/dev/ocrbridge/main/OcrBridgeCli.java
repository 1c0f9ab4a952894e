package dev.ocrbridge.main;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The command line's Java side (bin/ocrbridge runs it): {@code recognize FILE|DIR ...} reads images through the
 * tencent-ocr component ({@link RecognizeCommand}); {@code redrive DOC CODE} sends a dead-letter folder back into
 * its inbox ({@link RedriveCommand}). Exit codes: 0 done, 1 some images failed, 2 the command was wrong.
 */
public final class OcrBridgeCli {

    static final int OK = 0;
    static final int SOME_FAILED = 1;
    static final int USAGE = 2;

    static final String USAGE_TEXT = String.join("\n",
            "usage: ocrbridge recognize FILE|DIR [--action health-code|korean-id-card] [--json] [--csv OUT.csv]",
            "                           [--endpoint local|URL]",
            "       ocrbridge redrive DOC CODE [--data-dir DIR]",
            "",
            "recognize: without --action, an image's action is named by the folder it is in (health-code/ or",
            "  korean-id-card/, as in the inbox); local recognition is the default, --endpoint URL calls that",
            "  endpoint; the keys, regions, quotas and options are those of config/application.properties.",
            "redrive: moves dead-letter/DOC/CODE/ back into inbox/DOC/ (the data folder of",
            "  config/application.properties unless --data-dir).");

    private OcrBridgeCli() {
    }

    public static void main(String[] args) throws Exception {
        // standard output is the command's result: logs go to standard error, warnings only
        Path cliLogging = home().resolve("config").resolve("logback-cli.xml");
        if (System.getProperty("logback.configurationFile") == null && Files.isRegularFile(cliLogging)) {
            System.setProperty("logback.configurationFile", cliLogging.toString());
        }
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(args, out, err, System.console() != null));
    }

    /**
     * Where config/ is: the system property {@code ocrbridge.home} (bin/ocrbridge sets it to the distribution, so
     * the commands run from any working directory), else the working directory.
     */
    static Path home() {
        return Path.of(System.getProperty("ocrbridge.home", "."));
    }

    /** Runs one command with the configuration of {@link #home()}; answers its exit code. */
    static int run(String[] args, PrintStream out, PrintStream err, boolean terminal) throws Exception {
        return run(home(), args, out, err, terminal);
    }

    /** Runs one command with the configuration of {@code home}'s config/; answers its exit code. */
    static int run(Path home, String[] args, PrintStream out, PrintStream err, boolean terminal) throws Exception {
        if (args.length == 0) {
            err.println(USAGE_TEXT);
            return USAGE;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            return switch (args[0]) {
                case "recognize" -> RecognizeCommand.parse(rest).run(configuration(home), out, err, terminal);
                case "redrive" -> RedriveCommand.parse(home, rest).run(out);
                case "help", "--help", "-h" -> {
                    out.println(USAGE_TEXT);
                    yield OK;
                }
                default -> throw new UsageException("unknown command '" + args[0] + "'");
            };
        } catch (UsageException e) {
            err.println("ocrbridge: " + e.getMessage());
            err.println(USAGE_TEXT);
            return USAGE;
        }
    }

    /** The service's configuration file under {@code home}, which may not exist. */
    static Path configuration(Path home) {
        return home.resolve("config").resolve("application.properties");
    }

    /** A command line that cannot be run as it is; its message says what to change. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
