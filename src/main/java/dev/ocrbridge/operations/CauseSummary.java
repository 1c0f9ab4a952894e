package dev.ocrbridge.operations;

import dev.ocrbridge.logging.Redactor;
import java.util.regex.Pattern;

/**
 * A short, single-line description of a failure that is safe to log: the class of its innermost cause and that
 * cause's message with anything that may name a file, a folder path or a mailbox removed, and what else may be
 * personal data masked as the log encoder masks it ({@link Redactor#mask}: words in Hangul or Chinese, long digit
 * runs, Base64). Exception messages of file and mail libraries, and servers' answers, routinely embed remote paths
 * ("Cannot retrieve file: inbox/김철수.png"), login names and ID numbers; ocrbridge's own lines, which carry this
 * summary, are not masked again by the encoder, so it must carry none of them, nor a line break an attacker could
 * use to forge a second line.
 */
public final class CauseSummary {

    private static final int MAX_MESSAGE = 100;
    /** Tokens that look like a path, a file name with an extension, or an address: replaced, not shown. */
    private static final Pattern SENSITIVE_TOKEN = Pattern.compile(
            "\\S*[/\\\\@]\\S*|\\S+\\.[A-Za-z][A-Za-z0-9]{0,4}\\b['\"\\])]*");

    private CauseSummary() {
    }

    /** {@code ConnectException: Connection refused}, or only the class when the message has nothing safe left. */
    public static String of(Throwable t) {
        if (t == null) {
            return "unknown cause";
        }
        Throwable root = innermost(t);
        String message = safeMessage(root.getMessage());
        return root.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    }

    /** The innermost cause (the one that says what really happened: refused, timed out, not found). */
    public static Throwable innermost(Throwable t) {
        Throwable root = t;
        for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < 32; depth++) {
            root = root.getCause();
        }
        return root;
    }

    static String safeMessage(String message) {
        if (message == null) {
            return "";
        }
        String oneLine = message.replaceAll("\\p{Cntrl}+", " ");
        String cleaned = SENSITIVE_TOKEN.matcher(oneLine).replaceAll("…").replaceAll("\\s+", " ").strip();
        // a message made only of what was removed says nothing
        if (cleaned.replace("…", "").replaceAll("[\\s:;,()\\[\\]'\"-]", "").isEmpty()) {
            return "";
        }
        String masked = maskBetweenRemovals(cleaned);
        return masked.length() <= MAX_MESSAGE ? masked : masked.substring(0, MAX_MESSAGE) + "…";
    }

    /** The text between the "…" marks masked, the marks kept: the mask would hash a lone "…" as a non-Latin word. */
    private static String maskBetweenRemovals(String cleaned) {
        StringBuilder out = new StringBuilder(cleaned.length() + 16);
        int from = 0;
        int mark;
        while ((mark = cleaned.indexOf('…', from)) >= 0) {
            out.append(Redactor.mask(cleaned.substring(from, mark))).append('…');
            from = mark + 1;
        }
        return out.append(Redactor.mask(cleaned.substring(from))).toString();
    }
}
