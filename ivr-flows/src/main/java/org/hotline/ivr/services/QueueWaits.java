package org.hotline.ivr.services;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** How long a caller joining a queue now can expect to wait; the bridge answers it from the PBX's live queue state. */
@FunctionalInterface
public interface QueueWaits {

    CompletionStage<Duration> expectedWait(String queue);

    /** No PBX to ask: no wait. */
    static QueueWaits none() {
        return queue -> CompletableFuture.completedFuture(Duration.ZERO);
    }
}
