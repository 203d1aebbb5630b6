package org.hotline.desk.escalations;

import org.hotline.desk.records.Actor;
import org.hotline.desk.timers.FiringJob;
import org.hotline.events.CallbackStatus;
import org.jooq.Condition;
import org.jooq.DSLContext;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.hotline.schema.jooq.Tables.CALLBACK;

/**
 * The timers' watch on callbacks: one of a record still not made {@code grace} after it fell due
 * (pending, or offered and not taken) escalates the record to the supervisor, once
 * ({@code callbacks.escalate-overdue-after}).
 */
public final class OverdueCallbacks implements FiringJob {

    private final Escalations escalations;
    private final Duration grace;

    public OverdueCallbacks(Escalations escalations, Duration grace) {
        this.escalations = escalations;
        this.grace = grace;
    }

    @Override
    public String name() {
        return "overdue-callbacks";
    }

    @Override
    public Condition anyDue(Instant now) {
        return FiringJob.firstRow(CALLBACK, overdue(now), CALLBACK.DUE_AT);
    }

    /** A callback of a record still not made {@code grace} after it fell due, not escalated yet. */
    private Condition overdue(Instant now) {
        return CALLBACK.STATUS.in(FiringJob.written(CallbackStatus.PENDING.dbName()), FiringJob.written(CallbackStatus.OFFERED.dbName()))
                .and(CALLBACK.RECORD_ID.isNotNull()).and(CALLBACK.OVERDUE_ESCALATED_AT.isNull())
                .and(CALLBACK.DUE_AT.le(now.minus(grace).atOffset(ZoneOffset.UTC)));
    }

    @Override
    public int fireDue(DSLContext tx, Instant now, int limit) {
        var overdue = tx.selectFrom(CALLBACK).where(overdue(now))
                .orderBy(CALLBACK.DUE_AT).limit(limit).forUpdate().skipLocked().fetch();
        for (var callback : overdue) {
            escalations.raise(tx, callback.getRecordId(), EscalationLevel.SUPERVISOR, EscalationTrigger.CALLBACK_OVERDUE, "callback " + callback.getId()
                    + " (" + callback.getReason() + ") not made " + grace.toMinutes() + " min after it fell due", Actor.system(), now,
                    Optional.empty());
            callback.setOverdueEscalatedAt(now.atOffset(ZoneOffset.UTC));
            callback.update();
        }
        return overdue.size();
    }
}
