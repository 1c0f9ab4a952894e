package dev.ocrbridge.operations;

import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.recognition.DataFolders;
import dev.ocrbridge.recognition.OcrSettings;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /ocrbridge/actions/<doc>/dead-letters/<code>/redrive}: sends the dead letters of one code back into
 * the action's inbox ({@link DeadLetterRedrive}) once the cause is fixed, and answers how many went. An image whose
 * answer is recorded is then answered from the record of answers, not billed again.
 *
 * <p>The code names a folder, so only a code's own characters are accepted ({@link DeadLetterRedrive#isCode}):
 * anything else is a 400 with a stable code, and the caller's text is never echoed or logged.
 */
public class RedriveHandler implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(RedriveHandler.class);

    private OcrSettings settings;

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        Optional<OcrAction> action = OcrAction.find(message.getHeader("kind", String.class));
        String code = message.getHeader("code", String.class);
        message.removeHeaders("*");
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        if (action.isEmpty()) {
            message.setHeader(Exchange.HTTP_RESPONSE_CODE, 404);
            message.setBody("{\"error\":\"Operator.UnknownAction\",\"expected\":[\"health-code\",\"korean-id-card\"]}");
            return;
        }
        if (!DeadLetterRedrive.isCode(code)) {
            message.setHeader(Exchange.HTTP_RESPONSE_CODE, 400);
            message.setBody("{\"error\":\"Operator.InvalidCode\",\"expected\":\"[A-Za-z0-9._-], no '..'\"}");
            return;
        }
        DataFolders folders = settings.folders();
        DeadLetterRedrive.Result result = new DeadLetterRedrive(folders).redrive(action.get(), code);
        LOG.info("{}: {} dead letters of {} sent back to the inbox by the operator ({} left: their name is taken)",
                action.get().actionName(), result.redriven(), code, result.nameTaken());
        message.setBody("{\"redriven\":" + result.redriven() + ",\"nameTaken\":" + result.nameTaken() + "}");
    }

    public void setSettings(OcrSettings settings) {
        this.settings = settings;
    }
}
