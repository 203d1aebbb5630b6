package org.hotline.desk.escalations;

import org.hotline.desk.ServiceDesk;
import org.hotline.desk.ShippedRules;
import org.hotline.desk.records.Actor;
import org.hotline.desk.records.NewRecord;
import org.hotline.desk.records.RecordType;
import org.hotline.desk.testing.MutableClock;
import org.hotline.desk.testing.TestDatabase;
import org.hotline.desk.timers.DueSlaClocks;
import org.hotline.desk.timers.TimerScheduler;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hotline.schema.jooq.Tables.RECORD_EVENT;

/**
 * Escalations reach people: found over a simulated fortnight, escalations were raised and nobody
 * saw, took or closed them. Now one nobody acknowledges climbs (supervisor after 30 min, manager
 * after 2 h: the shipped escalation.climb-after), one taken stops climbing, and every step is in
 * the record's trail.
 */
class EscalationsTest {

    private static final Instant MONDAY_10 = LocalDateTime.parse("2026-11-23T10:00").atZone(ZoneId.of("Asia/Shanghai")).toInstant();

    @Test
    void aBreachNobodyTakesClimbsToTheManagerThenToLeadershipAndATakenOneStops() {
        try (TestDatabase database = TestDatabase.start(); var pool = database.pool("escalations", 2)) {
            DSLContext db = database.dsl();
            MutableClock clock = new MutableClock(MONDAY_10);
            var policies = ShippedRules.slaPolicies(Optional.empty());
            ServiceDesk desk = new ServiceDesk(pool, policies, ShippedRules.deskSettings(Optional.empty()), clock);
            db.execute("INSERT INTO agent (id, username, display_name, role) VALUES (7, 'wang.fang', '王芳', 'supervisor')");
            long customer = db.fetchOne("INSERT INTO customer (name) VALUES ('李雷') RETURNING id").get(0, Long.class);
            TimerScheduler timers = new TimerScheduler("t", pool, List.of(new DueSlaClocks(policies, desk.escalations()),
                    new DueEscalations(desk.escalations())), clock, Duration.ofSeconds(1), 100);
            long repair = desk.createRecord(NewRecord.of(RecordType.REPAIR).withCustomer(customer, "+8613800138000"), Actor.ivr()).id();

            clock.set(MONDAY_10.plus(Duration.ofMinutes(21))); // the repair's first contact (20 working minutes) is missed
            timers.fireAllDue();
            Escalation supervisor = only(desk.escalations(new Escalations.Filter(true, Optional.empty(), Optional.empty(), 10)));
            assertThat(supervisor.level()).isEqualTo(EscalationLevel.SUPERVISOR);
            assertThat(supervisor.trigger()).isEqualTo(EscalationTrigger.DEADLINE_BREACHED);
            assertThat(supervisor.climbAt()).contains(clock.instant().plus(Duration.ofMinutes(30)));

            clock.advance(Duration.ofMinutes(31));
            timers.fireAllDue();
            Escalation manager = only(desk.escalations(new Escalations.Filter(true, Optional.empty(), Optional.empty(), 10)));
            assertThat(manager.level()).as("nobody took it: it climbed").isEqualTo(EscalationLevel.MANAGER);
            assertThat(manager.trigger()).isEqualTo(EscalationTrigger.NOT_ACKNOWLEDGED);
            assertThat(manager.climbedFrom()).contains(supervisor.id());
            assertThat(desk.escalation(supervisor.id()).orElseThrow().resolution()).contains("climbed to manager");

            clock.advance(Duration.ofHours(2).plusMinutes(1));
            timers.fireAllDue();
            Escalation leadership = only(desk.escalations(new Escalations.Filter(true, Optional.empty(), Optional.empty(), 10)));
            assertThat(leadership.level()).isEqualTo(EscalationLevel.LEADERSHIP);
            assertThat(leadership.climbAt()).as("leadership is the top").isEmpty();

            // another breach: taken by the supervisor, it does not climb; resolved with what was done
            long second = desk.createRecord(NewRecord.of(RecordType.REPAIR).withCustomer(customer, "+8613800138001"), Actor.ivr()).id();
            clock.advance(Duration.ofHours(2)); // made at 12:53, in the lunch break: its first contact is due at 13:50
            timers.fireAllDue();
            Escalation taken = desk.escalations(new Escalations.Filter(true, Optional.empty(), Optional.of(EscalationLevel.SUPERVISOR), 10))
                    .getFirst();
            desk.acknowledgeEscalation(taken.id(), Actor.agent(7, "王芳"));
            clock.advance(Duration.ofHours(1));
            timers.fireAllDue();
            assertThat(desk.escalations(new Escalations.Filter(true, Optional.of(7L), Optional.empty(), 10)))
                    .singleElement().satisfies(e -> assertThat(e.level()).isEqualTo(EscalationLevel.SUPERVISOR));
            Escalation resolved = desk.resolveEscalation(taken.id(), Actor.agent(7, "王芳"), "technician called the customer at 11:30");
            assertThat(resolved.resolvedBy()).contains(7L);
            assertThatThrownBy(() -> desk.resolveEscalation(taken.id(), Actor.agent(7, "王芳"), "again"))
                    .isInstanceOf(Escalations.AlreadyResolved.class);

            assertThat(db.select(RECORD_EVENT.EVENT_TYPE).from(RECORD_EVENT).where(RECORD_EVENT.RECORD_ID.eq(repair))
                    .and(RECORD_EVENT.EVENT_TYPE.startsWith("escalat")).orderBy(RECORD_EVENT.ID).fetch(RECORD_EVENT.EVENT_TYPE))
                    .as("each escalation and each climb in the trail").containsExactly("escalated", "escalated", "escalated");
            assertThat(db.select(RECORD_EVENT.EVENT_TYPE).from(RECORD_EVENT).where(RECORD_EVENT.RECORD_ID.eq(second))
                    .and(RECORD_EVENT.EVENT_TYPE.startsWith("escalat")).orderBy(RECORD_EVENT.ID).fetch(RECORD_EVENT.EVENT_TYPE))
                    .containsExactly("escalated", "escalation_acknowledged", "escalation_resolved");
        }
    }

