package org.hotline.desk.timers;

import org.jooq.DSLContext;

import java.time.Instant;

/**
 * One kind of timed work (due callbacks, SLA deadlines). Runs inside a transaction: claims up to
 * {@code limit} due rows with {@code FOR UPDATE SKIP LOCKED}, changes them and stores their
 * events, so what it fires is committed exactly once or not at all.
 */
public interface FiringJob {

    String name();

    /** @return how many items it fired (fewer than {@code limit}: nothing more is due now) */
    int fireDue(DSLContext tx, Instant now, int limit);
}
