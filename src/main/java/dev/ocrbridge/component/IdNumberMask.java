package dev.ocrbridge.component;

import dev.ocrbridge.actions.OcrAction;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code maskIdNumber} option: a Korean resident registration number keeps its birth date and the digit for sex
 * and century, {@code 820701-2******}, and nothing else. A number read imperfectly is masked all the same: every
 * digit after the seventh becomes {@code *}, so a misread never leaks what a correct read would hide.
 */
final class IdNumberMask {

    /** The Korean card's field that carries the number. */
    static final String FIELD = "ID";
    private static final Pattern UNSEPARATED = Pattern.compile("\\d{13}");

    private IdNumberMask() {
    }

    /** The fields with the number masked; the same map when the action has no such number. */
    static Map<String, Object> apply(OcrAction action, Map<String, Object> fields) {
        if (action != OcrAction.RECOGNIZE_KOREAN_ID_CARD_OCR || !(fields.get(FIELD) instanceof String number)) {
            return fields;
        }
        Map<String, Object> masked = new LinkedHashMap<>(fields);
        masked.put(FIELD, mask(number));
        return masked;
    }

    static String mask(String number) {
        String n = UNSEPARATED.matcher(number).matches() ? number.substring(0, 6) + "-" + number.substring(6) : number;
        StringBuilder out = new StringBuilder(n.length());
        int digits = 0;
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            out.append(Character.isDigit(c) && ++digits > 7 ? '*' : c);
        }
        return out.toString();
    }
}
