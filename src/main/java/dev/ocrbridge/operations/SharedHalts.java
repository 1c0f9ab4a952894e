package dev.ocrbridge.operations;

import dev.ocrbridge.actions.OcrAction;

/**
 * Halts shared by the nodes of a cluster (cluster mode: {@code dev.ocrbridge.cluster}): a halt is the account's, so
 * {@link HaltSwitch} writes it here before it acts, and learns of halts and resumes of other nodes through
 * {@link HaltSwitch#haltedElsewhere} and {@link HaltSwitch#resumedElsewhere}.
 */
public interface SharedHalts {

    /** Records the halt for every node (the first halt of an action wins). */
    void halted(OcrAction action, HaltSwitch.Halt halt);

    /** Removes the action's halt for every node; true when there was one. */
    boolean resumed(OcrAction action);
}
