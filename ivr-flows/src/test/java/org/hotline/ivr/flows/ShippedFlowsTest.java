package org.hotline.ivr.flows;

import com.zaxxer.hikari.HikariDataSource;
import org.hotline.desk.testing.MutableClock;
import org.hotline.desk.testing.TestDatabase;
import org.hotline.ivr.engine.Outcome;
import org.hotline.ivr.engine.SessionResult;
import org.hotline.ivr.testkit.FlowTestKit;
import org.hotline.ivr.testkit.ScriptedCaller;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotline.ivr.flows.Customers.KEY_CUSTOMER;
import static org.hotline.ivr.flows.Customers.SERIAL_OF_ZHANG_SAN;
import static org.hotline.ivr.flows.Customers.STRANGER;
import static org.hotline.ivr.flows.Customers.ZHANG_SAN;
import static org.hotline.schema.jooq.Tables.CALLBACK;
import static org.hotline.schema.jooq.Tables.CONTACT_RECORD;
import static org.hotline.schema.jooq.Tables.IVR_SESSION;
import static org.hotline.schema.jooq.Tables.SLA_CLOCK;

/** The flows Hotline ships, run through the test kit against the real service desk. */
class ShippedFlowsTest {

    /** Monday 2026-11-23 10:00 in Shanghai: the office is open. */
    static final Instant MONDAY_MORNING = Instant.parse("2026-11-23T02:00:00Z");
    /** Sunday 2026-11-22 20:00 in Shanghai: closed until Monday 09:00 (01:00Z). */
    static final Instant SUNDAY_EVENING = Instant.parse("2026-11-22T12:00:00Z");

    static TestDatabase database;
    static HikariDataSource pool;
    static Customers customers;
    final MutableClock clock = new MutableClock(MONDAY_MORNING);
    Duration expectedWait = Duration.ZERO;
    FlowTestKit kit;

    @BeforeAll
    static void startDatabase() {
        database = TestDatabase.start();
        pool = database.pool("flows", 4);
        customers = Customers.create(database.dsl());
    }

    @AfterAll
    static void stopDatabase() {
        pool.close();
        database.close();
    }

    @BeforeEach
    void kit() {
        // every test starts with no callbacks and no open records (records stay: their audit trail is append-only)
        database.dsl().execute("DELETE FROM callback_attempt; DELETE FROM callback; UPDATE contact_record SET status = 'closed'");
        kit = FlowTestKit.shipped(pool, clock, queue -> CompletableFuture.completedFuture(expectedWait));
    }

    DSLContext db() {
        return database.dsl();
    }

