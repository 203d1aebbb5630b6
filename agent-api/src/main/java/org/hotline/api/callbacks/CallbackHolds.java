package org.hotline.api.callbacks;

/**
 * Where the dialer notes the agents it holds (paused with the reason {@code callback}) for the
 * callbacks it offers, so that when its node dies another node releases them: the agent back to
 * the queue, an offer not yet dialled offered again. One node's memory needs none.
 */
public interface CallbackHolds {

    /** Agent {@code agentId} (device) is held for callback {@code callbackId}, offered under {@code leaseOwner}'s lease. */
    void offered(long callbackId, long agentId, String device, String leaseOwner);

    /** The callback's call is being placed: from now its outcome is the Asterisk follower's to record. */
    void dialling(long callbackId);

    /** The agent is no longer held for it (back to the queue, or the offer withdrawn). */
    void released(long callbackId);

    /**
     * Agent {@code agentId} takes callback {@code callbackId} now, on a node whose dialer does not
     * hold it: the node that holds it is asked to; true when it did. None but this node: false.
     */
    default java.util.concurrent.CompletionStage<Boolean> acceptElsewhere(long callbackId, long agentId) {
        return java.util.concurrent.CompletableFuture.completedFuture(false);
    }

    static CallbackHolds none() {
        return new CallbackHolds() {
            @Override
            public void offered(long callbackId, long agentId, String device, String leaseOwner) {
            }

            @Override
            public void dialling(long callbackId) {
            }

            @Override
            public void released(long callbackId) {
            }
        };
    }
}