    /** Found over a simulated fortnight: callbacks long overdue escalated nobody. After the grace, the record goes to the supervisor, once. */
    @Test
    void aCallbackStillNotMadeAfterTheGraceEscalatesItsRecordOnce() {
        try (TestDatabase database = TestDatabase.start(); var pool = database.pool("overdue", 2)) {
            DSLContext db = database.dsl();
            MutableClock clock = new MutableClock(MONDAY_10);
            var settings = ShippedRules.deskSettings(Optional.empty());
            ServiceDesk desk = new ServiceDesk(pool, ShippedRules.slaPolicies(Optional.empty()), settings, clock);
            long customer = db.fetchOne("INSERT INTO customer (name) VALUES ('李雷') RETURNING id").get(0, Long.class);
            long record = desk.createRecord(NewRecord.of(RecordType.CONSULTATION).withCustomer(customer, "+8613800138000"), Actor.ivr()).id();
            Duration grace = settings.callbacks().escalateOverdueAfter().orElseThrow();
            TimerScheduler timers = new TimerScheduler("t", pool, List.of(new OverdueCallbacks(desk.escalations(), grace)), clock,
                    Duration.ofSeconds(1), 100);
            Instant due = db.fetchOne("SELECT due_at FROM callback WHERE record_id = " + record).get(0, java.time.OffsetDateTime.class)
                    .toInstant();

            clock.set(due.plus(grace).minusSeconds(1));
            timers.fireAllDue();
            assertThat(desk.escalations(new Escalations.Filter(true, Optional.empty(), Optional.empty(), 10))).as("within the grace").isEmpty();
            clock.set(due.plus(grace).plusSeconds(1));
            timers.fireAllDue();
            clock.advance(Duration.ofMinutes(10));
            timers.fireAllDue();
            Escalation overdue = only(desk.escalations(new Escalations.Filter(true, Optional.empty(), Optional.empty(), 10)));
            assertThat(overdue.trigger()).isEqualTo(EscalationTrigger.CALLBACK_OVERDUE);
            assertThat(overdue.recordId()).isEqualTo(record);
            assertThat(overdue.level()).isEqualTo(EscalationLevel.SUPERVISOR);
        }
    }

    private static Escalation only(List<Escalation> open) {
        assertThat(open).hasSize(1);
        return open.getFirst();
    }
}
