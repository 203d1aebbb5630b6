package org.hotline.api.desk;

import org.hotline.events.PauseReasons;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The PBX side of an agent's state: logging a device into queues, pausing it, readying it,
 * logging it out. The server implements it on the AMI bridge; the API knows nothing of Asterisk.
 */
public interface QueueMembers {

    /** A queue to log into and the agent's penalty in it. */
    record Seat(String queue, int penalty) {
    }

    /** The pause reason that means after-call work: the PBX side reports such a pause as wrap_up, not paused. */
    String WRAP_UP_REASON = PauseReasons.WRAP_UP;

    /** The pause reason while an agent is offered and makes a callback: the queue does not ring them meanwhile. */
    String CALLBACK_REASON = PauseReasons.CALLBACK;

    CompletionStage<Void> logIn(String agentInterface, String memberName, List<Seat> queues);

    CompletionStage<Void> pause(String agentInterface, String reason);

    CompletionStage<Void> ready(String agentInterface);

    CompletionStage<Void> logOut(String agentInterface, List<String> queues);

    /** The device's state as the PBX reports it (logged_out, ready, ringing, talking, wrap_up, paused). */
    Optional<String> state(String agentInterface);

    /**
     * An agent's state with what a console shows of it: the pause's reason, since when, and when
     * the bridge's own wrap-up ends (an agent's reloaded console keeps its timers).
     */
    record Standing(String state, String reason, Optional<java.time.Instant> since, Optional<java.time.Instant> wrapUpEndsAt) {
    }

    default Optional<Standing> standing(String agentInterface) {
        return state(agentInterface).map(state -> new Standing(state, "", Optional.empty(), Optional.empty()));
    }

    /** No PBX: every change is refused with 503. */
    static QueueMembers none() {
        return new QueueMembers() {
            public CompletionStage<Void> logIn(String agentInterface, String memberName, List<Seat> queues) {
                return unavailable();
            }

            public CompletionStage<Void> pause(String agentInterface, String reason) {
                return unavailable();
            }

            public CompletionStage<Void> ready(String agentInterface) {
                return unavailable();
            }

            public CompletionStage<Void> logOut(String agentInterface, List<String> queues) {
                return unavailable();
            }

            public Optional<String> state(String agentInterface) {
                return Optional.empty();
            }

            private CompletionStage<Void> unavailable() {
                return CompletableFuture.failedFuture(new PbxUnavailable("no Asterisk server is configured"));
            }
        };
    }

    /** The PBX cannot be reached (503). */
    final class PbxUnavailable extends RuntimeException {
        public PbxUnavailable(String message) {
            super(message, null, false, false);
        }
    }

    /** The PBX refused the change (502), with its reason. */
    final class PbxRefused extends RuntimeException {
        public PbxRefused(String message) {
            super(message, null, false, false);
        }
    }
}
