package dev.ocrbridge.logging;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns log text that may carry personal data into text that cannot.
 *
 * <p>Values are replaced by a short keyed hash ({@code #3fa2c81d}): the same value gives the same hash for the
 * life of the process, so an operator can follow one file through the lines, but nobody can confirm a guessed
 * name ("김철수 주민등록증.png") against a log, because the key is random per process and never leaves it.
 *
 * <p>Libraries (Camel, JSch, the mail client, HttpClient) are not ours: their {@code {}} arguments are always
 * hashed, and their message text, which they sometimes build by concatenation, is searched for the shapes data
 * takes there: paths and URIs, file names with the extensions we handle, non-Latin words (names in Hangul or
 * Chinese), mail addresses and Message-IDs, long digit runs (ID and phone numbers), long Base64/hex runs (image
 * data, keys, tokens). Control characters are escaped in every line, ours included, so a newline in a file name
 * can never start a forged line.
 */
public final class Redactor {

    // parentheses are not stops: RAW(...) and "(path)" are part of the value they wrap
    private static final String STOP = "\\s\\[\\]{}<>\"',;|`";
    private static final Pattern DATA = Pattern.compile(String.join("|",
            // an exception message that CamelExchangeException.createExceptionMessage (the consumers' exception
            // handler) or the error handler quotes: "Caused by: [java.nio.file.NoSuchFileException - <message>]"
            // (to the last ']': the message may hold brackets and newlines)
            "(?<=Caused by: \\[[\\w.$]{1,200} - )[\\s\\S]*(?=])",
            // the path Camel's GenericFile / RemoteFile toString() prints, spaces included: "GenericFile[<path>]"
            // (newlines included, a name may hold one; to the last ']' that ends a word, since a name may also
            // hold "] ": a few words after it are hashed with it, never a piece of the name left out)
            "(?<=(?:GenericFile|RemoteFile|SftpRemoteFile|FtpRemoteFile)\\[)[\\s\\S]+(?=](?:$|[\\s.,;:)\\]]))",
            // what follows "file: ", "directory: ", "from: "... to the end of the text: Camel concatenates a File
            // or a name there ("Will skip the file: " + target), spaces and newlines included; stops before the
            // exchange and cause that the consumers' exception handler appends, and before " to: "
            "(?<=(?i:file|files|directory|path|name|folder|attachment|from|to): )[\\s\\S]+?"
                    + "(?=\\. Exchange\\[|\\. Caused by: \\[| to: |$)",
            // a credential in a query string or a property line that the library did not sanitize itself
            "(?<=(?i:password|passphrase|secret|secretkey|secret-key|secret_key|token|accesskey)[=:] ?)[^&\\s]+",
            // a mail address or a Message-ID's right part
            "[^" + STOP + "@]*@[^" + STOP + "@]+",
            // a path or a URI: anything holding a slash or a backslash
            "[^" + STOP + "]*[/\\\\][^" + STOP + "]*",
            // any token with a letter outside ASCII: names in Hangul, Chinese, accented Latin
            "[^" + STOP + "]*[^\\x00-\\x7F][^" + STOP + "]*",
            // a file name (or its tail) with an extension of what we take in or write out
            "[^" + STOP + "]*\\.(?i:png|jpe?g|jfif|gif|bmp|tiff?|webp|heic|heif|pdf|txt|json|xml|csv|zip|eml"
                    + "|docx?|xlsx?|camelLock|part|partial|tmp|crdownload|filepart)(?![A-Za-z0-9])",
            // ID, phone and card numbers: 7 or more digits, dashes and spaces allowed inside
            "(?<![A-Za-z0-9])\\d(?:[ -]?\\d){6,}(?![A-Za-z0-9])",
            // Base64, hex, keys, tokens: 20+ such characters holding a digit, '+' or '/'
            "(?<![A-Za-z0-9+/=_-])(?=[A-Za-z0-9+/=_-]*[0-9+/])[A-Za-z0-9+/=_-]{20,}"));

    /** Camel's raw option values, {@code RAW(...)} or {@code RAW{...}}: passwords as the user typed them. */
    private static final Pattern RAW_VALUE = Pattern.compile("RAW\\(.*?\\)(?=[&)\\s]|$)|RAW\\{.*?}(?=[&)\\s]|$)");
    private static final SecretKeySpec KEY = randomKey();
    private static final ThreadLocal<Mac> MAC = ThreadLocal.withInitial(Redactor::newMac);
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Redactor() {
    }

    /** {@code #} and 8 hex digits of a keyed hash of the value's text. */
    public static String hash(String value) {
        byte[] h = MAC.get().doFinal(value.getBytes(StandardCharsets.UTF_8));
        char[] out = new char[9];
        out[0] = '#';
        for (int i = 0; i < 4; i++) {
            out[1 + 2 * i] = HEX[(h[i] >> 4) & 0xF];
            out[2 + 2 * i] = HEX[h[i] & 0xF];
        }
        return new String(out);
    }

    /**
     * A foreign library's message: its template with every {@code {}} replaced by {@link #argument}, and the
     * template's own text (where concatenated data hides) {@linkplain #mask masked}; control characters escaped.
     */
    public static String foreign(String template, Object[] args) {
        return foreign(template, args, false);
    }

    /**
     * As {@link #foreign(String, Object[])}; with {@code maskedArguments}, each argument is {@linkplain #mask
     * masked} instead of hashed whole: for the few lifecycle loggers whose arguments are route ids, versions,
     * durations and configuration, so that start-up and shut-down stay readable.
     */
    public static String foreign(String template, Object[] args, boolean maskedArguments) {
        if (template == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(template.length() + 32);
        int argIndex = 0;
        int from = 0;
        int brace;
        while ((brace = template.indexOf("{}", from)) >= 0 && args != null && argIndex < args.length) {
            boolean escaped = brace > 0 && template.charAt(brace - 1) == '\\'
                    && !(brace > 1 && template.charAt(brace - 2) == '\\');
            if (escaped) {
                mask(template.substring(from, brace - 1), out);
                out.append("{}");
            } else {
                mask(template.substring(from, brace), out);
                Object arg = args[argIndex++];
                if (maskedArguments && !(arg instanceof Object[])) {
                    mask(String.valueOf(arg), out);
                } else {
                    out.append(argument(arg));
                }
            }
            from = brace + 2;
        }
        mask(template.substring(from), out);
        return escapeControls(out);
    }

    /** Our own message (already formatted; its arguments were chosen to carry no data): only escaped. */
    public static String own(String formatted) {
        return formatted == null ? "null" : escapeControls(new StringBuilder(formatted));
    }

    /**
     * One argument of a foreign message: numbers (up to 6 digits), booleans, enum constants, classes and durations
     * as they are (they keep counts, sizes and states readable); anything else as its hash.
     */
    public static String argument(Object arg) {
        if (arg == null) {
            return "null";
        }
        if (arg instanceof Number) {
            return mask(arg.toString()); // counts, sizes, ports stay; a long one may be an ID number
        }
        if (arg instanceof Boolean || arg instanceof Duration) {
            return arg.toString();
        }
        if (arg instanceof Enum<?> e) {
            return e.name();
        }
        if (arg instanceof Class<?> c) {
            return c.getName();
        }
        String text = arg instanceof Object[] array ? java.util.Arrays.deepToString(array) : String.valueOf(arg);
        return hash(text);
    }

    /** Text with every shape of data in it replaced by its hash, control characters escaped. */
    public static String mask(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(text.length());
        mask(text, out);
        return escapeControls(out);
    }

    private static void mask(String text, StringBuilder out) {
        // first the RAW(...) values of endpoint URIs: they may hold spaces, so no token rule would take them whole
        Matcher raw = RAW_VALUE.matcher(text);
        int last = 0;
        while (raw.find()) {
            maskData(text.substring(last, raw.start()), out);
            out.append(hash(raw.group()));
            last = raw.end();
        }
        maskData(text.substring(last), out);
    }

    private static void maskData(String text, StringBuilder out) {
        Matcher m = DATA.matcher(text);
        int last = 0;
        while (m.find()) {
            out.append(text, last, m.start()).append(hash(m.group()));
            last = m.end();
        }
        out.append(text, last, text.length());
    }

    /**
     * CR, LF and every other control or format character (NEL, LINE/PARAGRAPH SEPARATOR, bidi overrides) as a
     * visible escape: a line printed here stays one line and reads the way it was written.
     */
    public static String escapeControls(CharSequence s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean control = Character.isISOControl(c) || c == '\u2028' || c == '\u2029'
                    || Character.getType(c) == Character.FORMAT;
            if (control && out == null) {
                out = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (out != null) {
                if (!control) {
                    out.append(c);
                } else if (c == '\n') {
                    out.append("\\n");
                } else if (c == '\r') {
                    out.append("\\r");
                } else if (c == '\t') {
                    out.append("\\t");
                } else {
                    out.append(String.format("\\u%04x", (int) c));
                }
            }
        }
        return out == null ? s.toString() : out.toString();
    }

    private static SecretKeySpec randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new SecretKeySpec(key, "HmacSHA256");
    }

    private static Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(KEY);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
