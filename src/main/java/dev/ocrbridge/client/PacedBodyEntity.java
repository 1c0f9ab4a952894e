package dev.ocrbridge.client;

import dev.ocrbridge.request.RequestBody;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.LongConsumer;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.AbstractHttpEntity;

/**
 * The request body as camel-http sends it: streamed from the image (never built whole), and held back before its
 * last bytes until the account's quota gives this request its turn.
 *
 * <p>Why the turn is taken there and not before the send: the API counts a request when it is complete (it
 * cannot check a signature over the payload's hash before it has the whole payload). Spacing the starts of 9 MB
 * bodies leaves their arrivals to how fast each one leaves, which varies with load: they bunch (over the quota)
 * or lag (under it). Spacing the moments the last bytes leave spaces what the API counts.
 *
 * <p>Not repeatable on purpose: a request is sent once per turn; a retry is a new call, signed and paced anew.
 */
final class PacedBodyEntity extends AbstractHttpEntity {

    private LongConsumer waited = nanos -> { };
    private final RequestBody body;
    private final RequestPacer.Turn turn;
    private final SendGate gate;

    /**
     * @param turn the request's place on the pacer; null only for the start-up warm-up, which sends nothing
     * @param gate asked once the turn has come, before the last bytes: a halt raised while this body was streamed
     *             or waited for its turn cuts it short, and a request the API never received whole is neither
     *             counted nor billed
     */
    PacedBodyEntity(RequestBody body, String contentType, RequestPacer.Turn turn, SendGate gate) {
        // no charset parameter: the Content-Type goes out exactly as it was signed
        super(ContentType.parseLenient(contentType), null);
        this.body = body;
        this.turn = turn;
        this.gate = gate;
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        body.writeTo(out, turn == null ? null : () -> {
            waited.accept(turn.await());
            gate.checkOpen();
        });
        if (turn != null) {
            turn.sent(); // flushed: a late send spaces the next slots from itself
        }
    }

    /** Tells {@code waited} how long the request waited for its turn (ns), once it has it. */
    PacedBodyEntity reportingWait(LongConsumer waited) {
        this.waited = waited;
        return this;
    }

    @Override
    public long getContentLength() {
        return body.contentLength();
    }

    @Override
    public InputStream getContent() {
        throw new UnsupportedOperationException("a streamed request body is written, not read");
    }

    @Override
    public boolean isRepeatable() {
        return false;
    }

    @Override
    public boolean isStreaming() {
        return false;
    }

    @Override
    public void close() {
        // nothing held: the image belongs to the caller, the buffers to the writing thread
    }
}
