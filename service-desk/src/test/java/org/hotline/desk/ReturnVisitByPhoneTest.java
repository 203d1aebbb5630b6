package org.hotline.desk;

import org.hotline.desk.records.Actor;
import org.hotline.desk.records.IllegalTransitionException;
import org.hotline.desk.records.NewRecord;
import org.hotline.desk.records.RecordStatus;
import org.hotline.desk.records.RecordType;
import org.hotline.desk.reports.KpiPeriod;
import org.hotline.desk.reports.KpiQueries;
import org.hotline.desk.reports.KpiReport;
import org.hotline.desk.surveys.ReturnVisitAnswer;
import org.hotline.desk.testing.MutableClock;
import org.hotline.desk.testing.TestDatabase;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hotline.schema.jooq.Tables.CALLBACK;
import static org.hotline.schema.jooq.Tables.SLA_CLOCK;

/** A return visit made by phone: the record's return visit done, and the customer's answers counted like the IVR survey's. */
class ReturnVisitByPhoneTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Actor AGENT = Actor.agent(1, "王芳");

    @Test
    void theAnswersOfAReturnVisitByPhoneEndItAndCountInTheReport() {
        try (TestDatabase database = TestDatabase.start(); var pool = database.pool("visits", 2)) {
            DSLContext db = database.dsl();
            MutableClock clock = new MutableClock(LocalDateTime.parse("2026-11-23T10:00").atZone(SHANGHAI).toInstant());
            ServiceDesk desk = new ServiceDesk(pool, ShippedRules.slaPolicies(Optional.empty()), ShippedRules.deskSettings(Optional.empty()),
                    clock);
            db.execute("INSERT INTO agent (id, username, display_name) VALUES (1, 'wangfang', '王芳')");
            long customer = db.resultQuery("INSERT INTO customer (name) VALUES ('赵六') RETURNING id").fetchOne(0, Long.class);
            long id = desk.createRecord(NewRecord.of(RecordType.REPAIR).withCustomer(customer, "+8613800138000"), Actor.ivr()).id();
            List<ReturnVisitAnswer> answers = List.of(
                    new ReturnVisitAnswer("satisfaction", Optional.of(4), Optional.empty(), Optional.empty()),
                    new ReturnVisitAnswer("attitude", Optional.empty(), Optional.of("excellent"), Optional.empty()),
                    new ReturnVisitAnswer("suggestion", Optional.empty(), Optional.empty(), Optional.of("call before coming")));
            assertThatThrownBy(() -> desk.returnVisit(id, answers, AGENT)).as("the job is not done yet")
                    .isInstanceOf(IllegalTransitionException.class);

            for (RecordStatus step : new RecordStatus[] {RecordStatus.WARRANTY_CHECKED, RecordStatus.DISPATCHED,
                    RecordStatus.TECHNICIAN_CONTACTED, RecordStatus.ON_SITE, RecordStatus.DONE}) {
                desk.transition(id, step, AGENT, null);
            }
            clock.advance(Duration.ofDays(1));
            desk.returnVisit(id, answers, AGENT);

            assertThat(desk.record(id).status()).isEqualTo(RecordStatus.RETURN_VISIT);
            assertThat(db.fetchValue(SLA_CLOCK.STATE, SLA_CLOCK.RECORD_ID.eq(id).and(SLA_CLOCK.MILESTONE_CODE.eq("satisfaction-callback"))))
                    .isEqualTo("met");
            assertThat(db.fetchCount(CALLBACK, CALLBACK.RECORD_ID.eq(id).and(CALLBACK.PURPOSE.eq("return_visit"))
                    .and(CALLBACK.STATUS.in("pending", "offered")))).as("nobody calls them again for it").isZero();
            KpiReport day = new KpiQueries(20, Duration.ofMinutes(15)).report(db, KpiPeriod.day(LocalDate.of(2026, 11, 24), SHANGHAI), 30);
            assertThat(day.satisfaction()).contains(new KpiReport.SatisfactionFigures("satisfaction", 1, 4.0, 0, 0, 0, 0),
                    new KpiReport.SatisfactionFigures("attitude", 1, null, 1, 0, 0, 0));
            assertThatThrownBy(() -> new ReturnVisitAnswer("attitude", Optional.of(3), Optional.empty(), Optional.empty()))
                    .hasMessageContaining("excellent, good, fair or poor");
        }
    }
}
