package dev.ocrbridge.errors;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps an error code to its {@link Disposition}: the defaults of the product contract, overridable per code.
 *
 * <p>A rule is an exact code ({@code InternalError}), a family ({@code AuthFailure.*} matches every code
 * under {@code AuthFailure.}) or a prefix ({@code RequestLimitExceeded*} matches the code and its sub-codes).
 * The longest matching rule wins, and an override beats a default of the same length. Codes no rule covers are
 * rejected: a code nobody planned for should land in front of a person, not loop.
 */
public final class DispositionPolicy {

    /** The contract's defaults (PRODUCT.md, "Dispositions"). */
    public static final Map<String, Disposition> DEFAULTS = defaults();

    private final List<Rule> rules;

    private record Rule(String pattern, Disposition disposition, boolean override) {
        boolean matches(String code) {
            if (pattern.endsWith("*")) {
                // "AuthFailure.*" matches below "AuthFailure."; "RequestLimitExceeded*" the code and its sub-codes
                return code.startsWith(pattern.substring(0, pattern.length() - 1));
            }
            return code.equals(pattern);
        }

        int specificity() {
            // exact codes beat any wildcard of the same text length
            return pattern.endsWith("*") ? pattern.length() * 2 - 1 : pattern.length() * 2;
        }
    }

    private DispositionPolicy(List<Rule> rules) {
        this.rules = rules;
    }

    public static DispositionPolicy defaultPolicy() {
        return withOverrides(Map.of());
    }

    /** The defaults plus overrides, for example {@code FailedOperation.OcrFailed -> RETRY}. */
    public static DispositionPolicy withOverrides(Map<String, Disposition> overrides) {
        List<Rule> rules = new ArrayList<>();
        DEFAULTS.forEach((p, d) -> rules.add(new Rule(p, d, false)));
        overrides.forEach((p, d) -> rules.add(new Rule(p.trim(), d, true)));
        rules.sort(Comparator.comparingInt(Rule::specificity).reversed()
                .thenComparing(r -> !r.override()));
        return new DispositionPolicy(List.copyOf(rules));
    }

    /**
     * Parses overrides written as {@code code=disposition} pairs separated by commas, for example
     * {@code FailedOperation.OcrFailed=retry,InvalidParameterValue.*=halt}. Blank means none.
     */
    public static DispositionPolicy parse(String overrides) {
        Map<String, Disposition> map = new LinkedHashMap<>();
        if (overrides != null && !overrides.isBlank()) {
            for (String pair : overrides.split(",")) {
                if (pair.isBlank()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("Disposition override '" + pair.trim()
                            + "' is not of the form code=retry|reject|halt");
                }
                map.put(pair.substring(0, eq).trim(), Disposition.parse(pair.substring(eq + 1)));
            }
        }
        return withOverrides(map);
    }

    public Disposition dispositionOf(String code) {
        for (Rule rule : rules) {
            if (rule.matches(code)) {
                return rule.disposition();
            }
        }
        return Disposition.REJECT;
    }

    private static Map<String, Disposition> defaults() {
        Map<String, Disposition> m = new LinkedHashMap<>();
        for (String c : List.of("RequestLimitExceeded*", "InternalError", "ServiceUnavailable",
                ErrorCodes.UNKNOWN_ERROR, ErrorCodes.DOWNLOAD_ERROR, "Transport.*", "Envelope.*",
                "ResourceUnavailable", "ResourceInsufficient")) {
            m.put(c, Disposition.RETRY);
        }
        for (String c : List.of(ErrorCodes.IMAGE_DECODE_FAILED, ErrorCodes.ENGINE_IMAGE_DECODE_FAILED,
                ErrorCodes.EMPTY_IMAGE, ErrorCodes.IMAGE_NO_TEXT, ErrorCodes.IMAGE_SIZE_TOO_LARGE,
                ErrorCodes.TOO_LARGE_FILE, "InvalidParameterValue.*", ErrorCodes.OCR_FAILED,
                "InvalidParameter", "InvalidParameterValue", "RequestSizeLimitExceeded", "Source.*",
                ErrorCodes.UNREADABLE_SOURCE, ErrorCodes.UNACCEPTABLE_NAME)) {
            m.put(c, Disposition.REJECT);
        }
        for (String c : List.of("AuthFailure.*", ErrorCodes.UN_OPEN, ErrorCodes.CHARGE_STATUS,
                ErrorCodes.ACTION_OFFLINE, ErrorCodes.INVALID_ACTION, "UnauthorizedOperation", "UnsupportedRegion",
                "IpNotInWhitelist", "IpInBlacklist", "NoSuchVersion", "NoSuchProduct", "MissingParameter",
                "UnknownParameter", "Transport.HostKeyRejected", ErrorCodes.LOGIN_REFUSED, ErrorCodes.TLS_FAILED,
                "Storage.*")) {
            m.put(c, Disposition.HALT);
        }
        return Map.copyOf(m);
    }
}
