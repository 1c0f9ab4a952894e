package dev.ocrbridge.component;

import dev.ocrbridge.client.RequestPacer;

/**
 * What every endpoint of a CamelContext that calls one action with one account shares: the action's request pacer
 * (the quota is the account's) and whether the account answered a halt code for it (a closed service, an auth
 * failure is the account's too, whichever endpoint met it).
 */
final class AccountActionState {

    record Halt(String code, String requestId) {
    }

    private final RequestPacer pacer;
    private volatile Halt halt;

    AccountActionState(RequestPacer pacer) {
        this.pacer = pacer;
    }

    RequestPacer pacer() {
        return pacer;
    }

    Halt halt() {
        return halt;
    }

    void halted(String code, String requestId) {
        halt = new Halt(code, requestId);
    }

    void succeeded() {
        if (halt != null) {
            halt = null;
        }
    }
}
