package org.hotline.bridge.callbacks;

import org.hotline.bridge.AmiBridge;
import org.hotline.desk.ServiceDesk;
import org.hotline.desk.callbacks.CallOutcome;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Places a callback's call on an Asterisk server and reports how it went to the service desk,
 * which completes the callback or schedules its next try by its policy. An agent who did not
 * answer their own phone is no try of the customer's: the callback stays offered and is offered
 * again when its lease runs out.
 */
public final class CallbackPlacement {

    private final ServiceDesk desk;

    public CallbackPlacement(ServiceDesk desk) {
        this.desk = desk;
    }

    public CompletableFuture<CallbackCallResult> place(AmiBridge bridge, CallbackDial dial, Optional<Long> agentId) {
        java.time.Instant placed = java.time.Instant.now();
        return bridge.placeCallback(dial).thenApply(result -> {
            Optional<CallOutcome> outcome = switch (result.outcome()) {
                case ANSWERED -> Optional.of(CallOutcome.ANSWERED);
                case BUSY -> Optional.of(CallOutcome.BUSY);
                case NO_ANSWER -> Optional.of(CallOutcome.NO_ANSWER);
                case FAILED -> Optional.of(CallOutcome.FAILED);
                case AGENT_NO_ANSWER -> Optional.empty();
            };
            // the attempt names its call (and the call its callback and agent), from the placing to the result
            outcome.ifPresent(o -> desk.callbackCallEnded(dial.callbackId(), o, agentId, result.server(), result.linkedid(), placed));
            return result;
        });
    }
}
