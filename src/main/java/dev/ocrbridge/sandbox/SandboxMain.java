package dev.ocrbridge.sandbox;

import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.http.BrowserRequestCheck;
import dev.ocrbridge.sandbox.cli.Console;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The sandbox as a standalone server ("LocalStack for Tencent OCR"):
 *
 * <pre>
 * java -cp target/ocrbridge.jar:target/lib/* dev.ocrbridge.sandbox.SandboxMain \
 *      [--host 127.0.0.1] [--port 9400] [--credential AKID...:secret[:token]]... [--fixtures dir]
 *      [--latency-ms 500] [--quota RecognizeHealthCodeOCR=10]... [--max-base64-bytes Action=bytes]... [--seed n]
 *      [--recognizer local|empty] [--foreign-load RecognizeHealthCodeOCR=3]... [--admin-token-file file]
 * </pre>
 *
 * Without {@code --credential} it generates a throwaway pair and prints it once. Bound beyond loopback, its admin
 * API asks for a token: {@code OCR_SANDBOX_ADMIN_TOKEN} from the environment, or the content of
 * {@code --admin-token-file}, or one generated and printed once (to the operator's own console). Stops on SIGTERM /
 * Ctrl-C.
 */
public final class SandboxMain {

    static final String USAGE = String.join("\n",
            "Usage: SandboxMain [options]",
            "  --host HOST                      interface to bind (default 127.0.0.1)",
            "  --port PORT                      port (default 9400; 0 = any free port)",
            "  --credential ID:KEY[:TOKEN]      accepted key pair, repeatable (default: a generated one, printed)",
            "  --fixtures DIR                   folder of *.json fixtures {\"sha256\":..., \"fields\"|\"error\":...}",
            "  --latency-ms N                   delay added to every answer",
            "  --quota ACTION=N                 requests per second per SecretId, repeatable",
            "  --max-base64-bytes ACTION=N      largest ImageBase64 accepted, repeatable",
            "  --seed N                         seed of the fault injection's random draws",
            "  --foreign-load ACTION=N          another application using N requests/s of the action's quota",
            "                                   (the first credential's), counted like real requests; repeatable",
            "  --recognizer local|empty         local: real fields read on this machine (default);",
            "                                   empty: every field \"\" (fixtures still apply)",
            "  --admin-token-file FILE          bound beyond loopback: the admin API's token, read from FILE",
            "                                   (or OCR_SANDBOX_ADMIN_TOKEN; default: a generated one, printed)",
            "Admin API (JSON; loopback clients only, or with 'Authorization: Bearer TOKEN' when bound beyond",
            "  loopback): GET|POST /_sandbox/faults, POST /_sandbox/reset, GET /_sandbox/stats,",
            "  GET /_sandbox/requests, POST /_sandbox/fixtures, GET|POST /_sandbox/foreign-load, GET /_sandbox/health");

    /** The environment variable that holds the admin token of a sandbox bound beyond loopback. */
    static final String ADMIN_TOKEN_ENV = "OCR_SANDBOX_ADMIN_TOKEN";

    static final int DEFAULT_PORT = 9400;

    private SandboxMain() {
    }

    public static void main(String[] args) {
        // the JDK's HTTP server logs through java.util.logging: into SLF4J, where the logging configuration rules
        dev.ocrbridge.logging.JulBridge.install();
        Console console = Console.system();
        OcrSandbox sandbox;
        try {
            sandbox = launch(args, console, System::getenv);
        } catch (IllegalArgumentException e) {
            console.error("error: " + e.getMessage());
            console.error(USAGE);
            System.exit(2);
            return;
        } catch (java.io.UncheckedIOException e) {
            console.error("error: " + e.getMessage() + " (" + e.getCause().getMessage() + ")");
            System.exit(1);
            return;
        }
        if (sandbox == null) {
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(sandbox::close, "ocr-sandbox-shutdown"));
        // The HTTP server's dispatcher thread keeps the JVM alive until SIGTERM / Ctrl-C runs the hook.
    }

    /**
     * Parses the arguments, starts the sandbox and prints where it listens (and the generated credential, if any).
     *
     * @return the running sandbox, or null when only the usage was asked for
     * @throws IllegalArgumentException on a bad argument
     */
    static OcrSandbox launch(String[] args, Console console) {
        return launch(args, console, name -> null);
    }

