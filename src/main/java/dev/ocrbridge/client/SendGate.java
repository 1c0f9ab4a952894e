package dev.ocrbridge.client;

import dev.ocrbridge.errors.HaltRefusal;

/**
 * Whether a request of an account's action may still go. {@link OcrCaller} asks right before the request's first
 * byte, and again when the request's quota turn comes, right before its last bytes: a halt known by then stops the
 * request, so the only requests sent after a halt are those already on the wire when it was raised. A request
 * refused there was never complete on the wire: the API neither counts nor bills it.
 */
@FunctionalInterface
public interface SendGate {

    /** Never closed: for a caller whose action nothing halts. */
    SendGate OPEN = () -> { };

    /** @throws HaltRefusal with the halt's code when the action is halted */
    void checkOpen();
}
