package dev.ocrbridge.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ocrbridge.envelope.Envelope;
import dev.ocrbridge.sandbox.ObservedRequest;
import dev.ocrbridge.sandbox.SandboxExtension;
import dev.ocrbridge.testsupport.TestImages;
import java.util.Base64;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The signing processor alone, in front of a plain camel-http endpoint in an integrator's own route: the request the
 * integrator builds goes out signed, and the sandbox (which checks signatures as Tencent does) accepts it.
 */
class SigningProcessorRouteTest extends CamelTestSupport {

    @RegisterExtension
    static final SandboxExtension SANDBOX = SandboxExtension.create();

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                Tc3SigningProcessor signer = new Tc3SigningProcessor();
                signer.setSecretId(SandboxExtension.SECRET_ID);
                signer.setSecretKey(SandboxExtension.SECRET_KEY);
                signer.setEndpoint(SANDBOX.url());
                signer.setService("ocr"); // a loopback host does not name the service
                signer.setAction("RecognizeHealthCodeOCR");
                signer.setRegion("ap-guangzhou");
                from("direct:ocr")
                        .process(signer)
                        .to(SANDBOX.url()); // as plain as the README shows it
            }
        };
    }

    @Test
    void aSignedRequestThroughPlainCamelHttpIsAccepted() {
        String json = "{\"ImageBase64\":\"" + Base64.getEncoder().encodeToString(TestImages.tinyPng(1)) + "\"}";

        Exchange out = template.request("direct:ocr", e -> e.getMessage().setBody(json));

        assertThat(out.getException()).isNull();
        assertThat(out.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class)).isEqualTo(200);
        Envelope envelope = Envelope.read(out.getMessage().getBody(byte[].class));
        assertThat(envelope.fields()).containsKey("Name");
        ObservedRequest seen = SANDBOX.sandbox().requests().get(0);
        assertThat(seen.succeeded()).isTrue();
        assertThat(seen.action()).isEqualTo("RecognizeHealthCodeOCR");
        assertThat(seen.requestId()).isEqualTo(envelope.requestId());
    }

    @Test
    void theHeadersOfTheMessageChooseTheActionSoOneProcessorSignsSeveral() {
        String json = "{\"ImageBase64\":\"" + Base64.getEncoder().encodeToString(TestImages.tinyJpeg()) + "\"}";

        Exchange out = template.request("direct:ocr", e -> {
            e.getMessage().setBody(json);
            e.getMessage().setHeader("X-TC-Action", "RecognizeKoreanIDCardOCR");
            e.getMessage().setHeader("X-TC-Region", "ap-singapore");
        });

        Envelope envelope = Envelope.read(out.getMessage().getBody(byte[].class));
        assertThat(envelope.fields()).containsKey("ID");
        assertThat(SANDBOX.sandbox().requests().get(0).region()).isEqualTo("ap-singapore");
    }
}
