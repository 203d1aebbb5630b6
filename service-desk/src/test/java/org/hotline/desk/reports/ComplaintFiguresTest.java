package org.hotline.desk.reports;

import org.hotline.desk.ServiceDesk;
import org.hotline.desk.ShippedRules;
import org.hotline.desk.complaints.ComplaintFindings;
import org.hotline.desk.records.Actor;
import org.hotline.desk.records.NewRecord;
import org.hotline.desk.records.RecordStatus;
import org.hotline.desk.records.RecordType;
import org.hotline.desk.reports.KpiReport.ComplaintCauses;
import org.hotline.desk.reports.KpiReport.ComplaintOutcomes;
import org.hotline.desk.reports.KpiReport.ComplaintsOfType;
import org.hotline.desk.testing.MutableClock;
import org.hotline.desk.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Complaints taken as the IVR and the API take them (no details but the type of record), judged
 * and handled through the service desk: each has its complaint row from the start, a new type
 * sends it to that type's department, and the KPI complaint sections count what the steps found
 * and what the customer said round by round.
 */
class ComplaintFiguresTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final LocalDate DAY = LocalDate.of(2026, 11, 24);
    private static final Actor AGENT = Actor.agent(1, "王芳");

    @Test
    void theComplaintSectionsCountWhatTheStepsFoundAndWhatTheCustomerSaid() {
        try (TestDatabase database = TestDatabase.start(); var pool = database.pool("complaints", 2)) {
            MutableClock clock = new MutableClock(DAY.atTime(10, 0).atZone(SHANGHAI).toInstant());
            ServiceDesk desk = new ServiceDesk(pool, ShippedRules.slaPolicies(Optional.empty()), ShippedRules.deskSettings(Optional.empty()),
                    clock);
            database.dsl().execute("INSERT INTO agent (id, username, display_name) VALUES (1, 'wangfang', '王芳')");
            long customer = database.dsl().resultQuery("INSERT INTO customer (name) VALUES ('李雷') RETURNING id").fetchOne(0, Long.class);

            long damaged = complaint(desk, customer);
            long rude = complaint(desk, customer);
            long unjudged = complaint(desk, customer);
            assertThat(desk.complaint(unjudged)).as("a complaint has its complaint from the start").isPresent();
            assertThat(desk.complaint(unjudged).orElseThrow().handlerDepartment()).contains("service_management");

            desk.complaintFindings(damaged, findings("upheld", "transport_damage", "non_quality", "packaging", "serious", "carrier"), AGENT);
            assertThat(desk.complaint(damaged).orElseThrow().handlerDepartment()).as("judged transport damage: logistics handles it")
                    .contains("logistics");
            assertThat(desk.record(damaged).handlerDepartment()).contains("logistics");
            desk.customerReaction(damaged, false, AGENT, "the fridge is still dented");
            desk.customerReaction(damaged, true, AGENT, "replaced");
            for (RecordStatus step : new RecordStatus[] {RecordStatus.VALIDITY_JUDGED, RecordStatus.ASSIGNED, RecordStatus.INVESTIGATING,
                    RecordStatus.SOLUTION_PROPOSED, RecordStatus.CUSTOMER_NOTIFIED, RecordStatus.RESPONSIBILITY_ASSIGNED,
                    RecordStatus.IMPROVEMENT, RecordStatus.CLOSED}) {
                desk.transition(damaged, step, AGENT, null);
            }
            desk.complaintFindings(rude, findings("not_upheld", "staff_attitude", "other", "service", "minor", null), AGENT);
            desk.customerReaction(rude, false, AGENT, null);
            clock.advance(Duration.ofMinutes(5));

            KpiReport day = new KpiQueries(20, Duration.ofMinutes(15)).report(database.dsl(), KpiPeriod.day(DAY, SHANGHAI), 30);

            assertThat(day.complaintsByType()).containsExactly(
                    new ComplaintsOfType("other", "service_management", 1, 0, 0, 1, 0, 0),
                    new ComplaintsOfType("staff_attitude", "service_management", 1, 0, 1, 0, 0, 0),
                    new ComplaintsOfType("transport_damage", "logistics", 1, 1, 0, 0, 1, 1));
            assertThat(day.complaintsByOutcome()).containsExactly(
                    new ComplaintOutcomes("not_upheld", 1, 0, 0, 0, 0, 1, 1),
                    new ComplaintOutcomes("pending", 1, 0, 1, 0, 0, 0, 0),
                    new ComplaintOutcomes("upheld", 1, 1, 0, 0, 1, 0, 2));
            assertThat(day.complaintsByCause()).containsExactly(
                    new ComplaintCauses("non_quality", "packaging", 1, 1, 1),
                    new ComplaintCauses("other", "service", 1, 0, 0),
                    new ComplaintCauses(null, null, 1, 0, 0));
            assertThat(new KpiQueries(20, Duration.ofMinutes(15)).report(database.dsl(), KpiPeriod.day(DAY.plusDays(1), SHANGHAI), 30)
                    .complaintsByType()).as("counted on the day they were made").isEmpty();
        }
    }

    private static long complaint(ServiceDesk desk, long customer) {
        return desk.createRecord(NewRecord.of(RecordType.COMPLAINT).withCustomer(customer, "+8613800138000"), Actor.ivr()).id();
    }

    private static ComplaintFindings findings(String validity, String type, String cause, String concern, String severity,
                                              String responsibility) {
        return new ComplaintFindings(Optional.of(validity), Optional.of(type), Optional.of(cause), Optional.of(concern),
                Optional.of(severity), Optional.empty(), Optional.empty(), Optional.ofNullable(responsibility), Optional.empty(),
                Optional.empty(), Optional.empty());
    }
}
