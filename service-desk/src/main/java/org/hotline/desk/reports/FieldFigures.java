package org.hotline.desk.reports;

import org.hotline.desk.records.RecordStatus;

import org.hotline.desk.reports.KpiReport.RepeatRepairs;
import org.hotline.desk.reports.KpiReport.SatisfactionFigures;
import org.hotline.desk.reports.KpiReport.TechnicianFigures;
import org.hotline.schema.jooq.tables.ContactRecord;
import org.hotline.schema.jooq.tables.SlaClock;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.types.DayToSecond;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

import static org.hotline.desk.reports.KpiQueries.epoch;
import static org.hotline.desk.reports.KpiQueries.number;
import static org.hotline.schema.jooq.Tables.CONTACT_RECORD;
import static org.hotline.schema.jooq.Tables.SLA_CLOCK;
import static org.hotline.schema.jooq.Tables.SURVEY_ANSWER;
import static org.hotline.schema.jooq.Tables.SURVEY_QUESTION;
import static org.hotline.schema.jooq.Tables.WORK_ORDER;
import static org.jooq.impl.DSL.avg;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.exists;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.round;
import static org.jooq.impl.DSL.selectOne;

/** The field's sections of the KPI report: repeat repairs, each technician's work, satisfaction. */
final class FieldFigures {

    private FieldFigures() {
    }

    /** Repairs of a product made in the period, and those within {@code repeatDays} after another repair of it. */
    static RepeatRepairs repeatRepairs(DSLContext db, OffsetDateTime from, OffsetDateTime to, int repeatDays) {
        ContactRecord repair = CONTACT_RECORD.as("repair");
        ContactRecord earlier = CONTACT_RECORD.as("earlier");
        Condition repeat = exists(selectOne().from(earlier).where(earlier.ASSET_ID.eq(repair.ASSET_ID)
                .and(earlier.TYPE.eq("repair")).and(earlier.STATUS.ne(RecordStatus.CANCELLED.dbName())).and(earlier.ID.ne(repair.ID))
                .and(earlier.CREATED_AT.lt(repair.CREATED_AT)).and(earlier.CREATED_AT.ge(repair.CREATED_AT.minus(days(repeatDays))))));
        return db.select(count(), count().filterWhere(repeat)).from(repair)
                .where(repair.TYPE.eq("repair").and(repair.ASSET_ID.isNotNull())
                        .and(repair.CREATED_AT.ge(from)).and(repair.CREATED_AT.lt(to)))
                .fetchSingle(r -> new RepeatRepairs(r.value1(), r.value2()));
    }

    /** Work orders dispatched in the period, by technician: on site, finished, on-site deadline met, minutes to site, repaired again. */
    static List<TechnicianFigures> technicians(DSLContext db, OffsetDateTime from, OffsetDateTime to, int repeatDays) {
        SlaClock onSite = SLA_CLOCK.as("on_site");
        ContactRecord job = CONTACT_RECORD.as("job");
        ContactRecord later = CONTACT_RECORD.as("later");
        Condition deadlineMet = exists(selectOne().from(onSite).where(onSite.RECORD_ID.eq(WORK_ORDER.RECORD_ID)
                .and(onSite.MILESTONE_CODE.eq("on-site")).and(onSite.STATE.eq(org.hotline.desk.sla.SlaClock.State.MET.dbName()))));
        Condition repairedAgain = WORK_ORDER.FINISHED_AT.isNotNull().and(exists(selectOne().from(job).join(later)
                .on(later.ASSET_ID.eq(job.ASSET_ID)).where(job.ID.eq(WORK_ORDER.RECORD_ID).and(later.TYPE.eq("repair"))
                        .and(later.STATUS.ne(RecordStatus.CANCELLED.dbName())).and(later.ID.ne(job.ID)).and(later.CREATED_AT.gt(WORK_ORDER.FINISHED_AT))
                        .and(later.CREATED_AT.le(WORK_ORDER.FINISHED_AT.plus(days(repeatDays)))))));
        Field<BigDecimal> minutesToSite = round(avg(epoch(WORK_ORDER.ARRIVED_AT).minus(epoch(WORK_ORDER.DISPATCHED_AT))
                .div(inline(BigDecimal.valueOf(60)))), 1);
        return db.select(WORK_ORDER.TECHNICIAN, count(), count(WORK_ORDER.ARRIVED_AT), count(WORK_ORDER.FINISHED_AT),
                        count().filterWhere(deadlineMet), minutesToSite, count().filterWhere(repairedAgain))
                .from(WORK_ORDER)
                .where(WORK_ORDER.TECHNICIAN.isNotNull().and(WORK_ORDER.DISPATCHED_AT.ge(from)).and(WORK_ORDER.DISPATCHED_AT.lt(to)))
                .groupBy(WORK_ORDER.TECHNICIAN).orderBy(WORK_ORDER.TECHNICIAN)
                .fetch(r -> new TechnicianFigures(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), number(r.value6()),
                        r.value7()));
    }

    /** Survey answers given in the period, by question: how many, the average score, each of the four levels. */
    static List<SatisfactionFigures> satisfaction(DSLContext db, OffsetDateTime from, OffsetDateTime to) {
        return db.select(SURVEY_QUESTION.CODE, count(), round(avg(SURVEY_ANSWER.SCORE), 2),
                        count().filterWhere(SURVEY_ANSWER.LEVEL.eq("excellent")), count().filterWhere(SURVEY_ANSWER.LEVEL.eq("good")),
                        count().filterWhere(SURVEY_ANSWER.LEVEL.eq("fair")), count().filterWhere(SURVEY_ANSWER.LEVEL.eq("poor")))
                .from(SURVEY_ANSWER).join(SURVEY_QUESTION).on(SURVEY_QUESTION.ID.eq(SURVEY_ANSWER.QUESTION_ID))
                .where(SURVEY_ANSWER.ANSWERED_AT.ge(from).and(SURVEY_ANSWER.ANSWERED_AT.lt(to)))
                .groupBy(SURVEY_QUESTION.CODE).orderBy(SURVEY_QUESTION.CODE)
                .fetch(r -> new SatisfactionFigures(r.value1(), r.value2(), number(r.value3()), r.value4(), r.value5(), r.value6(),
                        r.value7()));
    }

    private static DayToSecond days(int days) {
        return new DayToSecond(days);
    }
}
