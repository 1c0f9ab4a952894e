package dev.ocrbridge.outbox;

import dev.ocrbridge.errors.ErrorCodes;
import dev.ocrbridge.errors.OcrException;
import dev.ocrbridge.recognition.DataFolders;
import dev.ocrbridge.recognition.RecognitionJob;
import dev.ocrbridge.recognition.SpooledImage;
import dev.ocrbridge.signing.Tc3Signer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The folders of the product contract as a place to write: names that never collide (two images of one name get
 * the second a content suffix, also while both are in flight), every file staged and moved into place atomically,
 * and a note on the exchange of the files it created. {@link ResultWriter} and {@link DeadLetterFolder} write
 * through one instance, so their name claims see each other.
 */
public class Outbox {

    /** Where the file consumer moves the original on completion ({@code InboxCommit} reads this header). */
    public static final String DESTINATION_HEADER = "CamelOcrBridgeDestination";
    /**
     * Exchange property: the files created for the exchange's image (not files it replaced), so that an intake
     * that finds its source changed before settling it can take them back ({@link #createdFiles}).
     */
    public static final String CREATED_FILES_PROPERTY = "CamelOcrBridgeCreatedFiles";

    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);

    private final ConcurrentMap<Path, String> claims = new ConcurrentHashMap<>();
    private DataFolders folders = new DataFolders(Path.of("data"));

    public DataFolders folders() {
        return folders;
    }

    /** The root of the folder layout ({@code ocrbridge.data-dir}). */
    public void setDataDir(String dataDir) {
        this.folders = new DataFolders(Path.of(dataDir));
    }

    /**
     * Places the original in {@code dir} under a name of its own: later, by the file drop's commit, for a file the
     * service claimed from an inbox; now, from the bytes read, for anything else.
     *
     * @return the name it has there
     */
    String placeOriginal(Exchange exchange, RecognitionJob job, Path dir) {
        String sha = job.source().sha256();
        String name = job.source().name();
        if (!claim(exchange, dir.resolve(name), sha, existing -> sameContent(existing, sha, job.source().bytes()))) {
            name = stem(name) + "." + sha.substring(0, 12) + extension(name);
            claim(exchange, dir.resolve(name), sha, existing -> true);
        }
        Path target = dir.resolve(name);
        if (job.originalMovedByIntake()) {
            exchange.getMessage().setHeader(DESTINATION_HEADER, target.toString());
        } else if (!Files.exists(target) && job.image().size() == job.source().bytes()) {
            // (an image refused before download has no bytes here to keep: its record is the error file alone)
            writeCreated(exchange, target, job.image());
        }
        return name;
    }

    /**
     * Places the original in the archive of its action with no result beside it: a source whose content went on as
     * images of their own (a PDF's pages, each with its own result).
     *
     * @return the name it has there
     */
    public String archiveOriginal(Exchange exchange, RecognitionJob job) {
        return placeOriginal(exchange, job, folders.archive(job.action()));
    }

    /** {@code <name>} of {@code <name>.json}: the image's name without its extension, unique per content. */
    String resultBaseName(Exchange exchange, RecognitionJob job, Path outbox) {
        String sha = job.source().sha256();
        String base = stem(job.source().name());
        if (claim(exchange, outbox.resolve(base + ".json"), sha,
                existing -> sha.equals(ResultDocuments.storedSha(existing)))) {
            return base;
        }
        String suffixed = base + "." + sha.substring(0, 12);
        claim(exchange, outbox.resolve(suffixed + ".json"), sha, existing -> true);
        return suffixed;
    }

    /**
     * Writes the result file {@code <base>.json} (the content for a base name from {@code contentFor}) without ever
     * replacing another image's result. The name claims of {@link #resultBaseName} are this JVM's; in cluster mode
     * another node may pick the same name for another image of the same name at the same moment. So the file is
     * created only if the name is free ({@link AtomicFiles#writeNew}: one step of the file system, also on a shared
     * folder); a result of the same image (by its SHA-256) is replaced; a name taken by another image meanwhile is
     * given up for the content-suffixed one, as {@link #resultBaseName} does for a name taken before.
     *
     * @return the base name the result was written under
     */
    String writeResult(Exchange exchange, Path dir, String base, RecognitionJob job, Function<String, byte[]> contentFor) {
        String sha = job.source().sha256();
        Path target = dir.resolve(base + ".json");
        try {
            if (AtomicFiles.writeNew(folders.staging(), target, contentFor.apply(base))) {
                noteCreated(exchange, target);
                return base;
            }
        } catch (IOException e) {
            throw storageFailed(target, e);
        }
        if (sha.equals(ResultDocuments.storedSha(target))) {
            write(target, contentFor.apply(base)); // this image's own earlier result
            return base;
        }
        String suffixed = base + "." + sha.substring(0, 12);
        claim(exchange, dir.resolve(suffixed + ".json"), sha, existing -> true);
        LOG.info("A result name was taken by another image meanwhile (another node of the cluster); the result is "
                + "written under its content-suffixed name");
        writeCreated(exchange, dir.resolve(suffixed + ".json"), contentFor.apply(suffixed));
        return suffixed;
    }

    /**
     * Claims a target name for this image until its exchange completes. A name is free unless another image's
     * file holds it on disk or another image in flight has claimed it: without the claim, two images of the same
     * name recognized at once would both pick it, and the second move would replace the first original.
     */
    private boolean claim(Exchange exchange, Path target, String sha, Predicate<Path> sameImageOnDisk) {
        String holder = claims.putIfAbsent(target, sha);
        if (holder != null) {
            return holder.equals(sha);
        }
        if (Files.exists(target) && !sameImageOnDisk.test(target)) {
            claims.remove(target, sha);
            return false;
        }
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                claims.remove(target, sha);
            }
        });
        return true;
    }

    /** Writes atomically, noting the target on the exchange when it did not exist before. */
    void writeCreated(Exchange exchange, Path target, byte[] content) {
        boolean existed = Files.exists(target);
        write(target, content);
        if (!existed) {
            noteCreated(exchange, target);
        }
    }

    /** {@link #writeCreated(Exchange, Path, byte[])} of an image, streamed from where it is kept. */
    void writeCreated(Exchange exchange, Path target, SpooledImage image) {
        boolean existed = Files.exists(target);
        try {
            AtomicFiles.write(folders.staging(), target, image, false);
        } catch (IOException e) {
            throw storageFailed(target, e);
        }
        if (!existed) {
            noteCreated(exchange, target);
        }
    }

    private static void noteCreated(Exchange exchange, Path target) {
        @SuppressWarnings("unchecked")
        List<Path> created = exchange.getProperty(CREATED_FILES_PROPERTY, List.class);
        if (created == null) {
            created = new CopyOnWriteArrayList<>();
            exchange.setProperty(CREATED_FILES_PROPERTY, created);
        }
        created.add(target);
    }

    /** The files created for the exchange's image so far (see {@link #CREATED_FILES_PROPERTY}). */
    @SuppressWarnings("unchecked")
    public static List<Path> createdFiles(Exchange exchange) {
        List<Path> created = exchange.getProperty(CREATED_FILES_PROPERTY, List.class);
        return created == null ? List.of() : List.copyOf(created);
    }

    /** Writes to the staging folder, forces it to disk, and moves it into place in one atomic step. */
    void write(Path target, byte[] content) {
        try {
            AtomicFiles.write(folders.staging(), target, content, false);
        } catch (IOException e) {
            throw storageFailed(target, e);
        }
    }

    private OcrException storageFailed(Path target, IOException e) {
        // no file name in the message: names of images are often names of people
        return OcrException.local(ErrorCodes.STORAGE_FAILED, "could not write to "
                + folders.root().relativize(target.getParent()) + " (" + e.getClass().getSimpleName() + ")", e);
    }

    static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(dot) : "";
    }

    private static boolean sameContent(Path file, String sha256, long size) {
        try {
            if (Files.size(file) != size) {
                return false;
            }
            // hashed a block at a time: an archived image is not read whole into the heap to be compared
            try (InputStream in = Files.newInputStream(file)) {
                return Tc3Signer.sha256Hex(in).equals(sha256);
            }
        } catch (IOException e) {
            return false;
        }
    }
}
