package dev.ocrbridge.ingestion;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.camel.support.service.ServiceHelper;

/** Records the header names of every exchange sent to an http(s) endpoint: what camel-http may put on the wire. */
final class HttpHeaderRecorder extends EventNotifierSupport {

    private final List<Set<String>> sent = new CopyOnWriteArrayList<>();

    static HttpHeaderRecorder install(CamelContext camel) {
        HttpHeaderRecorder recorder = new HttpHeaderRecorder();
        recorder.setCamelContext(camel);
        ServiceHelper.startService(recorder);
        camel.getManagementStrategy().addEventNotifier(recorder);
        return recorder;
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.ExchangeSendingEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        if (event instanceof CamelEvent.ExchangeSendingEvent e
                && e.getEndpoint().getEndpointUri().startsWith("http")) {
            sent.add(new TreeSet<>(e.getExchange().getMessage().getHeaders().keySet()));
        }
    }

    List<Set<String>> sent() {
        return List.copyOf(sent);
    }
}
