package org.hotline.desk.escalations;

import org.hotline.desk.timers.FiringJob;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import java.time.Instant;

import static org.hotline.schema.jooq.Tables.ESCALATION;

/** The timers' part of escalations: those nobody acknowledged in time climb to the next level. */
public final class DueEscalations implements FiringJob {

    private final Escalations escalations;

    public DueEscalations(Escalations escalations) {
        this.escalations = escalations;
    }

    @Override
    public String name() {
        return "escalations";
    }

    @Override
    public Condition anyDue(Instant now) {
        return DSL.exists(DSL.selectOne().from(ESCALATION).where(Escalations.dueToClimb(now)));
    }

    @Override
    public int fireDue(DSLContext tx, Instant now, int limit) {
        return escalations.climbDue(tx, now, limit);
    }
}
