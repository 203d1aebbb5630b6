package org.hotline.desk.reports;

import org.hotline.desk.records.RecordStatus;

import org.hotline.desk.reports.KpiReport.ComplaintCauses;
import org.hotline.desk.reports.KpiReport.ComplaintOutcomes;
import org.hotline.desk.reports.KpiReport.ComplaintsOfType;
import org.hotline.schema.jooq.tables.ComplaintRound;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;

import java.time.OffsetDateTime;
import java.util.List;

import static org.hotline.schema.jooq.Tables.COMPLAINT;
import static org.hotline.schema.jooq.Tables.COMPLAINT_ROUND;
import static org.hotline.schema.jooq.Tables.CONTACT_RECORD;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.selectCount;
import static org.jooq.impl.DSL.sum;

/**
 * The complaint sections of the KPI report, counted from what the complaint steps recorded (type,
 * handling department, validity, cause, concern, severity, responsibility) and from the
 * customer's reactions round by round. A complaint counts in the period it was made.
 */
final class ComplaintFigures {

    private ComplaintFigures() {
    }

    static List<ComplaintsOfType> byType(DSLContext db, OffsetDateTime from, OffsetDateTime to) {
        Field<String> department = coalesce(CONTACT_RECORD.HANDLER_DEPARTMENT, inline("(none)"));
        return db.select(COMPLAINT.COMPLAINT_TYPE, department, count(), count().filterWhere(COMPLAINT.VALIDITY.eq("upheld")),
                        count().filterWhere(COMPLAINT.VALIDITY.eq("not_upheld")), count().filterWhere(COMPLAINT.VALIDITY.eq("pending")),
                        count().filterWhere(COMPLAINT.SEVERITY.eq("serious")), count().filterWhere(CONTACT_RECORD.STATUS.eq(RecordStatus.CLOSED.dbName())))
                .from(COMPLAINT).join(CONTACT_RECORD).on(CONTACT_RECORD.ID.eq(COMPLAINT.RECORD_ID))
                .where(made(from, to))
                .groupBy(COMPLAINT.COMPLAINT_TYPE, department).orderBy(COMPLAINT.COMPLAINT_TYPE, department)
                .fetch(r -> new ComplaintsOfType(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(), r.value7(),
                        r.value8()));
    }

    static List<ComplaintOutcomes> byOutcome(DSLContext db, OffsetDateTime from, OffsetDateTime to) {
        ComplaintRound last = COMPLAINT_ROUND.as("last_round");
        Field<Boolean> lastSatisfied = select(last.SATISFIED).from(last).where(last.RECORD_ID.eq(COMPLAINT.RECORD_ID))
                .orderBy(last.ROUND.desc()).limit(1).asField("last_satisfied");
        Field<Integer> rounds = selectCount().from(COMPLAINT_ROUND).where(COMPLAINT_ROUND.RECORD_ID.eq(COMPLAINT.RECORD_ID))
                .asField("rounds");
        Table<?> each = select(COMPLAINT.VALIDITY, CONTACT_RECORD.STATUS, lastSatisfied, rounds)
                .from(COMPLAINT).join(CONTACT_RECORD).on(CONTACT_RECORD.ID.eq(COMPLAINT.RECORD_ID))
                .where(made(from, to)).asTable("each_complaint");
        Field<String> validity = each.field(COMPLAINT.VALIDITY);
        Field<Boolean> satisfied = field(name("each_complaint", "last_satisfied"), Boolean.class);
        Field<Integer> taken = field(name("each_complaint", "rounds"), Integer.class);
        Condition closed = each.field(CONTACT_RECORD.STATUS).eq(RecordStatus.CLOSED.dbName());
        return db.select(validity, count(), count().filterWhere(closed), count().filterWhere(taken.eq(0)),
                        count().filterWhere(satisfied.isTrue().and(taken.eq(1))), count().filterWhere(satisfied.isTrue().and(taken.gt(1))),
                        count().filterWhere(satisfied.isFalse()), coalesce(sum(taken), inline(java.math.BigDecimal.ZERO)))
                .from(each).groupBy(validity).orderBy(validity)
                .fetch(r -> new ComplaintOutcomes(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(), r.value7(),
                        r.value8().longValue()));
    }

    static List<ComplaintCauses> byCause(DSLContext db, OffsetDateTime from, OffsetDateTime to) {
        return db.select(COMPLAINT.CAUSE_CLASS, COMPLAINT.CONCERN, count(), count().filterWhere(COMPLAINT.SEVERITY.eq("serious")),
                        count().filterWhere(COMPLAINT.RESPONSIBILITY.isNotNull()))
                .from(COMPLAINT).join(CONTACT_RECORD).on(CONTACT_RECORD.ID.eq(COMPLAINT.RECORD_ID))
                .where(made(from, to))
                .groupBy(COMPLAINT.CAUSE_CLASS, COMPLAINT.CONCERN)
                .orderBy(COMPLAINT.CAUSE_CLASS.asc().nullsLast(), COMPLAINT.CONCERN.asc().nullsLast())
                .fetch(r -> new ComplaintCauses(r.value1(), r.value2(), r.value3(), r.value4(), r.value5()));
    }

    private static Condition made(OffsetDateTime from, OffsetDateTime to) {
        return CONTACT_RECORD.TYPE.eq("complaint").and(CONTACT_RECORD.CREATED_AT.ge(from)).and(CONTACT_RECORD.CREATED_AT.lt(to));
    }
}
