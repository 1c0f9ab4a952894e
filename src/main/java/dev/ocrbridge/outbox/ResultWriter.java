package dev.ocrbridge.outbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.recognition.DataFolders;
import dev.ocrbridge.recognition.OcrHeaders;
import dev.ocrbridge.recognition.OcrSettings;
import dev.ocrbridge.recognition.Outcomes;
import dev.ocrbridge.recognition.RecognitionIntake;
import dev.ocrbridge.recognition.RecognitionJob;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a recognized image's result file (and the Korean ID head image) to the outbox and places its original in
 * the archive: the last step of the recognition route.
 */
public class ResultWriter {

    private static final Logger LOG = LoggerFactory.getLogger(ResultWriter.class);

    private OcrSettings settings;
    private Outbox outbox;
    private Outcomes metrics;
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
        ObjectNode result = ResultDocuments.result(job, settings.action(job.action()).region(), fields, clock.instant());
        DataFolders folders = outbox.folders();
        Path dir = folders.outbox(job.action());
        String claimed = outbox.resultBaseName(exchange, job, dir);
        // the result first: writing it takes its name for good (also against another node), the photo follows it
        String base = outbox.writeResult(exchange, dir, claimed, job, name -> {
            if (photo != null) {
                ((ObjectNode) result.get("fields")).put(OcrAction.PHOTO_FIELD, name + ".photo.jpg");
            }
            return ResultDocuments.bytes(result);
        });
        if (photo != null) {
            outbox.writeCreated(exchange, dir.resolve(base + ".photo.jpg"), photo);
        }
        outbox.placeOriginal(exchange, job, folders.archive(job.action()));
        String outcome = job.reused() ? "reused" : "recognized";
        exchange.getMessage().setHeader(OcrHeaders.OUTCOME, outcome);
        exchange.getMessage().setHeader(OcrHeaders.REQUEST_ID, job.requestId());
        metrics.outcome(job.action(), outcome, null, null);
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

    public void setSettings(OcrSettings settings) {
        this.settings = settings;
    }

    public void setOutbox(Outbox outbox) {
        this.outbox = outbox;
    }

    public void setMetrics(Outcomes metrics) {
        this.metrics = metrics;
    }

    public void setClock(Clock clock) {
        this.clock = clock;
    }
}
