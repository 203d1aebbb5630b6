package org.hotline.bridge.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Database writes taken off the event thread and done one after another, in the order given,
 * on a thread of their own: the database never delays the events that follow. A write that
 * fails is logged and the next one goes on.
 */
public final class OrderedWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OrderedWriter.class);

    private final ExecutorService thread;

    public OrderedWriter(String name) {
        this.thread = Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().name(name).daemon().unstarted(r));
    }

    /** @param what said in the log if the write fails */
    public void write(String what, Runnable write) {
        thread.execute(() -> {
            try {
                write.run();
            } catch (RuntimeException e) {
                log.warn("{} not written: {}", what, e.getMessage());
            }
        });
    }

    /** Waits until every write given so far is done. */
    public void flush() {
        try {
            thread.submit(() -> { }).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the writes did not catch up: " + e.getMessage(), e);
        }
    }

    /** Finishes the writes given so far (up to 10 s), then stops. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
