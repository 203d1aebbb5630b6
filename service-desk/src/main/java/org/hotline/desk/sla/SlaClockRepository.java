package org.hotline.desk.sla;

import org.hotline.desk.sql.RenderedStatement;
import org.hotline.schema.jooq.tables.records.SlaClockRecord;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static org.hotline.schema.jooq.Tables.SLA_CLOCK;

/**
 * Stores a record's SLA clocks in {@code sla_clock}, with the next instant the scheduler must
 * look at each (at risk, then breached).
 */
public final class SlaClockRepository {

    /** The columns of a clock started, in the order of {@link #started}. */
    private static final List<Field<?>> STARTED_COLUMNS = List.of(SLA_CLOCK.RECORD_ID, SLA_CLOCK.POLICY_CODE, SLA_CLOCK.MILESTONE_CODE,
            SLA_CLOCK.STARTED_AT, SLA_CLOCK.STATE, SLA_CLOCK.EXTENSION, SLA_CLOCK.BUDGET_MS, SLA_CLOCK.REMAINING_MS,
            SLA_CLOCK.RUNNING_SINCE, SLA_CLOCK.PAUSED_CALENDAR_MS, SLA_CLOCK.PAUSED_WORKING_MS, SLA_CLOCK.PAUSED_AT,
            SLA_CLOCK.STOPPED_AT, SLA_CLOCK.DEADLINE_AT, SLA_CLOCK.AT_RISK_AT, SLA_CLOCK.BREACH_AT, SLA_CLOCK.NEXT_FIRE_AT);

    /** The clocks a record starts (three or four on a new repair): one batch, rendered once. */
    private static final RenderedStatement START = RenderedStatement.of(DSL.insertInto(SLA_CLOCK)
            .set(RenderedStatement.parametersNamedAs(STARTED_COLUMNS)));

    private final SlaPolicies policies;

    public SlaClockRepository(SlaPolicies policies) {
        this.policies = policies;
    }

    /** The clocks of a record, locked for update in the caller's transaction. */
    public Map<String, SlaClock> load(DSLContext tx, long recordId) {
        Map<String, SlaClock> clocks = new LinkedHashMap<>();
        for (SlaClockRecord row : tx.selectFrom(SLA_CLOCK).where(SLA_CLOCK.RECORD_ID.eq(recordId)).forUpdate().fetch()) {
            // the clock keeps the policy it started under, even if the record's facts changed since
            Optional<SlaPolicies.Applicable> a = policies.applicable(row.getPolicyCode(), row.getMilestoneCode());
            if (a.isEmpty()) {
                continue; // its policy was removed from the configuration: the stored row stays as it was
            }
            clocks.put(row.getMilestoneCode(), SlaClock.restore(a.get().milestone(), a.get().calendar(), snapshot(row)));
        }
        return clocks;
    }

    /**
     * Writes the clocks that {@code changes} touched: the clocks started, in one statement (a new
     * record starts several at once); each other change, in one statement of its own.
     */
    public void save(DSLContext tx, long recordId, Map<String, SlaPolicies.Applicable> applicable,
                     List<RecordClocks.Change> changes) {
        List<RenderedStatement.Binding> started = new java.util.ArrayList<>();
        for (RecordClocks.Change change : changes) {
            SlaClock.Snapshot s = change.clock().snapshot();
            OffsetDateTime next = s.state() == SlaClock.State.RUNNING ? utc(s.atRiskAt()) : null;
            if (change.kind() == RecordClocks.Change.Kind.STARTED) {
                List<Object> values = started(recordId, applicable.get(change.milestoneCode()), s, next);
                RenderedStatement.Binding row = START.bind();
                for (int i = 0; i < STARTED_COLUMNS.size(); i++) {
                    row.with(STARTED_COLUMNS.get(i).getName(), values.get(i));
                }
                started.add(row);
                continue;
            }
            // a resumed clock looks again at what it has not raised yet; a stopped one at nothing
            tx.update(SLA_CLOCK).set(state(s))
                    .set(SLA_CLOCK.NEXT_FIRE_AT, s.state() != SlaClock.State.RUNNING ? null
                            : org.jooq.impl.DSL.when(SLA_CLOCK.AT_RISK_RAISED_AT.isNull(), org.jooq.impl.DSL.val(next))
                            .when(SLA_CLOCK.BREACHED_AT.isNull(), org.jooq.impl.DSL.val(utc(s.breachAt())))
                            .otherwise(org.jooq.impl.DSL.inline((OffsetDateTime) null)))
                    .set(SLA_CLOCK.VERSION, SLA_CLOCK.VERSION.plus(1))
                    .where(SLA_CLOCK.RECORD_ID.eq(recordId).and(SLA_CLOCK.MILESTONE_CODE.eq(s.milestoneCode())))
                    .execute();
        }
        START.executeBatch(tx, started);
    }

