package dev.ocrbridge.errors;

/**
 * A request that was not sent because its account's action is halted: it carries the halt's code, and its
 * disposition is always halt, whatever the code's configured disposition (the image goes back where it came from,
 * as any image of a halted action). Raised at the moment of sending: before a request's first byte and again when
 * its quota turn comes, before its last bytes, so that a halt stops every request not already on the wire.
 */
public final class HaltRefusal extends OcrException {

    /**
     * @param haltCode the code the action was halted on (an API's {@code AuthFailure.*}, {@code Storage.WriteFailed})
     * @param where    ocrbridge's own words for who knows of the halt ("this node", "the cluster"); never data
     */
    public HaltRefusal(String haltCode, String where) {
        super(haltCode, haltCode + ": not sent, the action is halted (" + where + ")",
                "not sent: the action is halted (" + where + ")", null, null);
    }
}
