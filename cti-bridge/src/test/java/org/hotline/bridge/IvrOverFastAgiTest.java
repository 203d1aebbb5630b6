package org.hotline.bridge;

import org.hotline.pbxsim.PbxSim;

import com.zaxxer.hikari.HikariDataSource;
import org.hotline.bridge.agi.AgiFlows;
import org.hotline.bridge.agi.AgiServer;
import org.hotline.bridge.ami.client.AmiSettings;
import org.hotline.bridge.queues.QueueWaitEstimate;
import org.hotline.desk.ServiceDesk;
import org.hotline.desk.ShippedRules;
import org.hotline.desk.settings.DeskSettings;
import org.hotline.desk.sla.SlaPolicies;
import org.hotline.desk.testing.MutableClock;
import org.hotline.desk.testing.TestDatabase;
import org.hotline.ivr.engine.FlowEngine;
import org.hotline.ivr.load.FlowLibrary;
import org.hotline.ivr.services.DeskFlowServices;
import org.hotline.ivr.services.QueueWaits;
import org.hotline.pbxsim.agi.AgiCall;
import org.hotline.pbxsim.agi.AgiCallScript;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotline.schema.jooq.Tables.ASSET;
import static org.hotline.schema.jooq.Tables.CALLBACK;
import static org.hotline.schema.jooq.Tables.CONTACT_RECORD;
import static org.hotline.schema.jooq.Tables.CUSTOMER;
import static org.hotline.schema.jooq.Tables.CUSTOMER_PHONE;
import static org.hotline.schema.jooq.Tables.IVR_SESSION;

/** The shipped flows end to end: pbx-sim's Asterisk side over TCP, the FastAGI server, the engine, the real service desk. */
class IvrOverFastAgiTest {

    static final AtomicInteger CALLS = new AtomicInteger(100);
    static TestDatabase database;
    static HikariDataSource pool;
    static ExecutorService executor;
    static org.hotline.desk.writes.WriteQueue writes;
    static FlowLibrary library;
    static final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T02:00:00Z")); // Monday 10:00 in Shanghai
    static long customer;

    @BeforeAll
    static void start() {
        database = TestDatabase.start();
        pool = database.pool("ivr", 4);
        executor = Executors.newVirtualThreadPerTaskExecutor();
        writes = new org.hotline.desk.writes.WriteQueue("ivr-writes", 1000);
        SlaPolicies policies = ShippedRules.slaPolicies(Optional.empty());
        library = FlowLibrary.shipped(policies.calendarNames());
        customer = database.dsl().insertInto(CUSTOMER, CUSTOMER.NAME).values("张三").returning(CUSTOMER.ID).fetchOne(CUSTOMER.ID);
        database.dsl().insertInto(CUSTOMER_PHONE, CUSTOMER_PHONE.CUSTOMER_ID, CUSTOMER_PHONE.NUMBER).values(customer, "+8613800138000").execute();
        database.dsl().insertInto(ASSET, ASSET.CUSTOMER_ID, ASSET.MODEL, ASSET.SERIAL_NUMBER).values(customer, "WM-800", "88886666").execute();
    }

    @AfterAll
    static void stop() {
        executor.shutdown();
        writes.close();
        pool.close();
        database.close();
    }

    AgiServer server(QueueWaits waits) throws InterruptedException {
        SlaPolicies policies = ShippedRules.slaPolicies(Optional.empty());
        DeskSettings settings = ShippedRules.deskSettings(Optional.empty());
        DeskFlowServices services = new DeskFlowServices(new ServiceDesk(pool, policies, settings, clock), pool, policies, settings,
                waits, executor, writes, clock);
        FlowEngine engine = new FlowEngine(services, library::flow, clock);
        return new AgiServer("127.0.0.1", 0, new AgiFlows(library, engine, session -> "pbx-a"), Duration.ofSeconds(30));
    }

