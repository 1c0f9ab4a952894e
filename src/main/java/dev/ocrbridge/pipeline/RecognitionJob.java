package dev.ocrbridge.pipeline;

import dev.ocrbridge.actions.OcrAction;
import java.util.Map;

/**
 * One image on its way through recognition. Lives in an exchange property, so that every attempt rebuilds
 * its request from the original bytes whatever earlier attempts left in the message body.
 */
public final class RecognitionJob {

    private final OcrAction action;
    private final Source source;
    private final byte[] image;
    private int attempts;
    private String requestId;
    private Map<String, Object> fields;

    /**
     * @param channel {@code file}, {@code mail} or {@code sftp}
     * @param name    the image's safe name: it names the result and error files
     * @param origin  where it came from within the channel (path, Message-ID, remote folder)
     */
    public record Source(String channel, String name, String sha256, long bytes, String origin) {
    }

    RecognitionJob(OcrAction action, Source source, byte[] image) {
        this.action = action;
        this.source = source;
        this.image = image;
    }

    public OcrAction action() {
        return action;
    }

    public Source source() {
        return source;
    }

    byte[] image() {
        return image;
    }

    /** Requests sent so far (each one signed anew). */
    public int attempts() {
        return attempts;
    }

    void countAttempt() {
        attempts++;
    }

    public String requestId() {
        return requestId;
    }

    public Map<String, Object> fields() {
        return fields;
    }

    void recognized(String requestId, Map<String, Object> fields) {
        this.requestId = requestId;
        this.fields = fields;
    }
}
