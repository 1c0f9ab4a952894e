package dev.ocrbridge.envelope;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ocrbridge.errors.ErrorCodes;
import dev.ocrbridge.errors.OcrException;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tencent's answer envelope, {@code {"Response": {...}}}: either the action's output fields plus
 * {@code RequestId}, or {@code Error.Code}/{@code Error.Message} plus {@code RequestId}.
 *
 * @param requestId the answer's RequestId
 * @param fields    output fields in the order Tencent sent them, {@code RequestId} excluded
 */
public record Envelope(String requestId, Map<String, Object> fields) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Reads an answer body.
     *
     * @throws OcrException with the answer's {@code Error.Code} and RequestId when the API refused the request,
     *                      or {@code Envelope.Unreadable} when the body is not an envelope at all
     */
    public static Envelope read(byte[] body) {
        if (body == null || body.length == 0) {
            throw OcrException.local(ErrorCodes.UNREADABLE_ENVELOPE, "the answer has no body");
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw OcrException.local(ErrorCodes.UNREADABLE_ENVELOPE, "the answer is not JSON");
        } catch (IOException e) {
            throw OcrException.local(ErrorCodes.UNREADABLE_ENVELOPE, "the answer could not be read", e);
        }
        JsonNode response = root == null ? null : root.get("Response");
        if (response == null || !response.isObject()) {
            throw OcrException.local(ErrorCodes.UNREADABLE_ENVELOPE, "the answer has no Response object");
        }
        String requestId = response.path("RequestId").asText(null);
        JsonNode error = response.get("Error");
        if (error != null) {
            String code = error.path("Code").asText("");
            if (code.isEmpty()) {
                throw OcrException.local(ErrorCodes.UNREADABLE_ENVELOPE, "the answer's Error has no Code");
            }
            throw OcrException.fromApi(code, error.path("Message").asText(""), requestId);
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = response.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!"RequestId".equals(e.getKey())) {
                fields.put(e.getKey(), JSON.convertValue(e.getValue(), Object.class));
            }
        }
        return new Envelope(requestId, fields);
    }
}
