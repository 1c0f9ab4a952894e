package dev.ocrbridge.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.errors.Disposition;
import dev.ocrbridge.errors.ErrorCodes;
import dev.ocrbridge.errors.OcrException;
import dev.ocrbridge.operations.OcrMetrics;
import dev.ocrbridge.recognition.OcrHeaders;
import dev.ocrbridge.recognition.OcrSettings;
import dev.ocrbridge.recognition.RecognitionIntake;
import dev.ocrbridge.recognition.RecognitionJob;
import dev.ocrbridge.signing.Tc3Signer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes what recognition produced, in the formats of the product contract: the result file (and the Korean
 * ID head image) in the outbox, or the error file beside the original in the dead-letter folder.
 *
 * <p>Every file is written to a staging folder on the same disk and moved into place atomically, so no reader
 * ever sees half a JSON. The original from a file drop is moved by the file consumer when the exchange
 * completes, to the path this writer puts in {@link #DESTINATION_HEADER}; originals from other channels have
 * no local file, so their bytes are written here.
 */
public class ResultWriter {

    /** Where the file consumer moves the original on completion (its {@code move} option reads this header). */
    public static final String DESTINATION_HEADER = "CamelOcrBridgeDestination";
    /**
     * Exchange property: the files this writer created for the exchange's image (not files it replaced), so that
     * an intake that finds its source changed before settling it can take them back ({@link #createdFiles}).
     */
    public static final String CREATED_FILES_PROPERTY = "CamelOcrBridgeCreatedFiles";

    private static final Logger LOG = LoggerFactory.getLogger(ResultWriter.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ConcurrentMap<Path, String> claims = new ConcurrentHashMap<>();

    private OcrSettings settings;
    private OcrMetrics metrics;
    private Clock clock = Clock.systemUTC();

    /**
     * Writes the result of a recognition: an answer just read, or one from the record of answers (then marked
     * {@code "reused": true}). The answer is already recorded ({@link AnswerGate#record}), so a failure here costs
     * no second call.
     */
    public void writeResult(Exchange exchange) {
        RecognitionJob job = RecognitionIntake.job(exchange);
        Map<String, Object> fields = new LinkedHashMap<>(job.fields());
        byte[] photo = extractPhoto(job.action(), fields);
        ObjectNode result = resultDocument(job, job.requestId(), job.attempts(), fields);
        if (job.reused()) {
            result.put("reused", true);
            result.put("firstRecognizedAt", job.firstAnsweredAt() == null ? null : job.firstAnsweredAt().toString());
        }
        DataFolders folders = settings.folders();
        String base = outboxBaseName(exchange, job, folders.outbox(job.action()));
        if (photo != null) {
            String photoName = base + ".photo.jpg";
            ((ObjectNode) result.get("fields")).put(OcrAction.PHOTO_FIELD, photoName);
            writeCreated(exchange, folders.outbox(job.action()).resolve(photoName), photo);
        }
        writeCreated(exchange, folders.outbox(job.action()).resolve(base + ".json"), toJson(result));
        String outcome = job.reused() ? "reused" : "recognized";
        finish(exchange, job, folders.archive(job.action()), outcome);
    }

    /** Writes the error file and places the original in {@code dead-letter/<doc>/<Code>/}. */
    public void writeDeadLetter(Exchange exchange, OcrException error, Disposition disposition, boolean exhausted) {
        RecognitionJob job = RecognitionIntake.job(exchange);
        DataFolders folders = settings.folders();
        Path dir = folders.deadLetter(job.action(), error.code());
        ObjectNode doc = JSON.createObjectNode();
        doc.put("action", job.action().actionName());
        doc.set("source", sourceNode(job));
        doc.put("failedAt", clock.instant().toString());
        ObjectNode e = doc.putObject("error");
        e.put("code", error.code());
        e.put("message", error.detail());
        e.put("requestId", error.requestId());
        e.put("disposition", exhausted ? "retry-exhausted" : disposition.wireName());
        e.put("attempts", job.attempts());
        String originalName = placeOriginal(exchange, job, dir);
        writeCreated(exchange, dir.resolve(originalName + ".error.json"), toJson(doc));
        exchange.getMessage().setHeader(OcrHeaders.ERROR_CODE, error.code());
        exchange.getMessage().setHeader(OcrHeaders.OUTCOME, "dead-lettered");
        metrics.outcome(job.action(), "dead-lettered", exhausted ? "retry-exhausted" : disposition.wireName(),
                error.code());
    }

    private void finish(Exchange exchange, RecognitionJob job, Path archiveDir, String outcome) {
        placeOriginal(exchange, job, archiveDir);
        exchange.getMessage().setHeader(OcrHeaders.OUTCOME, outcome);
        exchange.getMessage().setHeader(OcrHeaders.REQUEST_ID, job.requestId());
        metrics.outcome(job.action(), outcome, null, null);
    }

    /** Picks the original's name in {@code dir} and places it there (now, or by the file consumer on commit). */
    private String placeOriginal(Exchange exchange, RecognitionJob job, Path dir) {
        String sha = job.source().sha256();
        String name = job.source().name();
        if (!claim(exchange, dir.resolve(name), sha, existing -> sameContent(existing, sha, job.source().bytes()))) {
            name = stem(name) + "." + sha.substring(0, 12) + extension(name);
            claim(exchange, dir.resolve(name), sha, existing -> true);
        }
        Path target = dir.resolve(name);
        if ("file".equals(job.source().channel())
                && exchange.getMessage().getHeader(Exchange.FILE_PATH) != null) {
            exchange.getMessage().setHeader(DESTINATION_HEADER, target.toString());
        } else if (!Files.exists(target) && job.image().length == job.source().bytes()) {
            // (an image refused before download has no bytes here to keep: its record is the error file alone)
            writeCreated(exchange, target, job.image());
        }
        return name;
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

    private static String stem(String name) {
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
            byte[] bytes = Files.readAllBytes(file);
            return Tc3Signer.sha256Hex(bytes, 0, bytes.length).equals(sha256);
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code <name>} of {@code <name>.json}: the image's name without its extension, unique per content. */
    private String outboxBaseName(Exchange exchange, RecognitionJob job, Path outbox) {
        String sha = job.source().sha256();
        String base = stem(job.source().name());
        if (claim(exchange, outbox.resolve(base + ".json"), sha, existing -> sha.equals(storedSha(existing)))) {
            return base;
        }
        String suffixed = base + "." + sha.substring(0, 12);
        claim(exchange, outbox.resolve(suffixed + ".json"), sha, existing -> true);
        return suffixed;
    }

    private static String storedSha(Path result) {
        try {
            return JSON.readTree(result.toFile()).path("source").path("sha256").asText("");
        } catch (IOException e) {
            return "";
        }
    }

    private ObjectNode resultDocument(RecognitionJob job, String requestId, int attempts, Map<String, Object> fields) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("action", job.action().actionName());
        doc.put("requestId", requestId);
        doc.put("region", settings.action(job.action()).region());
        doc.set("source", sourceNode(job));
        doc.put("recognizedAt", clock.instant().toString());
        doc.put("attempts", attempts);
        doc.set("fields", JSON.valueToTree(fields));
        return doc;
    }

    private static ObjectNode sourceNode(RecognitionJob job) {
        ObjectNode s = JSON.createObjectNode();
        s.put("channel", job.source().channel());
        s.put("name", job.source().name());
        s.put("sha256", job.source().sha256());
        s.put("bytes", job.source().bytes());
        s.put("origin", job.source().origin());
        return s;
    }

    /** Takes the Base64 head image out of the fields; the result file names the photo file instead. */
    private static byte[] extractPhoto(OcrAction action, Map<String, Object> fields) {
        Object photo = fields.get(OcrAction.PHOTO_FIELD);
        if (action != OcrAction.RECOGNIZE_KOREAN_ID_CARD_OCR || !(photo instanceof String s) || s.isEmpty()) {
            fields.remove(OcrAction.PHOTO_FIELD);
            return null;
        }
        try {
            return Base64.getMimeDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            LOG.warn("The answer's {} is not Base64; the head image was not saved", OcrAction.PHOTO_FIELD);
            fields.remove(OcrAction.PHOTO_FIELD);
            return null;
        }
    }

    private static byte[] toJson(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    /** The files created for the exchange's image so far (see {@link #CREATED_FILES_PROPERTY}). */
    @SuppressWarnings("unchecked")
    public static List<Path> createdFiles(Exchange exchange) {
        List<Path> created = exchange.getProperty(CREATED_FILES_PROPERTY, List.class);
        return created == null ? List.of() : List.copyOf(created);
    }

    /** {@link #writeAtomically}, noting the target on the exchange when it did not exist before. */
    private void writeCreated(Exchange exchange, Path target, byte[] content) {
        boolean existed = Files.exists(target);
        writeAtomically(target, content);
        if (!existed) {
            @SuppressWarnings("unchecked")
            List<Path> created = exchange.getProperty(CREATED_FILES_PROPERTY, List.class);
            if (created == null) {
                created = new CopyOnWriteArrayList<>();
                exchange.setProperty(CREATED_FILES_PROPERTY, created);
            }
            created.add(target);
        }
    }

    /** Writes to the staging folder, forces it to disk, and moves it into place in one atomic step. */
    void writeAtomically(Path target, byte[] content) {
        try {
            AtomicFiles.write(settings.folders().staging(), target, content, false);
        } catch (IOException e) {
            // no file name in the message: names of images are often names of people
            throw OcrException.local(ErrorCodes.STORAGE_FAILED, "could not write to " + settings.folders().root()
                    .relativize(target.getParent()) + " (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    public void setSettings(OcrSettings settings) {
        this.settings = settings;
    }

    public void setMetrics(OcrMetrics metrics) {
        this.metrics = metrics;
    }

    public void setClock(Clock clock) {
        this.clock = clock;
    }
}
