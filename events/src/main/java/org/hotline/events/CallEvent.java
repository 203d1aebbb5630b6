package org.hotline.events;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A normalized fact about one call, whatever order Asterisk's events came in: which Asterisk
 * server, which call (its Linkedid), when it was seen, and what happened. {@code variables} are
 * the channel variables the IVR set ({@code HOTLINE_RECORD_ID}, {@code HOTLINE_CUSTOMER_ID},
 * ...), as manager.conf's channelvars export them.
 */
public sealed interface CallEvent extends HotlineEvent {

    String server();

    String linkedid();

    /** The call was first seen. */
    record Offered(String server, String linkedid, Instant at) implements CallEvent {
    }

    /** The caller's channel started the IVR (FastAGI): their history can be read now. */
    record IvrEntered(String server, String linkedid, Instant at, String callerNumber, String callerName) implements CallEvent {
    }

    /** The caller left the IVR for a queue. */
    record IvrLeft(String server, String linkedid, Instant at, String queue) implements CallEvent {
    }

    /** The caller joined a queue (once per call: one sent back by the exit context is not joined again). */
    record QueueJoined(String server, String linkedid, Instant at, String queue, int position, String callerNumber,
                       String callerName, Map<String, String> variables) implements CallEvent {
        public QueueJoined {
            variables = Map.copyOf(variables);
        }
    }

    /**
     * The caller was found waiting in a queue by a resync (Hotline was not listening when they
     * joined). Not a new offer: the queue's figures do not count it again.
     */
    record QueueTakenOver(String server, String linkedid, Instant at, String queue, int position, String callerNumber,
                          String callerName, double waitSeconds, Instant queuedAt, Instant offeredAt,
                          Map<String, String> variables) implements CallEvent {
        public QueueTakenOver {
            variables = Map.copyOf(variables);
        }
    }

    /** An agent's phone rings. */
    record AgentRinging(String server, String linkedid, Instant at, String agentInterface, String memberName, String queue,
                        String callerNumber, String callerName, String agentChannel, Map<String, String> variables)
            implements CallEvent {
        public AgentRinging {
            variables = Map.copyOf(variables);
        }
    }

    /** The agent did not answer in time. */
    record AgentRingNoAnswer(String server, String linkedid, Instant at, String agentInterface, String memberName,
                             int ringMillis) implements CallEvent {
    }

    /** An agent answered; {@code waitSeconds} from the first join, to the millisecond when the join was seen. */
    record Answered(String server, String linkedid, Instant at, String agentInterface, String memberName, String queue,
                    int holdSeconds, int ringSeconds, double waitSeconds) implements CallEvent {
    }

    /** The caller hung up while waiting. */
    record Abandoned(String server, String linkedid, Instant at, String queue, int holdSeconds, int position,
                     double waitSeconds) implements CallEvent {
    }

    /** The conversation with the agent ended (reason: who hung up, as Asterisk says). */
    record AgentCompleted(String server, String linkedid, Instant at, String agentInterface, String memberName,
                          int talkSeconds, int holdSeconds, String reason) implements CallEvent {
    }

    /** The call was transferred ({@code kind}: blind or attended). */
    record Transferred(String server, String linkedid, Instant at, String kind, String extension, String context,
                       String result) implements CallEvent {
    }

    /**
     * The last channel of the call hung up. {@code queue} is empty for a call that never queued;
     * {@code ivrUniqueid} the channel that ran the IVR (its ivr_session), {@code connectedAt} and
     * {@code talkSeconds} a call's talk from the bridge when no queue measured it (a callback).
     */
    record Ended(String server, String linkedid, Instant at, CallOutcome outcome, CallDirection direction, int cause,
                 String causeText, String callerNumber, String queue, Map<String, String> variables, String ivrUniqueid,
                 Instant connectedAt, Double talkSeconds, double onHoldSeconds, String transferredTo) implements CallEvent {
        public Ended {
            variables = Map.copyOf(variables);
            queue = queue == null ? "" : queue;
        }

        public Optional<String> ivrChannel() {
            return Optional.ofNullable(ivrUniqueid);
        }

        public Optional<Instant> connected() {
            return Optional.ofNullable(connectedAt);
        }

        public Optional<Double> talk() {
            return Optional.ofNullable(talkSeconds);
        }

        public Optional<String> transferTarget() {
            return Optional.ofNullable(transferredTo);
        }
    }
}