    static AgiCallScript caller(String flow, String number) {
        return AgiCallScript.call(flow, "1795357200." + CALLS.incrementAndGet(), number);
    }

    @Test
    void aRepairCallCreatesItsRecordAndHandsTheQueueItsContext() throws Exception {
        database.dsl().execute("UPDATE contact_record SET status = 'closed'");
        AgiCallScript call = caller("hotline", "13800138000").pressing("1", "1");
        try (AgiServer server = server(QueueWaits.none())) {
            List<String> exchange = new AgiCall(call).run("127.0.0.1", server.port());

            var session = database.dsl().selectFrom(IVR_SESSION).where(IVR_SESSION.UNIQUEID.eq(call.uniqueid())).fetchOne();
            var record = database.dsl().selectFrom(CONTACT_RECORD).where(CONTACT_RECORD.ID.eq(session.getRecordId())).fetchOne();
            assertThat(record.getType()).isEqualTo("repair");
            assertThat(record.getAssetId()).as("the product picked by key 1").isNotNull();
            assertThat(exchange).containsSubsequence("> ANSWER", "< 200 result=0", "> STREAM FILE hotline/welcome \"\"",
                    "> GET DATA hotline/main-menu 6000 1", "< 200 result=1", "> WAIT FOR DIGIT 5000", "< 200 result=49",
                    "> SET VARIABLE HOTLINE_QUEUE \"service\"", "> SET VARIABLE HOTLINE_RECORD_ID \"" + record.getId() + "\"",
                    "> SET VARIABLE HOTLINE_ACTION \"queue\"");
            assertThat(exchange.getLast()).as("the flow is done: the server closes, the dialplan goes on").startsWith("< 200");
            assertThat(session.getAsteriskServer()).isEqualTo("pbx-a");
            assertThat(session.getOutcome()).isEqualTo("queued");
            assertThat(session.getCallerNumber()).isEqualTo("+8613800138000");
        }
    }

    /**
     * Virtual hold as the shipped dialplan plays it: a caller waiting in the queue presses 1, the
     * exit context runs the virtual-hold flow on their channel, the wait is long, they keep a
     * callback (1 confirms their number) and hang up. The call is a callback booked, not an
     * abandoned call; no abandon is counted and the callback is named on the call.
     */
    @Test
    void aCallerWhoTakesVirtualHoldIsACallbackBookedNotAnAbandon() throws Exception {
        List<org.hotline.bridge.ami.wire.AmiMessage> sent = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (AgiServer server = server(queue -> java.util.concurrent.CompletableFuture.completedFuture(Duration.ofMinutes(5)));
             PbxSim pbx = new PbxSim(0, Map.of("hotline", "s3cret")).watchingEmits(f -> sent.add(Frames.message(f)));
             var calls = new org.hotline.pbxsim.scenario.ScriptedCalls(pbx).withFastAgi("127.0.0.1", server.port())) {
            var waiting = new org.hotline.pbxsim.scenario.CallScript("13800138000", "Zhang San", "service", Duration.ofSeconds(30),
                    Duration.ofSeconds(5), List.of()).takingVirtualHold(Duration.ofMillis(200), caller("virtual-hold", "unused").pressing("1"));
            String linkedid = calls.start(waiting);

            Await.until(() -> sent.stream().anyMatch(e -> e.getOrEmpty("Event").equals("Hangup")
                    && e.getOrEmpty("Linkedid").equals(linkedid) && e.getOrEmpty("Uniqueid").equals(linkedid)));
            List<org.hotline.events.CallEvent> events = new java.util.ArrayList<>();
            var tracker = new org.hotline.bridge.calls.CallTracker("pbx-a", Clock.systemUTC(), events::add);
            sent.forEach(tracker::on);
            assertThat(events).noneMatch(org.hotline.events.CallEvent.Abandoned.class::isInstance);
            var ended = (org.hotline.events.CallEvent.Ended) events.getLast();
            assertThat(ended.outcome()).isEqualTo(org.hotline.events.CallOutcome.CALLBACK_REQUESTED);
            long callback = Long.parseLong(ended.variables().get("HOTLINE_CALLBACK_ID"));
            assertThat(database.dsl().fetchValue("SELECT reason FROM callback WHERE id = " + callback)).isEqualTo("virtual_hold");
        }
    }

