package dev.ocrbridge.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.errors.Disposition;
import dev.ocrbridge.errors.ErrorCodes;
import dev.ocrbridge.sandbox.ObservedRequest;
import dev.ocrbridge.sandbox.SandboxExtension;
import dev.ocrbridge.signing.Tc3Signer;
import dev.ocrbridge.testsupport.TestImages;
import jakarta.activation.DataHandler;
import jakarta.activation.DataSource;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.WrappedFile;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.health.HealthCheckRepository;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code tencent-ocr} producer over real HTTP against the sandbox: both actions, every body type, the typed
 * failure for API errors, pre-check refusals and transport failures, the health check, the credentials' fallbacks.
 */
class TencentOcrProducerTest extends CamelTestSupport {

    private static final String HEALTH = "tencent-ocr:RecognizeHealthCodeOCR";
    private static final String KOREAN = "tencent-ocr:RecognizeKoreanIDCardOCR";
    /** What an API error message may quote, and so must never reach an exception's message. */
    private static final String PERSONAL = "홍길동 880101-1234567";

    private static final String TEMPORARY_ID = "AKIDtemporary0123456789abcdefABCDEFG";
    private static final String TEMPORARY_KEY = "temporaryKey0123456789abcdefABCDE";
    private static final String TOKEN = "sessionToken0123456789abcdefABCDEFGHIJKLMNOP";

    @RegisterExtension
    static final SandboxExtension SANDBOX = SandboxExtension.create(b -> b.credential(TEMPORARY_ID, TEMPORARY_KEY,
            TOKEN));

