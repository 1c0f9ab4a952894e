package dev.ocrbridge.operations;

import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.component.TencentOcrComponent;
import dev.ocrbridge.recognition.DataFolders;
import dev.ocrbridge.recognition.OcrSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;

/**
 * What waits for each action, read from the folders themselves (so it is right after a restart and while an action
 * is halted, when nothing is counted in memory): the inbox's files and the age of its oldest, the dead letters per
 * error code, whether the action is halted, and how long the inbox takes at the rate the component's pacer sends
 * at now. Only counts and ages: never a file's name.
 */
public class Backlog implements CamelContextAware {

    /** What the dead-letter folder keeps beside each original; not a letter of its own. */
    static final String ERROR_FILE_SUFFIX = ".error.json";

    /** One action's figures. {@code etaSeconds} is NaN while the action has no rate yet (no endpoint started). */
    public record Figures(int inboxFiles, double oldestSeconds, double etaSeconds, boolean halted,
                          Map<String, Integer> deadLetters) {
    }

    private CamelContext camelContext;
    private OcrSettings settings;
    private HaltSwitch haltSwitch;

    /** Every action's figures, read now. */
    public Map<OcrAction, Figures> figures() {
        Map<OcrAction, Figures> all = new EnumMap<>(OcrAction.class);
        for (OcrAction action : OcrAction.values()) {
            all.put(action, figures(action));
        }
        return all;
    }

    public Figures figures(OcrAction action) {
        DataFolders folders = settings.folders();
        Instant now = Instant.now();
        int waiting = 0;
        Instant oldest = null;
        for (BasicFileAttributes file : waitingFiles(folders.inbox(action))) {
            waiting++;
            Instant modified = file.lastModifiedTime().toInstant();
            oldest = oldest == null || modified.isBefore(oldest) ? modified : oldest;
        }
        double oldestSeconds = oldest == null ? 0 : Math.max(0, Duration.between(oldest, now).toMillis() / 1000.0);
        OptionalDouble rate = currentRate(action);
        double eta = waiting == 0 ? 0 : rate.isPresent() && rate.getAsDouble() > 0 ? waiting / rate.getAsDouble()
                : Double.NaN;
        boolean halted = haltSwitch != null && haltSwitch.haltOf(action).isPresent();
        return new Figures(waiting, oldestSeconds, eta, halted, deadLetters(folders.deadLetters(action)));
    }

    /**
     * The inbox's regular files as the file consumer lists them: hidden names (the consumer skips them) and Camel's
     * read-lock markers are not waiting images.
     */
    private static Iterable<BasicFileAttributes> waitingFiles(Path inbox) {
        List<BasicFileAttributes> files = new ArrayList<>();
        forEachEntry(inbox, entry -> {
            String name = entry.getFileName().toString();
            if (name.startsWith(".") || name.endsWith(".camelLock")) {
                return;
            }
            BasicFileAttributes attributes = attributes(entry);
            if (attributes != null && attributes.isRegularFile()) {
                files.add(attributes);
            }
        });
        return files;
    }

    /** Originals per code folder, the error files beside them not counted. */
    private static Map<String, Integer> deadLetters(Path byCode) {
        Map<String, Integer> counts = new TreeMap<>();
        forEachEntry(byCode, codeFolder -> {
            BasicFileAttributes folder = attributes(codeFolder);
            if (folder == null || !folder.isDirectory()) {
                return;
            }
            int[] n = {0};
            forEachEntry(codeFolder, entry -> {
                BasicFileAttributes file = attributes(entry);
                if (file != null && file.isRegularFile()
                        && !entry.getFileName().toString().endsWith(ERROR_FILE_SUFFIX)) {
                    n[0]++;
                }
            });
            counts.put(codeFolder.getFileName().toString(), n[0]);
        });
        return Collections.unmodifiableMap(counts);
    }

    private static void forEachEntry(Path dir, Consumer<Path> each) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            entries.forEach(each);
        } catch (IOException e) {
            // a folder that cannot be read is the inbox health check's to report, without its path here
            throw new UncheckedIOException("A data folder could not be listed", new IOException(e.getClass().getName()));
        }
    }

    /** The entry's own attributes (a link is not followed), or null when it went away while we looked. */
    private static BasicFileAttributes attributes(Path entry) {
        try {
            return Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * The rate the action's requests are sent at now (requests per second; below the quota for a while after
     * {@code RequestLimitExceeded} answers), or NaN while no endpoint of the action has started.
     */
    public double sendRate(OcrAction action) {
        return currentRate(action).orElse(Double.NaN);
    }

    /** The action's quota as configured (requests per second), or NaN while no endpoint of it has started. */
    public double quotaRate(OcrAction action) {
        TencentOcrComponent component = component();
        return (component == null ? OptionalDouble.empty() : component.quotaRate(action)).orElse(Double.NaN);
    }

    private OptionalDouble currentRate(OcrAction action) {
        TencentOcrComponent component = component();
        return component == null ? OptionalDouble.empty() : component.currentRate(action);
    }

    private TencentOcrComponent component() {
        return camelContext == null ? null
                : camelContext.getComponent(HaltSwitch.COMPONENT, TencentOcrComponent.class);
    }

    public void setSettings(OcrSettings settings) {
        this.settings = settings;
    }

    public void setHaltSwitch(HaltSwitch haltSwitch) {
        this.haltSwitch = haltSwitch;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }
}
