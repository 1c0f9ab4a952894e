package dev.ocrbridge.errors;

/** What ocrbridge does with an image whose recognition failed with a given code. */
public enum Disposition {
    /** Re-sign and re-send with exponential back-off and jitter, bounded; then dead-letter as exhausted. */
    RETRY,
    /** Dead-letter at once under the code: the image itself is the problem. */
    REJECT,
    /** Stop intake for the action, keep the file in the inbox, report DOWN until an operator resumes. */
    HALT;

    /** The name used in configuration and error files: {@code retry}, {@code reject}, {@code halt}. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Disposition parse(String s) {
        return valueOf(s.trim().toUpperCase(java.util.Locale.ROOT));
    }
}
