package dev.ocrbridge.recognizer;

import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.errors.OcrException;
import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Reads an identity document on this machine: the seam behind local recognition, in-process (the component's
 * {@code endpointUrl=local}) and behind the sandbox. An implementation is found with {@link ServiceLoader}
 * ({@link #local()}), so neither the component nor the sandbox compiles against the OCR engine: the local OCR and
 * its natives are an optional part of the build.
 *
 * <p>Produces the output fields for one image, named as Tencent names them, or throws an {@link OcrException} with
 * the code the API answers for an image it cannot read (for example {@code FailedOperation.ImageNoText}).
 * {@code requestParameters} holds the request's parameters other than the image, with {@code ReturnHeadImage}
 * normalised to a {@link Boolean} and {@code Type} to an {@link Integer}.
 */
@FunctionalInterface
public interface Recognizer {

    /** Reads an image that was already accepted and decoded by the caller's rules. */
    Map<String, Object> recognize(OcrAction action, byte[] image, Map<String, Object> requestParameters);

    /**
     * The same, with the image the caller already decoded ({@code ImageDecoding}), so a recognizer that reads
     * pixels does not decode it twice. By default the decoded image is ignored.
     */
    default Map<String, Object> recognize(OcrAction action, byte[] image, BufferedImage decoded,
                                          Map<String, Object> requestParameters) {
        return recognize(action, image, requestParameters);
    }

    /** Whether it reads documents on this machine (its engine loaded); one that cannot is never used. */
    default boolean available() {
        return true;
    }

    /** What it is, for a start-up line (never data). */
    default String description() {
        return getClass().getSimpleName();
    }

    /**
     * The first available recognizer on the class path ({@code META-INF/services/dev.ocrbridge.recognizer.Recognizer}),
     * if any: empty when the local OCR is not part of this runtime or cannot load here.
     */
    static Optional<Recognizer> local() {
        return ServiceLoader.load(Recognizer.class, Recognizer.class.getClassLoader()).stream()
                .map(ServiceLoader.Provider::get).filter(Recognizer::available).findFirst();
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

    /**
     * The fields as the API answers them: the Korean {@code Photo} only when {@code ReturnHeadImage} was true ("" when
     * none was found), and no envelope keys a recognizer may have let through.
     */
    static Map<String, Object> answerFields(OcrAction action, Map<String, Object> fields,
                                            Map<String, Object> requestParameters) {
        Map<String, Object> answer = new LinkedHashMap<>(fields);
        if (action.outputFields().contains(OcrAction.PHOTO_FIELD)) {
            if (Boolean.TRUE.equals(requestParameters.get("ReturnHeadImage"))) {
                answer.putIfAbsent(OcrAction.PHOTO_FIELD, "");
            } else {
                answer.remove(OcrAction.PHOTO_FIELD);
            }
        }
        answer.remove("RequestId");
        answer.remove("Error");
        return answer;
    }
}
