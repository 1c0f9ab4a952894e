package dev.ocrbridge.recognition;

import dev.ocrbridge.actions.OcrAction;
import java.util.Optional;

/**
 * What the pipeline asks of halts (the operations' {@code HaltSwitch} answers): whether an action is halted, so that
 * an image taken before the halt goes back instead of being sent, and which routes feed an action, so that a halt
 * suspends them whatever their ids.
 */
public interface ActionHalts {

    /** The code the action is halted on, if it is. */
    Optional<String> haltCode(OcrAction action);

    /** Notes that a route (by its id) feeds the action; nothing for an exchange sent by no route. */
    void fedBy(OcrAction action, String routeId);
}
