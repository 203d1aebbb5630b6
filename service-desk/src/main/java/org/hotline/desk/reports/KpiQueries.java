package org.hotline.desk.reports;

import org.hotline.desk.sla.SlaClock;
import org.hotline.events.CallbackStatus;

import org.hotline.desk.reports.KpiReport.AgentFigures;
import org.hotline.desk.reports.KpiReport.CallbackFigures;
import org.hotline.desk.reports.KpiReport.MilestoneFigures;
import org.hotline.desk.reports.KpiReport.QueueFigures;
import org.hotline.desk.reports.KpiReport.RecordsOfType;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.DatePart;
import org.jooq.Field;
import org.jooq.impl.SQLDataType;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static org.hotline.schema.jooq.Tables.AGENT;
import static org.hotline.schema.jooq.Tables.CALL;
import static org.hotline.schema.jooq.Tables.CALLBACK;
import static org.hotline.schema.jooq.Tables.CONTACT_RECORD;
import static org.hotline.schema.jooq.Tables.QUEUE;
import static org.hotline.schema.jooq.Tables.SLA_CLOCK;
import static org.jooq.impl.DSL.avg;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.extract;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.nullif;
import static org.jooq.impl.DSL.round;
import static org.jooq.impl.DSL.sum;

/**
 * The KPI report of a period from the stored calls, callbacks, clocks, records, complaints, work
 * orders and surveys: the calls' and the desk's sections here, complaints in
 * {@link ComplaintFigures}, the field's in {@link FieldFigures}.
 */
public final class KpiQueries {

    private final int serviceLevelSeconds;
    private final Duration callbackOnTime;

    /** {@code serviceLevelSeconds}: the threshold of a queue that names none; {@code callbackOnTime}: how late a callback is still on time. */
    public KpiQueries(int serviceLevelSeconds, Duration callbackOnTime) {
        this.serviceLevelSeconds = serviceLevelSeconds;
        this.callbackOnTime = callbackOnTime;
    }

    /** The report of {@code period}; a repair within {@code repeatDays} of another of the same product is a repeat. */
    public KpiReport report(DSLContext db, KpiPeriod period, int repeatDays) {
        OffsetDateTime from = utc(period.from());
        OffsetDateTime to = utc(period.to());
        return new KpiReport(period.name(), period.from().toString(), period.to().toString(), serviceLevelSeconds, repeatDays,
                callbackOnTime.toSeconds(), queues(db, from, to), registration(db, from, to), agents(db, from, to), callbacks(db, from, to, callbackOnTime),
                milestones(db, from, to), recordsByType(db, from, to), ComplaintFigures.byType(db, from, to),
                ComplaintFigures.byOutcome(db, from, to), ComplaintFigures.byCause(db, from, to),
                FieldFigures.repeatRepairs(db, from, to, repeatDays), FieldFigures.technicians(db, from, to, repeatDays),
                FieldFigures.satisfaction(db, from, to));
    }

