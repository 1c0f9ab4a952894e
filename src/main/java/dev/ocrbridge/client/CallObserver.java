package dev.ocrbridge.client;

/**
 * What an {@link OcrCaller} tells whoever measures its calls (the component's meters): durations and an error code,
 * never the image, a name or an answer's fields.
 */
public interface CallObserver {

    /** Measures nothing: the caller's default. */
    CallObserver NONE = new CallObserver() {
    };

    /** A request waited {@code nanos} for its turn in the action's quota, right before its last bytes left. */
    default void waitedForTurn(long nanos) {
    }

    /**
     * A request that went out was answered, or failed, {@code nanos} after it started to leave, not counting its
     * wait for the quota turn.
     *
     * @param code the failure's error code (Tencent's or ocrbridge's {@code Transport.*} / {@code Envelope.*}),
     *             {@code null} for a success
     */
    default void called(long nanos, String code) {
    }

    /** This observer, then {@code next}: each is told of every call. */
    default CallObserver andThen(CallObserver next) {
        CallObserver first = this;
        return new CallObserver() {
            @Override
            public void waitedForTurn(long nanos) {
                first.waitedForTurn(nanos);
                next.waitedForTurn(nanos);
            }

            @Override
            public void called(long nanos, String code) {
                first.called(nanos, code);
                next.called(nanos, code);
            }
        };
    }
}
