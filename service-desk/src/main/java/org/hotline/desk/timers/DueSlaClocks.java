package org.hotline.desk.timers;

import org.hotline.events.DeskEvent;
import org.hotline.events.DeskEventType;
import org.hotline.desk.events.EventOutbox;
import org.hotline.desk.sla.Milestone;
import org.hotline.desk.sla.SlaPolicies;
import org.hotline.schema.jooq.tables.records.SlaClockRecord;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Query;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.hotline.schema.jooq.Tables.SLA_CLOCK;

/**
 * Raises the events of running SLA clocks when their time comes: {@code sla.at_risk} when the
 * at-risk share of the time is used, {@code sla.breached} at the deadline, each once; a breach of
 * a milestone that says so escalates the record ({@code record.escalated}).
 */
public final class DueSlaClocks implements FiringJob {

    private final SlaPolicies policies;
    private final org.hotline.desk.escalations.Escalations escalations;

    /** Breaches escalated by {@code escalations} (which make them climb when nobody takes them). */
    public DueSlaClocks(SlaPolicies policies, org.hotline.desk.escalations.Escalations escalations) {
        this.policies = policies;
        this.escalations = escalations;
    }

    /** Breaches escalated without climbing (tools, benchmarks). */
    public DueSlaClocks(SlaPolicies policies) {
        this(policies, new org.hotline.desk.escalations.Escalations(Map.of()));
    }

    @Override
    public String name() {
        return "sla-clocks";
    }

    @Override
    public Condition anyDue(Instant now) {
        return FiringJob.firstRow(SLA_CLOCK, due(now.atOffset(ZoneOffset.UTC)), SLA_CLOCK.NEXT_FIRE_AT);
    }

    /** A running clock at its next instant to look at: at risk, then breached. */
    private static Condition due(OffsetDateTime at) {
        return SLA_CLOCK.STATE.eq(FiringJob.written("running")).and(SLA_CLOCK.NEXT_FIRE_AT.le(at));
    }

    @Override
    public int fireDue(DSLContext tx, Instant now, int limit) {
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        var due = tx.selectFrom(SLA_CLOCK).where(due(at))
                .orderBy(SLA_CLOCK.NEXT_FIRE_AT).limit(limit).forUpdate().skipLocked().fetch();
        List<DeskEvent> events = new ArrayList<>();
        List<Query> updates = new ArrayList<>();
        for (SlaClockRecord clock : due) {
            OffsetDateTime atRiskRaised = clock.getAtRiskRaisedAt();
            OffsetDateTime breached = clock.getBreachedAt();
            if (atRiskRaised == null && clock.getAtRiskAt() != null && !clock.getAtRiskAt().isAfter(at)) {
                atRiskRaised = at;
                events.add(event(DeskEventType.SLA_AT_RISK, clock, now));
            }
            // late from breach_at: the first instant past the deadline on the clock's own time (met at the deadline is met)
            if (breached == null && clock.getBreachAt() != null && !clock.getBreachAt().isAfter(at)) {
                breached = at;
                events.add(event(DeskEventType.SLA_BREACHED, clock, now));
                escalate(tx, clock, now);
            }
            OffsetDateTime next = atRiskRaised == null ? clock.getAtRiskAt() : breached == null ? clock.getBreachAt() : null;
            updates.add(tx.update(SLA_CLOCK).set(SLA_CLOCK.AT_RISK_RAISED_AT, atRiskRaised).set(SLA_CLOCK.BREACHED_AT, breached)
                    .set(SLA_CLOCK.NEXT_FIRE_AT, next).set(SLA_CLOCK.VERSION, SLA_CLOCK.VERSION.plus(1))
                    .where(SLA_CLOCK.ID.eq(clock.getId())));
        }
        if (!updates.isEmpty()) {
            tx.batch(updates).execute();
        }
        EventOutbox.store(tx, events);
        return due.size();
    }

    /** Escalates a breach when its milestone says so (recorded in the trail and announced by {@link org.hotline.desk.escalations.Escalations}). */
    private void escalate(DSLContext tx, SlaClockRecord clock, Instant now) {
        policies.milestone(clock.getPolicyCode(), clock.getMilestoneCode()).flatMap(Milestone::escalateOnBreach).ifPresent(level ->
                escalations.raise(tx, clock.getRecordId(), org.hotline.desk.escalations.EscalationLevel.ofDbName(level), org.hotline.desk.escalations.EscalationTrigger.DEADLINE_BREACHED,
                        clock.getMilestoneCode() + " deadline missed", org.hotline.desk.records.Actor.system(), now, Optional.empty()));
    }

    private static DeskEvent event(DeskEventType type, SlaClockRecord clock, Instant now) {
        return DeskEvent.of(type, "record", clock.getRecordId(), now, Map.of(
                "clockId", clock.getId(), "milestone", clock.getMilestoneCode(), "policy", clock.getPolicyCode(),
                "deadline", clock.getDeadlineAt().toInstant().toString()));
    }
}