    /**
     * A caller who knows the keys presses 1 as the product list starts: Asterisk stops the prompt
     * (STREAM FILE with escape digits answers the key's code) and the list goes no further.
     */
    @Test
    void theProductListStopsAtTheKeyOfACallerWhoKnowsIt() throws Exception {
        database.dsl().execute("UPDATE contact_record SET status = 'closed'");
        AgiCallScript call = caller("hotline", "13800138000").pressing("1", "1").bargingIn();
        try (AgiServer server = server(QueueWaits.none())) {
            List<String> exchange = new AgiCall(call).run("127.0.0.1", server.port());

            assertThat(exchange).containsSubsequence("> STREAM FILE hotline/welcome \"\"", "> GET DATA hotline/main-menu 6000 1",
                    "< 200 result=1", "> STREAM FILE hotline/choose-product \"0123456789*#\"", "< 200 result=49 endpos=1200",
                    "> SET VARIABLE HOTLINE_ACTION \"queue\"");
            assertThat(exchange).noneMatch(line -> line.startsWith("> SAY DIGITS 1 ") || line.startsWith("> WAIT FOR DIGIT"));
            var session = database.dsl().selectFrom(IVR_SESSION).where(IVR_SESSION.UNIQUEID.eq(call.uniqueid())).fetchOne();
            assertThat(database.dsl().selectFrom(CONTACT_RECORD).where(CONTACT_RECORD.ID.eq(session.getRecordId())).fetchOne()
                    .getAssetId()).as("the product of key 1").isNotNull();
        }
    }

    /**
     * One call as Asterisk plays it in trace 06: the caller's channel runs the flow over FastAGI,
     * then joins the queue the flow named, its events carrying what the flow handed on.
     */
    @Test
    void aCallThroughTheIvrJoinsTheQueueCarryingTheIvrContextOnItsEvents() throws Exception {
        database.dsl().execute("UPDATE contact_record SET status = 'closed'");
        List<org.hotline.bridge.ami.wire.AmiMessage> sent = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (AgiServer server = server(QueueWaits.none());
             PbxSim pbx = new PbxSim(0, Map.of("hotline", "s3cret")).watchingEmits(f -> sent.add(Frames.message(f)));
             var calls = new org.hotline.pbxsim.scenario.ScriptedCalls(pbx)) {
            var queueCall = new org.hotline.pbxsim.scenario.CallScript("13800138000", "Zhang San", "fallback", Duration.ofSeconds(10),
                    Duration.ofSeconds(5), List.of(org.hotline.pbxsim.scenario.AgentScript.answering("Local/1001@agents/n", "Agent 1001",
                    Duration.ofMillis(50), Duration.ofMillis(50))));

            var passage = calls.startThroughIvr("127.0.0.1", server.port(), caller("hotline", "ignored").pressing("1", "1"), queueCall)
                    .get(10, java.util.concurrent.TimeUnit.SECONDS);

            var session = database.dsl().selectFrom(IVR_SESSION).where(IVR_SESSION.UNIQUEID.eq(passage.uniqueid())).fetchOne();
            assertThat(session).as("the session runs on the caller's channel").isNotNull();
            assertThat(session.getCallerNumber()).isEqualTo("+8613800138000");
            assertThat(passage.queued()).isTrue();
            List<org.hotline.events.CallEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
            Await.until(() -> sent.stream().anyMatch(e -> e.getOrEmpty("Event").equals("AgentComplete")));
            var tracker = new org.hotline.bridge.calls.CallTracker("pbx-a", Clock.systemUTC(), events::add);
            sent.forEach(tracker::on);
            assertThat(events.stream().<Class<?>>map(Object::getClass).toList()).containsSubsequence(
                    org.hotline.events.CallEvent.Offered.class, org.hotline.events.CallEvent.IvrLeft.class,
                    org.hotline.events.CallEvent.QueueJoined.class, org.hotline.events.CallEvent.AgentRinging.class,
                    org.hotline.events.CallEvent.Answered.class);
            var joined = events.stream().filter(org.hotline.events.CallEvent.QueueJoined.class::isInstance).findFirst()
                    .orElseThrow();
            assertThat(joined.linkedid()).isEqualTo(passage.linkedid());
            assertThat(Payloads.of(joined).get("queue")).as("the queue the flow chose").isEqualTo("service");
            @SuppressWarnings("unchecked") Map<String, String> variables = (Map<String, String>) Payloads.of(joined).get("variables");
            assertThat(variables).containsEntry("HOTLINE_RECORD_ID", String.valueOf(session.getRecordId()))
                    .containsEntry("HOTLINE_IVR_SESSION_ID", String.valueOf(session.getId()))
                    .containsEntry("HOTLINE_CUSTOMER_ID", String.valueOf(customer));
        }
    }

