package org.hotline.desk;

import org.hotline.desk.records.Actor;
import org.hotline.desk.callbacks.CallOutcome;
import org.hotline.desk.records.NewRecord;
import org.hotline.desk.records.RecordStatus;
import org.hotline.desk.records.RecordType;
import org.hotline.desk.testing.MutableClock;
import org.hotline.desk.testing.TestDatabase;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hotline.schema.jooq.Tables.ASSET;
import static org.hotline.schema.jooq.Tables.CONTACT_RECORD;
import static org.hotline.schema.jooq.Tables.CALLBACK;
import static org.hotline.schema.jooq.Tables.CUSTOMER;
import static org.hotline.schema.jooq.Tables.SLA_CLOCK;

/**
 * Every deadline of DOMAIN.md's table as the service desk sets it: each record made and walked
 * through its workflow by the desk on the shipped rules (not by feeding clock events by hand),
 * then its clock's deadline read back from the database.
 */
class DeadlinesThroughTheDeskTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Instant MONDAY_10 = at("2026-11-23T10:00");
    private static final Actor AGENT = Actor.agent(1, "王芳");

    private static TestDatabase database;
    private static DSLContext db;
    private static MutableClock clock;
    private static ServiceDesk desk;

    @BeforeAll
    static void start() {
        database = TestDatabase.start();
        db = database.dsl();
        clock = new MutableClock(MONDAY_10);
        desk = new ServiceDesk(database.pool("deadlines", 2), ShippedRules.slaPolicies(Optional.empty()),
                ShippedRules.deskSettings(Optional.empty()), clock);
        db.execute("INSERT INTO agent (id, username, display_name) VALUES (1, 'wangfang', '王芳')");
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    @Test
    void firstContactBackToTheCaller() {
        assertThat(deadline(made(RecordType.REPAIR, MONDAY_10), "first-contact")).isEqualTo(MONDAY_10.plus(Duration.ofMinutes(20)));
        assertThat(deadline(made(RecordType.INSTALLATION, MONDAY_10), "first-contact")).isEqualTo(MONDAY_10.plus(Duration.ofHours(2)));
        assertThat(deadline(made(RecordType.CONSULTATION, MONDAY_10), "first-contact")).isEqualTo(MONDAY_10.plus(Duration.ofMinutes(30)));
    }

    @Test
    void forwardInFourWorkingHoursThenTheTeamContactsInFour() {
        long id = made(RecordType.REPAIR, at("2026-11-27T16:00")); // Friday: two hours left that day
        assertThat(deadline(id, "forward")).isEqualTo(at("2026-11-30T11:00"));
        walk(id, at("2026-11-30T10:30"), RecordStatus.WARRANTY_CHECKED, RecordStatus.DISPATCHED); // forwarded to the team
        assertThat(state(id, "forward")).isEqualTo("met");
        assertThat(deadline(id, "team-contact")).isEqualTo(at("2026-11-30T16:00"));
    }

    @Test
    void answerAConsultationAndDecideASolutionInEightWorkingHours() {
        // Monday 10:00-12:00 and 13:30-18:00 are 6.5 hours; the last 1.5 hours are Tuesday morning
        assertThat(deadline(made(RecordType.CONSULTATION, MONDAY_10), "answer")).isEqualTo(at("2026-11-24T10:30"));
        assertThat(deadline(made(RecordType.COMPLAINT, MONDAY_10), "decide-solution")).isEqualTo(at("2026-11-24T10:30"));
        assertThat(deadline(made(RecordType.REPAIR, MONDAY_10), "decide-solution")).isEqualTo(at("2026-11-24T10:30"));
    }

    @Test
    void replyToAnyRequestIn24Hours() {
        assertThat(deadline(made(RecordType.SUGGESTION, at("2026-11-27T17:00")), "reply")).isEqualTo(at("2026-11-28T17:00"));
    }

    @Test
    void dispatchIn30MinutesFromTheRecordOrFromTheConsentOutOfWarranty() {
        assertThat(deadline(made(RecordType.REPAIR, MONDAY_10), "dispatch")).isEqualTo(at("2026-11-23T10:30"));

        long paid = made(RecordType.REPAIR, MONDAY_10, customer(null, null), LocalDate.parse("2020-01-01"));
        walk(paid, at("2026-11-23T11:00"), RecordStatus.WARRANTY_CHECKED, RecordStatus.AWAITING_FEE_CONSENT);
        assertThat(state(paid, "dispatch")).as("not before the consent").isNull();
        walk(paid, at("2026-11-23T15:00"), RecordStatus.FEE_CONSENTED);
        assertThat(deadline(paid, "dispatch")).isEqualTo(at("2026-11-23T15:30"));
    }

    @Test
    void onSiteByZoneCountsFromTheCustomersNotification() {
        for (var zone : List.of(List.of("inner_ring", "2026-11-23T21:00"), List.of("second_ring", "2026-11-23T22:00"),
                List.of("city", "2026-11-23T23:00"), List.of("county", "2026-11-24T01:00"))) {
            long id = made(RecordType.REPAIR, MONDAY_10, customer(zone.get(0), null), LocalDate.parse("2026-06-01"));
            walk(id, at("2026-11-23T19:00"), RecordStatus.WARRANTY_CHECKED, RecordStatus.DISPATCHED, RecordStatus.TECHNICIAN_CONTACTED);
            assertThat(deadline(id, "on-site")).as(zone.get(0)).isEqualTo(at(zone.get(1)));
        }
    }

    /**
     * The IVR made the record for a customer whose place nobody knew; the agent enters it later:
     * the on-site clock runs as if it had been known from the start.
     */
    @Test
    void thePlaceOfTheWorkEnteredLaterStartsTheOnSiteClockFromWhereItWouldHave() {
        long far = made(RecordType.REPAIR, MONDAY_10, customer(null, null), LocalDate.parse("2026-06-01"));
        assertThat(state(far, "on-site")).as("no place, no on-site clock").isNull();
        clock.set(MONDAY_10.plus(Duration.ofHours(1)));
        desk.editRecord(far, place(Optional.empty(), Optional.of(250)), AGENT);
        assertThat(deadline(far, "on-site")).as("250 km in warranty: 24 h from the record, not from the entry")
                .isEqualTo(MONDAY_10.plus(Duration.ofHours(24)));

        long near = made(RecordType.REPAIR, MONDAY_10, customer(null, null), LocalDate.parse("2026-06-01"));
        walk(near, at("2026-11-23T11:00"), RecordStatus.WARRANTY_CHECKED, RecordStatus.DISPATCHED, RecordStatus.TECHNICIAN_CONTACTED);
        clock.set(at("2026-11-23T11:30"));
        desk.editRecord(near, place(Optional.of("inner_ring"), Optional.empty()), AGENT);
        assertThat(deadline(near, "on-site")).as("inner ring: 2 h from the customer's notification").isEqualTo(at("2026-11-23T13:00"));
        assertThat(state(near, "on-site")).isEqualTo("running");

        long visited = made(RecordType.REPAIR, MONDAY_10, customer(null, null), LocalDate.parse("2026-06-01"));
        walk(visited, at("2026-11-23T11:00"), RecordStatus.WARRANTY_CHECKED, RecordStatus.DISPATCHED, RecordStatus.TECHNICIAN_CONTACTED);
        walk(visited, at("2026-11-23T12:30"), RecordStatus.ON_SITE);
        clock.set(at("2026-11-23T14:00"));
        desk.editRecord(visited, place(Optional.of("inner_ring"), Optional.empty()), AGENT);
        assertThat(state(visited, "on-site")).as("on site 1.5 h after the notification: met").isEqualTo("met");
        assertThat(db.fetchCount(SLA_CLOCK, SLA_CLOCK.RECORD_ID.eq(visited).and(SLA_CLOCK.NEXT_FIRE_AT.isNotNull()))
                - db.fetchCount(SLA_CLOCK, SLA_CLOCK.RECORD_ID.eq(visited).and(SLA_CLOCK.STATE.eq("running")))).isZero();

        assertThatThrownBy(() -> desk.editRecord(near, place(Optional.of("moon"), Optional.empty()), AGENT))
                .hasMessageContaining("zone: one of");
    }

    private static org.hotline.desk.records.RecordEdit place(Optional<String> zone, Optional<Integer> distanceKm) {
        return new org.hotline.desk.records.RecordEdit(Optional.empty(), Optional.empty(), Optional.empty(), zone, distanceKm,
                Optional.empty());
    }

    @Test
    void onSiteByDistanceCountsFromTheRecordOrTheConsent() {
        assertThat(deadline(made(RecordType.REPAIR, MONDAY_10, customer(null, 250), LocalDate.parse("2026-06-01")), "on-site"))
                .isEqualTo(MONDAY_10.plus(Duration.ofHours(24)));
        assertThat(deadline(made(RecordType.REPAIR, MONDAY_10, customer(null, 301), LocalDate.parse("2026-06-01")), "on-site"))
                .isEqualTo(MONDAY_10.plus(Duration.ofHours(48)));
        assertThat(deadline(made(RecordType.REPAIR, MONDAY_10, customer(null, 1800), LocalDate.parse("2026-06-01")), "on-site"))
                .isEqualTo(MONDAY_10.plus(Duration.ofHours(72)));

        long paid = made(RecordType.REPAIR, MONDAY_10, customer(null, 800), LocalDate.parse("2020-01-01"));
        assertThat(state(paid, "on-site")).as("out of warranty: from the consent").isNull();
        walk(paid, at("2026-11-24T09:00"), RecordStatus.WARRANTY_CHECKED, RecordStatus.AWAITING_FEE_CONSENT, RecordStatus.FEE_CONSENTED);
        assertThat(deadline(paid, "on-site")).isEqualTo(at("2026-11-26T09:00"));
    }

    @Test
    void repairDoneIn24HoursOrLongerWithTheCustomersAgreementAndNotWhileTheFeeWaits() {
        long id = made(RecordType.REPAIR, MONDAY_10);
        assertThat(deadline(id, "repair-done")).isEqualTo(at("2026-11-24T10:00"));
        clock.set(at("2026-11-23T15:00"));
        desk.extendDeadline(id, "repair-done", "parts", AGENT, "the compressor is ordered; the customer agreed");
        assertThat(deadline(id, "repair-done")).isEqualTo(at("2026-12-02T10:00")); // 7 working days

        long factory = made(RecordType.REPAIR, MONDAY_10);
        clock.set(at("2026-11-23T15:00"));
        desk.extendDeadline(factory, "repair-done", "factory", AGENT, "returned to the factory; the customer agreed");
        assertThat(deadline(factory, "repair-done")).isEqualTo(at("2026-12-14T10:00")); // 15 working days

        long paid = made(RecordType.REPAIR, MONDAY_10, customer(null, null), LocalDate.parse("2020-01-01"));
        walk(paid, at("2026-11-23T12:00"), RecordStatus.WARRANTY_CHECKED, RecordStatus.AWAITING_FEE_CONSENT); // 2 hours used
        walk(paid, at("2026-11-25T12:00"), RecordStatus.FEE_CONSENTED); // two days waiting for the customer do not count
        assertThat(deadline(paid, "repair-done")).isEqualTo(at("2026-11-26T10:00")); // 22 hours left
    }

    @Test
    void satisfactionCallbackTheNextWorkingDayAndManagersConfirmationInFive() {
        long id = made(RecordType.REPAIR, at("2026-11-26T09:00"));
        walk(id, at("2026-11-27T15:00"), RecordStatus.WARRANTY_CHECKED, RecordStatus.DISPATCHED, RecordStatus.TECHNICIAN_CONTACTED,
                RecordStatus.ON_SITE, RecordStatus.DONE); // done on Friday afternoon
        assertThat(deadline(id, "satisfaction-callback")).isEqualTo(at("2026-11-30T15:00")); // Monday
        assertThat(deadline(id, "manager-confirmation")).isEqualTo(at("2026-12-04T15:00"));
    }

    /**
     * The periodic follow-ups are the installed product's callbacks, not clocks of its record: the n-th due n quarters
     * after the installation (at the office's next opening), whether the one before was made late or not made at all,
     * and on after the record closes; the survey a year after.
     */
    @Test
    void periodicFollowUpQuarterlyAndSurveyYearlyFromTheInstallation() {
        long id = made(RecordType.INSTALLATION, MONDAY_10);
        walk(id, MONDAY_10, RecordStatus.WARRANTY_CHECKED, RecordStatus.DISPATCHED, RecordStatus.TECHNICIAN_CONTACTED,
                RecordStatus.ON_SITE, RecordStatus.DONE);
        assertThat(db.select(ASSET.INSTALLED_ON).from(ASSET).join(CONTACT_RECORD).on(CONTACT_RECORD.ASSET_ID.eq(ASSET.ID))
                .where(CONTACT_RECORD.ID.eq(id)).fetchOne(ASSET.INSTALLED_ON)).isEqualTo(LocalDate.parse("2026-11-23"));
        walk(id, at("2026-11-24T10:00"), RecordStatus.RETURN_VISIT, RecordStatus.CLOSED);
        assertThat(db.fetchCount(SLA_CLOCK, SLA_CLOCK.RECORD_ID.eq(id).and(SLA_CLOCK.STATE.in("running", "paused"))))
                .as("no clock of the record outlives it").isZero();

        // 90 days later is Sunday 21 February 2027: due when the office opens on Monday
        assertThat(openDue(id, "periodic_follow_up")).isEqualTo(at("2027-02-22T09:00"));
        assertThat(openDue(id, "survey")).isEqualTo(at("2027-11-23T10:00")); // 365 days: Tuesday 23 November 2027
        // the first made ten days late: the second is still due 180 days after the installation (Saturday 22 May 2027)
        clock.set(at("2027-03-04T10:00"));
        desk.callbackTried(open(id, "periodic_follow_up"), CallOutcome.ANSWERED, Optional.of(1L), Optional.empty());
        assertThat(openDue(id, "periodic_follow_up")).isEqualTo(at("2027-05-24T09:00"));
        // nobody answers the second, three times: the third quarter is called all the same (270 days: Friday 20 August)
        long second = open(id, "periodic_follow_up");
        for (int attempt = 0; attempt < 3; attempt++) {
            clock.set(at("2027-05-24T09:00").plus(Duration.ofHours(attempt * 4L)));
            desk.callbackTried(second, CallOutcome.NO_ANSWER, Optional.of(1L), Optional.empty());
        }
        assertThat(db.fetchValue(CALLBACK.STATUS, CALLBACK.ID.eq(second))).isEqualTo("failed");
        assertThat(openDue(id, "periodic_follow_up")).isEqualTo(at("2027-08-20T10:00"));
    }

    private static long open(long record, String purpose) {
        return db.select(CALLBACK.ID).from(CALLBACK).where(CALLBACK.RECORD_ID.eq(record).and(CALLBACK.PURPOSE.eq(purpose))
                .and(CALLBACK.STATUS.in("pending", "offered"))).fetchSingle(CALLBACK.ID);
    }

    private static Instant openDue(long record, String purpose) {
        return db.fetchValue(CALLBACK.DUE_AT, CALLBACK.ID.eq(open(record, purpose))).toInstant();
    }

    private static long made(RecordType type, Instant at) {
        return made(type, at, customer(null, null), LocalDate.parse("2026-06-01"));
    }

    /** A record of the customer's product bought on {@code purchased} (in warranty for a year), made at {@code at}. */
    private static long made(RecordType type, Instant at, long customer, LocalDate purchased) {
        clock.set(at);
        long asset = db.insertInto(ASSET, ASSET.CUSTOMER_ID, ASSET.MODEL, ASSET.PURCHASED_ON, ASSET.WARRANTY_ENDS_ON)
                .values(customer, "KFR-35", purchased, purchased.plusYears(1)).returning(ASSET.ID).fetchOne(ASSET.ID);
        return desk.createRecord(NewRecord.of(type).withCustomer(customer, "+8613800138000").withAsset(asset), Actor.ivr()).id();
    }

    private static long customer(String zone, Integer distanceKm) {
        return db.insertInto(CUSTOMER, CUSTOMER.NAME, CUSTOMER.ZONE, CUSTOMER.DISTANCE_KM).values("李雷", zone, distanceKm)
                .returning(CUSTOMER.ID).fetchOne(CUSTOMER.ID);
    }

    private static void walk(long id, Instant at, RecordStatus... steps) {
        clock.set(at);
        for (RecordStatus step : steps) {
            desk.transition(id, step, AGENT, null);
        }
    }

    private static Instant deadline(long id, String milestone) {
        var row = db.select(SLA_CLOCK.DEADLINE_AT).from(SLA_CLOCK)
                .where(SLA_CLOCK.RECORD_ID.eq(id).and(SLA_CLOCK.MILESTONE_CODE.eq(milestone))).fetchOne();
        assertThat(row).as("a %s clock", milestone).isNotNull();
        return row.value1().toInstant();
    }

    private static String state(long id, String milestone) {
        return db.select(SLA_CLOCK.STATE).from(SLA_CLOCK).where(SLA_CLOCK.RECORD_ID.eq(id).and(SLA_CLOCK.MILESTONE_CODE.eq(milestone)))
                .fetchOne(SLA_CLOCK.STATE);
    }

    private static Instant at(String shanghaiTime) {
        return LocalDateTime.parse(shanghaiTime).atZone(SHANGHAI).toInstant();
    }
}