    /** As {@link #launch(String[], Console)}, with the process environment ({@value #ADMIN_TOKEN_ENV}). */
    static OcrSandbox launch(String[] args, Console console, java.util.function.Function<String, String> env) {
        OcrSandbox.Builder builder = OcrSandbox.builder().port(DEFAULT_PORT);
        String host = "127.0.0.1";
        Path adminTokenFile = null;
        List<String[]> credentials = new ArrayList<>();
        Long latency = null;
        Long seed = null;
        boolean local = true;
        java.util.Map<OcrAction, Double> foreign = new java.util.EnumMap<>(OcrAction.class);
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                console.info(USAGE);
                return null;
            }
            String value = i + 1 < args.length ? args[++i] : null;
            if (value == null) {
                throw new IllegalArgumentException(arg + " needs a value");
            }
            switch (arg) {
                case "--host" -> {
                    builder.host(value);
                    host = value.trim();
                }
                case "--admin-token-file" -> adminTokenFile = Path.of(value);
                case "--port" -> builder.port(integer(arg, value));
                case "--credential" -> {
                    String[] parts = value.split(":", 3);
                    if (parts.length < 2 || parts[0].isBlank() || parts[1].isEmpty()) {
                        throw new IllegalArgumentException("--credential must be SECRET_ID:SECRET_KEY[:TOKEN]");
                    }
                    credentials.add(parts);
                }
                case "--fixtures" -> {
                    Path dir = Path.of(value);
                    if (!Files.isDirectory(dir)) {
                        throw new IllegalArgumentException("--fixtures: not a folder: " + value);
                    }
                    builder.fixtures(dir);
                }
                case "--latency-ms" -> latency = (long) integer(arg, value);
                case "--quota" -> builder.quota(action(arg, value), integer(arg, afterEquals(arg, value)));
                case "--max-base64-bytes" -> builder.maxBase64Bytes(action(arg, value), integer(arg, afterEquals(arg, value)));
                case "--seed" -> seed = Long.parseLong(value);
                case "--foreign-load" -> foreign.put(action(arg, value), perSecond(arg, afterEquals(arg, value)));
                case "--recognizer" -> local = switch (value.trim()) {
                    case "local" -> true;
                    case "empty" -> false;
                    default -> throw new IllegalArgumentException("--recognizer must be local or empty");
                };
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        for (String[] c : credentials) {
            builder.credential(c[0], c[1], c.length > 2 ? c[2] : null);
        }
        SandboxFaults faults = new SandboxFaults();
        if (latency != null) {
            faults.latencyMillis(latency);
        }
        if (seed != null) {
            faults.seed(seed);
        }
        if (local) {
            builder.localRecognition();
        }
        boolean generatedToken = false;
        if (!BrowserRequestCheck.isLoopback(host)) {
            String token = adminToken(adminTokenFile, env.apply(ADMIN_TOKEN_ENV));
            generatedToken = token == null;
            builder.adminToken(generatedToken ? OcrSandbox.generateAdminToken() : token);
        }
        OcrSandbox sandbox = builder.faults(faults).build().start();
        foreign.forEach(sandbox::foreignLoad);
        console.info("Tencent OCR sandbox listening on " + sandbox.url()
                + " (fixtures: " + sandbox.fixtures().size() + "; recognition: "
                + (sandbox.localRecognition() ? "local" : "empty fields") + ")");
        for (OcrAction action : OcrAction.values()) {
            console.info("  " + action.actionName() + ": " + sandbox.quota(action) + " requests/s, ImageBase64 up to "
                    + sandbox.maxBase64Bytes(action) + " bytes, regions " + action.regions());
        }
        foreign.forEach((action, n) -> console.info("  foreign load on " + action.actionName() + ": " + n
                + " requests/s of its quota used by another application"));
        if (credentials.isEmpty()) {
            console.info("Generated a throwaway sandbox credential (valid for this sandbox only):");
            console.info("  SecretId:  " + sandbox.secretId());
            console.info("  SecretKey: " + sandbox.secretKey());
        }
        if (generatedToken) {
            console.info("Bound beyond loopback: the admin API asks for this generated token (this run only; set "
                    + ADMIN_TOKEN_ENV + " or --admin-token-file to choose one):");
            console.info("  Authorization: Bearer " + sandbox.adminToken());
        }
        console.info("Official SDKs: HttpProfile protocol \"http://\", proxy host " + sandbox.host() + ", proxy port "
                + sandbox.port() + " (keep the endpoint " + OcrAction.HOST + ").");
        return sandbox;
    }

    /** The token from the file (its first line), else from the environment; null when neither has one. */
    private static String adminToken(Path file, String fromEnv) {
        if (file != null) {
            try {
                String line = Files.readString(file).lines().findFirst().orElse("").trim();
                if (line.isEmpty()) {
                    throw new IllegalArgumentException("--admin-token-file: the file is empty");
                }
                return line;
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException("--admin-token-file: cannot read the file (" + e.getClass().getSimpleName() + ")");
            }
        }
        return fromEnv == null || fromEnv.isBlank() ? null : fromEnv.trim();
    }

    private static OcrAction action(String option, String value) {
        int eq = value.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException(option + " must be ACTION=N");
        }
        return SandboxFaults.exactAction(value.substring(0, eq).trim());
    }

    private static String afterEquals(String option, String value) {
        return value.substring(value.indexOf('=') + 1).trim();
    }

    private static double perSecond(String option, String value) {
        try {
            double n = Double.parseDouble(value.trim());
            if (!(n >= 0) || n > 1_000) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a rate within 0..1000, not '" + value + "'");
        }
    }

    private static int integer(String option, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a whole number, not '" + value + "'");
        }
    }
}
