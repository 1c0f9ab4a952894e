package dev.ocrbridge.request;

import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.actions.Parameter;

/**
 * The optional request parameters ocrbridge sends besides the image. Each is sent only to the action that
 * defines it (the API answers {@code UnknownParameter} otherwise).
 *
 * @param returnHeadImage {@code ReturnHeadImage} for Korean ID cards; null leaves it out
 * @param healthCodeType  {@code Type} for health codes; null leaves it out (automatic detection)
 */
public record RequestOptions(Boolean returnHeadImage, Integer healthCodeType) {

    public static final RequestOptions NONE = new RequestOptions(null, null);

    String jsonMembers(OcrAction action) {
        StringBuilder sb = new StringBuilder();
        if (returnHeadImage != null && action.parameter(Parameter.RETURN_HEAD_IMAGE.wireName()).isPresent()) {
            sb.append(",\"").append(Parameter.RETURN_HEAD_IMAGE.wireName()).append("\":").append(returnHeadImage);
        }
        if (healthCodeType != null && action.parameter(Parameter.TYPE.wireName()).isPresent()) {
            sb.append(",\"").append(Parameter.TYPE.wireName()).append("\":").append(healthCodeType);
        }
        return sb.toString();
    }
}
