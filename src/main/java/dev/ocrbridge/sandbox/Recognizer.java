package dev.ocrbridge.sandbox;

import dev.ocrbridge.actions.OcrAction;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Produces the output fields for one accepted image (PNG or JPEG, already decoded by {@link ImageDecoding}). May throw
 * {@link SandboxError} to answer a Tencent error instead (for example {@code FailedOperation.ImageNoText}).
 *
 * <p>{@code requestParameters} holds the request's parameters other than {@code ImageBase64} (the image is passed
 * decoded), with {@code ReturnHeadImage} normalised to a {@link Boolean} and {@code Type} to an {@link Integer}.
 * Fixture fields registered for the image's SHA-256 are laid over whatever the recognizer returns, and the Korean
 * {@code Photo} field is dropped afterwards unless {@code ReturnHeadImage} was true.
 */
@FunctionalInterface
public interface Recognizer {

    Map<String, Object> recognize(OcrAction action, byte[] image, Map<String, Object> requestParameters);

    /**
     * The same, with the image the sandbox already decoded (see {@link ImageDecoding}), so a recognizer that reads
     * pixels does not decode it twice. By default the decoded image is ignored.
     */
    default Map<String, Object> recognize(OcrAction action, byte[] image, java.awt.image.BufferedImage decoded,
                                          Map<String, Object> requestParameters) {
        return recognize(action, image, requestParameters);
    }

    /**
     * Every output field of the action, as "" (the API allows empty values); the Korean {@code Photo} only when
     * {@code ReturnHeadImage} is true.
     */
    static Recognizer emptyFields() {
        return (action, image, parameters) -> {
            Map<String, Object> fields = new LinkedHashMap<>();
            for (String field : action.outputFields()) {
                if (!OcrAction.PHOTO_FIELD.equals(field) || Boolean.TRUE.equals(parameters.get("ReturnHeadImage"))) {
                    fields.put(field, "");
                }
            }
            return fields;
        };
    }
}
