package dev.ocrbridge.service;

import dev.ocrbridge.sandbox.OcrSandbox;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The standalone service as a real child JVM (killable with SIGKILL), against a sandbox of the test's JVM. */
final class ChildService {

    private ChildService() {
    }

    /** Starts {@code OcrBridgeMain} on {@code data}; its output goes to {@code <data>/service-<label>.log}. */
    static Process launch(Path data, OcrSandbox sandbox, String label, Map<String, String> properties) throws Exception {
        return launch(List.of(), data, sandbox, label, properties, null);
    }

    /** {@link #launch(Path, OcrSandbox, String, Map)} under the given umask (octal, as the shell's umask takes it). */
    static Process launch(Path data, OcrSandbox sandbox, String label, Map<String, String> properties, String umask)
            throws Exception {
        return launch(List.of(), data, sandbox, label, properties, umask);
    }

    /**
     * As {@link #launch}, with file permissions binding the service as they bind any user: when this JVM is root
     * (as CI runs), the child keeps root's identity but loses the capabilities that let root read and search
     * whatever the permissions say ({@code CAP_DAC_OVERRIDE}, {@code CAP_DAC_READ_SEARCH}), so a file of mode 000
     * cannot be opened by it. What the child needs (the JDK, the class path, the data folder) belongs to root.
     */
    static Process launchBoundByFilePermissions(Path data, OcrSandbox sandbox, String label,
                                                Map<String, String> properties) throws Exception {
        List<String> prefix = "root".equals(System.getProperty("user.name"))
                ? List.of("setpriv", "--bounding-set=-dac_override,-dac_read_search", "--")
                : List.of();
        return launch(prefix, data, sandbox, label, properties, null);
    }

    private static Process launch(List<String> prefix, Path data, OcrSandbox sandbox, String label,
                                  Map<String, String> properties, String umask) throws Exception {
        int port = PipelineHarness.freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"),
                "-Docr.endpoint=" + sandbox.url(),
                "-Docr.secret-id=" + PipelineHarness.SECRET_ID,
                "-Docr.secret-key=" + PipelineHarness.SECRET_KEY,
                "-Docrbridge.data-dir=" + data,
                "-Docrbridge.file.settle-ms=200",
                "-Docrbridge.file.poll-ms=100",
                "-Docrbridge.concurrency=4",
                "-Dcamel.server.port=" + port, "-Dcamel.management.port=" + port));
        properties.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.add("dev.ocrbridge.main.OcrBridgeMain");
        if (umask != null) {
            // the shell sets the umask and becomes the JVM (exec): a kill still reaches the service itself
            cmd.addAll(prefix.size(), List.of("sh", "-c", "umask " + umask + " && exec \"$0\" \"$@\""));
        }
        File log = data.resolve("service-" + label + ".log").toFile();
        return new ProcessBuilder(cmd).directory(new File(System.getProperty("user.dir")))
                .redirectErrorStream(true).redirectOutput(log).start();
    }

    /** What a process killed by SIGKILL exits with, as {@link Process#exitValue} reports it (128 + 9). */
    static final int KILLED = 137;

    /** SIGKILL, and wait until the process is gone; its exit value ({@link #KILLED} when the kill ended it). */
    static int kill(Process process) throws InterruptedException {
        return process.destroyForcibly().waitFor();
    }
}