    @Test
    void aCallerWhoHangsUpDuringTheMenuEndsTheFlowAndTheSessionSaysSo() throws Exception {
        AgiCallScript call = caller("hotline", "13900139000").hangingUpDuring(3);
        try (AgiServer server = server(QueueWaits.none())) {
            List<String> exchange = new AgiCall(call).run("127.0.0.1", server.port());

            assertThat(exchange).containsSubsequence("> GET DATA hotline/main-menu 6000 1", "< 200 result=-1", "< HANGUP");
            assertThat(exchange.stream().filter(l -> l.startsWith("> ")).count()).as("nothing sent after the hang-up").isEqualTo(3);
            Await.until(() -> database.dsl().fetchExists(IVR_SESSION, IVR_SESSION.UNIQUEID.eq(call.uniqueid()).and(IVR_SESSION.ENDED_AT.isNotNull())));
            var session = database.dsl().selectFrom(IVR_SESSION).where(IVR_SESSION.UNIQUEID.eq(call.uniqueid())).fetchOne();
            assertThat(session.getCallerHungUp()).isTrue();
            assertThat(session.getOutcome()).isEqualTo("caller_hung_up");
            assertThat(session.getPath()).containsExactly("greeting", "lookup", "has-open-record", "opening-hours", "main-menu");
        }
    }

    @Test
    void virtualHoldAsksAsteriskForTheWaitAndSendsAShortWaitBackToTheQueue() throws Exception {
        // trace 05's QueueSummary: one agent logged in, one caller, 8 s talk time: a short wait
        try (PbxSim pbx = new PbxSim(0, Map.of("hotline", "s3cret")).answerStatusAsRecorded();
             AmiBridge bridge = bridge(pbx);
             AgiServer server = server(new QueueWaitEstimate(() -> List.of(bridge), Duration.ofMinutes(3)))) {
            Await.until(() -> bridge.state() == AmiBridge.State.SYNCED);
            AgiCallScript call = caller("virtual-hold", "13800138000").withArguments("queue=service", "priority=0");

            List<String> exchange = new AgiCall(call).run("127.0.0.1", server.port());

            assertThat(exchange).containsSubsequence("> STREAM FILE hotline/wait-is-short \"\"", "> SET VARIABLE HOTLINE_QUEUE \"service\"",
                    "> SET VARIABLE HOTLINE_ACTION \"queue\"");
        }
    }