    @Test
    void aKnownCallerReportsARepairOnOneOfTheirProductsAndIsQueuedWithTheRecord() {
        ScriptedCaller caller = ScriptedCaller.calling("hotline", ZHANG_SAN, "1", "2");

        SessionResult result = kit.run(caller);

        assertThat(result.outcome()).isEqualTo(Outcome.QUEUED);
        assertThat(result.path()).containsSubsequence("greeting", "lookup", "opening-hours", "main-menu", "repair", "pick-product",
                "create-record", "route", "expected-wait", "queue-service");
        long recordId = result.recordsCreated().getFirst();
        var record = db().selectFrom(CONTACT_RECORD).where(CONTACT_RECORD.ID.eq(recordId)).fetchOne();
        assertThat(record.getType()).isEqualTo("repair");
        assertThat(record.getChannel()).isEqualTo("ivr");
        assertThat(record.getCustomerId()).isEqualTo(customers.zhangSan);
        assertThat(record.getAssetId()).as("key 2: the second product read out, the fridge").isEqualTo(customers.fridge);
        assertThat(record.getPhone()).isEqualTo("+86" + ZHANG_SAN);
        assertThat(db().fetchCount(SLA_CLOCK, SLA_CLOCK.RECORD_ID.eq(recordId))).as("its SLA clocks").isPositive();
        assertThat(db().fetchCount(CALLBACK, CALLBACK.RECORD_ID.eq(recordId).and(CALLBACK.REASON.eq("first_contact"))))
                .as("its first-contact callback").isEqualTo(1);
        assertThat(caller.variables()).containsEntry("HOTLINE_ACTION", "queue").containsEntry("HOTLINE_QUEUE", "service")
                .containsEntry("QUEUE_PRIO", "0").containsEntry("HOTLINE_INTENT", "repair")
                .containsEntry("HOTLINE_RECORD_ID", String.valueOf(recordId))
                .containsEntry("HOTLINE_CUSTOMER_ID", String.valueOf(customers.zhangSan))
                .containsEntry("HOTLINE_IVR_SESSION_ID", String.valueOf(result.sessionId()));
        assertThat(caller.transcript()).as("the products are read out by key and the serial's last digits")
                .containsSubsequence("say digits 1", "play hotline/product-item", "say digits 6666",
                        "say digits 2", "play hotline/product-item", "say digits 1234", "wait for key -> 2");
        assertThat(caller.transcript()).as("the caller hears the new record's number")
                .contains("say digits " + record.getNumber().replaceAll("[^0-9]", ""));

        Record session = db().selectFrom(IVR_SESSION).where(IVR_SESSION.ID.eq(result.sessionId())).fetchOne();
        assertThat(session.get(IVR_SESSION.OUTCOME)).isEqualTo("queued");
        assertThat(session.get(IVR_SESSION.RECORD_ID)).isEqualTo(recordId);
        assertThat(session.get(IVR_SESSION.CUSTOMER_ID)).isEqualTo(customers.zhangSan);
        assertThat(session.get(IVR_SESSION.PATH)).startsWith("greeting", "lookup").endsWith("queue-service");
        assertThat(session.get(IVR_SESSION.INPUTS).data()).contains("\"node\": \"main-menu\", \"digits\": \"1\"")
                .contains("\"node\": \"pick-product\", \"digits\": \"2\"");
        assertThat(session.get(IVR_SESSION.VARIABLES).data()).contains("\"HOTLINE_QUEUE\": \"service\"");
        assertThat(session.get(IVR_SESSION.ENDED_AT)).isNotNull();
    }

    @Test
    void anUnknownCallerKeysASerialAndTheProductsOwnerBecomesTheCustomer() {
        ScriptedCaller caller = ScriptedCaller.calling("hotline", STRANGER, "2", SERIAL_OF_ZHANG_SAN + "#");

        SessionResult result = kit.run(caller);

        assertThat(result.path()).containsSubsequence("installation", "which-product", "ask-serial", "find-serial", "create-record");
        var record = db().selectFrom(CONTACT_RECORD).where(CONTACT_RECORD.ID.eq(result.recordsCreated().getFirst())).fetchOne();
        assertThat(record.getType()).isEqualTo("installation");
        assertThat(record.getAssetId()).isEqualTo(customers.washer);
        assertThat(record.getCustomerId()).isEqualTo(customers.zhangSan);
        assertThat(record.getPhone()).as("called back on the number they called from").isEqualTo("+86" + STRANGER);
    }

    @Test
    void aSerialThatIsNotKnownStillMakesTheRecordWithTheSerialInItsSummary() {
        SessionResult result = kit.run(ScriptedCaller.calling("hotline", STRANGER, "1", "55501234#"));

        var record = db().selectFrom(CONTACT_RECORD).where(CONTACT_RECORD.ID.eq(result.recordsCreated().getFirst())).fetchOne();
        assertThat(record.getAssetId()).isNull();
        assertThat(record.getSummary()).isEqualTo("IVR repair, serial 55501234");
        assertThat(result.outcome()).isEqualTo(Outcome.QUEUED);
    }

