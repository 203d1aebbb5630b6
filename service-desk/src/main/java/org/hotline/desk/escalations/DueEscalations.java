package org.hotline.desk.escalations;

import org.hotline.desk.timers.FiringJob;
import org.jooq.Condition;
import org.jooq.DSLContext;

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
        return FiringJob.firstRow(ESCALATION, Escalations.dueToClimb(now), ESCALATION.CLIMB_AT);
    }

    @Override
    public int fireDue(DSLContext tx, Instant now, int limit) {
        return escalations.climbDue(tx, now, limit);
    }
}