    @TempDir
    Path dir;

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        TencentOcrComponent component = context.getComponent("tencent-ocr", TencentOcrComponent.class);
        component.getConfiguration().setEndpointUrl(SANDBOX.url());
        component.getConfiguration().setSecretId(SandboxExtension.SECRET_ID);
        component.getConfiguration().setSecretKey(SandboxExtension.SECRET_KEY);
        // producer health checks are off unless the runtime turns them on (camel.health.producers-enabled)
        HealthCheckRegistry health = HealthCheckRegistry.get(context);
        HealthCheckRepository producers = health.getRepository("producers")
                .orElseGet(() -> (HealthCheckRepository) health.resolveById("producers"));
        producers.setEnabled(true);
        health.register(producers);
        return context;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("file:" + dir.resolve("inbox") + "?initialDelay=0&delay=50")
                        .to(HEALTH)
                        .to("mock:recognized");
            }
        };
    }

    @Test
    void startingAnEndpointWarmsItsCallPathWithoutSendingAnything() throws Exception {
        // an endpoint made now, on the started context: its start (and so its warm-up) happens inside this test
        TencentOcrEndpoint endpoint = context.getEndpoint(KOREAN + "?returnHeadImage=true", TencentOcrEndpoint.class);
        ServiceHelper.startService(endpoint);

        assertThat(endpoint.caller().isStarted()).isTrue();
        assertThat(SANDBOX.sandbox().requests()).isEmpty();
    }

    @Test
    void healthCodeFieldsComeBackUnderTencentNamesWithTheAnswersHeaders() {
        byte[] image = TestImages.tinyPng(1);
        SANDBOX.sandbox().fixtures().register(image, Map.of("Name", "王*一", "Color", "绿色"));

        Exchange out = template.request(HEALTH, e -> e.getMessage().setBody(image));

        assertThat(out.getException()).isNull();
        Map<String, Object> fields = fields(out);
        assertThat(fields).containsEntry("Name", "王*一").containsEntry("Color", "绿色")
                .containsKeys(OcrAction.RECOGNIZE_HEALTH_CODE_OCR.outputFields().toArray(String[]::new))
                .doesNotContainKey("RequestId");
        ObservedRequest seen = onlyRequest();
        assertThat(seen.succeeded()).isTrue();
        assertThat(out.getMessage().getHeader(TencentOcrConstants.REQUEST_ID)).isEqualTo(seen.requestId());
        assertThat(out.getMessage().getHeader(TencentOcrConstants.ACTION)).isEqualTo("RecognizeHealthCodeOCR");
        assertThat(out.getMessage().getHeader(TencentOcrConstants.REGION)).isEqualTo("ap-guangzhou");
        assertThat(out.getMessage().getHeader(TencentOcrConstants.ATTEMPTS)).isEqualTo(1);
        assertThat(seen.region()).isEqualTo("ap-guangzhou");
        // the call's own headers stay on the call
        assertThat(out.getMessage().getHeaders()).doesNotContainKeys("Authorization", "X-TC-Token", "X-TC-Action");
    }

    @Test
    void koreanIdCardReturnsTheHeadImageOnlyWhenAskedTo() {
        byte[] image = TestImages.tinyJpeg();

        Map<String, Object> without = fields(template.request(KOREAN, e -> e.getMessage().setBody(image)));
        Map<String, Object> with = fields(template.request(KOREAN + "?returnHeadImage=true",
                e -> e.getMessage().setBody(image)));

        assertThat(without).containsKeys("ID", "Name", "Address").doesNotContainKey("Photo");
        assertThat(with).containsKey("Photo");
        assertThat(SANDBOX.sandbox().requests()).extracting(ObservedRequest::region)
                .containsOnly("ap-singapore");
    }

    @Test
    void everyBodyCamelCanReadIsAnImage() throws Exception {
        byte[] image = TestImages.tinyPng(2);
        SANDBOX.sandbox().fixtures().register(image, Map.of("Name", "body"));
        File file = Files.write(dir.resolve("image.png"), image).toFile();
        DataHandler attachment = new DataHandler(new BytesDataSource(image));

        for (Object body : List.of(image, new ByteArrayInputStream(image), file, attachment)) {
            Exchange out = template.request(HEALTH, e -> e.getMessage().setBody(body));
            assertThat(out.getException()).as(body.getClass().getSimpleName()).isNull();
            assertThat(fields(out)).as(body.getClass().getSimpleName()).containsEntry("Name", "body");
        }
        assertThat(SANDBOX.sandbox().requests()).hasSize(4).allMatch(ObservedRequest::succeeded);
    }

    @Test
    void aFileConsumersGenericFileIsAnImage() throws Exception {
        byte[] image = TestImages.tinyPng(3);
        SANDBOX.sandbox().fixtures().register(image, Map.of("Name", "from a file"));
        MockEndpoint recognized = getMockEndpoint("mock:recognized");
        recognized.expectedMessageCount(1);

        Files.createDirectories(dir.resolve("inbox"));
        Files.write(dir.resolve("inbox/Kim Min-jun.png"), image);

        recognized.assertIsSatisfied();
        assertThat(fields(recognized.getExchanges().get(0))).containsEntry("Name", "from a file");
    }

    /**
     * A file body is known by camel-api's {@code WrappedFile}, the interface camel-file's {@code GenericFile}
     * implements, not by camel-file's class: the component needs no camel-file on the class path, and any consumer's
     * wrapped local file is streamed from its file like a {@code GenericFile}.
     */
    @Test
    void anyWrappedLocalFileIsStreamedFromItsFile() throws Exception {
        byte[] image = TestImages.noisePng(48, 45);
        File file = Files.write(dir.resolve("wrapped.png"), image).toFile();
        WrappedFile<File> wrapped = new WrappedFile<>() {
            @Override
            public File getFile() {
                return file;
            }

            @Override
            public Object getBody() {
                return file;
            }

            @Override
            public long getFileLength() {
                return file.length();
            }
        };

        Exchange sent = template.request(HEALTH, e -> e.getMessage().setBody(wrapped));

        assertThat(sent.getException()).isNull();
        assertThat(onlyRequest().imageSha256()).isEqualTo(Tc3Signer.sha256Hex(image, 0, image.length));
    }

    /**
     * A local file is streamed, not loaded: it is sent byte for byte (the sandbox hashes what it decoded), and the
     * pre-check and the size limit refuse it from the file itself, without a call.
     */
    @Test
    void aLocalFileIsSentByteForByteAndCheckedWithoutACall() throws Exception {
        byte[] image = TestImages.noisePng(64, 61);
        Path png = Files.write(dir.resolve("streamed.png"), image);
        Path gif = Files.write(dir.resolve("not-an-image.png"), TestImages.tinyGif());

        Exchange sent = template.request(HEALTH, e -> e.getMessage().setBody(png));
        Exchange refused = template.request(HEALTH, e -> e.getMessage().setBody(gif.toFile()));
        Exchange tooLarge = template.request(HEALTH + "?maxBase64Bytes=4000&preCheck=false",
                e -> e.getMessage().setBody(png.toFile()));

        assertThat(sent.getException()).isNull();
        assertThat(onlyRequest().imageSha256()).isEqualTo(Tc3Signer.sha256Hex(image, 0, image.length));
        assertThat(refused.getException(TencentOcrException.class).code()).isEqualTo(ErrorCodes.IMAGE_DECODE_FAILED);
        assertThat(tooLarge.getException(TencentOcrException.class).code()).isEqualTo(ErrorCodes.TOO_LARGE_FILE);
        assertThat(SANDBOX.sandbox().requests()).hasSize(1);
    }

    @Test
    void anApiErrorIsATypedExceptionWithCodeRequestIdAndDispositionButNotTheApisWords() {
        byte[] image = TestImages.tinyPng(4);
        SANDBOX.sandbox().fixtures().registerError(image, "FailedOperation.ImageNoText", PERSONAL);

        Exchange out = template.request(HEALTH, e -> e.getMessage().setBody(image));

        TencentOcrException error = out.getException(TencentOcrException.class);
        assertThat(error).isNotNull();
        ObservedRequest seen = onlyRequest();
        assertThat(error.code()).isEqualTo("FailedOperation.ImageNoText");
        assertThat(error.requestId()).isNotBlank().isEqualTo(seen.requestId());
        assertThat(error.disposition()).isEqualTo(Disposition.REJECT);
        assertThat(error.action()).isEqualTo("RecognizeHealthCodeOCR");
        assertThat(error.attempts()).isEqualTo(1);
        assertThat(error.apiMessage()).isEqualTo(PERSONAL);
        assertThat(error.getMessage()).contains("FailedOperation.ImageNoText", seen.requestId())
                .doesNotContain("홍길동", "880101");
        assertThat(out.getMessage().getHeader(TencentOcrConstants.ERROR_CODE)).isEqualTo("FailedOperation.ImageNoText");
        assertThat(out.getMessage().getHeader(TencentOcrConstants.DISPOSITION)).isEqualTo("reject");
        assertThat(out.getMessage().getHeader(TencentOcrConstants.REQUEST_ID)).isEqualTo(seen.requestId());
    }

    @Test
    void dispositionsCanBeOverriddenPerCode() {
        byte[] image = TestImages.tinyPng(5);
        SANDBOX.sandbox().fixtures().registerError(image, "FailedOperation.ImageNoText", "no text");

        Exchange out = template.request(HEALTH + "?dispositions=FailedOperation.ImageNoText=retry",
                e -> e.getMessage().setBody(image));

        assertThat(out.getException(TencentOcrException.class).disposition()).isEqualTo(Disposition.RETRY);
    }

    @Test
    void thePreCheckRefusesWithTheApisCodeWithoutACall() {
        Exchange gif = template.request(HEALTH, e -> e.getMessage().setBody(TestImages.tinyGif()));
        Exchange empty = template.request(KOREAN, e -> e.getMessage().setBody(new byte[0]));

        assertThat(gif.getException(TencentOcrException.class).code()).isEqualTo(ErrorCodes.IMAGE_DECODE_FAILED);
        assertThat(gif.getException(TencentOcrException.class).disposition()).isEqualTo(Disposition.REJECT);
        assertThat(empty.getException(TencentOcrException.class).code()).isEqualTo(ErrorCodes.EMPTY_IMAGE);
        assertThat(SANDBOX.sandbox().requests()).isEmpty();
    }

    @Test
    void anOversizedStreamIsRefusedAfterReadingNoMoreThanTheLimit() {
        AtomicLong read = new AtomicLong();
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                read.incrementAndGet();
                return 0x42;
            }
        };

        Exchange out = template.request(HEALTH + "?maxBase64Bytes=4000", e -> e.getMessage().setBody(endless));

        assertThat(out.getException(TencentOcrException.class).code()).isEqualTo(ErrorCodes.TOO_LARGE_FILE);
        assertThat(read.get()).isLessThanOrEqualTo(3001);
        assertThat(SANDBOX.sandbox().requests()).isEmpty();
    }

    @Test
    void failuresThatNeverReachedTheApiCarryOcrbridgesOwnCodes() throws Exception {
        byte[] image = TestImages.tinyPng(6);
        SANDBOX.sandbox().faults().gatewayStatus(502, 1.0);
        Exchange gateway = template.request(HEALTH, e -> e.getMessage().setBody(image));
        SANDBOX.sandbox().faults().reset();

        SANDBOX.sandbox().faults().latencyMillis(1_500);
        Exchange slow = template.request(HEALTH + "?responseTimeout=300", e -> e.getMessage().setBody(image));
        // the sandbox records the abandoned request when its slow answer is done: not in the next test's log
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> SANDBOX.sandbox().requests().size() == 2);
        SANDBOX.sandbox().faults().reset();

        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Exchange refused = template.request(HEALTH + "?endpointUrl=http://127.0.0.1:" + closedPort,
                e -> e.getMessage().setBody(image));

        assertThat(gateway.getException(TencentOcrException.class).code()).isEqualTo("Transport.HttpStatus502");
        assertThat(slow.getException(TencentOcrException.class).code()).isEqualTo(ErrorCodes.TIMEOUT);
        assertThat(refused.getException(TencentOcrException.class).code()).isEqualTo(ErrorCodes.CONNECTION_FAILED);
        for (Exchange e : List.of(gateway, slow, refused)) {
            assertThat(e.getException(TencentOcrException.class).disposition()).isEqualTo(Disposition.RETRY);
            assertThat(e.getException(TencentOcrException.class).requestId()).isNull();
        }
    }

    @Test
    void aRedeliveryCountsItsAttempt() throws Exception {
        byte[] image = TestImages.tinyPng(7);
        SANDBOX.sandbox().faults().failNext("InternalError", 2);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:retrying").errorHandler(defaultErrorHandler().maximumRedeliveries(3).redeliveryDelay(0))
                        .to(HEALTH);
            }
        });

        Exchange out = template.request("direct:retrying", e -> e.getMessage().setBody(new ByteArrayInputStream(image)));

        assertThat(out.getException()).isNull();
        assertThat(out.getMessage().getHeader(TencentOcrConstants.ATTEMPTS)).isEqualTo(3);
        assertThat(SANDBOX.sandbox().requests()).extracting(ObservedRequest::errorCode)
                .containsExactly("InternalError", "InternalError", null);
    }

    @Test
    void aHaltCodeTurnsTheProducersHealthCheckDownUntilTheActionIsResumed() {
        byte[] image = TestImages.tinyPng(8);
        template.request(HEALTH, e -> e.getMessage().setBody(image));
        assertThat(producerCheck().getState()).isEqualTo(HealthCheck.State.UP);

        SANDBOX.sandbox().faults().actionAnswer(OcrAction.RECOGNIZE_HEALTH_CODE_OCR, "FailedOperation.UnOpenError");
        Exchange out = template.request(HEALTH, e -> e.getMessage().setBody(image));
        assertThat(out.getException(TencentOcrException.class).disposition()).isEqualTo(Disposition.HALT);
        HealthCheck.Result down = producerCheck();
        assertThat(down.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(down.getDetails()).containsEntry(org.apache.camel.impl.health.AbstractHealthCheck.SERVICE_ERROR_CODE, "FailedOperation.UnOpenError");

        // fixed at the account, but a halt stops sending until someone resumes it: nothing sent, still DOWN
        SANDBOX.sandbox().faults().clearActionAnswer(OcrAction.RECOGNIZE_HEALTH_CODE_OCR);
        int sent = SANDBOX.sandbox().requests().size();
        assertThat(template.request(HEALTH, e -> e.getMessage().setBody(image))
                .getException(TencentOcrException.class).code()).isEqualTo("FailedOperation.UnOpenError");
        assertThat(SANDBOX.sandbox().requests()).hasSize(sent);
        assertThat(producerCheck().getState()).isEqualTo(HealthCheck.State.DOWN);

        context.getComponent("tencent-ocr", TencentOcrComponent.class).resume("RecognizeHealthCodeOCR");
        assertThat(template.request(HEALTH, e -> e.getMessage().setBody(image)).getException()).isNull();
        assertThat(producerCheck().getState()).isEqualTo(HealthCheck.State.UP);
    }

    @Test
    void aMisspelledOptionFailsEndpointCreationWithCamelsOwnError() {
        assertThatThrownBy(() -> context.getEndpoint(HEALTH + "?regoin=ap-beijing"))
                .isInstanceOf(ResolveEndpointFailedException.class)
                .hasMessageContaining("Unknown parameters").hasMessageContaining("regoin");
        assertThatThrownBy(() -> context.getEndpoint("tencent-ocr:RecognizeDriverLicenseOCR"))
                .isInstanceOf(ResolveEndpointFailedException.class)
                .hasMessageContaining("RecognizeHealthCodeOCR");
    }

    @Test
    void credentialsFallBackToTheEnvironmentWhenNeitherHalfIsConfigured() throws Exception {
        TencentOcrComponent component = new TencentOcrComponent();
        component.getConfiguration().setEndpointUrl(SANDBOX.url());
        component.setEnvironment(Map.of("TENCENTCLOUD_SECRET_ID", SandboxExtension.SECRET_ID,
                "TENCENTCLOUD_SECRET_KEY", SandboxExtension.SECRET_KEY)::get);
        context.addComponent("ocr-from-env", component);
        TencentOcrComponent none = new TencentOcrComponent();
        none.setEnvironment(name -> null);
        context.addComponent("ocr-without-keys", none);

        Exchange out = template.request("ocr-from-env:RecognizeHealthCodeOCR",
                e -> e.getMessage().setBody(TestImages.tinyPng(9)));

        assertThat(out.getException()).isNull();
        assertThat(onlyRequest().secretId()).isEqualTo(SandboxExtension.SECRET_ID);
        Throwable missing = catchThrowable(() -> {
            Exchange e = template.request("ocr-without-keys:RecognizeHealthCodeOCR",
                    x -> x.getMessage().setBody(TestImages.tinyPng(9)));
            if (e.getException() != null) {
                throw e.getException();
            }
        });
        assertThat(missing).hasStackTraceContaining(ErrorCodes.MISSING_CREDENTIALS)
                .hasStackTraceContaining("TENCENTCLOUD_SECRET_ID");
        assertThat(SANDBOX.sandbox().requests()).hasSize(1);
    }

    @Test
    void temporaryCredentialsSendTheirSessionToken() {
        String temporary = HEALTH + "?secretId=" + TEMPORARY_ID + "&secretKey=" + TEMPORARY_KEY;

        Exchange withToken = template.request(temporary + "&sessionToken=" + TOKEN,
                e -> e.getMessage().setBody(TestImages.tinyPng(10)));
        Exchange withoutToken = template.request(temporary, e -> e.getMessage().setBody(TestImages.tinyPng(10)));

        assertThat(withToken.getException()).isNull();
        TencentOcrException refused = withoutToken.getException(TencentOcrException.class);
        assertThat(refused.code()).isEqualTo("AuthFailure.TokenFailure");
        assertThat(refused.disposition()).isEqualTo(Disposition.HALT);
        assertThat(refused.getMessage()).doesNotContain(TEMPORARY_KEY, TOKEN);
    }

    @Test
    void anEndpointWithAKeyPairOfItsOwnTakesNoSessionTokenFromTheComponent() {
        TencentOcrComponent temporary = new TencentOcrComponent();
        temporary.getConfiguration().setEndpointUrl(SANDBOX.url());
        temporary.getConfiguration().setSecretId(TEMPORARY_ID);
        temporary.getConfiguration().setSecretKey(TEMPORARY_KEY);
        temporary.getConfiguration().setSessionToken(TOKEN);
        context.addComponent("ocr-temporary", temporary);

        Exchange ownPair = template.request("ocr-temporary:RecognizeHealthCodeOCR?secretId=" + SandboxExtension.SECRET_ID
                + "&secretKey=" + SandboxExtension.SECRET_KEY, e -> e.getMessage().setBody(TestImages.tinyPng(10)));

        assertThat(ownPair.getException()).as("the component's token is not sent with the endpoint's own keys")
                .isNull();
        assertThat(onlyRequest().secretId()).isEqualTo(SandboxExtension.SECRET_ID);
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    private static Map<String, Object> fields(Exchange exchange) {
        assertThat(exchange.getException()).isNull();
        return exchange.getMessage().getBody(Map.class);
    }

    private static ObservedRequest onlyRequest() {
        assertThat(SANDBOX.sandbox().requests()).hasSize(1);
        return SANDBOX.sandbox().requests().get(0);
    }

    private HealthCheck.Result producerCheck() {
        return HealthCheckHelper.invoke(context).stream()
                .filter(r -> r.getCheck().getId().startsWith("producer:tencent-ocr-"))
                .filter(r -> "RecognizeHealthCodeOCR".equals(r.getDetails().get("action")))
                .reduce((a, b) -> a.getState() == HealthCheck.State.DOWN ? a : b)
                .orElseThrow(() -> new AssertionError("no tencent-ocr producer health check"));
    }

    private record BytesDataSource(byte[] bytes) implements DataSource {
        @Override
        public InputStream getInputStream() {
            return new ByteArrayInputStream(bytes);
        }

        @Override
        public OutputStream getOutputStream() throws IOException {
            throw new IOException("read-only");
        }

        @Override
        public String getContentType() {
            return "image/png";
        }

        @Override
        public String getName() {
            return "Kim Min-jun.png";
        }
    }
}
