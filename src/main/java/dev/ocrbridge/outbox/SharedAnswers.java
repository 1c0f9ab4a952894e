package dev.ocrbridge.outbox;

import java.util.Optional;

/**
 * The record of answers shared by the nodes of a cluster (cluster mode: {@code dev.ocrbridge.cluster}), beside this
 * node's {@link AnswerStore}: an answer one node got is found by every other, and an image in flight on one node is
 * not sent by another at the same time.
 */
public interface SharedAnswers {

    /** The answer any node recorded; empty when there is none (or the store cannot be reached). */
    Optional<AnswerStore.Answer> find(AnswerStore.Key key);

    /**
     * Records an answer for every node. Best effort: this node has it in its own store anyway.
     *
     * @return false when it could not be recorded
     */
    boolean record(AnswerStore.Key key, AnswerStore.Answer answer);

    /**
     * Takes the image's call for this node, waiting while another live node holds it: returns the answer that node
     * recorded meanwhile, or empty when this node may send (it holds the call now, or the wait reached
     * {@code deadlineNanos}, or the store cannot be reached). {@link #release} ends what this started.
     */
    Optional<AnswerStore.Answer> claimOrAwait(AnswerStore.Key key, long deadlineNanos) throws InterruptedException;

    /** Lets go of this node's call of the image, if it holds it and recorded no answer. */
    void release(AnswerStore.Key key);
}
