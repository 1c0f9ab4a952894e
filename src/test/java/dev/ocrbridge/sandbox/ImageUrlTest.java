package dev.ocrbridge.sandbox;

import static dev.ocrbridge.actions.OcrAction.RECOGNIZE_HEALTH_CODE_OCR;
import static dev.ocrbridge.actions.OcrAction.RECOGNIZE_KOREAN_ID_CARD_OCR;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.ocrbridge.errors.ErrorCodes;
import dev.ocrbridge.testsupport.TestImages;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code ImageUrl}: downloaded by the sandbox from a local image server, within Tencent's 3 s. */
class ImageUrlTest {

    @RegisterExtension
    static final SandboxExtension SANDBOX = SandboxExtension.create();

    static final byte[] PNG = TestImages.tinyPng(42);
    static final CountDownLatch RELEASE = new CountDownLatch(1);
    static HttpServer images;
    static ExecutorService imageThreads;

    @BeforeAll
    static void startImageServer() throws IOException {
        images = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        imageThreads = Executors.newFixedThreadPool(4);
        images.setExecutor(imageThreads);
        images.createContext("/card.png", ex -> {
            ex.sendResponseHeaders(200, PNG.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(PNG);
            }
        });
        images.createContext("/anim.gif", ex -> {
            byte[] gif = TestImages.tinyGif();
            ex.sendResponseHeaders(200, gif.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(gif);
            }
        });
        images.createContext("/empty.png", ex -> {
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        images.createContext("/slow.png", ex -> {
            try {
                RELEASE.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.close();
        });
        images.createContext("/", ex -> {
            ex.sendResponseHeaders(404, -1);
            ex.close();
        });
        images.start();
    }

    @AfterAll
    static void stopImageServer() {
        RELEASE.countDown();
        images.stop(0);
        imageThreads.shutdownNow();
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + images.getAddress().getPort() + path;
    }

    @Test
    void imageUrlWinsOverImageBase64() throws Exception {
        SANDBOX.sandbox().fixtures().register(PNG, Map.of("Name", "from the url"));
        // the Base64 image alone would fail to decode: only the URL's image is used
        SignedClient.Reply reply = SANDBOX.client().post(RECOGNIZE_HEALTH_CODE_OCR,
                Map.of("ImageUrl", url("/card.png"), "ImageBase64", TestImages.base64(TestImages.tinyGif())));
        assertThat(reply.code()).isNull();
        assertThat(reply.field("Name").asText()).isEqualTo("from the url");
    }

    @Test
    void downloadedImagesGetTheSameChecksAsBase64Ones() throws Exception {
        assertThat(SANDBOX.client().post(RECOGNIZE_KOREAN_ID_CARD_OCR, Map.of("ImageUrl", url("/anim.gif"))).code())
                .isEqualTo("InvalidParameter.EngineImageDecodeFailed");
        assertThat(SANDBOX.client().post(RECOGNIZE_HEALTH_CODE_OCR, Map.of("ImageUrl", url("/empty.png"))).code())
                .isEqualTo(ErrorCodes.EMPTY_IMAGE);
    }

    @Test
    void notFoundIsDownLoadError() throws Exception {
        assertThat(SANDBOX.client().post(RECOGNIZE_HEALTH_CODE_OCR, Map.of("ImageUrl", url("/missing.png"))).code())
                .isEqualTo(ErrorCodes.DOWNLOAD_ERROR);
    }

    @Test
    void unusableUrlsAreDownLoadError() throws Exception {
        for (String bad : new String[] {"ftp://127.0.0.1/a.png", "not a url", "http://"}) {
            assertThat(SANDBOX.client().post(RECOGNIZE_HEALTH_CODE_OCR, Map.of("ImageUrl", bad)).code())
                    .as(bad).isEqualTo(ErrorCodes.DOWNLOAD_ERROR);
        }
    }

    @Test
    void serverThatDoesNotAnswerWithinThreeSecondsIsDownLoadError() throws Exception {
        SignedClient.Reply reply = SANDBOX.client().post(RECOGNIZE_HEALTH_CODE_OCR, Map.of("ImageUrl", url("/slow.png")));
        assertThat(reply.code()).isEqualTo(ErrorCodes.DOWNLOAD_ERROR);
        assertThat(reply.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(2_900)).isLessThan(Duration.ofSeconds(8));
    }
}