    private static List<Object> started(long recordId, SlaPolicies.Applicable a, SlaClock.Snapshot s, OffsetDateTime next) {
        return java.util.Arrays.asList(recordId, a.policy().code(), s.milestoneCode(), utc(s.startedAt()), stateName(s),
                s.extension().orElse(null), s.budget().toMillis(), s.remaining().toMillis(), utc(s.runningSince()),
                s.pausedCalendarTime().toMillis(), s.pausedWorkingTime().toMillis(), utc(s.pausedAt()), utc(s.stoppedAt()),
                utc(s.deadline()), utc(s.atRiskAt()), utc(s.breachAt()), next);
    }

    /** What a change may have moved in a clock already stored. */
    private static Map<Field<?>, Object> state(SlaClock.Snapshot s) {
        var values = new LinkedHashMap<Field<?>, Object>();
        values.put(SLA_CLOCK.STATE, stateName(s));
        values.put(SLA_CLOCK.EXTENSION, s.extension().orElse(null));
        values.put(SLA_CLOCK.BUDGET_MS, s.budget().toMillis());
        values.put(SLA_CLOCK.REMAINING_MS, s.remaining().toMillis());
        values.put(SLA_CLOCK.RUNNING_SINCE, utc(s.runningSince()));
        values.put(SLA_CLOCK.PAUSED_CALENDAR_MS, s.pausedCalendarTime().toMillis());
        values.put(SLA_CLOCK.PAUSED_WORKING_MS, s.pausedWorkingTime().toMillis());
        values.put(SLA_CLOCK.PAUSED_AT, utc(s.pausedAt()));
        values.put(SLA_CLOCK.STOPPED_AT, utc(s.stoppedAt()));
        values.put(SLA_CLOCK.DEADLINE_AT, utc(s.deadline()));
        values.put(SLA_CLOCK.AT_RISK_AT, utc(s.atRiskAt()));
        values.put(SLA_CLOCK.BREACH_AT, utc(s.breachAt()));
        return values;
    }

    private static String stateName(SlaClock.Snapshot s) {
        return s.state().name().toLowerCase(Locale.ROOT);
    }

    private static SlaClock.Snapshot snapshot(SlaClockRecord r) {
        return new SlaClock.Snapshot(r.getMilestoneCode(), SlaClock.State.valueOf(r.getState().toUpperCase(Locale.ROOT)),
                r.getStartedAt().toInstant(), Optional.ofNullable(r.getExtension()), Duration.ofMillis(r.getBudgetMs()),
                Duration.ofMillis(r.getRemainingMs()), r.getRunningSince().toInstant(), Duration.ofMillis(r.getPausedCalendarMs()),
                Duration.ofMillis(r.getPausedWorkingMs()), instant(r.getPausedAt()), instant(r.getStoppedAt()),
                instant(r.getDeadlineAt()), instant(r.getAtRiskAt()), instant(r.getBreachAt()));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
