package org.hotline.ivr.engine;

import org.hotline.desk.writes.TransientFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How long a caller waits, in silence, for the service desk before the flow goes on without its
 * answer: a lookup that does not answer in time is taken as finding nothing (the flow's default
 * branch), a write that does not is left to finish on its own (it is not lost). A wait that
 * lapses is counted; the episode is logged when it starts and when the desk answers in time
 * again, not once per caller.
 */
final class DeskWait {

    private static final Logger log = LoggerFactory.getLogger(DeskWait.class);

    private final Duration limit;
    private final AtomicLong lapsed = new AtomicLong();
    private volatile boolean inEpisode;
    private volatile long lapsedBefore;

    DeskWait(Duration limit) {
        if (limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("the desk wait must be positive: " + limit);
        }
        this.limit = limit;
    }

    /** Waits that lapsed or failed (the flow went on without the answer), since start. */
    long unanswered() {
        return lapsed.get();
    }

    /**
     * {@code work}'s result if it comes within the limit; empty if it does not, or fails (the
     * work itself goes on: a write still completes later).
     */
    <T> CompletableFuture<Optional<T>> within(CompletionStage<T> work, String what) {
        return within(work, what, true);
    }

    /** @param ofTheDatabase whether an answer in time says the database answers again (the PBX's queue figures do not) */
    <T> CompletableFuture<Optional<T>> within(CompletionStage<T> work, String what, boolean ofTheDatabase) {
        CompletableFuture<Answer<T>> waited = new CompletableFuture<>();
        work.whenComplete((value, failure) -> {
            if (waited.complete(new Answer<>(Optional.ofNullable(value), failure == null)) && failure != null) {
                wentOnWithout(what, failure);
            }
        });
        return waited.completeOnTimeout(null, limit.toMillis(), TimeUnit.MILLISECONDS).thenApply(answer -> {
            if (answer == null) {
                wentOnWithout(what, null);
                return Optional.empty();
            }
            if (answer.answered() && ofTheDatabase) {
                answered();
            }
            return answer.value();
        });
    }

    private record Answer<T>(Optional<T> value, boolean answered) {
    }

    /** @param failure null: no answer in time */
    private void wentOnWithout(String what, Throwable failure) {
        lapsed.incrementAndGet();
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause != null && !TransientFailure.is(cause)) {
            log.warn("IVR: {} failed, the flow goes on without it: {}", what, cause.toString());
            return;
        }
        if (!inEpisode) {
            inEpisode = true;
            lapsedBefore = lapsed.get() - 1;
            log.warn("IVR: the service desk {} ({}): callers go on by their flows' default branches, and what they asked for "
                    + "is written when it can be", cause == null ? "did not answer within " + limit.toMillis() + " ms"
                    : "cannot be reached: " + cause.getMessage(), what);
        }
    }

    private void answered() {
        if (inEpisode) {
            inEpisode = false;
            log.info("IVR: the service desk answers in time again ({} times the IVR went on without it meanwhile)",
                    lapsed.get() - lapsedBefore);
        }
    }
}
