package org.hotline.bridge.callbacks;

/** How a callback call went: the customer answered, was busy, did not answer, or it failed (agent included). */
public record CallbackCallResult(long callbackId, Outcome outcome, String server, String linkedid, String detail) {

    public enum Outcome {
        /** The customer answered and talked with the agent. */
        ANSWERED,
        /** The customer's line was busy. */
        BUSY,
        /** The customer did not answer. */
        NO_ANSWER,
        /** The agent did not answer their phone: the customer was never dialled. */
        AGENT_NO_ANSWER,
        /** Anything else: no route, congestion, the agent's device unavailable. */
        FAILED
    }
}
