package dev.ocrbridge.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The account's count of a second, read from a {@code RequestLimitExceeded} answer's message in either language. */
class RequestLimitCountTest {

    @Test
    void theCountAndTheLimitAreReadInEitherLanguage() {
        assertThat(RequestLimitCount.of("Your current request times equals to `13` in a second, which exceeds the"
                + " frequency limit `10` for a second. Please reduce the frequency of calls."))
                .isEqualTo(new RequestLimitCount(13, 10));
        assertThat(RequestLimitCount.of("您当前每秒请求 `21` 次,超过了每秒频率上限 `20`,请降低调用频率。"))
                .isEqualTo(new RequestLimitCount(21, 20));
    }

    @Test
    void aMessageWithoutBothNumbersOrWithNumbersThatCannotBeACountSaysNothing() {
        assertThat(RequestLimitCount.of(null)).isNull();
        assertThat(RequestLimitCount.of("")).isNull();
        assertThat(RequestLimitCount.of("Request limit exceeded.")).isNull();
        assertThat(RequestLimitCount.of("times `13` only")).isNull();
        assertThat(RequestLimitCount.of("`10` within `13`")).as("a count under its limit").isNull();
        assertThat(RequestLimitCount.of("`13` and `0`")).as("no limit").isNull();
        assertThat(RequestLimitCount.of("`99999999999999999999` over `10`")).as("too long to be a count").isNull();
        assertThat(RequestLimitCount.of("`-13` over `10`")).isNull();
    }
}