    @Test
    void aComplaintMakesAComplaintRecordAndGoesToTheComplaintQueueWithAHigherPriority() {
        ScriptedCaller caller = ScriptedCaller.calling("hotline", STRANGER, "3");

        SessionResult result = kit.run(caller);

        var record = db().selectFrom(CONTACT_RECORD).where(CONTACT_RECORD.ID.eq(result.recordsCreated().getFirst())).fetchOne();
        assertThat(record.getType()).isEqualTo("complaint");
        assertThat(caller.variables()).containsEntry("HOTLINE_QUEUE", "complaint").containsEntry("QUEUE_PRIO", "5")
                .containsEntry("HOTLINE_INTENT", "complaint");
    }

    @Test
    void aKeyCustomerJumpsTheQueue() {
        ScriptedCaller caller = ScriptedCaller.calling("hotline", KEY_CUSTOMER, "4");

        kit.run(caller);

        assertThat(caller.variables()).containsEntry("HOTLINE_QUEUE", "service").containsEntry("QUEUE_PRIO", "10")
                .containsEntry("HOTLINE_INTENT", "consultation").containsEntry("HOTLINE_KEY_CUSTOMER", "true");
    }

    @Test
    void aCallerWithAnOpenRecordHearsItsNumberAndStatusAndReachesItDirectly() {
        SessionResult first = kit.run(ScriptedCaller.calling("hotline", KEY_CUSTOMER, "1", ""));
        long recordId = first.recordsCreated().getFirst();
        String number = db().select(CONTACT_RECORD.NUMBER).from(CONTACT_RECORD).where(CONTACT_RECORD.ID.eq(recordId)).fetchOne().value1();
        ScriptedCaller again = ScriptedCaller.calling("hotline", KEY_CUSTOMER, "1");

        SessionResult result = kit.run(again);

        assertThat(result.path()).containsSubsequence("has-open-record", "tell-record", "say-record-number", "record-status",
                "status-registered", "open-record-menu", "about-record", "route", "queue-first");
        assertThat(again.transcript()).containsSubsequence("play hotline/your-record", "say digits " + number.replaceAll("[^0-9]", ""),
                "play hotline/status-registered");
        assertThat(again.variables()).containsEntry("HOTLINE_RECORD_ID", String.valueOf(recordId))
                .containsEntry("HOTLINE_INTENT", "follow_up");
        assertThat(result.recordsCreated()).as("no second record").isEmpty();
        assertThat(db().select(IVR_SESSION.RECORD_ID).from(IVR_SESSION).where(IVR_SESSION.ID.eq(result.sessionId())).fetchOne().value1())
                .as("the session names the record it found").isEqualTo(recordId);
    }

    @Test
    void aCallerWhoKnowsTheKeysNeedNotHearTheListsOut() {
        SessionResult first = kit.run(ScriptedCaller.calling("hotline", KEY_CUSTOMER, "1", ""));
        String number = db().select(CONTACT_RECORD.NUMBER).from(CONTACT_RECORD)
                .where(CONTACT_RECORD.ID.eq(first.recordsCreated().getFirst())).fetchOne().value1().replaceAll("[^0-9]", "");
        ScriptedCaller again = ScriptedCaller.calling("hotline", KEY_CUSTOMER, "1").bargingIn();

        SessionResult result = kit.run(again);

        assertThat(again.transcript()).as("1 pressed during 'your record': the number, the status and the menu are not played")
                .contains("play hotline/your-record -> 1").doesNotContain("say digits " + number, "play hotline/status-registered")
                .noneMatch(line -> line.startsWith("read hotline/open-record-menu"));
        assertThat(result.path()).containsSubsequence("tell-record", "open-record-menu", "about-record", "route");
        assertThat(again.variables()).containsEntry("HOTLINE_INTENT", "follow_up");

        ScriptedCaller repair = ScriptedCaller.calling("hotline", ZHANG_SAN, "1", "2").bargingIn();
        SessionResult repaired = kit.run(repair);
        assertThat(repair.transcript()).as("2 pressed as the product list starts: the list stops there")
                .contains("play hotline/choose-product -> 2").doesNotContain("say digits 1", "say digits 6666")
                .noneMatch(line -> line.startsWith("wait for key"));
        assertThat(db().select(CONTACT_RECORD.ASSET_ID).from(CONTACT_RECORD)
                .where(CONTACT_RECORD.ID.eq(repaired.recordsCreated().getFirst())).fetchOne().value1()).isEqualTo(customers.fridge);
        assertThat(db().select(IVR_SESSION.INPUTS).from(IVR_SESSION).where(IVR_SESSION.ID.eq(repaired.sessionId())).fetchOne().value1()
                .data()).as("the key is stored for the node that took it").contains("\"node\": \"pick-product\", \"digits\": \"2\"");
    }