    @Test
    void virtualHoldKeepsACallbackWhenNobodyIsThereToAnswer() throws Exception {
        database.dsl().execute("DELETE FROM callback_attempt; DELETE FROM callback");
        // pbx-sim's live queue state (QueueSummary from its members and callers)
        try (PbxSim pbx = new PbxSim(0, Map.of("hotline", "s3cret"));
             AmiBridge bridge = bridge(pbx);
             AgiServer server = server(new QueueWaitEstimate(() -> List.of(bridge), Duration.ofMinutes(3)))) {
            Await.until(() -> bridge.state() == AmiBridge.State.SYNCED);
            // the only agent of the queue is at lunch: nobody to answer for a while
            bridge.agentCommands().login("service", "PJSIP/1001", "Agent 1001", 0).get();
            bridge.agentCommands().pause("PJSIP/1001", "lunch").get();
            AgiCallScript call = caller("virtual-hold", "13800138000").withArguments("queue=service", "priority=0",
                    "customer=" + customer).pressing("1");

            List<String> exchange = new AgiCall(call).run("127.0.0.1", server.port());

            assertThat(exchange).containsSubsequence("> SAY DIGITS 13800138000 \"\"", "> GET DATA hotline/callback-confirm 5000 1",
                    "> STREAM FILE hotline/callback-booked \"\"", "> HANGUP");
            var callback = database.dsl().selectFrom(CALLBACK).where(CALLBACK.PHONE.eq("+8613800138000")).fetchOne();
            assertThat(callback.getReason()).isEqualTo("virtual_hold");
            assertThat(callback.getCustomerId()).isEqualTo(customer);
        }
    }

    @Test
    void outOfHoursTheRequestAndItsCallbackAreTakenOverFastAgi() throws Exception {
        database.dsl().execute("UPDATE contact_record SET status = 'closed'; DELETE FROM callback_attempt; DELETE FROM callback");
        clock.set(Instant.parse("2026-11-22T12:00:00Z")); // Sunday 20:00 in Shanghai
        try (AgiServer server = server(QueueWaits.none())) {
            AgiCallScript call = caller("hotline", "13800138000").pressing("1", "88886666#", "1");

            List<String> exchange = new AgiCall(call).run("127.0.0.1", server.port());

            assertThat(exchange).containsSubsequence("> STREAM FILE hotline/closed \"\"", "> GET DATA hotline/closed-menu 6000 1",
                    "> GET DATA hotline/enter-serial 8000 20", "< 200 result=88886666", "> STREAM FILE hotline/record-created \"\"",
                    "> GET DATA hotline/callback-confirm 5000 1", "> SET VARIABLE HOTLINE_ACTION \"hangup\"", "> HANGUP");
            var session = database.dsl().selectFrom(IVR_SESSION).where(IVR_SESSION.UNIQUEID.eq(call.uniqueid())).fetchOne();
            assertThat(session.getOutcome()).isEqualTo("callback");
            // one callback for the caller: the one asked for, merged with the record's first-contact callback (one purpose:
            // reaching the customer about the record), which the desk makes due at the opening too (callbacks.open-hours)
            var callback = database.dsl().selectFrom(CALLBACK).where(CALLBACK.PHONE.eq("+8613800138000")).fetchOne();
            assertThat(callback.getRecordId()).isEqualTo(session.getRecordId());
            assertThat(callback.getDueAt().toInstant()).as("Monday 09:00 in Shanghai").isEqualTo(Instant.parse("2026-11-23T01:00:00Z"));
        } finally {
            clock.set(Instant.parse("2026-11-23T02:00:00Z"));
        }
    }

