package dev.ocrbridge.recognition;

import dev.ocrbridge.actions.OcrAction;

/** Where the pipeline counts how each image ended (the operations' meters): action, outcome, disposition, code. */
@FunctionalInterface
public interface Outcomes {

    /** Counts nothing. */
    Outcomes NONE = (action, outcome, disposition, code) -> { };

    void outcome(OcrAction action, String outcome, String disposition, String code);
}
