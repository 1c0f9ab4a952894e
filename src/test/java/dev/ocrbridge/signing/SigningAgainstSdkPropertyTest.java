package dev.ocrbridge.signing;

import static org.assertj.core.api.Assertions.assertThat;

import com.tencentcloudapi.common.Sign;
import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.client.Tc3SigningProcessor;
import java.nio.charset.StandardCharsets;
import java.text.SimpleDateFormat;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.TimeZone;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/**
 * 1,000 random requests signed by ocrbridge's signing processor and by the official SDK's {@code Sign} helpers
 * composed per the documented algorithm: the Authorization headers must be identical.
 */
class SigningAgainstSdkPropertyTest {

    private static final int CASES = 1_000;
    private static final String ALPHANUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String UNICODE = "王一健康码绿色홍길동서울특별시😀\u0000\"\\\n";

    @Test
    void authorizationIsIdenticalToTheSdkCompositionForRandomRequests() throws Exception {
        SplittableRandom random = new SplittableRandom(20261122L);
        int withToken = 0;
        int acrossMidnight = 0;
        int large = 0;
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            for (int i = 0; i < CASES; i++) {
                String secretId = "AKID" + randomString(random, ALPHANUM, 32);
                String secretKey = randomString(random, ALPHANUM + "+/=*-_", 16 + random.nextInt(32));
                String token = random.nextBoolean() ? randomString(random, ALPHANUM, 40 + random.nextInt(80)) : null;
                // around UTC midnight on random days between 2019 and 2033
                long midnight = 1_546_300_800L + 86_400L * random.nextInt(5_000);
                long timestamp = midnight + random.nextInt(-120, 120);
                OcrAction action = OcrAction.values()[random.nextInt(OcrAction.values().length)];
                byte[] body = randomBody(random, i);
                String host = random.nextBoolean() ? OcrAction.HOST : "127.0.0.1:" + (1024 + random.nextInt(60000));

                Tc3SigningProcessor processor = new Tc3SigningProcessor();
                processor.setEndpoint((host.startsWith("127") ? "http://" : "https://") + host);
                processor.setService(OcrAction.SERVICE);
                processor.setSecretId(secretId);
                processor.setSecretKey(secretKey);
                processor.setSessionToken(token);
                processor.setClock(Clock.fixed(Instant.ofEpochSecond(timestamp), ZoneOffset.UTC));
                Exchange exchange = new DefaultExchange(camel);
                exchange.getMessage().setHeader(Tc3SigningProcessor.X_TC_ACTION, action.actionName());
                exchange.getMessage().setBody(body);
                processor.process(exchange);

                String expected = sdkAuthorization(secretId, secretKey, host, Tc3SigningProcessor.DEFAULT_CONTENT_TYPE,
                        timestamp, body);
                assertThat(exchange.getMessage().getHeader("Authorization", String.class))
                        .as("case %d", i).isEqualTo(expected);
                assertThat(exchange.getMessage().getHeader("X-TC-Timestamp", String.class))
                        .isEqualTo(Long.toString(timestamp));
                assertThat(exchange.getMessage().getHeader("X-TC-Action", String.class)).isEqualTo(action.actionName());
                assertThat(exchange.getMessage().getHeader("X-TC-Token", String.class)).isEqualTo(token);
                withToken += token == null ? 0 : 1;
                acrossMidnight += timestamp < midnight ? 1 : 0;
                large += body.length > 1_000_000 ? 1 : 0;
            }
        }
        // the generator really covered what the test claims
        assertThat(withToken).isBetween(400, 600);
        assertThat(acrossMidnight).isBetween(400, 600);
        assertThat(large).isGreaterThanOrEqualTo(10);
    }

    private static byte[] randomBody(SplittableRandom random, int i) {
        if (i % 50 == 0) {
            // several MB of Base64-looking JSON, as a real image body is
            byte[] big = new byte[1_000_000 + random.nextInt(4_000_000)];
            for (int k = 0; k < big.length; k++) {
                big[k] = (byte) ALPHANUM.charAt(random.nextInt(ALPHANUM.length()));
            }
            return big;
        }
        String text = "{\"ImageBase64\":\"" + randomString(random, ALPHANUM + UNICODE, random.nextInt(2_000)) + "\"}";
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String randomString(SplittableRandom random, String alphabet, int length) {
        int[] cps = alphabet.codePoints().toArray();
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.appendCodePoint(cps[random.nextInt(cps.length)]);
        }
        return sb.toString();
    }

    /** The documented algorithm composed from the SDK's own helpers, as the SDK's AbstractClient does it. */
    static String sdkAuthorization(String secretId, String secretKey, String host, String contentType,
                                   long timestamp, byte[] body) throws Exception {
        SimpleDateFormat sdf = new SimpleDateFormat("yyyy-MM-dd");
        sdf.setTimeZone(TimeZone.getTimeZone("UTC"));
        String date = sdf.format(new Date(timestamp * 1000));
        String canonicalHeaders = "content-type:" + contentType + "\nhost:" + host + "\n";
        String signedHeaders = "content-type;host";
        String canonicalRequest = "POST\n/\n\n" + canonicalHeaders + "\n" + signedHeaders + "\n" + Sign.sha256Hex(body);
        String scope = date + "/ocr/tc3_request";
        String stringToSign = "TC3-HMAC-SHA256\n" + timestamp + "\n" + scope + "\n" + Sign.sha256Hex(canonicalRequest);
        byte[] secretDate = Sign.hmac256(("TC3" + secretKey).getBytes(StandardCharsets.UTF_8), date);
        byte[] secretService = Sign.hmac256(secretDate, "ocr");
        byte[] secretSigning = Sign.hmac256(secretService, "tc3_request");
        String signature = HexFormat.of().formatHex(Sign.hmac256(secretSigning, stringToSign));
        return "TC3-HMAC-SHA256 Credential=" + secretId + "/" + scope + ", SignedHeaders=" + signedHeaders
                + ", Signature=" + signature;
    }
}
