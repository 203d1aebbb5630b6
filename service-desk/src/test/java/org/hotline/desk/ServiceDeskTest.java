package org.hotline.desk;

import org.hotline.events.DeskEventType;
import org.hotline.desk.callbacks.CallOutcome;
import org.hotline.desk.callbacks.CallbackReason;
import org.hotline.desk.callbacks.NewCallback;
import org.hotline.desk.callbacks.Scheduled;
import org.hotline.desk.records.Actor;
import org.hotline.desk.records.ContactRecord;
import org.hotline.desk.records.IllegalTransitionException;
import org.hotline.desk.records.NewComplaint;
import org.hotline.desk.records.NewRecord;
import org.hotline.desk.records.RecordStatus;
import org.hotline.desk.records.RecordType;
import org.hotline.desk.settings.DeskSettingsReader;
import org.hotline.desk.testing.MutableClock;
import org.hotline.desk.testing.TestDatabase;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.hotline.schema.jooq.tables.records.CallbackRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
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
import static org.hotline.schema.jooq.Tables.CALLBACK;
import static org.hotline.schema.jooq.Tables.DOMAIN_EVENT;
import static org.hotline.schema.jooq.Tables.WORK_ORDER;
import static org.hotline.schema.jooq.Tables.CONTACT_RECORD;
import static org.hotline.schema.jooq.Tables.CONTRACT;
import static org.hotline.schema.jooq.Tables.CUSTOMER;
import static org.hotline.schema.jooq.Tables.ESCALATION;
import static org.hotline.schema.jooq.Tables.PRODUCT_MODEL;
import static org.hotline.schema.jooq.Tables.RECORD_EVENT;
import static org.hotline.schema.jooq.Tables.SLA_CLOCK;

class ServiceDeskTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /** Monday 23 November 2026, 10:00 in Shanghai. */
    private static final Instant MONDAY_10 = LocalDateTime.parse("2026-11-23T10:00").atZone(SHANGHAI).toInstant();
    private static final Actor AGENT = Actor.agent(1, "王芳");

    private static TestDatabase database;
    private static DSLContext db;
    private static MutableClock clock;
    private static ServiceDesk desk;
    private static long customerId;

    @BeforeAll
    static void start() {
        database = TestDatabase.start();
        db = database.dsl();
        clock = new MutableClock(MONDAY_10);
        desk = new ServiceDesk(database.pool("desk", 4), ShippedRules.slaPolicies(Optional.of(Path.of("../config/sla-policies.yaml"))),
                DeskSettingsReader.read(Path.of("../config/service-desk.yaml")), clock);
        db.execute("INSERT INTO agent (id, username, display_name) VALUES (1, 'wangfang', '王芳')");
        customerId = db.insertInto(CUSTOMER, CUSTOMER.NAME).values("李雷").returning(CUSTOMER.ID).fetchOne(CUSTOMER.ID);
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    @BeforeEach
    void reset() {
        clock.set(MONDAY_10);
        db.execute("DELETE FROM domain_event; DELETE FROM callback_attempt; DELETE FROM callback");
    }

    @Test
    void aNewRepairStartsItsClocksAndItsFirstContactCallback() {
        long asset = asset(LocalDate.parse("2026-06-01"), null, null);
        ContactRecord record = desk.createRecord(repair().withAsset(asset).withFault("不制冷"), Actor.ivr());

        assertThat(record.status()).isEqualTo(RecordStatus.REGISTERED);
        assertThat(record.warrantyStatus()).isEqualTo("in_warranty");
        assertThat(record.number()).startsWith("R20261123-");
        assertThat(db.select(SLA_CLOCK.MILESTONE_CODE).from(SLA_CLOCK).where(SLA_CLOCK.RECORD_ID.eq(record.id())).fetch(SLA_CLOCK.MILESTONE_CODE))
                .containsExactlyInAnyOrder("first-contact", "forward", "reply", "dispatch", "decide-solution", "repair-done");
        assertThat(deadline(record.id(), "first-contact")).isEqualTo(MONDAY_10.plus(Duration.ofMinutes(20)));
        var callback = db.selectFrom(CALLBACK).where(CALLBACK.RECORD_ID.eq(record.id())).fetchSingle();
        assertThat(callback.getReason()).isEqualTo("first_contact");
        assertThat(callback.getDueAt().toInstant()).isEqualTo(MONDAY_10.plus(Duration.ofMinutes(10)));
        assertThat(db.fetchCount(RECORD_EVENT, RECORD_EVENT.RECORD_ID.eq(record.id()).and(RECORD_EVENT.EVENT_TYPE.eq("created"))
                .and(RECORD_EVENT.ACTOR_KIND.eq("ivr")))).isEqualTo(1);
    }

    @Test
    void aRecordLeftAtNightHasItsFirstContactCallbackDueAtTheNextOpening() {
        clock.set(LocalDateTime.parse("2026-11-22T20:00").atZone(SHANGHAI).toInstant()); // Sunday evening, office closed
        try {
            ContactRecord record = desk.createRecord(repair().withFault("漏水"), Actor.ivr());

            var callback = db.selectFrom(CALLBACK).where(CALLBACK.RECORD_ID.eq(record.id())).fetchSingle();
            assertThat(callback.getDueAt().toInstant()).as("Monday 09:00, when the office opens (callbacks.open-hours)")
                    .isEqualTo(LocalDateTime.parse("2026-11-23T09:00").atZone(SHANGHAI).toInstant());
        } finally {
            clock.set(MONDAY_10);
        }
    }

    /**
     * Found over a simulated fortnight: first contact and dispatch counted calendar time while the
     * first-contact callback waited for the office to open, so every request left at night was
     * breached and escalated overnight. They are office work: counted in opening hours.
     */
    @Test
    void aRequestLeftTheNightBeforeAHolidayIsDueInTheFirstWorkingHourAfterIt() {
        clock.set(LocalDateTime.parse("2026-12-30T22:00").atZone(SHANGHAI).toInstant()); // Wednesday; Thursday and Friday are holidays
        try {
            long id = desk.createRecord(repair().withFault("漏水"), Actor.ivr()).id();

            Instant mondayNine = LocalDateTime.parse("2027-01-04T09:00").atZone(SHANGHAI).toInstant();
            assertThat(db.select(CALLBACK.DUE_AT).from(CALLBACK).where(CALLBACK.RECORD_ID.eq(id)).fetchOne().value1().toInstant())
                    .as("the first-contact callback").isEqualTo(mondayNine);
            assertThat(deadline(id, "first-contact")).isEqualTo(mondayNine.plus(Duration.ofMinutes(20)));
            assertThat(deadline(id, "dispatch")).isEqualTo(mondayNine.plus(Duration.ofMinutes(30)));
        } finally {
            clock.set(MONDAY_10);
        }
    }

    @Test
    void theRulesMayOnlyNameCalendarsTheSlaPoliciesDefine() {
        String rules = new String(readShipped("service-desk.yaml"), java.nio.charset.StandardCharsets.UTF_8)
                .replace("open-hours: office", "open-hours: ofice");
        assertThatThrownBy(() -> org.hotline.desk.settings.DeskSettingsReader.read(
                org.hotline.desk.yaml.YamlNode.parse("service-desk.yaml", rules), java.util.Set.of("office", "around-the-clock")))
                .hasMessageMatching("service-desk\\.yaml:\\d+: callbacks\\.open-hours: no calendar 'ofice' in the SLA policies "
                        + "\\(defined: around-the-clock, office\\)");
    }

    @Test
    void pauseReasonsAndTheDiallingPolicyAreCheckedWithFileAndLine() {
        String shipped = new String(readShipped("service-desk.yaml"), java.nio.charset.StandardCharsets.UTF_8);
        java.util.function.Function<String, org.hotline.desk.settings.DeskSettings> read = text -> org.hotline.desk.settings
                .DeskSettingsReader.read(org.hotline.desk.yaml.YamlNode.parse("service-desk.yaml", text));
        assertThat(read.apply(shipped).pauseReasons().reasons().keySet()).containsExactly("lunch", "break", "training", "meeting",
                "coaching", "technical");
        assertThat(read.apply(shipped).dialling().allows("+8613800138000")).isTrue();
        assertThatThrownBy(() -> read.apply(shipped.replace("    lunch: { zh-CN: 午餐, en: Lunch }", "    callback: { zh-CN: 回电, en: Call }")))
                .hasMessageMatching("service-desk\\.yaml:\\d+: agents\\.pause-reasons\\.callback: 'callback' is Hotline's own pause; choose another code");
        assertThatThrownBy(() -> read.apply(shipped.replace("    lunch: { zh-CN: 午餐, en: Lunch }", "    Lunch Break: { zh-CN: 午餐, en: Lunch }")))
                .hasMessageMatching("service-desk\\.yaml:\\d+: .*'Lunch Break' is not a reason code.*");
        assertThatThrownBy(() -> read.apply(shipped.replace("kinds: [mobile, fixed-line, fixed-line-or-mobile, toll-free]",
                "kinds: [mobile, premium]"))).hasMessageMatching("service-desk\\.yaml:\\d+: .*'premium' is not a kind of number \\(.*premium-rate.*");
        assertThatThrownBy(() -> read.apply(shipped.replace("other-countries: []", "other-countries: [\"+852\"]")))
                .hasMessageMatching("service-desk\\.yaml:\\d+: .*'\\+852' is not a country calling code like 852");
    }

    private static byte[] readShipped(String name) {
        try (var in = org.hotline.desk.ShippedRules.class.getResourceAsStream("defaults/" + name)) {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void warrantyIsWorkedOutFromTheProductAndTheContract() {
        long expired = asset(LocalDate.parse("2023-01-10"), null, null); // model: 12 months
        assertThat(desk.createRecord(repair().withAsset(expired), AGENT).warrantyStatus()).isEqualTo("out_of_warranty");

        long contract = db.insertInto(CONTRACT, CONTRACT.CUSTOMER_ID, CONTRACT.NUMBER, CONTRACT.STARTS_ON, CONTRACT.WARRANTY_MONTHS)
                .values(customerId, "C-" + System.nanoTime(), LocalDate.parse("2023-01-10"), 60).returning(CONTRACT.ID).fetchOne(CONTRACT.ID);
        long covered = asset(LocalDate.parse("2023-01-10"), null, contract);
        assertThat(desk.createRecord(repair().withAsset(covered), AGENT).warrantyStatus()).isEqualTo("in_warranty");

        long stated = asset(LocalDate.parse("2026-01-10"), LocalDate.parse("2026-11-22"), null);
        assertThat(desk.createRecord(repair().withAsset(stated), AGENT).warrantyStatus()).isEqualTo("out_of_warranty");

        assertThat(desk.createRecord(repair(), AGENT).warrantyStatus()).isEqualTo("unknown");
    }

    @Test
    void creatingTwiceWithTheSameKeyYieldsOneRecord() {
        NewRecord request = repair().withIdempotencyKey("call-1732280000.42-repair");
        ContactRecord first = desk.createRecord(request, Actor.ivr());
        ContactRecord again = desk.createRecord(request, Actor.ivr());

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(db.fetchCount(CONTACT_RECORD, CONTACT_RECORD.IDEMPOTENCY_KEY.eq("call-1732280000.42-repair"))).isEqualTo(1);
        assertThat(db.fetchCount(CALLBACK, CALLBACK.RECORD_ID.eq(first.id()))).isEqualTo(1);
    }

    @Test
    void aRepairGoesThroughItsWorkflowAndGetsItsReturnVisit() {
        ContactRecord record = desk.createRecord(repair().withAsset(asset(LocalDate.parse("2026-06-01"), null, null)), Actor.ivr());
        long id = record.id();
        long firstContact = db.select(CALLBACK.ID).from(CALLBACK).where(CALLBACK.RECORD_ID.eq(id)).fetchOne(CALLBACK.ID);
        desk.callbackTried(firstContact, CallOutcome.ANSWERED, Optional.of(1L), Optional.empty());
        desk.transition(id, RecordStatus.WARRANTY_CHECKED, AGENT, "in warranty");
        clock.advance(Duration.ofMinutes(20));
        desk.transition(id, RecordStatus.DISPATCHED, AGENT, "technician 张师傅");
        assertThat(clockState(id, "dispatch")).isEqualTo("met");
        desk.transition(id, RecordStatus.TECHNICIAN_CONTACTED, AGENT, null);
        desk.transition(id, RecordStatus.ON_SITE, AGENT, null);
        clock.set(LocalDateTime.parse("2026-11-23T16:00").atZone(SHANGHAI).toInstant());
        desk.transition(id, RecordStatus.DONE, AGENT, "compressor replaced");
        assertThat(clockState(id, "repair-done")).isEqualTo("met");

        var visit = db.selectFrom(CALLBACK).where(CALLBACK.RECORD_ID.eq(id).and(CALLBACK.REASON.eq("return_visit"))).fetchSingle();
        assertThat(visit.getDueAt().toInstant()).isEqualTo(LocalDateTime.parse("2026-11-24T10:00").atZone(SHANGHAI).toInstant());
        assertThat(deadline(id, "satisfaction-callback")).isEqualTo(LocalDateTime.parse("2026-11-24T16:00").atZone(SHANGHAI).toInstant());

        desk.transition(id, RecordStatus.RETURN_VISIT, AGENT, "customer satisfied");
        ContactRecord closed = desk.transition(id, RecordStatus.CLOSED, AGENT, null);
        assertThat(closed.status()).isEqualTo(RecordStatus.CLOSED);
        assertThat(db.select(RECORD_EVENT.TO_STATUS).from(RECORD_EVENT).where(RECORD_EVENT.RECORD_ID.eq(id)
                        .and(RECORD_EVENT.EVENT_TYPE.eq("transition"))).orderBy(RECORD_EVENT.ID).fetch(RECORD_EVENT.TO_STATUS))
                .containsExactly("warranty_checked", "dispatched", "technician_contacted", "on_site", "done", "return_visit", "closed");
        assertThat(db.fetchCount(RECORD_EVENT, RECORD_EVENT.RECORD_ID.eq(id).and(RECORD_EVENT.EVENT_TYPE.eq("transition"))
                .and(RECORD_EVENT.ACTOR_ID.eq(1L)).and(RECORD_EVENT.ACTOR_NAME.eq("王芳")))).isEqualTo(7);
    }

    /**
     * Found over a simulated fortnight: a repair walked to closed kept reply, decide-solution and
     * manager-confirmation running (no step raised their events), so they breached and escalated
     * days after the work was done. Every clock of a closed repair is now met or ended with it,
     * and nothing of it is left to call back.
     */
    @Test
    void aClosedRepairHasEveryClockMetOrEndedAndNoCallbackWaiting() {
        long id = desk.createRecord(repair().withAsset(asset(LocalDate.parse("2026-06-01"), null, null)), Actor.ivr()).id();
        for (RecordStatus step : List.of(RecordStatus.WARRANTY_CHECKED, RecordStatus.DISPATCHED, RecordStatus.TECHNICIAN_CONTACTED,
                RecordStatus.ON_SITE, RecordStatus.DONE)) {
            clock.advance(Duration.ofMinutes(5));
            desk.transition(id, step, AGENT, null);
        }
        assertThat(db.fetchCount(CALLBACK, CALLBACK.RECORD_ID.eq(id).and(CALLBACK.REASON.eq("return_visit"))
                .and(CALLBACK.STATUS.eq("pending")))).as("the return visit to make").isEqualTo(1);
        clock.advance(Duration.ofHours(20));
        desk.transition(id, RecordStatus.RETURN_VISIT, AGENT, "satisfied");
        assertThat(db.fetchCount(CALLBACK, CALLBACK.RECORD_ID.eq(id).and(CALLBACK.STATUS.eq("pending"))))
                .as("the return visit recorded: its callback is not made again").isZero();
        desk.transition(id, RecordStatus.CLOSED, AGENT, null);

        var states = db.select(SLA_CLOCK.MILESTONE_CODE, SLA_CLOCK.STATE).from(SLA_CLOCK).where(SLA_CLOCK.RECORD_ID.eq(id))
                .fetchMap(SLA_CLOCK.MILESTONE_CODE, SLA_CLOCK.STATE);
        assertThat(states).containsEntry("reply", "met").containsEntry("decide-solution", "met")
                .containsEntry("manager-confirmation", "met").containsEntry("satisfaction-callback", "met")
                .doesNotContainValue("running").doesNotContainValue("paused");
        assertThat(db.fetchCount(SLA_CLOCK, SLA_CLOCK.RECORD_ID.eq(id).and(SLA_CLOCK.NEXT_FIRE_AT.isNotNull()))).isZero();
    }

    /**
     * Found over a simulated fortnight: no record ever had a zone or a distance, so the on-site
     * clocks never ran. A record takes them from its customer unless the agent gives them.
     */
    @Test
    void aRecordTakesTheCustomersZoneSoTheOnSiteClockRuns() {
        long inTheCity = db.insertInto(CUSTOMER, CUSTOMER.NAME, CUSTOMER.ADDRESS, CUSTOMER.ZONE, CUSTOMER.DISTANCE_KM)
                .values("韩梅梅", "人民路 1 号", "inner_ring", 12).returning(CUSTOMER.ID).fetchOne(CUSTOMER.ID);
        long id = desk.createRecord(NewRecord.of(RecordType.REPAIR).withCustomer(inTheCity, "+8613700137000")
                .withAsset(asset(LocalDate.parse("2026-06-01"), null, null)), Actor.ivr()).id();
        var row = db.selectFrom(CONTACT_RECORD).where(CONTACT_RECORD.ID.eq(id)).fetchSingle();
        assertThat(row.getZone()).isEqualTo("inner_ring");
        assertThat(row.getDistanceKm()).isEqualTo(12);
        assertThat(row.getAddress()).isEqualTo("人民路 1 号");

        desk.transition(id, RecordStatus.WARRANTY_CHECKED, AGENT, null);
        desk.transition(id, RecordStatus.DISPATCHED, AGENT, null);
        desk.transition(id, RecordStatus.TECHNICIAN_CONTACTED, AGENT, "the customer is told the technician is coming");
        assertThat(deadline(id, "on-site")).as("2 hours in the inner ring, from the customer's notification")
                .isEqualTo(clock.instant().plus(Duration.ofHours(2)));
    }

    /** Out of warranty the customer may refuse the quoted fee: the record closes with that reason and its clocks end. */
    @Test
    void aRefusedFeeClosesTheRecordAndEndsItsClocks() {
        long id = desk.createRecord(repair().withAsset(asset(LocalDate.parse("2020-01-01"), null, null)), AGENT).id();
        desk.transition(id, RecordStatus.WARRANTY_CHECKED, AGENT, null);
        desk.transition(id, RecordStatus.AWAITING_FEE_CONSENT, AGENT, "quoted 380 yuan");

        desk.transition(id, RecordStatus.CLOSED, AGENT, "the customer refused the fee");

        assertThat(db.select(SLA_CLOCK.STATE).from(SLA_CLOCK).where(SLA_CLOCK.RECORD_ID.eq(id)).fetch(SLA_CLOCK.STATE))
                .doesNotContain("running", "paused");
        assertThat(db.fetchValue(DSL.select(RECORD_EVENT.REASON).from(RECORD_EVENT).where(RECORD_EVENT.RECORD_ID.eq(id)
                .and(RECORD_EVENT.TO_STATUS.eq("closed"))))).isEqualTo("the customer refused the fee");
    }

    /**
     * Found over a simulated fortnight: periodic follow-ups fired once, not every quarter. After
     * an installation the follow-up call (90 days) and the survey call (a year) are scheduled from
     * the installation; they outlive the record's closing, and each answered one makes the next.
     */
    @Test
    void anInstallationGetsItsQuarterlyFollowUpAndYearlySurveyEachMakingTheNext() {
        long id = desk.createRecord(NewRecord.of(RecordType.INSTALLATION).withCustomer(customerId, "+8613900000123"), Actor.ivr()).id();
        for (RecordStatus step : List.of(RecordStatus.WARRANTY_CHECKED, RecordStatus.DISPATCHED, RecordStatus.TECHNICIAN_CONTACTED,
                RecordStatus.ON_SITE, RecordStatus.DONE, RecordStatus.RETURN_VISIT, RecordStatus.CLOSED)) {
            desk.transition(id, step, AGENT, null);
        }
        var open = db.selectFrom(CALLBACK).where(CALLBACK.RECORD_ID.eq(id).and(CALLBACK.STATUS.eq("pending"))).fetch();
        assertThat(open).extracting(CallbackRecord::getReason).as("still there after the record closed")
                .containsExactlyInAnyOrder("periodic_follow_up", "survey");
        var followUp = open.stream().filter(c -> c.getReason().equals("periodic_follow_up")).findFirst().orElseThrow();
        Instant firstFollowUp = LocalDateTime.parse("2027-02-22T09:00").atZone(SHANGHAI).toInstant();
        assertThat(followUp.getDueAt().toInstant()).as("90 days on is a Sunday: the Monday's opening").isEqualTo(firstFollowUp);
        var survey = open.stream().filter(c -> c.getReason().equals("survey")).findFirst().orElseThrow();
        assertThat(survey.getDueAt().toInstant()).isEqualTo(LocalDateTime.parse("2027-11-23T10:00").atZone(SHANGHAI).toInstant());

        clock.set(firstFollowUp);
        try {
            desk.callbackTried(followUp.getId(), CallOutcome.ANSWERED, Optional.of(1L), Optional.empty());
            var next = db.selectFrom(CALLBACK).where(CALLBACK.RECORD_ID.eq(id).and(CALLBACK.STATUS.eq("pending"))
                    .and(CALLBACK.REASON.eq("periodic_follow_up"))).fetchSingle();
            assertThat(next.getDueAt().toInstant()).as("the next quarter's, made when this one was answered")
                    .isEqualTo(LocalDateTime.parse("2027-05-24T09:00").atZone(SHANGHAI).toInstant());
        } finally {
            clock.set(MONDAY_10);
        }
    }

    /** A cancelled request: its clocks end (neither met nor missed, nothing left to fire) and its callbacks are cancelled. */
    @Test
    void aCancelledRecordEndsItsClocksAndCancelsItsCallbacks() {
        long id = desk.createRecord(NewRecord.of(RecordType.CONSULTATION).withCustomer(customerId, "+8613800138000"), Actor.ivr()).id();
        assertThat(db.fetchCount(CALLBACK, CALLBACK.RECORD_ID.eq(id).and(CALLBACK.STATUS.eq("pending")))).isEqualTo(1);
        clock.advance(Duration.ofMinutes(10));

        desk.transition(id, RecordStatus.CANCELLED, AGENT, "the customer solved it themselves");

        assertThat(db.select(SLA_CLOCK.STATE).from(SLA_CLOCK).where(SLA_CLOCK.RECORD_ID.eq(id)).fetch(SLA_CLOCK.STATE))
                .isNotEmpty().containsOnly("cancelled");
        assertThat(db.fetchCount(SLA_CLOCK, SLA_CLOCK.RECORD_ID.eq(id).and(SLA_CLOCK.NEXT_FIRE_AT.isNotNull()))).isZero();
        assertThat(db.fetchExists(DOMAIN_EVENT, DOMAIN_EVENT.TYPE.eq(DeskEventType.SLA_ENDED.wireName()).and(DOMAIN_EVENT.AGGREGATE_ID.eq(id))))
                .isTrue();
        assertThat(db.select(CALLBACK.STATUS).from(CALLBACK).where(CALLBACK.RECORD_ID.eq(id)).fetch(CALLBACK.STATUS)).containsOnly("cancelled");
    }

    /** A consultation answered, a return decided, a complaint under investigation: what they fulfil stops their clocks. */
    @Test
    void answeringDecidingAndInvestigatingMeetTheClocksTheyFulfil() {
        long consultation = desk.createRecord(NewRecord.of(RecordType.CONSULTATION).withCustomer(customerId, "+8613800138000"),
                Actor.ivr()).id();
        desk.transition(consultation, RecordStatus.ANSWERED, AGENT, null);
        assertThat(clockState(consultation, "forward")).isEqualTo("met");
        assertThat(clockState(consultation, "team-contact")).isEqualTo("met");
        assertThat(clockState(consultation, "first-contact")).isEqualTo("met");
        assertThat(clockState(consultation, "answer")).isEqualTo("met");

        long complaint = desk.createRecord(NewRecord.of(RecordType.COMPLAINT).withCustomer(customerId, "+8613800138000"),
                Actor.ivr()).id();
        desk.transition(complaint, RecordStatus.VALIDITY_JUDGED, AGENT, null);
        desk.transition(complaint, RecordStatus.ASSIGNED, AGENT, null);
        desk.transition(complaint, RecordStatus.INVESTIGATING, AGENT, null);
        assertThat(clockState(complaint, "team-contact")).isEqualTo("met");
    }

    /**
     * Found by the end-to-end story: the customer reached by the technician still had their
     * first-contact callback pending, and the return visit was merged into it (same phone).
     */
    @Test
    void reachingTheCustomerCancelsTheFirstContactCallbackSoTheReturnVisitIsItsOwn() {
        ContactRecord record = desk.createRecord(repair().withAsset(asset(LocalDate.parse("2026-06-01"), null, null)), Actor.ivr());
        long id = record.id();
        long firstContact = db.select(CALLBACK.ID).from(CALLBACK).where(CALLBACK.RECORD_ID.eq(id)).fetchOne(CALLBACK.ID);
        desk.transition(id, RecordStatus.WARRANTY_CHECKED, AGENT, null);
        desk.transition(id, RecordStatus.DISPATCHED, AGENT, null);
        assertThat(db.fetchValue(DSL.select(CALLBACK.STATUS).from(CALLBACK).where(CALLBACK.ID.eq(firstContact)))).isEqualTo("pending");

        desk.transition(id, RecordStatus.TECHNICIAN_CONTACTED, AGENT, null);

        var cancelled = db.selectFrom(CALLBACK).where(CALLBACK.ID.eq(firstContact)).fetchSingle();
        assertThat(cancelled.getStatus()).isEqualTo("cancelled");
        assertThat(cancelled.getOutcomeNote()).isEqualTo("customer contacted: technician_contacted");
        assertThat(db.fetchExists(DOMAIN_EVENT, DOMAIN_EVENT.TYPE.eq(DeskEventType.CALLBACK_CANCELLED.wireName()).and(DOMAIN_EVENT.AGGREGATE_ID.eq(firstContact))))
                .isTrue();
        desk.transition(id, RecordStatus.ON_SITE, AGENT, null);
        desk.transition(id, RecordStatus.DONE, AGENT, null);
        var visit = db.selectFrom(CALLBACK).where(CALLBACK.RECORD_ID.eq(id).and(CALLBACK.STATUS.eq("pending"))).fetchSingle();
        assertThat(visit.getReason()).isEqualTo("return_visit");
    }

    /** Every call gets an answer or a callback (DOMAIN.md): a caller who gave up waiting is called back; a misdial is not. */
    @Test
    void aCallerWhoHangsUpWaitingIsCalledBackInThatQueueAndAMisdialIsNot() {
        db.execute("INSERT INTO queue (name, display_name) VALUES ('service', 'Service') ON CONFLICT DO NOTHING");
        db.execute("INSERT INTO customer_phone (customer_id, number) VALUES (" + customerId + ", '+8613700137000') ON CONFLICT DO NOTHING");

        assertThat(desk.callerAbandoned("+8613700137000", "service", Duration.ofSeconds(3))).as("under after-abandon: a misdial").isEmpty();
        var first = desk.callerAbandoned("+8613700137000", "service", Duration.ofSeconds(45)).orElseThrow();
        var again = desk.callerAbandoned("+8613700137000", "service", Duration.ofSeconds(80)).orElseThrow();

        assertThat(again.callbackId()).as("one callback for the number and queue").isEqualTo(first.callbackId());
        assertThat(again.merged()).isTrue();
        var callback = db.selectFrom(CALLBACK).where(CALLBACK.ID.eq(first.callbackId())).fetchSingle();
        assertThat(callback.getReason()).isEqualTo("abandoned_call");
        assertThat(callback.getCustomerId()).isEqualTo(customerId);
        assertThat(callback.getQueueId()).isEqualTo(db.fetchValue("SELECT id FROM queue WHERE name = 'service'"));
        assertThat(callback.getDueAt().toInstant()).as("at once: the hotline is open").isEqualTo(MONDAY_10);
        assertThat(callback.getNote()).startsWith("hung up after waiting 45 s in service");

        assertThat(desk.callerGotThrough("+8613700137000").callbacksCancelled()).as("they called again and were answered")
                .containsExactly(first.callbackId());
        assertThat(db.fetchValue(DSL.select(CALLBACK.STATUS).from(CALLBACK).where(CALLBACK.ID.eq(first.callbackId())))).isEqualTo("cancelled");

        clock.set(LocalDateTime.parse("2026-11-23T21:00").atZone(SHANGHAI).toInstant());
        var night = desk.callerAbandoned("+8613900139000", "service", Duration.ofSeconds(45)).orElseThrow();
        assertThat(db.select(CALLBACK.DUE_AT).from(CALLBACK).where(CALLBACK.ID.eq(night.callbackId())).fetchSingle().value1().toInstant())
                .as("at night: at the next opening").isEqualTo(LocalDateTime.parse("2026-11-24T09:00").atZone(SHANGHAI).toInstant());
    }

    /**
     * A caller who left a request in the IVR calls again twenty minutes later and an agent answers
     * (the call names no record): they have been reached about it, and are not called back about
     * what they just discussed. A request of theirs from the day before is another matter.
     */
    @Test
    void aCallerAnsweredSoonAfterTheirRequestIsReachedAboutIt() {
        String phone = "+8613600136000";
        long yesterday = desk.createRecord(NewRecord.of(RecordType.REPAIR).withCustomer(customerId, phone), Actor.ivr()).id();
        clock.advance(Duration.ofDays(1));
        long request = desk.createRecord(NewRecord.of(RecordType.REPAIR).withCustomer(customerId, phone), Actor.ivr()).id();
        clock.advance(Duration.ofMinutes(20));

        assertThat(desk.callerGotThrough(phone).recordsReached()).containsExactly(request);

        assertThat(db.fetchValue(SLA_CLOCK.STATE, SLA_CLOCK.RECORD_ID.eq(request).and(SLA_CLOCK.MILESTONE_CODE.eq("first-contact"))))
                .isEqualTo("met");
        assertThat(db.fetchCount(CALLBACK, CALLBACK.RECORD_ID.eq(request).and(CALLBACK.REASON.eq("first_contact"))
                .and(CALLBACK.STATUS.in("pending", "offered")))).as("not called back about it").isZero();
        assertThat(db.fetchCount(CALLBACK, CALLBACK.RECORD_ID.eq(yesterday).and(CALLBACK.REASON.eq("first_contact"))
                .and(CALLBACK.STATUS.in("pending", "offered")))).as("yesterday's is another matter").isEqualTo(1);
        assertThat(desk.callerGotThrough(phone).recordsReached()).as("reached once").isEmpty();
    }

    /** The work order (派工单) follows the field job: the technician it went to, when they arrived and finished. */
    @Test
    void dispatchingMakesTheWorkOrderThatArrivalAndCompletionFillIn() {
        long id = desk.createRecord(repair(), Actor.ivr()).id();
        desk.transition(id, RecordStatus.WARRANTY_CHECKED, AGENT, null);
        desk.dispatch(id, "张师傅", AGENT, null);
        desk.transition(id, RecordStatus.TECHNICIAN_CONTACTED, AGENT, null);
        clock.advance(Duration.ofHours(2));
        desk.transition(id, RecordStatus.ON_SITE, AGENT, null);
        clock.advance(Duration.ofHours(1));
        desk.transition(id, RecordStatus.DONE, AGENT, null);

        var order = db.selectFrom(WORK_ORDER).where(WORK_ORDER.RECORD_ID.eq(id)).fetchSingle();
        assertThat(order.getTechnician()).isEqualTo("张师傅");
        assertThat(order.getServiceType()).isEqualTo("repair");
        assertThat(order.getDispatchedAt().toInstant()).isEqualTo(MONDAY_10);
        assertThat(order.getArrivedAt().toInstant()).isEqualTo(MONDAY_10.plus(Duration.ofHours(2)));
        assertThat(order.getFinishedAt().toInstant()).isEqualTo(MONDAY_10.plus(Duration.ofHours(3)));
    }

    @Test
    void anIllegalTransitionIsRefusedAndChangesNothing() {
        ContactRecord record = desk.createRecord(repair(), Actor.ivr());
        assertThatThrownBy(() -> desk.transition(record.id(), RecordStatus.DONE, AGENT, null))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessage("record " + record.number() + " (repair) cannot go from registered to done; from registered it can go to "
                        + "warranty_checked, cancelled");
        assertThat(desk.record(record.id()).status()).isEqualTo(RecordStatus.REGISTERED);

        desk.transition(record.id(), RecordStatus.CANCELLED, AGENT, "duplicate");
        assertThatThrownBy(() -> desk.transition(record.id(), RecordStatus.WARRANTY_CHECKED, AGENT, null))
                .hasMessageEndingWith("it is cancelled for good");
        assertThatThrownBy(() -> desk.transition(record.id(), RecordStatus.RECORDED, AGENT, null))
                .isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void outOfWarrantyTheDispatchClockWaitsForTheCustomersConsent() {
        ContactRecord record = desk.createRecord(repair().withAsset(asset(LocalDate.parse("2020-01-01"), null, null)), AGENT);
        long id = record.id();
        assertThat(record.warrantyStatus()).isEqualTo("out_of_warranty");
        desk.transition(id, RecordStatus.WARRANTY_CHECKED, AGENT, null);
        clock.advance(Duration.ofHours(1));
        desk.transition(id, RecordStatus.AWAITING_FEE_CONSENT, AGENT, "quoted 380 yuan");
        assertThat(clockState(id, "repair-done")).isEqualTo("paused");
        assertThat(clockState(id, "dispatch")).isNull();

        clock.advance(Duration.ofHours(26));
        desk.transition(id, RecordStatus.FEE_CONSENTED, AGENT, "customer agreed by phone"); // Tuesday 13:00, in the lunch break
        assertThat(deadline(id, "dispatch")).as("30 working minutes from 13:30").isEqualTo(clock.instant().plus(Duration.ofMinutes(60)));
        assertThat(deadline(id, "repair-done")).isEqualTo(clock.instant().plus(Duration.ofHours(23)));
    }

    @Test
    void complaintsAreRoutedByTypeAndEscalatedWhenTheCustomerStaysUnhappy() {
        ContactRecord complaint = desk.createRecord(NewRecord.of(RecordType.COMPLAINT).withCustomer(customerId, "+8613800000001")
                .withComplaint(NewComplaint.of("李雷", "transport_damage")), AGENT);
        assertThat(complaint.status()).isEqualTo(RecordStatus.RECORDED);
        assertThat(complaint.handlerDepartment()).contains("logistics");

        assertThat(desk.customerReaction(complaint.id(), false, AGENT)).isEqualTo(1);
        assertThat(db.fetchCount(ESCALATION, ESCALATION.RECORD_ID.eq(complaint.id()))).isZero();
        assertThat(desk.customerReaction(complaint.id(), false, AGENT)).isEqualTo(2);
        assertThat(db.fetchCount(ESCALATION, ESCALATION.RECORD_ID.eq(complaint.id()).and(ESCALATION.LEVEL.eq("manager"))
                .and(ESCALATION.TRIGGER.eq("customer_unhappy")))).isEqualTo(1);
    }

    @Test
    void whatCreatingARecordAnswersIsTheRecordAsStored() {
        long asset = asset(LocalDate.parse("2026-06-01"), null, null);
        ContactRecord repair = desk.createRecord(repair().withAsset(asset).withFault("不制冷"), Actor.ivr());
        ContactRecord complaint = desk.createRecord(NewRecord.of(RecordType.COMPLAINT).withCustomer(customerId, "+8613800000002")
                .withComplaint(NewComplaint.of("张先生", "transport_damage")), AGENT);
        ContactRecord anonymous = desk.createRecord(NewRecord.of(RecordType.CONSULTATION), AGENT);

        assertThat(repair).isEqualTo(desk.record(repair.id()));
        assertThat(complaint).isEqualTo(desk.record(complaint.id()));
        assertThat(complaint.handlerDepartment()).isPresent();
        assertThat(anonymous).isEqualTo(desk.record(anonymous.id()));
    }

    @Test
    void aCrisisGoesToLeadershipAtOnce() {
        ContactRecord crisis = desk.createRecord(NewRecord.of(RecordType.COMPLAINT).withCustomer(customerId, "+8613800000002")
                .withComplaint(NewComplaint.of("记者", "quality").withCrisis("media")), AGENT);
        assertThat(crisis.priority()).isEqualTo("crisis");
        assertThat(db.fetchCount(ESCALATION, ESCALATION.RECORD_ID.eq(crisis.id()).and(ESCALATION.LEVEL.eq("leadership"))
                .and(ESCALATION.TRIGGER.eq("crisis")))).isEqualTo(1);
        assertThat(db.select(CALLBACK.PRIORITY).from(CALLBACK).where(CALLBACK.RECORD_ID.eq(crisis.id())).fetchOne(CALLBACK.PRIORITY))
                .isEqualTo(100);
    }

    @Test
    void aSecondCallbackForTheSamePhoneAndQueueIsMerged() {
        Scheduled first = desk.scheduleCallback(NewCallback.of(CallbackReason.IVR_REQUEST, "+8613900000009",
                MONDAY_10.plus(Duration.ofHours(2))), Optional.empty());
        Scheduled second = desk.scheduleCallback(NewCallback.of(CallbackReason.ABANDONED_CALL, "+8613900000009",
                MONDAY_10.plus(Duration.ofMinutes(5))).withPriority(5), Optional.empty());

        assertThat(second.merged()).isTrue();
        assertThat(second.callbackId()).isEqualTo(first.callbackId());
        var merged = db.selectFrom(CALLBACK).where(CALLBACK.PHONE.eq("+8613900000009")).fetchSingle();
        assertThat(merged.getDueAt().toInstant()).isEqualTo(MONDAY_10.plus(Duration.ofMinutes(5)));
        assertThat(merged.getPriority()).isEqualTo(5);
    }

    /**
     * Found over a simulated fortnight: a consultation's first-contact callback was merged into
     * another record's return-visit callback because the phone was the same. A callback has a
     * purpose (a record and a reason; without a record, a phone in a queue): only one purpose merges.
     */
    @Test
    void onlyCallbacksOfOnePurposeMerge() {
        ContactRecord repair = desk.createRecord(repair().withAsset(asset(LocalDate.parse("2026-06-01"), null, null)), Actor.ivr());
        for (RecordStatus step : List.of(RecordStatus.WARRANTY_CHECKED, RecordStatus.DISPATCHED, RecordStatus.TECHNICIAN_CONTACTED,
                RecordStatus.ON_SITE, RecordStatus.DONE)) {
            desk.transition(repair.id(), step, AGENT, null);
        }
        long consultation = desk.createRecord(NewRecord.of(RecordType.CONSULTATION).withCustomer(customerId, "+8613800138000"),
                Actor.ivr()).id();

        assertThat(db.select(CALLBACK.RECORD_ID, CALLBACK.REASON).from(CALLBACK).where(CALLBACK.STATUS.eq("pending")
                        .and(CALLBACK.RECORD_ID.in(repair.id(), consultation))).fetch().map(r -> r.value1() + " " + r.value2()))
                .containsExactlyInAnyOrder(repair.id() + " return_visit", consultation + " first_contact");
        Scheduled asked = desk.scheduleCallback(NewCallback.of(CallbackReason.IVR_REQUEST, "+8613800138000",
                MONDAY_10.plus(Duration.ofMinutes(3))).forRecord(consultation, Optional.of(customerId)), Optional.empty());
        assertThat(asked.merged()).as("asked for about the same record: one purpose, reaching the customer about it").isTrue();
    }

    @Test
    void failedTriesAreRetriedByPolicyUntilTheAttemptsRunOut() {
        long id = desk.scheduleCallback(NewCallback.of(CallbackReason.IVR_REQUEST, "+8613900000010", MONDAY_10), Optional.empty())
                .callbackId();
        var first = desk.callbackTried(id, CallOutcome.NO_ANSWER, Optional.of(1L), Optional.empty());
        assertThat(first.retryAt()).contains(MONDAY_10.plus(Duration.ofMinutes(30)));
        var second = desk.callbackTried(id, CallOutcome.BUSY, Optional.of(1L), Optional.empty());
        assertThat(second.retryAt()).contains(MONDAY_10.plus(Duration.ofMinutes(10)));
        var third = desk.callbackTried(id, CallOutcome.NO_ANSWER, Optional.of(1L), Optional.empty());
        assertThat(third.done()).isTrue();
        assertThat(third.callback().getStatus()).isEqualTo("failed");
        assertThat(third.callback().getAttempts()).isEqualTo(3);
        assertThatThrownBy(() -> desk.callbackTried(id, CallOutcome.ANSWERED, Optional.empty(), Optional.empty()))
                .hasMessageContaining("its tries are over");
    }

    @Test
    void aRetryThatWouldFallAfterTheWindowExpiresTheCallback() {
        long id = desk.scheduleCallback(NewCallback.of(CallbackReason.IVR_REQUEST, "+8613900000011", MONDAY_10)
                .within(Optional.empty(), Optional.of(MONDAY_10.plus(Duration.ofMinutes(15)))), Optional.empty()).callbackId();
        var after = desk.callbackTried(id, CallOutcome.NO_ANSWER, Optional.empty(), Optional.empty());
        assertThat(after.callback().getStatus()).isEqualTo("expired");
    }

    @Test
    void aFirstContactCallbackThatConnectsStopsTheFirstContactClock() {
        ContactRecord record = desk.createRecord(repair(), Actor.ivr());
        long callbackId = db.select(CALLBACK.ID).from(CALLBACK).where(CALLBACK.RECORD_ID.eq(record.id())).fetchOne(CALLBACK.ID);
        clock.advance(Duration.ofMinutes(12));

        desk.callbackTried(callbackId, CallOutcome.ANSWERED, Optional.of(1L), Optional.empty());

        assertThat(clockState(record.id(), "first-contact")).isEqualTo("met");
        assertThat(db.select(CONTACT_RECORD.FIRST_CONTACT_AT).from(CONTACT_RECORD).where(CONTACT_RECORD.ID.eq(record.id()))
                .fetchOne().value1().toInstant()).isEqualTo(MONDAY_10.plus(Duration.ofMinutes(12)));
        assertThat(db.selectFrom(CALLBACK).where(CALLBACK.ID.eq(callbackId)).fetchSingle().getStatus()).isEqualTo("done");
    }

    @Test
    void aDeadlineExtendedWithTheCustomersAgreementMovesAndIsAudited() {
        ContactRecord record = desk.createRecord(repair(), Actor.ivr());
        desk.extendDeadline(record.id(), "repair-done", "parts", AGENT, "compressor on order; customer agreed");
        assertThat(deadline(record.id(), "repair-done")).isEqualTo(LocalDateTime.parse("2026-12-02T10:00").atZone(SHANGHAI).toInstant());
        assertThat(db.fetchCount(RECORD_EVENT, RECORD_EVENT.RECORD_ID.eq(record.id()).and(RECORD_EVENT.EVENT_TYPE.eq("deadline_extended"))))
                .isEqualTo(1);
    }

    private static NewRecord repair() {
        return NewRecord.of(RecordType.REPAIR).withCustomer(customerId, "+8613800138000");
    }

    private static long asset(LocalDate purchased, LocalDate warrantyEnds, Long contract) {
        long model = db.insertInto(PRODUCT_MODEL, PRODUCT_MODEL.CODE, PRODUCT_MODEL.NAME, PRODUCT_MODEL.DEFAULT_WARRANTY_MONTHS)
                .values("M-" + System.nanoTime(), "空调", 12).returning(PRODUCT_MODEL.ID).fetchOne(PRODUCT_MODEL.ID);
        return db.insertInto(ASSET, ASSET.CUSTOMER_ID, ASSET.PRODUCT_MODEL_ID, ASSET.MODEL, ASSET.PURCHASED_ON,
                        ASSET.WARRANTY_ENDS_ON, ASSET.CONTRACT_ID)
                .values(customerId, model, "KFR-35GW", purchased, warrantyEnds, contract).returning(ASSET.ID).fetchOne(ASSET.ID);
    }

    private static Instant deadline(long recordId, String milestone) {
        return db.select(SLA_CLOCK.DEADLINE_AT).from(SLA_CLOCK)
                .where(SLA_CLOCK.RECORD_ID.eq(recordId).and(SLA_CLOCK.MILESTONE_CODE.eq(milestone))).fetchOne().value1().toInstant();
    }

    private static String clockState(long recordId, String milestone) {
        return db.select(SLA_CLOCK.STATE).from(SLA_CLOCK)
                .where(SLA_CLOCK.RECORD_ID.eq(recordId).and(SLA_CLOCK.MILESTONE_CODE.eq(milestone))).fetchOne(SLA_CLOCK.STATE);
    }

}
