package dev.ocrbridge.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import com.tencentcloudapi.common.CommonClient;
import com.tencentcloudapi.common.CommonRequest;
import com.tencentcloudapi.common.Credential;
import com.tencentcloudapi.common.profile.ClientProfile;
import com.tencentcloudapi.common.profile.HttpProfile;
import com.tencentcloudapi.ocr.v20181119.OcrClient;
import com.tencentcloudapi.ocr.v20181119.models.RecognizeHealthCodeOCRRequest;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The official Tencent Cloud SDK as the oracle, its whole request path included: a real {@code OcrClient} or
 * {@code CommonClient} signs and sends each random request (keys, tokens, bodies, services, regions; the timestamp is
 * the SDK's own clock) to a capturing server on loopback, and ocrbridge's {@link Tc3SigningProcessor}, given the
 * same host, content type, timestamp and body bytes, must produce the identical {@code Authorization}.
 *
 * <p>Unlike a test that composes the SDK's {@code Sign} helpers by hand, nothing of the algorithm is re-written here:
 * canonical headers, signed headers, the date, the service name all come from what the SDK put on the wire.
 */
class SigningAgainstSdkRequestsPropertyTest {

    private static final int CASES = 240;
    private static final String ALPHANUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String UNICODE = "王一健康码绿色홍길동서울특별시😀\"\\/<>&=' \t";
    private static final List<String> HEALTH_REGIONS = List.of("ap-beijing", "ap-guangzhou", "ap-hongkong",
            "ap-shanghai", "na-toronto");

    private record Captured(String host, String contentType, String authorization, long timestamp, String action,
                            String region, String token, String version, byte[] body) {
    }

    private static HttpServer server;
    private static final BlockingQueue<Captured> CAPTURED = new LinkedBlockingQueue<>();

    @BeforeAll
    static void startCapturingServer() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody(); OutputStream out = exchange.getResponseBody()) {
                Headers h = exchange.getRequestHeaders();
                CAPTURED.add(new Captured(h.getFirst("Host"), h.getFirst("Content-Type"), h.getFirst("Authorization"),
                        Long.parseLong(h.getFirst("X-TC-Timestamp")), h.getFirst("X-TC-Action"),
                        h.getFirst("X-TC-Region"), h.getFirst("X-TC-Token"), h.getFirst("X-TC-Version"),
                        in.readAllBytes()));
                byte[] answer = "{\"Response\":{\"RequestId\":\"captured\"}}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, answer.length);
                out.write(answer);
            }
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    @Test
    void authorizationIsIdenticalToWhatTheSdkSentForRandomRequests() throws Exception {
        SplittableRandom random = new SplittableRandom(20261128L);
        int withToken = 0;
        int viaCommonClient = 0;
        int otherServices = 0;
        int large = 0;
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            for (int i = 0; i < CASES; i++) {
                String secretId = "AKID" + randomString(random, ALPHANUM, 32);
                String secretKey = randomString(random, ALPHANUM + "+/=*-_", 16 + random.nextInt(32));
                String token = random.nextBoolean() ? randomString(random, ALPHANUM, 40 + random.nextInt(80)) : null;
                Credential credential = token == null ? new Credential(secretId, secretKey)
                        : new Credential(secretId, secretKey, token);
                String image = i % 60 == 0 ? randomString(random, ALPHANUM + "+/", 1_000_000 + random.nextInt(2_000_000))
                        : randomString(random, ALPHANUM + "+/", random.nextInt(3_000));

                int kind = random.nextInt(4);
                if (kind == 0) {
                    // the typed client, its model serialized by the SDK
                    String region = HEALTH_REGIONS.get(random.nextInt(HEALTH_REGIONS.size()));
                    RecognizeHealthCodeOCRRequest request = new RecognizeHealthCodeOCRRequest();
                    request.setImageBase64(image);
                    if (random.nextBoolean()) {
                        request.setType((long) random.nextInt(3));
                    }
                    new OcrClient(credential, region, profile(null)).RecognizeHealthCodeOCR(request);
                } else if (kind == 1 || kind == 2) {
                    // the generic client with a JSON body of our own, Unicode and escapes included
                    String endpoint = kind == 2 ? "ocr.ap-singapore.tencentcloudapi.com" : null;
                    String json = "{\"ImageBase64\":\"" + image + "\",\"ReturnHeadImage\":" + random.nextBoolean()
                            + ",\"Note\":\"" + randomString(random, ALPHANUM + UNICODE, random.nextInt(200))
                            .replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
                    new CommonClient("ocr", "2018-11-19", credential, "ap-singapore", profile(endpoint))
                            .commonRequest(new CommonRequest(json), "RecognizeKoreanIDCardOCR");
                    viaCommonClient++;
                } else {
                    // another API 3.0 service: the service name comes from the host
                    String json = "{\"Limit\":" + random.nextInt(100) + ",\"Filters\":[{\"Name\":\"instance-name\","
                            + "\"Values\":[\"" + randomString(random, ALPHANUM + "王一홍", 12) + "\"]}]}";
                    new CommonClient("cvm", "2017-03-12", credential, "ap-guangzhou", profile(null))
                            .commonRequest(new CommonRequest(json), "DescribeInstances");
                    otherServices++;
                }
                Captured sent = CAPTURED.poll(10, TimeUnit.SECONDS);
                assertThat(sent).as("case %d reached the capturing server", i).isNotNull();

                Tc3SigningProcessor signer = new Tc3SigningProcessor();
                signer.setSecretId(secretId);
                signer.setSecretKey(secretKey);
                signer.setSessionToken(token);
                signer.setEndpoint("https://" + sent.host());
                signer.setContentType(sent.contentType());
                signer.setRegion(sent.region());
                signer.setClock(Clock.fixed(Instant.ofEpochSecond(sent.timestamp()), ZoneOffset.UTC));
                Exchange exchange = new DefaultExchange(camel);
                exchange.getMessage().setHeader("X-TC-Action", sent.action());
                exchange.getMessage().setHeader("X-TC-Version", sent.version());
                exchange.getMessage().setBody(sent.body());
                signer.process(exchange);

                assertThat(exchange.getMessage().getHeader("Authorization", String.class))
                        .as("case %d (%s %s)", i, sent.host(), sent.action()).isEqualTo(sent.authorization());
                assertThat(exchange.getMessage().getHeader("X-TC-Token", String.class)).isEqualTo(sent.token());
                assertThat(exchange.getMessage().getBody(byte[].class)).isEqualTo(sent.body());
                withToken += token == null ? 0 : 1;
                large += sent.body().length > 1_000_000 ? 1 : 0;
            }
        }
        // the generator covered what the test claims
        assertThat(withToken).isBetween(CASES / 4, CASES * 3 / 4);
        assertThat(viaCommonClient).isGreaterThan(CASES / 4);
        assertThat(otherServices).isGreaterThan(CASES / 8);
        assertThat(large).isGreaterThanOrEqualTo(3);
    }

    /** The documented way to point the SDK elsewhere: plain http through a proxy, the host left as Tencent's. */
    private static ClientProfile profile(String endpoint) {
        HttpProfile http = new HttpProfile();
        http.setProtocol("http://");
        http.setProxyHost("127.0.0.1");
        http.setProxyPort(server.getAddress().getPort());
        http.setConnTimeout(10);
        http.setReadTimeout(30);
        if (endpoint != null) {
            http.setEndpoint(endpoint);
        }
        ClientProfile profile = new ClientProfile();
        profile.setHttpProfile(http);
        return profile;
    }

    private static String randomString(SplittableRandom random, String alphabet, int length) {
        int[] cps = alphabet.codePoints().toArray();
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.appendCodePoint(cps[random.nextInt(cps.length)]);
        }
        return sb.toString();
    }
}
