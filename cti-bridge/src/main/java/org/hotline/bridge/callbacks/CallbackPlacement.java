package org.hotline.bridge.callbacks;

import org.hotline.bridge.AmiBridge;
import org.hotline.desk.ServiceDesk;
import org.hotline.desk.callbacks.CallOutcome;
import org.hotline.desk.writes.WriteQueue;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Places a callback's call on an Asterisk server and reports how it went to the service desk,
 * which completes the callback or schedules its next try by its policy. An agent who did not
 * answer their own phone is no try of the customer's: the callback stays offered and is offered
 * again when its lease runs out. The try is written through a {@link WriteQueue}: a database
 * that takes no writes for a while delays it, and loses nothing.
 */
public final class CallbackPlacement {

    /** How long the placing waits for the try's write before it reports the call's result all the same. */
    private static final long WRITE_WAIT_SECONDS = 2;

    private final ServiceDesk desk;
    private final WriteQueue outcomes;

    /** @param outcomes where the tries are written, in order, waiting out a database that takes no writes */
    public CallbackPlacement(ServiceDesk desk, WriteQueue outcomes) {
        this.desk = desk;
        this.outcomes = outcomes;
    }

    public CompletableFuture<CallbackCallResult> place(AmiBridge bridge, CallbackDial dial, Optional<Long> agentId) {
        java.time.Instant placed = java.time.Instant.now();
        return bridge.placeCallback(dial).thenCompose(result -> {
            Optional<CallOutcome> outcome = switch (result.outcome()) {
                case ANSWERED -> Optional.of(CallOutcome.ANSWERED);
                case BUSY -> Optional.of(CallOutcome.BUSY);
                case NO_ANSWER -> Optional.of(CallOutcome.NO_ANSWER);
                case FAILED -> Optional.of(CallOutcome.FAILED);
                case AGENT_NO_ANSWER -> Optional.empty();
            };
            if (outcome.isEmpty()) {
                return CompletableFuture.completedFuture(result);
            }
            // the attempt names its call (and the call its callback and agent), from the placing to the result; written off
            // the AMI thread, and when the database takes no writes, later (the result is reported meanwhile)
            return outcomes.submit("the try of callback " + dial.callbackId(), () -> desk.callbackCallEnded(dial.callbackId(),
                            outcome.get(), agentId, result.server(), result.linkedid(), placed))
                    .handle((written, failure) -> result)
                    .completeOnTimeout(result, WRITE_WAIT_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
        });
    }
}
