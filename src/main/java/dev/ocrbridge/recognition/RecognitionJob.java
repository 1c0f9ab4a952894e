package dev.ocrbridge.recognition;

import dev.ocrbridge.actions.OcrAction;
import java.time.Instant;
import java.util.Map;

/**
 * One image on its way through recognition. Lives in an exchange property, so that every attempt rebuilds
 * its request from the original bytes whatever earlier attempts left in the message body. The bytes are a
 * {@link SpooledImage}: a private copy on disk, not an array in the heap, for images of every channel.
 */
public final class RecognitionJob {

    private final OcrAction action;
    private final Source source;
    private final SpooledImage image;
    private int attempts;
    private String requestId;
    private Map<String, Object> fields;
    private boolean reused;
    private boolean originalMovedByIntake;
    private Instant firstAnsweredAt;

    /**
     * @param channel {@code file}, {@code mail} or {@code sftp}
     * @param name    the image's safe name: it names the result and error files
     * @param origin  where it came from within the channel (path, Message-ID, remote folder)
     */
    public record Source(String channel, String name, String sha256, long bytes, String origin) {
    }

    public RecognitionJob(OcrAction action, Source source, SpooledImage image) {
        this.action = action;
        this.source = source;
        this.image = image;
    }

    /** A job over bytes held in memory (a body of an integrator's own route). */
    public RecognitionJob(OcrAction action, Source source, byte[] image) {
        this(action, source, SpooledImage.of(image));
    }

    public OcrAction action() {
        return action;
    }

    public Source source() {
        return source;
    }

    /** The image bytes as read: what is sent, and archived for channels with no local file. */
    public SpooledImage image() {
        return image;
    }

    /**
     * The original is a file the intake will move itself once the image is settled (the file drop's commit), to the
     * place the outbox chose: nothing to write for it.
     */
    public boolean originalMovedByIntake() {
        return originalMovedByIntake;
    }

    public void originalMovedByIntake(boolean moved) {
        this.originalMovedByIntake = moved;
    }

    /** Requests sent so far (each one signed anew). */
    public int attempts() {
        return attempts;
    }

    /** What the call reported: how many requests this image's exchange has sent so far. */
    public void attempted(int attempts) {
        this.attempts = Math.max(this.attempts, attempts);
    }

    public String requestId() {
        return requestId;
    }

    public Map<String, Object> fields() {
        return fields;
    }

    public void recognized(String requestId, Map<String, Object> fields) {
        this.requestId = requestId;
        this.fields = fields;
    }

    public void recognized(String requestId, Map<String, Object> fields, int attempts) {
        recognized(requestId, fields);
        attempted(attempts);
    }

    /** The answer comes from the record of answers instead of a call of this job's own. */
    public void reuse(String requestId, Map<String, Object> fields, int attempts, Instant answeredAt) {
        recognized(requestId, fields);
        this.attempts = attempts;
        this.reused = true;
        this.firstAnsweredAt = answeredAt;
    }

    /** True when no request was sent for this job: its answer was recorded before. */
    public boolean reused() {
        return reused;
    }

    /** When the reused answer was first read, or null. */
    public Instant firstAnsweredAt() {
        return firstAnsweredAt;
    }
}
