package dev.ocrbridge.service;

import static dev.ocrbridge.actions.OcrAction.RECOGNIZE_HEALTH_CODE_OCR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ocrbridge.sandbox.ObservedRequest;
import dev.ocrbridge.sandbox.OcrSandbox;
import dev.ocrbridge.testsupport.ShippedLog;
import dev.ocrbridge.testsupport.TestImages;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.proxy.ProxyHandler;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The service behind a company's HTTP proxy ({@code ocr.proxy.*}): Jetty's forward proxy on loopback, asking for a
 * user (Basic), in front of the sandbox. Each request goes through the proxy with its credentials, reaches the
 * sandbox signed for the endpoint's own host (the sandbox verifies the signature), and the answer's fields land in
 * the result. With the shipped logging at TRACE, no log line holds the proxy's user or password. The embedded
 * sandbox, on this machine's loopback, is reached directly whatever the proxy.
 */
class HttpProxyTest {

    private static final String PROXY_USER = "proxyUserOfAcme";
    private static final String PROXY_PASSWORD = "Pr0xy pass&word=(x)%";

    @TempDir
    Path data;
    private PipelineHarness harness;
    private Server proxyServer;
    private final LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();

    @AfterEach
    void stop() throws Exception {
        if (harness != null) {
            harness.close();
        }
        if (proxyServer != null) {
            proxyServer.stop();
        }
        logging.reset();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(logging);
        configurator.doConfigure(getClass().getResource("/logback-test.xml"));
    }

    @Test
    void callsGoThroughTheProxyWithItsUserSignedForTheEndpointAndNoLogLineHoldsTheProxysCredentials()
            throws Exception {
        // the proxy stands for a remote machine: its own log is not the product's
        ShippedLog log = ShippedLog.atTrace(logging, Path.of("config", "logback.xml"), e -> false,
                "org.eclipse.jetty");
        String basic = "Basic " + Base64.getEncoder()
                .encodeToString((PROXY_USER + ":" + PROXY_PASSWORD).getBytes(StandardCharsets.UTF_8));
        RecordingProxy proxy = new RecordingProxy(basic);
        int proxyPort = startProxy(proxy);

        Properties extra = new Properties();
        extra.setProperty("ocr.proxy.host", "127.0.0.1");
        extra.setProperty("ocr.proxy.port", Integer.toString(proxyPort));
        extra.setProperty("ocr.proxy.username", PROXY_USER);
        extra.setProperty("ocr.proxy.password", PROXY_PASSWORD);
        harness = PipelineHarness.start(data, OcrSandbox.builder(), extra);
        byte[] image = TestImages.noisePng(31);
        harness.sandbox().fixtures().register(image, Map.of("Name", "王*一", "Color", "绿色"));
        harness.drop(RECOGNIZE_HEALTH_CODE_OCR, "card.png", image);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> PipelineHarness.files(harness.outbox(RECOGNIZE_HEALTH_CODE_OCR)).size() == 1);

        JsonNode result = PipelineHarness.json(PipelineHarness.files(harness.outbox(RECOGNIZE_HEALTH_CODE_OCR)).get(0));
        assertThat(result.path("fields").path("Name").asText()).isEqualTo("王*一");
        assertThat(proxy.forwarded).as("the proxy forwarded the call, to the endpoint")
                .containsExactly(harness.sandbox().url() + "/");
        assertThat(proxy.refused).as("every request carried the proxy's user").isEmpty();
        List<ObservedRequest> calls = harness.sandbox().requests();
        assertThat(calls).hasSize(1);
        assertThat(calls.get(0).errorCode()).as("the signature verified at the endpoint").isNull();
        assertThat(calls.get(0).requestId()).isEqualTo(result.path("requestId").asText());
        assertThat(calls.get(0).headerNames()).map(String::toLowerCase)
                .as("the proxy's credentials stop at the proxy").doesNotContain("proxy-authorization");

        String text = log.text();
        assertThat(text).contains("through the HTTP proxy 127.0.0.1:" + proxyPort)
                .doesNotContain(PROXY_USER)
                .doesNotContain(PROXY_PASSWORD)
                .doesNotContain(URLEncoder.encode(PROXY_PASSWORD, StandardCharsets.UTF_8))
                .doesNotContain(basic.substring("Basic ".length()));
    }

    @Test
    void theEmbeddedSandboxIsReachedDirectlyWhateverTheProxy() throws Exception {
        RecordingProxy proxy = new RecordingProxy("Basic none");
        int proxyPort = startProxy(proxy);
        Properties extra = new Properties();
        extra.setProperty("ocr.endpoint", "sandbox");
        extra.setProperty("ocr.sandbox.recognizer", "empty");
        extra.setProperty("ocr.proxy.host", "127.0.0.1");
        extra.setProperty("ocr.proxy.port", Integer.toString(proxyPort));
        harness = PipelineHarness.start(data, OcrSandbox.builder(), extra);
        harness.drop(RECOGNIZE_HEALTH_CODE_OCR, "card.png", TestImages.noisePng(32));

        await().atMost(Duration.ofSeconds(30))
                .until(() -> PipelineHarness.files(harness.outbox(RECOGNIZE_HEALTH_CODE_OCR)).size() == 1);
        assertThat(proxy.forwarded).isEmpty();
        assertThat(proxy.refused).isEmpty();
    }

    private int startProxy(Handler proxy) throws Exception {
        proxyServer = new Server();
        ServerConnector connector = new ServerConnector(proxyServer);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        proxyServer.addConnector(connector);
        proxyServer.setHandler(proxy);
        proxyServer.start();
        return connector.getLocalPort();
    }

    /** Jetty's forward proxy behind a Basic check of Proxy-Authorization; records what it forwarded. */
    private static final class RecordingProxy extends Handler.Wrapper {
        final List<String> forwarded = new CopyOnWriteArrayList<>();
        final List<String> refused = new CopyOnWriteArrayList<>();
        private final String expected;

        RecordingProxy(String expected) {
            this.expected = expected;
            setHandler(new ProxyHandler.Forward() {
                @Override
                protected HttpURI rewriteHttpURI(Request request) {
                    HttpURI target = super.rewriteHttpURI(request);
                    forwarded.add(target.asString());
                    return target;
                }
            });
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            if (!expected.equals(request.getHeaders().get(HttpHeader.PROXY_AUTHORIZATION))) {
                refused.add(request.getHttpURI().asString());
                response.setStatus(407);
                response.getHeaders().put(HttpHeader.PROXY_AUTHENTICATE, "Basic realm=\"proxy\"");
                callback.succeeded();
                return true;
            }
            return super.handle(request, response, callback);
        }
    }
}
