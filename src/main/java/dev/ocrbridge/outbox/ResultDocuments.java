package dev.ocrbridge.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ocrbridge.errors.OcrException;
import dev.ocrbridge.recognition.RecognitionJob;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/** The JSON documents of the product contract: the result file and the error file, as bytes to write. */
final class ResultDocuments {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultDocuments() {
    }

    static ObjectNode result(RecognitionJob job, String region, Map<String, Object> fields, Instant recognizedAt) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("action", job.action().actionName());
        doc.put("requestId", job.requestId());
        doc.put("region", region);
        doc.set("source", source(job));
        doc.put("recognizedAt", recognizedAt.toString());
        doc.put("attempts", job.attempts());
        doc.set("fields", JSON.valueToTree(fields));
        if (job.reused()) {
            doc.put("reused", true);
            doc.put("firstRecognizedAt", job.firstAnsweredAt() == null ? null : job.firstAnsweredAt().toString());
        }
        return doc;
    }

    /** @param disposition {@code reject}, {@code retry-exhausted} (or {@code retry}/{@code halt} by override) */
    static ObjectNode error(RecognitionJob job, OcrException error, String disposition, Instant failedAt) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("action", job.action().actionName());
        doc.set("source", source(job));
        doc.put("failedAt", failedAt.toString());
        ObjectNode e = doc.putObject("error");
        e.put("code", error.code());
        e.put("message", error.detail());
        e.put("requestId", error.requestId());
        e.put("disposition", disposition);
        e.put("attempts", job.attempts());
        return doc;
    }

    private static ObjectNode source(RecognitionJob job) {
        ObjectNode s = JSON.createObjectNode();
        s.put("channel", job.source().channel());
        s.put("name", job.source().name());
        s.put("sha256", job.source().sha256());
        s.put("bytes", job.source().bytes());
        s.put("origin", job.source().origin());
        return s;
    }

    /** The SHA-256 a result file records for its image, or "" when it cannot be read. */
    static String storedSha(Path result) {
        try {
            return JSON.readTree(result.toFile()).path("source").path("sha256").asText("");
        } catch (IOException e) {
            return "";
        }
    }

    static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }
}
