package org.hotline.desk.timers;

import org.jooq.Condition;
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

    /**
     * Whether anything may be due at {@code now}: true whenever {@link #fireDue} would fire
     * something (true and nothing fired is allowed: a row another node holds). Asked of every job
     * in one statement before any transaction is begun, so an idle round costs one statement.
     */
    Condition anyDue(Instant now);
}
