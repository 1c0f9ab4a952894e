package dev.ocrbridge.operations;

import java.util.Locale;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * {@code POST /ocrbridge/channels/<sftp|mail>/resume}: resumes a channel halted for a failure of its own (a refused
 * login, a rejected host key) and answers whether it was halted. An unknown channel is a 404 with a stable code,
 * never an exception that would echo the caller's text into a log.
 */
public class ChannelResumeHandler implements Processor {

    private static final Set<String> CHANNELS = Set.of("sftp", "mail");

    private ChannelHalts channelHalts;

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        String asked = message.getHeader("channel", String.class);
        String channel = asked == null ? "" : asked.toLowerCase(Locale.ROOT);
        message.removeHeaders("*");
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        if (!CHANNELS.contains(channel)) {
            message.setHeader(Exchange.HTTP_RESPONSE_CODE, 404);
            message.setBody("{\"error\":\"Operator.UnknownChannel\",\"expected\":[\"sftp\",\"mail\"]}");
            return;
        }
        boolean wasHalted = channelHalts.resume(channel);
        message.setBody("{\"channel\":\"" + channel + "\",\"wasHalted\":" + wasHalted + "}");
    }

    public void setChannelHalts(ChannelHalts channelHalts) {
        this.channelHalts = channelHalts;
    }
}
