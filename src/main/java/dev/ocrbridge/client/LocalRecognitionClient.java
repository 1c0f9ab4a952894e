package dev.ocrbridge.client;

import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.envelope.Envelope;
import dev.ocrbridge.errors.ErrorCodes;
import dev.ocrbridge.errors.OcrException;
import dev.ocrbridge.recognizer.Recognizer;
import dev.ocrbridge.request.RequestOptions;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Local recognition in-process: the {@link Recognizer} on the class path reads the image in this JVM. No HTTP, no
 * signature, no keys, no quota (nothing is billed); the answers and error codes are those the sandbox gives with the
 * same recognizer, each with a RequestId of its own, so results and error documents look the same. A halt
 * (a storage failure of the service) still stops it at once through its {@link SendGate}.
 */
public final class LocalRecognitionClient implements OcrClient {

    private final OcrAction action;
    private final Recognizer recognizer;
    private final Map<String, Object> parameters;
    private final SendGate gate;

    public LocalRecognitionClient(OcrAction action, Recognizer recognizer, RequestOptions options, SendGate gate) {
        this.action = action;
        this.recognizer = recognizer;
        this.gate = gate;
        Map<String, Object> p = new LinkedHashMap<>();
        if (options.returnHeadImage() != null) {
            p.put("ReturnHeadImage", options.returnHeadImage());
        }
        if (options.healthCodeType() != null && action == OcrAction.RECOGNIZE_HEALTH_CODE_OCR) {
            p.put("Type", options.healthCodeType());
        }
        this.parameters = Map.copyOf(p);
    }

    @Override
    public OcrAction action() {
        return action;
    }

    @Override
    public Envelope call(byte[] image) {
        gate.checkOpen();
        String requestId = UUID.randomUUID().toString();
        Map<String, Object> fields;
        try {
            fields = recognizer.recognize(action, image, parameters);
        } catch (OcrException e) {
            // the answer an endpoint with this recognizer gives: Tencent's code, with a RequestId
            throw OcrException.fromApi(e.code(), e.detail(), requestId);
        } catch (RuntimeException e) {
            // a recognizer's own failure is the API's InternalError, as the sandbox answers it
            throw OcrException.fromApi(ErrorCodes.INTERNAL_ERROR, "the local recognizer failed ("
                    + e.getClass().getSimpleName() + ")", requestId);
        }
        return new Envelope(requestId, Recognizer.answerFields(action, fields == null ? Map.of() : fields,
                parameters));
    }

    @Override
    public Envelope call(Path image) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(image);
        } catch (IOException e) {
            throw OcrException.local(ErrorCodes.UNREADABLE_SOURCE,
                    "the image could not be read (" + e.getClass().getSimpleName() + ")", e);
        }
        return call(bytes);
    }

    /** Local recognition reads bytes it is given: it downloads nothing (no socket is opened for it). */
    @Override
    public Envelope call(URI imageUrl) {
        throw OcrException.local(ErrorCodes.INVALID_IMAGE_URL,
                "local recognition reads the image's bytes; an image URL needs an endpoint that downloads it");
    }
}
