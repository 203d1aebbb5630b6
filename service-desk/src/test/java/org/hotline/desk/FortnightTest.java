package org.hotline.desk;

import org.hotline.desk.callbacks.CallOutcome;
import org.hotline.desk.complaints.ComplaintFindings;
import org.hotline.desk.reports.KpiPeriod;
import org.hotline.desk.reports.KpiQueries;
import org.hotline.desk.reports.KpiReport;
import org.hotline.desk.records.Actor;
import org.hotline.desk.records.NewRecord;
import org.hotline.desk.records.RecordEdit;
import org.hotline.desk.records.RecordStatus;
import org.hotline.desk.records.RecordType;
import org.hotline.desk.records.Workflow;
import org.hotline.desk.sla.Milestone;
import org.hotline.desk.sla.SlaPolicies;
import org.hotline.desk.testing.MutableClock;
import org.hotline.desk.testing.TestDatabase;
import org.hotline.desk.escalations.DueEscalations;
import org.hotline.desk.escalations.OverdueCallbacks;
import org.hotline.desk.timers.DueCallbacks;
import org.hotline.desk.timers.DueSlaClocks;
import org.hotline.desk.timers.TimerScheduler;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotline.schema.jooq.Tables.CALLBACK;
import static org.hotline.schema.jooq.Tables.CONTACT_RECORD;
import static org.hotline.schema.jooq.Tables.ESCALATION;
import static org.hotline.schema.jooq.Tables.SLA_CLOCK;

/**
 * A simulated fortnight on the shipped rules, with the real timers on the real embedded
 * PostgreSQL: records of every type arrive at any hour (nights, the weekend, the New Year
 * holidays), each walked along a random valid path of its workflow (or cancelled) with random
 * pauses between steps; complaints are judged and their customers react round by round; agents
 * reach some callers live and work the callbacks the timers offer; the timers run every five
 * simulated minutes. Then what must hold for every record, clock and callback is checked, and
 * the daily and monthly KPI figures against the same figures counted another way
 * ({@link FortnightFigures}). A failure names its seed: run it again with {@code -Dfortnight.seed=...};
 * a longer run: {@code -Dfortnight.records=10000}. The suite's run makes 1,000 records: its time is
 * mostly the 4,032 rounds of the timers (a fixed cost) and about 45 ms of round trips per record.
 */
class FortnightTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /** Monday 28 December 2026: the fortnight holds the New Year holidays and a make-up working Saturday. */
    private static final Instant START = LocalDateTime.parse("2026-12-28T00:00").atZone(SHANGHAI).toInstant();
    private static final Duration TICK = Duration.ofMinutes(5);
    private static final Duration GRACE = Duration.ofMinutes(30);
    private static final Actor AGENT = Actor.agent(1, "王芳");

    @Test
    void aFortnightOfRecordsLeavesNothingDueOnFinishedWorkAndNoBreachOfWhatWasMetInTime() {
        long seed = Long.getLong("fortnight.seed", System.nanoTime());
        int records = Integer.getInteger("fortnight.records", 1000);
        Random random = new Random(seed);
        try (TestDatabase database = TestDatabase.start(); var pool = database.pool("fortnight", 4)) {
            DSLContext db = database.dsl();
            MutableClock clock = new MutableClock(START);
            SlaPolicies policies = ShippedRules.slaPolicies(Optional.empty());
            ServiceDesk desk = new ServiceDesk(pool, policies, ShippedRules.deskSettings(Optional.empty()), clock);
            db.execute("INSERT INTO agent (id, username, display_name) VALUES (1, 'wangfang', '王芳')");
            // customers in the city's zones and at distances, so the on-site clocks run too
            List<Long> customers = db.fetch("INSERT INTO customer (name, zone, distance_km) VALUES ('李雷', NULL, NULL), "
                    + "('韩梅梅', 'inner_ring', 5), ('王芳', 'city', 20), ('赵六', 'county', 60), ('钱七', NULL, 250), "
                    + "('孙八', NULL, 800), ('周九', NULL, 1500) RETURNING id").getValues(0, Long.class);
            TimerScheduler timers = new TimerScheduler("sim", pool, List.of(new DueCallbacks("sim", Duration.ofMinutes(2)),
                    new DueSlaClocks(policies, desk.escalations()), new DueEscalations(desk.escalations()),
                    new OverdueCallbacks(desk.escalations(), GRACE)), clock, Duration.ofSeconds(1), 500);

            // when each record arrives (any minute of the fortnight), and when each of its next steps is taken
            List<Walk> walks = new ArrayList<>();
            for (int i = 0; i < records; i++) {
                walks.add(new Walk(START.plus(Duration.ofMinutes(random.nextInt(14 * 24 * 60))), RecordType.values()[
                        random.nextInt(RecordType.values().length)]));
            }
            int steps = 0;
            int reached = 0;
            int callbacksWorked = 0;
            int placed = 0;
            for (Instant now = START; now.isBefore(START.plus(Duration.ofDays(14))); now = now.plus(TICK)) {
                clock.set(now);
                for (Walk walk : walks) {
                    if (walk.id == 0 && !walk.arrives.isAfter(now)) {
                        long customer = customers.get(random.nextInt(customers.size()));
                        walk.created = now;
                        walk.phone = "+861380013" + String.format("%04d", random.nextInt(10_000));
                        walk.id = desk.createRecord(NewRecord.of(walk.type).withCustomer(customer, walk.phone), Actor.ivr()).id();
                        walk.next = now.plus(pause(random));
                        if (random.nextInt(4) == 0) { // answered live about the record the IVR made
                            desk.callerReached(walk.id, "answered call");
                            reached++;
                        } else if (random.nextInt(6) == 0) { // or calls again and is answered, the call naming no record
                            walk.callsAgain = now.plus(Duration.ofMinutes(5 + random.nextInt(180)));
                        }
                    } else if (walk.callsAgain != null && !walk.callsAgain.isAfter(now)) {
                        reached += desk.callerGotThrough(walk.phone).recordsReached().size();
                        walk.callsAgain = null;
                    } else if (walk.id != 0 && !walk.over && !walk.next.isAfter(now)) {
                        RecordStatus status = RecordStatus.fromDb(db.fetchValue(CONTACT_RECORD.STATUS, CONTACT_RECORD.ID.eq(walk.id)));
                        List<RecordStatus> options = new ArrayList<>(Workflow.of(walk.type).nextOf(status));
                        if (options.isEmpty()) {
                            walk.over = true;
                            continue;
                        }
                        // cancelling is one way out among the others, not as likely as the work itself
                        if (options.size() > 1 && random.nextInt(10) != 0) {
                            options.remove(RecordStatus.CANCELLED);
                        }
                        if (random.nextInt(6) == 0) { // the agent learns where the work is, after the record was made
                            List<String> zones = List.copyOf(policies.zones());
                            desk.editRecord(walk.id, new RecordEdit(Optional.empty(), Optional.empty(), Optional.empty(),
                                    random.nextBoolean() ? Optional.of(zones.get(random.nextInt(zones.size()))) : Optional.empty(),
                                    Optional.of(random.nextInt(1500)), Optional.empty()), AGENT);
                            placed++;
                        }
                        RecordStatus to = options.get(random.nextInt(options.size()));
                        desk.transition(walk.id, to, AGENT, null);
                        walk.status = to;
                        steps++;
                        if (to == RecordStatus.VALIDITY_JUDGED) { // what the complaint's step found, as the agent enters it
                            walk.judge(random);
                            desk.complaintFindings(walk.id, walk.findings(), AGENT);
                        } else if (to == RecordStatus.CUSTOMER_NOTIFIED) { // and what the customer says, round by round
                            for (int round = 0, rounds = random.nextInt(4); round < rounds; round++) {
                                boolean satisfied = random.nextInt(3) == 0;
                                desk.customerReaction(walk.id, satisfied, AGENT, null);
                                walk.reactions.add(satisfied);
                            }
                        }
                        walk.next = now.plus(pause(random));
                    }
                }
                timers.fireAllDue();
                // agents work the callbacks offered to them: most connect, some ring out
                for (long offered : db.select(CALLBACK.ID).from(CALLBACK).where(CALLBACK.STATUS.eq("offered")).fetch(CALLBACK.ID)) {
                    desk.callbackTried(offered, random.nextInt(5) == 0 ? CallOutcome.NO_ANSWER : CallOutcome.ANSWERED, Optional.of(1L),
                            Optional.empty());
                    callbacksWorked++;
                }
            }
            String run = "seed " + seed + " (-Dfortnight.seed=" + seed + ")";

            // no clock runs or waits on a closed or cancelled record; nothing is left to fire on one
            assertThat(db.fetchCount(SLA_CLOCK.join(CONTACT_RECORD).on(CONTACT_RECORD.ID.eq(SLA_CLOCK.RECORD_ID)),
                    CONTACT_RECORD.STATUS.in("closed", "cancelled").and(SLA_CLOCK.STATE.in("running", "paused")
                            .or(SLA_CLOCK.NEXT_FIRE_AT.isNotNull())))).as(run).isZero();
            // a clock met in time was never breached, and nothing was escalated for it
            assertThat(db.fetchCount(SLA_CLOCK, SLA_CLOCK.STATE.eq("met").and(SLA_CLOCK.BREACHED_AT.isNotNull()))).as(run).isZero();
            assertThat(db.fetchCount(ESCALATION.join(SLA_CLOCK).on(SLA_CLOCK.RECORD_ID.eq(ESCALATION.RECORD_ID)
                            .and(ESCALATION.REASON.eq(SLA_CLOCK.MILESTONE_CODE.concat(" deadline missed")))),
                    ESCALATION.TRIGGER.eq("deadline_breached").and(SLA_CLOCK.STATE.eq("met")))).as(run).isZero();
            // every breach whose milestone says so was escalated exactly once, and no other breach
            for (var clockRow : db.selectFrom(SLA_CLOCK).where(SLA_CLOCK.BREACHED_AT.isNotNull()).fetch()) {
                boolean escalates = policies.milestone(clockRow.getPolicyCode(), clockRow.getMilestoneCode())
                        .flatMap(Milestone::escalateOnBreach).isPresent();
                assertThat(db.fetchCount(ESCALATION, ESCALATION.RECORD_ID.eq(clockRow.getRecordId()).and(ESCALATION.TRIGGER.eq("deadline_breached"))
                        .and(ESCALATION.REASON.eq(clockRow.getMilestoneCode() + " deadline missed"))))
                        .as("%s: %s of record %d", run, clockRow.getMilestoneCode(), clockRow.getRecordId()).isEqualTo(escalates ? 1 : 0);
            }
            // nobody acknowledged them: every escalation below leadership climbed on time, and each climb names where it came from
            assertThat(db.fetchCount(ESCALATION, ESCALATION.RESOLVED_AT.isNull().and(ESCALATION.ACKNOWLEDGED_AT.isNull())
                    .and(ESCALATION.CLIMB_AT.lt(clock.instant().minus(TICK).atOffset(java.time.ZoneOffset.UTC))))).as(run).isZero();
            assertThat(db.fetchCount(ESCALATION, ESCALATION.TRIGGER.eq("not_acknowledged").and(ESCALATION.CLIMBED_FROM_ID.isNull())))
                    .as(run).isZero();
            // a record's callback left undone past the grace escalated the record, once
            assertThat(db.fetchCount(CALLBACK, CALLBACK.STATUS.in("pending", "offered").and(CALLBACK.RECORD_ID.isNotNull())
                    .and(CALLBACK.OVERDUE_ESCALATED_AT.isNull())
                    .and(CALLBACK.DUE_AT.lt(clock.instant().minus(GRACE).minus(TICK).atOffset(java.time.ZoneOffset.UTC))))).as(run).isZero();
            assertThat(db.fetch("SELECT reason FROM escalation WHERE trigger = 'callback_overdue' GROUP BY 1 HAVING count(*) > 1"))
                    .as(run).isEmpty();
            // no callback waits for a closed or cancelled record, but an installation's follow-ups and surveys (the product's)
            assertThat(db.fetchCount(CALLBACK.join(CONTACT_RECORD).on(CONTACT_RECORD.ID.eq(CALLBACK.RECORD_ID)),
                    CONTACT_RECORD.STATUS.in("closed", "cancelled").and(CALLBACK.STATUS.in("pending", "offered"))
                            .and(CALLBACK.PURPOSE.notIn("periodic_follow_up", "survey")))).as(run).isZero();
            assertThat(db.fetchCount(CALLBACK.join(CONTACT_RECORD).on(CONTACT_RECORD.ID.eq(CALLBACK.RECORD_ID)),
                    CALLBACK.PURPOSE.in("periodic_follow_up", "survey").and(CONTACT_RECORD.TYPE.ne("installation")))).as(run).isZero();
            // a caller reached (live, by a callback, by the technician) is not called back for their first contact
            assertThat(db.fetchCount(CALLBACK.join(SLA_CLOCK).on(SLA_CLOCK.RECORD_ID.eq(CALLBACK.RECORD_ID)
                            .and(SLA_CLOCK.MILESTONE_CODE.eq("first-contact"))),
                    CALLBACK.REASON.eq("first_contact").and(CALLBACK.STATUS.in("pending", "offered"))
                            .and(SLA_CLOCK.STATE.in("met", "missed")))).as(run).isZero();
            // every installed product has its next follow-up and its next survey waiting, whatever became of its record
            assertThat(db.fetch("SELECT r.id FROM contact_record r WHERE r.type = 'installation' AND r.completed_at IS NOT NULL "
                    + "AND 2 <> (SELECT count(*) FROM callback c WHERE c.record_id = r.id AND c.purpose IN ('periodic_follow_up', 'survey') "
                    + "AND c.status IN ('pending', 'offered', 'dialing'))")).as(run).isEmpty();
            // never two open callbacks with one purpose
            assertThat(db.fetch("SELECT record_id, purpose FROM callback WHERE record_id IS NOT NULL "
                    + "AND status IN ('pending', 'offered', 'dialing') GROUP BY 1, 2 HAVING count(*) > 1")).as(run).isEmpty();

            // the daily and monthly KPI figures are what the fortnight did, counted another way
            KpiQueries kpis = new KpiQueries(20, Duration.ofMinutes(15));
            List<KpiPeriod> periods = new ArrayList<>(List.of(KpiPeriod.month(YearMonth.of(2026, 12), SHANGHAI),
                    KpiPeriod.month(YearMonth.of(2027, 1), SHANGHAI)));
            for (int day = 0; day < 15; day++) {
                periods.add(KpiPeriod.day(LocalDate.of(2026, 12, 28).plusDays(day), SHANGHAI));
            }
            for (KpiPeriod period : periods) {
                KpiReport report = kpis.report(db, period, 30);
                FortnightFigures expected = FortnightFigures.of(db, walks, period, Duration.ofMinutes(15));
                assertThat(report.recordsByType()).as("%s: %s records by type", run, period.name()).containsExactlyInAnyOrderElementsOf(expected.recordsByType());
                assertThat(report.slaMilestones()).as("%s: %s milestones", run, period.name()).containsExactlyInAnyOrderElementsOf(expected.milestones());
                assertThat(report.callbacks()).as("%s: %s callbacks", run, period.name()).isEqualTo(expected.callbacks());
                assertThat(report.complaintsByType()).as("%s: %s complaints by type", run, period.name())
                        .containsExactlyInAnyOrderElementsOf(expected.complaintsByType());
                assertThat(report.complaintsByOutcome()).as("%s: %s complaints by outcome", run, period.name())
                        .containsExactlyInAnyOrderElementsOf(expected.complaintsByOutcome());
            }

            long judged = walks.stream().filter(w -> !w.validity.equals("pending")).count();
            long reactions = walks.stream().mapToLong(w -> w.reactions.size()).sum();
            assertThat(judged).as("complaints were judged, so their sections count something").isPositive();

            int clocks = db.fetchCount(SLA_CLOCK);
            assertThat(steps).as("the walks took steps").isGreaterThan(records);
            System.out.printf("fortnight %s: %d records, %d steps, %d clocks (%s), %d callbacks worked, %d callers reached live, %d breaches, "
                            + "%d escalations, %d complaints judged, %d reactions, %d places entered later, KPI of %d periods checked%n",
                    run, records, steps, clocks,
                    db.fetch("SELECT state, count(*) FROM sla_clock GROUP BY 1 ORDER BY 1").formatCSV(false).replace('\n', ' ').trim(),
                    callbacksWorked, reached, db.fetchCount(SLA_CLOCK, SLA_CLOCK.BREACHED_AT.isNotNull()), db.fetchCount(ESCALATION), judged, reactions,
                    placed, periods.size());
        }
    }

    /** From 5 minutes to a day and a half: a step may be quick, or wait for the customer, a part, the weekend. */
    private static Duration pause(Random random) {
        return random.nextInt(3) == 0 ? Duration.ofMinutes(5 + random.nextInt(55)) : Duration.ofMinutes(60 + random.nextInt(36 * 60));
    }

    /** One record's way through the fortnight, and what was done with it. */
    static final class Walk {
        final Instant arrives;
        final RecordType type;
        long id;
        String phone;
        Instant callsAgain;
        Instant created;
        Instant next;
        boolean over;
        RecordStatus status;
        /** A complaint: what its validity step found (pending and "other" until then), the customer's reactions. */
        String validity = "pending";
        String complaintType = "other";
        String severity = "minor";
        final List<Boolean> reactions = new ArrayList<>();

        void judge(Random random) {
            validity = random.nextBoolean() ? "upheld" : "not_upheld";
            List<String> types = List.copyOf(new java.util.TreeSet<>(ComplaintFindings.COMPLAINT_TYPE));
            complaintType = types.get(random.nextInt(types.size()));
            severity = random.nextInt(4) == 0 ? "serious" : "minor";
        }

        ComplaintFindings findings() {
            return new ComplaintFindings(Optional.of(validity), Optional.of(complaintType), Optional.empty(), Optional.empty(),
                    Optional.of(severity), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty());
        }

        Walk(Instant arrives, RecordType type) {
            this.arrives = arrives;
            this.type = type;
            this.status = Workflow.of(type).initial();
        }
    }
}
