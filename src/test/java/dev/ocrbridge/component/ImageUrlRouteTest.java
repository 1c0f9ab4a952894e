package dev.ocrbridge.component;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.ocrbridge.errors.Disposition;
import dev.ocrbridge.errors.ErrorCodes;
import dev.ocrbridge.sandbox.ObservedRequest;
import dev.ocrbridge.sandbox.SandboxExtension;
import dev.ocrbridge.testsupport.TestImages;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An image named by its URL (the {@code CamelTencentOcrImageUrl} header, or a URL/URI body) is sent as
 * {@code ImageUrl}: the endpoint downloads it, so the request carries no image bytes, and the fields are those of
 * the image behind the URL.
 */
class ImageUrlRouteTest extends CamelTestSupport {

    private static final byte[] CARD = TestImages.tinyPng(4242);
    private static final Map<String, Object> CARD_FIELDS = Map.of("Name", "王*一", "Color", "绿色");

    @RegisterExtension
    static final SandboxExtension SANDBOX = SandboxExtension.create();

    private static HttpServer images;
    private static final AtomicInteger DOWNLOADS = new AtomicInteger();

    @BeforeAll
    static void imageServer() throws IOException {
        images = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        images.createContext("/cards/card.png", ex -> {
            DOWNLOADS.incrementAndGet();
            ex.sendResponseHeaders(200, CARD.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(CARD);
            }
        });
        images.start();
    }

    @AfterAll
    static void stopImageServer() {
        images.stop(0);
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        SANDBOX.configure(context);
        return context;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:by-url").to("tencent-ocr:RecognizeHealthCodeOCR");
            }
        };
    }

    private String cardUrl() {
        return "http://127.0.0.1:" + images.getAddress().getPort() + "/cards/card.png";
    }

    @Test
    void aRouteSendsAnImageUrlAndGetsTheFieldsOfTheImageBehindIt() {
        SANDBOX.sandbox().fixtures().register(CARD, CARD_FIELDS);
        int before = DOWNLOADS.get();

        Exchange out = template.request("direct:by-url",
                e -> e.getMessage().setHeader(TencentOcrConstants.IMAGE_URL, cardUrl()));

        assertThat(out.getException()).isNull();
        assertThat(out.getMessage().getBody(Map.class)).containsAllEntriesOf(CARD_FIELDS);
        assertThat(DOWNLOADS.get()).as("the endpoint downloaded the image itself").isEqualTo(before + 1);
        ObservedRequest request = SANDBOX.sandbox().requests().get(0);
        assertThat(request.bodyBytes()).as("no image bytes in the request").isLessThan(200);
        assertThat(request.imageSha256()).isNotNull();
    }

    @Test
    void aUriBodyMeansTheSame() {
        SANDBOX.sandbox().fixtures().register(CARD, CARD_FIELDS);
        Exchange out = template.request("direct:by-url", e -> e.getMessage().setBody(URI.create(cardUrl())));
        assertThat(out.getMessage().getBody(Map.class)).containsAllEntriesOf(CARD_FIELDS);
    }

    @Test
    void aUrlTheApiCouldNeverFetchIsRejectedUnsent() {
        for (String bad : new String[] {"file:///etc/passwd", "ftp://127.0.0.1/card.png", "http:///nohost", "::"}) {
            Exchange out = template.request("direct:by-url",
                    e -> e.getMessage().setHeader(TencentOcrConstants.IMAGE_URL, bad));
            TencentOcrException failure = out.getException(TencentOcrException.class);
            assertThat(failure.code()).as(bad).isEqualTo(ErrorCodes.INVALID_IMAGE_URL);
            assertThat(failure.disposition()).isEqualTo(Disposition.REJECT);
            assertThat(failure.getMessage()).doesNotContain("passwd");
        }
        assertThat(SANDBOX.sandbox().requests()).isEmpty();
    }

    @Test
    void anImageTheEndpointCannotDownloadIsItsDownloadError() {
        Exchange out = template.request("direct:by-url", e -> e.getMessage().setHeader(TencentOcrConstants.IMAGE_URL,
                "http://127.0.0.1:" + images.getAddress().getPort() + "/missing.png"));
        assertThat(out.getException(TencentOcrException.class).code()).isEqualTo(ErrorCodes.DOWNLOAD_ERROR);
    }
}
