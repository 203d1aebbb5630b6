package org.hotline.desk.timers;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Select;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fires what falls due: a thread that, each round, asks every {@link FiringJob} in one statement
 * whether anything may be due and runs those that say so, each in its own transaction; again at
 * once while a job finds a full batch (a backlog, say after a restart), else after the poll
 * interval. An idle round costs one statement, not a transaction per job. Any number of
 * schedulers may run on one database: row locks with SKIP LOCKED keep them from firing the same
 * item twice.
 */
public final class TimerScheduler implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TimerScheduler.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    /** Where the rounds ask and the jobs fire: the events a firing stores are written together as it commits. */
    private final DSLContext db;
    private final List<FiringJob> jobs;
    private final Clock clock;
    private final Duration pollInterval;
    private final int batchSize;
    private final AtomicLong fired = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    public TimerScheduler(String name, DataSource dataSource, List<FiringJob> jobs, Clock clock, Duration pollInterval,
                          int batchSize) {
        this.db = org.hotline.desk.writes.Transactions.on(dataSource);
        this.jobs = List.copyOf(jobs);
        this.clock = clock;
        this.pollInterval = pollInterval;
        this.batchSize = batchSize;
        this.thread = Thread.ofPlatform().name("timers-" + name).daemon().unstarted(this::loop);
    }

    private volatile java.time.Instant lastRound;

    public TimerScheduler start() {
        lastRound = clock.instant();
        thread.start();
        return this;
    }

    /** Runs every job until none has a full batch; returns how many items were fired. For tests and tools. */
    public int fireAllDue() {
        int total = 0;
        Round round;
        do {
            round = round();
            total += round.fired();
        } while (round.backlog());
        return total;
    }

    /** What a round fired, and whether a job found a full batch (more may be due at once). */
    private record Round(int fired, boolean backlog) {
    }

    private Round round() {
        Record mayBeDue = db.fetchSingle(question(jobs, clock.instant()));
        int fired = 0;
        boolean backlog = false;
        for (int i = 0; i < jobs.size(); i++) {
            if (Boolean.TRUE.equals(mayBeDue.get(i, Boolean.class))) {
                int n = fireOnce(jobs.get(i));
                fired += n;
                backlog |= n >= batchSize;
            }
        }
        return new Round(fired, backlog);
    }

    /** A round's one statement: for each job in turn, whether anything may be due at {@code now}. */
    static Select<Record> question(List<FiringJob> jobs, Instant now) {
        return DSL.select(jobs.stream().map(job -> DSL.field(job.anyDue(now))).toList());
    }

    private void loop() {
        int failures = 0;
        while (running) {
            try {
                boolean backlog = round().backlog();
                lastRound = clock.instant();
                if (failures > 0) {
                    log.info("Timers working again after {} failed round(s)", failures);
                    failures = 0;
                }
                if (!backlog) {
                    Thread.sleep(pollInterval);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                failures++;
                if (failures == 1 || failures % 100 == 0) {
                    log.warn("Timer round failed ({} in a row), trying again: {}", failures, e.getMessage());
                }
                // back off while the database is away: twice the wait per failure, at most MAX_BACKOFF
                sleepQuietly(backoff(failures));
            }
        }
    }

    private Duration backoff(int failures) {
        Duration wait = pollInterval.multipliedBy(1L << Math.min(failures, 10));
        return wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
    }

    private int fireOnce(FiringJob job) {
        int n = db.transactionResult(tx -> job.fireDue(tx.dsl(), clock.instant(), batchSize));
        fired.addAndGet(n);
        return n;
    }

    /** When the last round ended without failing (the start, before the first): how far behind the timers may be. */
    public java.time.Instant lastRound() {
        return lastRound;
    }

    /** Items fired by this scheduler since it was made. */
    public long fired() {
        return fired.get();
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops after the round in progress; what that round fired is committed, or not at all. */
    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
