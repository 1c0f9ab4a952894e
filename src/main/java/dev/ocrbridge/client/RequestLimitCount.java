package dev.ocrbridge.client;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a {@code RequestLimitExceeded} answer tells of the second it met. Tencent's message counts the account's
 * requests in that second, every application's and the refused ones included, beside the limit: "Your current
 * request times equals to `13` in a second, which exceeds the frequency limit `10` for a second", or in Chinese
 * "您当前每秒请求 `13` 次,超过了每秒频率上限 `10`". Less ocrbridge's own requests of that second, the count is the
 * other applications' demand, which the refusal alone does not tell ({@link AdaptiveRate}).
 *
 * @param timesInSecond the account's requests in the second, this one included
 * @param limit         the account's quota for the action, per second
 */
public record RequestLimitCount(int timesInSecond, int limit) {

    private static final Pattern NUMBER = Pattern.compile("`(\\d{1,9})`");

    /** The two numbers of the message, in their order in either language; null when it does not carry them. */
    public static RequestLimitCount of(String message) {
        if (message == null) {
            return null;
        }
        Matcher m = NUMBER.matcher(message);
        if (!m.find()) {
            return null;
        }
        int times = Integer.parseInt(m.group(1));
        if (!m.find()) {
            return null;
        }
        int limit = Integer.parseInt(m.group(1));
        // a count that did not exceed its limit is not this message's
        return limit > 0 && times > limit ? new RequestLimitCount(times, limit) : null;
    }
}
