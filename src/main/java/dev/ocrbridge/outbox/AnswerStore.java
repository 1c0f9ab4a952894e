package dev.ocrbridge.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.signing.Tc3Signer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The record of answers: every OK answer that reached ocrbridge, kept by the image's SHA-256 and what determines
 * the answer, so that an image is never paid for twice: not after a halt, a resume or a restart, and not when the
 * same image comes again.
 *
 * <p>An answer is held in memory first, then written to {@code data/.ocrbridge/answers/<doc>/} (forced to disk,
 * moved into place atomically). When that write fails (a full disk) the answer stays in memory, still found by
 * {@link #find}, and {@link #writeUnwritten()} writes it once the disk takes writes again. An answer only in
 * memory is lost with the process; on restart the written ones are read from disk.
 *
 * <p>The records hold the recognized fields (the Korean head image included): personal data, like the outbox.
 */
public final class AnswerStore {

    private static final Logger LOG = LoggerFactory.getLogger(AnswerStore.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What an answer is filed under.
     *
     * @param sha256       the image's SHA-256 (hex)
     * @param determinedBy everything else the answer depends on: action, region, options, the endpoint's identity
     */
    public record Key(OcrAction action, String sha256, String determinedBy) {

        /** {@code <sha256>-<12 hex of the determinants' hash>.json}: several answers per image may coexist. */
        String fileName() {
            byte[] d = determinedBy.getBytes(StandardCharsets.UTF_8);
            return sha256 + "-" + Tc3Signer.sha256Hex(d, 0, d.length).substring(0, 12) + ".json";
        }

        /** A short, non-reversible name for logs: never the image's name. */
        public String shortSha() {
            return sha256.substring(0, 12);
        }
    }

    /**
     * One OK answer as the API sent it.
     *
     * @param fields     every output field, the Korean {@code Photo} still as Base64
     * @param attempts   requests it took
     * @param answeredAt when ocrbridge read it
     */
    public record Answer(String requestId, Map<String, Object> fields, int attempts, Instant answeredAt) {
    }

    private final Path root;
    private final Path staging;
    private final ConcurrentMap<Key, Answer> unwritten = new ConcurrentHashMap<>();

    /**
     * @param root    {@code data/.ocrbridge/answers}
     * @param staging a folder on the same disk for atomic writes
     */
    public AnswerStore(Path root, Path staging) {
        this.root = root;
        this.staging = staging;
    }

    /**
     * Records an answer: in memory at once, then on disk.
     *
     * @throws IOException when it could not be written; it is kept in memory and {@link #writeUnwritten()} tries
     *                     again
     */
    public void record(Key key, Answer answer) throws IOException {
        unwritten.put(key, answer);
        write(key, answer);
        unwritten.remove(key, answer);
    }

    /** Writes the answers a failed write left in memory. */
    public void writeUnwritten() throws IOException {
        for (Map.Entry<Key, Answer> e : unwritten.entrySet()) {
            write(e.getKey(), e.getValue());
            unwritten.remove(e.getKey(), e.getValue());
        }
    }

    /** Answers held in memory only, waiting for the disk. */
    public int unwrittenCount() {
        return unwritten.size();
    }

    /** The recorded answer, from memory or disk; empty when there is none (or it cannot be read). */
    public Optional<Answer> find(Key key) {
        Answer inMemory = unwritten.get(key);
        if (inMemory != null) {
            return Optional.of(inMemory);
        }
        Path file = file(key);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode stored = JSON.readTree(file.toFile());
            if (!key.determinedBy().equals(stored.path("determinedBy").asText())
                    || !key.sha256().equals(stored.path("sha256").asText())) {
                return Optional.empty();
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> fields = JSON.convertValue(stored.path("fields"), LinkedHashMap.class);
            String answeredAt = stored.path("answeredAt").asText(null);
            return Optional.of(new Answer(stored.path("requestId").asText(null), fields,
                    stored.path("attempts").asInt(1), answeredAt == null ? null : Instant.parse(answeredAt)));
        } catch (IOException | RuntimeException e) {
            // written atomically, so only a damaged disk gets here; calling again is the safe way out
            LOG.warn("The recorded answer for image {} could not be read ({}); it will be recognized again",
                    key.shortSha(), e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    private void write(Key key, Answer answer) throws IOException {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("action", key.action().actionName());
        doc.put("sha256", key.sha256());
        doc.put("determinedBy", key.determinedBy());
        doc.put("requestId", answer.requestId());
        doc.put("answeredAt", answer.answeredAt() == null ? null : answer.answeredAt().toString());
        doc.put("attempts", answer.attempts());
        doc.set("fields", JSON.valueToTree(answer.fields()));
        AtomicFiles.write(staging, file(key), JSON.writeValueAsBytes(doc), true);
    }

    private Path file(Key key) {
        return root.resolve(key.action().documentKind()).resolve(key.fileName());
    }
}
