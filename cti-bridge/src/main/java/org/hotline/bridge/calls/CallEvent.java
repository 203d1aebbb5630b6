package org.hotline.bridge.calls;

import java.time.Instant;
import java.util.Map;

/**
 * A normalized, versioned fact about a call, whatever order Asterisk's events came in: which
 * Asterisk server, which call (its Linkedid), what happened, when it was seen, and details.
 */
public record CallEvent(Type type, int version, String server, String linkedid, Instant at, Map<String, Object> details) {

    public enum Type {
        /** The call was first seen. */
        OFFERED,
        /** The caller's channel started the IVR (FastAGI; details: callerNumber, callerName): their history can be read now. */
        IVR_ENTERED,
        /** The caller left the IVR (FastAGI) for the queue (details: queue). */
        IVR_LEFT,
        /** The caller joined a queue (details: queue, position, callerNumber, callerName, variables). */
        QUEUE_JOINED,
        /**
         * The caller was found waiting in a queue by a resync (Hotline was not listening when they
         * joined; details: queue, position, callerNumber, callerName, waitSeconds, queuedAt, offeredAt,
         * variables). Not a new offer: the queue's figures do not count it again.
         */
        QUEUE_TAKEN_OVER,
        /** An agent's phone rings (details: agentInterface, memberName, queue, callerNumber, variables). */
        AGENT_RINGING,
        /** The agent did not answer in time (details: agentInterface, memberName, ringMillis). */
        AGENT_RING_NO_ANSWER,
        /** An agent answered (details: agentInterface, memberName, holdSeconds, ringSeconds, waitSeconds). */
        ANSWERED,
        /** The caller hung up while waiting (details: queue, holdSeconds, position, waitSeconds). */
        ABANDONED,
        /** The conversation with the agent ended (details: talkSeconds, holdSeconds, reason). */
        AGENT_COMPLETED,
        /** The call was transferred (details: kind blind/attended, extension, context, result). */
        TRANSFERRED,
        /** The last channel of the call hung up (details: outcome, cause, causeText, onHoldSeconds, variables). */
        ENDED
    }

    public CallEvent {
        details = Map.copyOf(details);
    }
}