    List<QueueFigures> queues(DSLContext db, OffsetDateTime from, OffsetDateTime to) {
        Field<String> queue = coalesce(CALL.QUEUE_NAME, inline("(none)"));
        Field<BigDecimal> threshold = coalesce(QUEUE.SERVICE_LEVEL_SECONDS, inline(serviceLevelSeconds)).cast(SQLDataType.NUMERIC);
        Condition queued = CALL.QUEUED_AT.isNotNull();
        Condition answered = CALL.ANSWERED_AT.isNotNull();
        Condition abandoned = CALL.OUTCOME.eq("abandoned");
        Field<Integer> queueThreshold = coalesce(max(QUEUE.SERVICE_LEVEL_SECONDS), inline(serviceLevelSeconds));
        Field<Integer> offered = count().filterWhere(queued);
        Field<Integer> answeredInQueue = count().filterWhere(answered.and(queued));
        Field<Integer> abandonedCalls = count().filterWhere(abandoned);
        Field<BigDecimal> serviceLevel = round(inline(BigDecimal.valueOf(100)).mul(count().filterWhere(answered.and(CALL.WAIT_SECONDS.le(threshold)))
                        .cast(SQLDataType.NUMERIC)).div(nullif(count().filterWhere(queued.and(answered.or(abandoned))), inline(0))), 1);
        Field<BigDecimal> speedOfAnswer = round(avg(CALL.WAIT_SECONDS).filterWhere(answered), 1);
        Field<BigDecimal> longestWait = max(CALL.WAIT_SECONDS);
        Field<BigDecimal> talk = round(avg(CALL.TALK_SECONDS).filterWhere(CALL.TALK_SECONDS.gt(BigDecimal.ZERO)), 1);
        return db.select(queue, queueThreshold, offered, answeredInQueue, abandonedCalls, serviceLevel, speedOfAnswer, longestWait, talk)
                .from(CALL).leftJoin(QUEUE).on(QUEUE.NAME.eq(CALL.QUEUE_NAME))
                .where(CALL.OFFERED_AT.ge(from).and(CALL.OFFERED_AT.lt(to)))
                .groupBy(queue).orderBy(queue)
                .fetch(r -> new QueueFigures(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), number(r.value6()),
                        number(r.value7()), number(r.value8()), number(r.value9())));
    }

    static KpiReport.CallRegistration registration(DSLContext db, OffsetDateTime from, OffsetDateTime to) {
        Condition record = CALL.RECORD_ID.isNotNull();
        Condition disposition = CALL.RECORD_ID.isNull().and(CALL.DISPOSITION.isNotNull());
        return db.select(count(), count().filterWhere(record), count().filterWhere(disposition),
                        count().filterWhere(CALL.RECORD_ID.isNull().and(CALL.DISPOSITION.isNull())))
                .from(CALL)
                .where(CALL.DIRECTION.eq("inbound").and(CALL.ANSWERED_AT.isNotNull()).and(CALL.OFFERED_AT.ge(from)).and(CALL.OFFERED_AT.lt(to)))
                .fetchSingle(r -> new KpiReport.CallRegistration(r.value1(), r.value2(), r.value3(), r.value4()));
    }

    List<AgentFigures> agents(DSLContext db, OffsetDateTime from, OffsetDateTime to) {
        return db.select(AGENT.USERNAME, count(), round(sum(CALL.TALK_SECONDS), 0), round(avg(CALL.TALK_SECONDS), 1))
                .from(CALL).join(AGENT).on(AGENT.ID.eq(CALL.AGENT_ID))
                .where(CALL.OFFERED_AT.ge(from).and(CALL.OFFERED_AT.lt(to)).and(CALL.ANSWERED_AT.isNotNull()))
                .groupBy(AGENT.USERNAME).orderBy(AGENT.USERNAME)
                .fetch(r -> new AgentFigures(r.value1(), r.value2(), number(r.value3()), number(r.value4())));
    }

    static CallbackFigures callbacks(DSLContext db, OffsetDateTime from, OffsetDateTime to, Duration callbackOnTime) {
        Condition done = CALLBACK.STATUS.eq(CallbackStatus.DONE.dbName());
        Condition onTime = epoch(CALLBACK.COMPLETED_AT).le(epoch(CALLBACK.DUE_AT).plus(inline(BigDecimal.valueOf(callbackOnTime.toSeconds()))));
        return db.select(count().filterWhere(done), count().filterWhere(done.and(onTime)),
                        count().filterWhere(CALLBACK.STATUS.in(CallbackStatus.FAILED.dbName(), CallbackStatus.EXPIRED.dbName())))
                .from(CALLBACK).where(CALLBACK.COMPLETED_AT.ge(from).and(CALLBACK.COMPLETED_AT.lt(to)))
                .fetchSingle(r -> new CallbackFigures(r.value1(), r.value2(), r.value3()));
    }

    static List<MilestoneFigures> milestones(DSLContext db, OffsetDateTime from, OffsetDateTime to) {
        return db.select(SLA_CLOCK.MILESTONE_CODE, count().filterWhere(SLA_CLOCK.STATE.eq(SlaClock.State.MET.dbName())),
                        count().filterWhere(SLA_CLOCK.STATE.eq(SlaClock.State.MISSED.dbName()).or(SLA_CLOCK.BREACHED_AT.isNotNull())),
                        count().filterWhere(SLA_CLOCK.STATE.eq(SlaClock.State.CANCELLED.dbName()).and(SLA_CLOCK.BREACHED_AT.isNull())))
                .from(SLA_CLOCK).where(SLA_CLOCK.DEADLINE_AT.ge(from).and(SLA_CLOCK.DEADLINE_AT.lt(to)))
                .groupBy(SLA_CLOCK.MILESTONE_CODE).orderBy(SLA_CLOCK.MILESTONE_CODE)
                .fetch(r -> new MilestoneFigures(r.value1(), r.value2(), r.value3(), r.value4()));
    }

    static List<RecordsOfType> recordsByType(DSLContext db, OffsetDateTime from, OffsetDateTime to) {
        return db.select(CONTACT_RECORD.TYPE, count()).from(CONTACT_RECORD)
                .where(CONTACT_RECORD.CREATED_AT.ge(from).and(CONTACT_RECORD.CREATED_AT.lt(to)))
                .groupBy(CONTACT_RECORD.TYPE).orderBy(CONTACT_RECORD.TYPE)
                .fetch(r -> new RecordsOfType(r.value1(), r.value2()));
    }

    /** Seconds since the epoch, with their fractions. */
    static Field<BigDecimal> epoch(Field<OffsetDateTime> at) {
        return extract(at, DatePart.EPOCH).cast(SQLDataType.NUMERIC);
    }

    static Double number(BigDecimal value) {
        return value == null ? null : value.doubleValue();
    }

    static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