    @Test
    void aCallbackRequestedInAWindowIsDueWhenTheWindowOpens() {
        ScriptedCaller caller = ScriptedCaller.calling("hotline", ZHANG_SAN, "6", "1", "3");

        SessionResult result = kit.run(caller);

        assertThat(result.outcome()).isEqualTo(Outcome.CALLBACK);
        var callback = db().selectFrom(CALLBACK).where(CALLBACK.ID.eq(result.callbacksScheduled().getFirst())).fetchOne();
        assertThat(callback.getReason()).isEqualTo("ivr_request");
        assertThat(callback.getPhone()).isEqualTo("+86" + ZHANG_SAN);
        assertThat(callback.getCustomerId()).isEqualTo(customers.zhangSan);
        assertThat(callback.getDueAt()).as("14:00 in Shanghai").isEqualTo(OffsetDateTime.parse("2026-11-23T06:00:00Z"));
        assertThat(callback.getNotAfter()).isEqualTo(OffsetDateTime.parse("2026-11-23T10:00:00Z"));
        assertThat(caller.transcript()).containsSubsequence("say digits " + ZHANG_SAN, "read hotline/callback-confirm -> 1",
                "read hotline/callback-window -> 3", "play hotline/callback-booked", "play hotline/goodbye", "hangup");
        assertThat(caller.variables()).containsEntry("HOTLINE_ACTION", "hangup");
    }

    @Test
    void aCallerCanGiveAnotherNumberForTheCallback() {
        SessionResult result = kit.run(ScriptedCaller.calling("hotline", ZHANG_SAN, "6", "2", "02112345678#", "1"));

        var callback = db().selectFrom(CALLBACK).where(CALLBACK.ID.eq(result.callbacksScheduled().getFirst())).fetchOne();
        assertThat(callback.getPhone()).isEqualTo("+862112345678");
        assertThat(callback.getDueAt().toInstant()).isEqualTo(MONDAY_MORNING);
    }

    @Test
    void aCallbackNumberTheDiallingPolicyRefusesIsNotTakenAndAnotherIsAskedFor() {
        // +882 (international networks) and a premium-rate number are toll fraud's favourites
        SessionResult result = kit.run(ScriptedCaller.calling("hotline", ZHANG_SAN, "6", "2", "0088216123456#", "02112345678#", "1"));
        assertThat(db().select(CALLBACK.PHONE).from(CALLBACK).where(CALLBACK.ID.in(result.callbacksScheduled())).fetch(CALLBACK.PHONE))
                .containsExactly("+862112345678");

        SessionResult refused = kit.run(ScriptedCaller.calling("hotline", ZHANG_SAN, "6", "2", "00449098790123#", "0088216123456#"));
        assertThat(refused.callbacksScheduled()).isEmpty();
        assertThat(db().fetchCount(CALLBACK, CALLBACK.PHONE.in("+449098790123", "+88216123456"))).isZero();
    }

