package dev.ocrbridge.pipeline;

import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.errors.ErrorCodes;
import dev.ocrbridge.errors.OcrException;
import dev.ocrbridge.signing.Tc3Signature;
import dev.ocrbridge.signing.Tc3Signer;
import java.time.Clock;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Signs the request JSON in the message body (bytes) with TC3-HMAC-SHA256 and sets every header the API
 * needs, ready for camel-http. Runs on every attempt, so a retry carries a fresh timestamp and signature.
 */
public class SigningProcessor implements Processor {

    /** Exactly what camel-http sends: a charset suffix here would have to be sent, and signed, byte for byte. */
    public static final String CONTENT_TYPE = "application/json";

    private OcrSettings settings;
    private Clock clock = Clock.systemUTC();
    private volatile Tc3Signer signer;

    public SigningProcessor() {
    }

    public SigningProcessor(OcrSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        OcrAction action = OcrAction.of(message.getHeader(OcrHeaders.ACTION, String.class));
        byte[] body = message.getMandatoryBody(byte[].class);
        String host = settings.endpointHost();
        long timestamp = clock.instant().getEpochSecond();
        Tc3Signature signature = signer().sign(host, CONTENT_TYPE, timestamp, body);

        message.setHeader("Authorization", signature.authorization());
        message.setHeader(Exchange.CONTENT_TYPE, CONTENT_TYPE);
        message.setHeader("Host", host);
        message.setHeader("X-TC-Action", action.actionName());
        message.setHeader("X-TC-Timestamp", Long.toString(timestamp));
        message.setHeader("X-TC-Version", OcrAction.VERSION);
        String region = settings.action(action).region();
        if (region != null) {
            message.setHeader("X-TC-Region", region);
        } else {
            message.removeHeader("X-TC-Region");
        }
        String token = signer().credentials().token();
        if (token != null) {
            message.setHeader("X-TC-Token", token);
        } else {
            message.removeHeader("X-TC-Token");
        }
        if (settings.getLanguage() != null && !settings.getLanguage().isBlank()) {
            message.setHeader("X-TC-Language", settings.getLanguage());
        }
    }

    private Tc3Signer signer() {
        Tc3Signer s = signer;
        if (s == null) {
            synchronized (this) {
                s = signer;
                if (s == null) {
                    if (!settings.credentials().isComplete()) {
                        throw OcrException.local(ErrorCodes.MISSING_CREDENTIALS,
                                "no SecretId/SecretKey configured (ocr.secret-id, ocr.secret-key)");
                    }
                    s = new Tc3Signer(settings.credentials(), OcrAction.SERVICE);
                    signer = s;
                }
            }
        }
        return s;
    }

    public void setSettings(OcrSettings settings) {
        this.settings = settings;
    }

    /** For tests: a fixed or offset clock. */
    public void setClock(Clock clock) {
        this.clock = clock;
    }
}