    @Test
    void theSurveyAfterACallStoresTheAnswersAgainstTheRecordOverFastAgi() throws Exception {
        database.dsl().execute("UPDATE contact_record SET status = 'closed'");
        try (AgiServer server = server(QueueWaits.none())) {
            AgiCallScript repair = caller("hotline", "13800138000").pressing("1", "1");
            new AgiCall(repair).run("127.0.0.1", server.port());
            long record = database.dsl().select(IVR_SESSION.RECORD_ID).from(IVR_SESSION).where(IVR_SESSION.UNIQUEID.eq(repair.uniqueid()))
                    .fetchOne().value1();
            AgiCallScript survey = caller("survey", "13800138000").withArguments("record=" + record, "kind=after-call").pressing("4", "2");

            List<String> exchange = new AgiCall(survey).run("127.0.0.1", server.port());

            assertThat(exchange).containsSubsequence("> GET DATA hotline/survey-satisfaction 6000 1", "< 200 result=4",
                    "> GET DATA hotline/survey-attitude 6000 1", "< 200 result=2", "> STREAM FILE hotline/survey-thanks \"\"", "> HANGUP");
            assertThat(database.dsl().fetchValue("SELECT string_agg(coalesce(a.score::text, a.level), ',' ORDER BY q.position) "
                    + "FROM survey_answer a JOIN survey_question q ON q.id = a.question_id JOIN survey_response r ON r.id = a.response_id "
                    + "WHERE r.record_id = " + record)).isEqualTo("4,good");
        }
    }

    /** Over the wire: the caller hangs up during each command of a repair call in turn. */
    @Test
    void aCallerHangingUpDuringAnyCommandEndsTheSessionCleanly() throws Exception {
        try (AgiServer server = server(QueueWaits.none())) {
            database.dsl().execute("UPDATE contact_record SET status = 'closed'");
            AgiCallScript whole = caller("hotline", "13600136000").pressing("1", "88886666#");
            int commands = (int) new AgiCall(whole).run("127.0.0.1", server.port()).stream().filter(l -> l.startsWith("> ")).count();
            for (int during = 1; during <= commands; during++) {
                database.dsl().execute("UPDATE contact_record SET status = 'closed'");
                AgiCallScript call = caller("hotline", "13600136000").pressing("1", "88886666#").hangingUpDuring(during);

                List<String> exchange = new AgiCall(call).run("127.0.0.1", server.port());

                int sent = (int) exchange.stream().filter(l -> l.startsWith("> ")).count();
                boolean last = during == commands;
                // a command may cross the HANGUP line on the wire (Asterisk answers it: 511, or 200 for the few that work
                // on a dead channel, as in agi-02); the flow stops there
                assertThat(sent).as("hung up during command %d: at most the one crossing the hang-up after it", during)
                        .isBetween(during, during + 1);
                Await.until(() -> database.dsl().fetchExists(IVR_SESSION, IVR_SESSION.UNIQUEID.eq(call.uniqueid())
                        .and(IVR_SESSION.ENDED_AT.isNotNull())));
                var session = database.dsl().selectFrom(IVR_SESSION).where(IVR_SESSION.UNIQUEID.eq(call.uniqueid())).fetchOne();
                if (last) {
                    // the flow's last command was answered: whether the HANGUP line is read before the session ends is a race
                    assertThat(session.getOutcome()).isIn("queued", "caller_hung_up");
                } else {
                    assertThat(session.getOutcome()).as("command %d", during).isEqualTo("caller_hung_up");
                }
                if (!last) {
                    assertThat(session.getCallerHungUp()).isTrue();
                }
            }
        }
    }

    @Test
    void aFlowThatDoesNotExistIsToldAndTheCallGoesOnInTheDialplan() throws Exception {
        try (AgiServer server = server(QueueWaits.none())) {
            List<String> exchange = new AgiCall(caller("hotlin", "13800138000")).run("127.0.0.1", server.port());
            assertThat(exchange.stream().filter(l -> !l.startsWith("< agi_") && !l.equals("< "))).containsExactly("> VERBOSE \"Hotline has no AGI script 'hotlin'\" 1", "< 200 result=1");
        }
    }

    private static AmiBridge bridge(PbxSim pbx) {
        return new AmiBridge(AmiSettings.of("pbx-a", "127.0.0.1", pbx.port(), "hotline", "s3cret")
                .withTimings(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMillis(100), Duration.ofSeconds(1)),
                Clock.systemUTC(), e -> { }, change -> { }, Duration.ZERO).start();
    }
}
