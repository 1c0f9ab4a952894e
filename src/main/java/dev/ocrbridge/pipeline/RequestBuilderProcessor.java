package dev.ocrbridge.pipeline;

import dev.ocrbridge.actions.OcrAction;
import dev.ocrbridge.request.RequestBodyWriter;
import dev.ocrbridge.request.RequestOptions;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/** Builds the request JSON of the job in flight into the message body. Runs on every attempt. */
public class RequestBuilderProcessor implements Processor {

    private OcrSettings settings;

    @Override
    public void process(Exchange exchange) {
        RecognitionJob job = RecognitionIntake.job(exchange);
        OcrAction action = job.action();
        Message message = exchange.getMessage();
        // what an earlier attempt's answer left behind must not go out as request headers
        message.removeHeaders("*", "Camel*");
        // a caller's own HTTP route leaves control headers (URI, path, method) that would redirect camel-http
        message.removeHeaders("CamelHttp*");
        OcrSettings.ActionSettings actionSettings = settings.action(action);
        RequestOptions options = action == OcrAction.RECOGNIZE_KOREAN_ID_CARD_OCR
                ? new RequestOptions(actionSettings.returnHeadImage(), null) : RequestOptions.NONE;
        message.setBody(RequestBodyWriter.imageBase64Body(action, job.image(), options));
        message.setHeader(OcrHeaders.ACTION, action.actionName());
        job.countAttempt();
    }

    public void setSettings(OcrSettings settings) {
        this.settings = settings;
    }
}
