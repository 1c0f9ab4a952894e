package dev.ocrbridge.operations;

import dev.ocrbridge.actions.OcrAction;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * {@code POST /ocrbridge/actions/<kind>/resume}: resumes a halted action and answers whether it was halted. An
 * unknown kind is a 404 with a stable code, never an exception that would echo the caller's text into a log.
 */
public class ResumeHandler implements Processor {

    private HaltSwitch haltSwitch;

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        Optional<OcrAction> action = OcrAction.find(message.getHeader("kind", String.class));
        message.removeHeaders("*");
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        if (action.isEmpty()) {
            message.setHeader(Exchange.HTTP_RESPONSE_CODE, 404);
            message.setBody("{\"error\":\"Operator.UnknownAction\",\"expected\":[\"health-code\",\"korean-id-card\"]}");
            return;
        }
        boolean wasHalted = haltSwitch.resume(action.get().actionName());
        message.setBody("{\"action\":\"" + action.get().documentKind() + "\",\"wasHalted\":" + wasHalted + "}");
    }

    public void setHaltSwitch(HaltSwitch haltSwitch) {
        this.haltSwitch = haltSwitch;
    }
}
