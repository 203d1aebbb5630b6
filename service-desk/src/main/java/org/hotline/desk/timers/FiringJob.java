package org.hotline.desk.timers;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.OrderField;
import org.jooq.Table;
import org.jooq.impl.DSL;

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

    /**
     * Whether a row of {@code table} meets {@code due}, asked as the job reads them: the first in
     * {@code order}, the order of the index the job's own query walks. A scalar subquery, not
     * EXISTS: PostgreSQL drops ORDER BY and LIMIT inside EXISTS, and the generic plan it keeps for
     * the prepared statement (its instant unknown) then scans the whole table when nothing is due
     * (21 ms a look on 79,000 clocks, ten looks a second).
     */
    static Condition firstRow(Table<?> table, Condition due, OrderField<?> order) {
        // LIMIT 1 written out, not bound: a plan made for an unknown limit may choose otherwise
        return DSL.field(DSL.selectOne().from(table).where(due).orderBy(order).limit(DSL.inline(1))).isNotNull();
    }

    /**
     * A status written into the statement rather than bound: the partial indexes the jobs walk
     * ({@code WHERE status = 'pending'}) serve a plan only when it knows the status.
     */
    static Field<String> written(String status) {
        return DSL.inline(status);
    }
}
