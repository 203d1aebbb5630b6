package org.hotline.bridge;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting in tests for what happens on other threads: a condition, for at most 10 s (Awaitility underneath, as everywhere). */
final class Await {

    private Await() {
    }

    static void until(BooleanSupplier condition) throws InterruptedException {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(condition::getAsBoolean);
    }
}
