package dev.ocrbridge.client;

/**
 * One call's clock, passed to its {@link CallObserver}: the wait for the quota turn as the pacer measured it, and
 * the call's own time from the moment its request starts to leave, less that wait, so that the API's and the
 * network's time is not mixed with the quota's.
 */
final class CallTiming {

    private final CallObserver observer;
    private volatile long sendingSince;
    private volatile boolean sending;
    private volatile long waited;

    CallTiming(CallObserver observer) {
        this.observer = observer;
    }

    void sending() {
        sendingSince = System.nanoTime();
        sending = true;
    }

    /** Called from the thread that writes the body, with what {@code Turn.await()} returned. */
    void waited(long nanos) {
        waited = nanos;
        observer.waitedForTurn(nanos);
    }

    /** Once per call, and only when its request started out: a call refused before sending took no API time. */
    void finished(String code) {
        if (sending) {
            sending = false;
            observer.called(Math.max(0, System.nanoTime() - sendingSince - waited), code);
        }
    }
}
