package org.hotline.desk.writes;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Database writes done one after another, in the order given, on a thread of their own, so that
 * whoever gives them (the AMI event thread, a caller in the IVR) never waits for the database.
 * A write that fails because no connection could be had (a starved pool, the database away or
 * restarting: {@link TransientFailure}) waits and is tried again, first after 0.1 s, then up to
 * every 5 s, and the writes behind it wait their turn: nothing is lost and nothing overtakes.
 * A write that fails for any other reason is logged and the next one goes on.
 *
 * <p>The queue is bounded: a write given while {@code capacity} are waiting is refused (counted,
 * logged once until the queue drains). Each episode of waiting is logged twice, when it starts and
 * when the queue has caught up, never once per write.
 */
public final class WriteQueue implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WriteQueue.class);
    private static final long FIRST_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long LONGEST_RETRY_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

    private final String name;
    private final BlockingQueue<Pending<?>> queue;
    private final Thread thread;
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicLong deferred = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private volatile boolean refusing;
    private volatile boolean closing;
    private volatile long giveUpAt;
    /** Whether writes are waiting for the database now, since when (System.nanoTime), and how many were done since; writer thread only. */
    private boolean inEpisode;
    private long episodeStart;
    private long episodeWrites;

    private record Pending<T>(String what, Supplier<T> write, CompletableFuture<T> done) {
    }

    /**
     * @param name     the queue's name in the log, the thread's name and the metrics
     * @param capacity the most writes kept waiting
     */
    public WriteQueue(String name, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.name = name;
        this.queue = new LinkedBlockingQueue<>(capacity);
        this.thread = Thread.ofPlatform().name(name).daemon().start(this::run);
    }

    public String name() {
        return name;
    }

    /** @param what said in the log if the write fails or waits */
    public void write(String what, Runnable write) {
        submit(what, () -> {
            write.run();
            return null;
        });
    }

    /**
     * Gives a write; its result (or its failure, or {@link WriteRefused}) completes the future
     * returned, on the queue's thread, when it is written, however long that takes.
     */
    public <T> CompletableFuture<T> submit(String what, Supplier<T> write) {
        CompletableFuture<T> done = new CompletableFuture<>();
        if (closing) {
            done.completeExceptionally(new WriteRefused(name + ": closing, " + what + " not taken"));
            return done;
        }
        waiting.incrementAndGet();
        if (!queue.offer(new Pending<>(what, write, done))) {
            waiting.decrementAndGet();
            refused.incrementAndGet();
            if (!refusing) {
                refusing = true;
                log.error("{}: {} writes are waiting for the database, the most it keeps: new writes are refused ({} first) until it catches up",
                        name, queue.size(), what);
            }
            done.completeExceptionally(new WriteRefused(name + ": full, " + what + " not taken"));
        }
        return done;
    }

    /** Waits until every write given so far is done (written, failed or given up). */
    public void flush() {
        try {
            submit("flush", () -> null).exceptionally(e -> null).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(name + ": the writes did not catch up: " + e, e);
        }
    }

    /** Writes given and not yet done. */
    public int waiting() {
        return waiting.get();
    }

    /** Writes that had to wait for the database at least once, since start. */
    public long deferred() {
        return deferred.get();
    }

    /** Writes refused because the queue was full, since start. */
    public long refused() {
        return refused.get();
    }

    private void run() {
        while (true) {
            Pending<?> next;
            try {
                next = closing ? queue.poll() : queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                continue; // only close interrupts, and it sets closing first
            }
            if (next == null) {
                if (closing) {
                    return;
                }
                continue;
            }
            write(next);
            waiting.decrementAndGet();
            if (inEpisode) {
                episodeWrites++;
            }
            if (queue.isEmpty()) {
                caughtUp();
            }
        }
    }

    private <T> void write(Pending<T> pending) {
        long pause = FIRST_RETRY_NANOS;
        boolean counted = false;
        while (true) {
            try {
                pending.done().complete(pending.write().get());
                return;
            } catch (RuntimeException e) {
                if (!TransientFailure.is(e)) {
                    log.warn("{}: {} not written: {}", name, pending.what(), e.toString());
                    pending.done().completeExceptionally(e);
                    return;
                }
                if (!counted) {
                    counted = true;
                    deferred.incrementAndGet();
                }
                if (!inEpisode) {
                    inEpisode = true;
                    episodeStart = System.nanoTime();
                    episodeWrites = 0;
                    log.warn("{}: the database takes no writes ({}): {} waiting, kept in order and written when it does",
                            name, e.getMessage(), waiting.get());
                }
                if (closing && System.nanoTime() - giveUpAt > 0) {
                    pending.done().completeExceptionally(e);
                    return;
                }
                LockSupport.parkNanos(pause);
                pause = Math.min(pause * 2, LONGEST_RETRY_NANOS);
            }
        }
    }

    private void caughtUp() {
        if (inEpisode) {
            inEpisode = false;
            log.info("{}: the database takes writes again; caught up with the {} writes that waited, {} s after the first", name,
                    episodeWrites, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - episodeStart));
        }
        refusing = false;
    }

    /** Writes what was given (waiting up to 10 s for a database that takes no writes), then stops. */
    @Override
    public void close() {
        giveUpAt = System.nanoTime() + CLOSE_WAIT.toNanos();
        closing = true;
        try {
            thread.join(CLOSE_WAIT.plusSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int left = waiting.get();
        if (left > 0) {
            log.error("{}: stopped with {} writes not written (the database took none for {} s)", name, left, CLOSE_WAIT.toSeconds());
        }
    }
}
