package dev.ocrbridge.recognition;

import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.errors.ErrorCodes;
import dev.ocrbridge.errors.OcrException;
import dev.ocrbridge.operations.HaltSwitch;
import dev.ocrbridge.outbox.SafeNames;
import dev.ocrbridge.request.ImagePreCheck;
import dev.ocrbridge.signing.Tc3Signer;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * First step of the recognition route: turns the incoming message into a {@link RecognitionJob} and makes the
 * local checks that cost no call. A halted action refuses here too, so images already queued when the halt
 * came are put back rather than sent.
 */
public class RecognitionIntake {

    private OcrSettings settings;
    private HaltSwitch haltSwitch;

    public void accept(Exchange exchange) throws Exception {
        Message in = exchange.getMessage();
        OcrAction action = OcrAction.of(in.getHeader(OcrHeaders.ACTION, String.class));
        byte[] image;
        OcrException unreadable = null;
        try {
            image = in.getMandatoryBody(byte[].class);
        } catch (Exception e) {
            // still a job, so that the source is dead-lettered (moved, for a dropped file) instead of retried forever
            image = new byte[0];
            unreadable = OcrException.local(ErrorCodes.UNREADABLE_SOURCE,
                    "the image could not be read (" + e.getClass().getSimpleName() + ")");
        }
        String name = SafeNames.safe(in.getHeader(OcrHeaders.SOURCE_NAME, String.class));
        Long notDownloaded = in.getHeader(OcrHeaders.SOURCE_BYTES, Long.class);
        boolean refusedBeforeDownload = notDownloaded != null && notDownloaded > image.length;
        RecognitionJob.Source source = new RecognitionJob.Source(
                in.getHeader(OcrHeaders.SOURCE_CHANNEL, "file", String.class), name,
                Tc3Signer.sha256Hex(image, 0, image.length), refusedBeforeDownload ? notDownloaded : image.length,
                in.getHeader(OcrHeaders.SOURCE_ORIGIN, String.class));
        RecognitionJob job = new RecognitionJob(action, source, image);
        // a file of the service's inbox: its commit moves it where the outbox says (CamelOcrBridgeDestination)
        job.originalMovedByIntake("file".equals(source.channel()) && in.getHeader(Exchange.FILE_PATH) != null);
        exchange.setProperty(OcrHeaders.JOB_PROPERTY, job);
        in.setHeader(OcrHeaders.ACTION, action.actionName());
        // the body stays the image bytes read once: the tencent-ocr component reads it on every attempt
        in.setBody(image);

        String unacceptableName = in.getHeader(OcrHeaders.UNACCEPTABLE_NAME, String.class);
        if (unacceptableName != null) {
            throw OcrException.local(ErrorCodes.UNACCEPTABLE_NAME, unacceptableName);
        }
        if (unreadable != null) {
            throw unreadable;
        }
        // the route this image came from feeds the action: a halt suspends it, whatever its id or group
        haltSwitch.fedBy(action, exchange.getFromRouteId());
        var halt = haltSwitch.haltOf(action);
        if (halt.isPresent()) {
            throw OcrException.local(halt.get().code(), "intake for " + action + " is halted: " + halt.get().reason());
        }
        long limit = settings.action(action).maxBase64Bytes();
        if (refusedBeforeDownload) {
            throw OcrException.local(ErrorCodes.TOO_LARGE_FILE, "the image is at least " + notDownloaded + " bytes, "
                    + ImagePreCheck.base64Length(notDownloaded) + " as Base64, over the limit of " + limit + " for "
                    + action.actionName() + "; it was refused before download (no copy kept: the original stays "
                    + "where it came from)");
        }
        ImagePreCheck.check(action, image, limit);
    }

    public static RecognitionJob job(Exchange exchange) {
        return exchange.getProperty(OcrHeaders.JOB_PROPERTY, RecognitionJob.class);
    }

    public void setSettings(OcrSettings settings) {
        this.settings = settings;
    }

    public void setHaltSwitch(HaltSwitch haltSwitch) {
        this.haltSwitch = haltSwitch;
    }
}
