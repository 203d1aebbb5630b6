package org.hotline.bridge;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting in tests for what happens on other threads: a condition, for at most 10 s. */
final class Await {

    private Await() {
    }

    static void until(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(20);
        }
    }
}