    @Test
    void aLongWaitOffersACallbackInsteadOfQueueing() {
        expectedWait = Duration.ofMinutes(6);
        ScriptedCaller caller = ScriptedCaller.calling("hotline", STRANGER, "4", "1", "1");

        SessionResult result = kit.run(caller);

        assertThat(result.path()).containsSubsequence("consultation", "create-record", "expected-wait", "long-wait", "offer-to-call-back",
                "wait-callback", "goodbye");
        // every contact registered: the consultation has its record in opening hours too, and the callback is about it
        var record = db().selectFrom(CONTACT_RECORD).where(CONTACT_RECORD.ID.eq(result.recordsCreated().getFirst())).fetchOne();
        assertThat(record.getType()).isEqualTo("consultation");
        var callback = db().selectFrom(CALLBACK).where(CALLBACK.ID.eq(result.callbacksScheduled().getLast())).fetchOne();
        assertThat(callback.getRecordId()).isEqualTo(record.getId());
        assertThat(callback.getReason()).as("one callback to reach them about it: virtual hold, merged into its first contact")
                .isIn("virtual_hold", "first_contact");
        assertThat(db().fetchCount(CALLBACK, CALLBACK.RECORD_ID.eq(record.getId()).and(CALLBACK.STATUS.eq("pending")))).isEqualTo(1);
        assertThat(caller.variables()).doesNotContainKey("HOTLINE_QUEUE");
    }

    @Test
    void outOfHoursTheCallerLeavesARepairAndIsCalledBackAtTheNextOpening() {
        clock.set(SUNDAY_EVENING);
        ScriptedCaller caller = ScriptedCaller.calling("hotline", ZHANG_SAN, "1", SERIAL_OF_ZHANG_SAN + "#", "1");

        SessionResult result = kit.run(caller);

        assertThat(result.path()).containsSubsequence("opening-hours", "closed", "out-of-hours:closed-greeting", "out-of-hours:menu",
                "out-of-hours:create-record", "out-of-hours:callback", "out-of-hours:goodbye");
        assertThat(result.outcome()).isEqualTo(Outcome.CALLBACK);
        var record = db().selectFrom(CONTACT_RECORD).where(CONTACT_RECORD.ID.eq(result.recordsCreated().getFirst())).fetchOne();
        assertThat(record.getAssetId()).isEqualTo(customers.washer);
        var callback = db().selectFrom(CALLBACK).where(CALLBACK.ID.eq(result.callbacksScheduled().getFirst())).fetchOne();
        assertThat(callback.getReason()).as("merged with the record's first-contact callback, or its own").isIn("out_of_hours", "first_contact");
        assertThat(callback.getDueAt()).as("Monday 09:00 in Shanghai").isEqualTo(OffsetDateTime.parse("2026-11-23T01:00:00Z"));
    }

    @Test
    void virtualHoldKeepsACallbackWhenTheWaitIsLong() {
        expectedWait = Duration.ofMinutes(5);
        ScriptedCaller caller = ScriptedCaller.calling("virtual-hold", ZHANG_SAN, "1")
                .withArguments(Map.of("queue", "service", "priority", "0", "customer", String.valueOf(customers.zhangSan)));

        SessionResult result = kit.run(caller);

        assertThat(result.outcome()).isEqualTo(Outcome.CALLBACK);
        var callback = db().selectFrom(CALLBACK).where(CALLBACK.ID.eq(result.callbacksScheduled().getFirst())).fetchOne();
        assertThat(callback.getReason()).isEqualTo("virtual_hold");
        assertThat(callback.getCustomerId()).isEqualTo(customers.zhangSan);
        assertThat(caller.transcript()).endsWith("hangup");
    }

    @Test
    void virtualHoldSendsTheCallerBackToTheQueueWhenTheWaitIsShort() {
        expectedWait = Duration.ofSeconds(30);
        ScriptedCaller caller = ScriptedCaller.calling("virtual-hold", ZHANG_SAN)
                .withArguments(Map.of("queue", "complaint", "priority", "5"));

        SessionResult result = kit.run(caller);

        assertThat(result.path()).containsSubsequence("long-enough", "short-wait", "back-to-queue");
        assertThat(caller.variables()).containsEntry("HOTLINE_QUEUE", "complaint").containsEntry("QUEUE_PRIO", "5");
        assertThat(result.callbacksScheduled()).isEmpty();
    }
}
