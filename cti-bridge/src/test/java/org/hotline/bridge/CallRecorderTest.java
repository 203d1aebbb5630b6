package org.hotline.bridge;

import org.hotline.pbxsim.AmiTrace;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.hotline.bridge.ami.wire.AmiMessage;
import org.hotline.bridge.calls.CallRecorder;
import org.hotline.bridge.calls.CallTracker;
import org.hotline.desk.customers.PhoneNumbers;
import org.hotline.schema.Migrations;
import org.hotline.schema.jooq.tables.records.CallRecord;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotline.schema.jooq.Tables.CALL;

/** Recorded calls replayed over TCP end up as rows in PostgreSQL. */
class CallRecorderTest {

    private static EmbeddedPostgres postgres;
    private static DSLContext db;
    private static long customerId;
    private static long agentId;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        Migrations.apply(postgres.getPostgresDatabase());
        db = DSL.using(postgres.getPostgresDatabase(), SQLDialect.POSTGRES);
        db.execute("INSERT INTO queue (name, display_name) VALUES ('service', '售后服务')");
        agentId = db.fetchOne("INSERT INTO agent (username, display_name, interface) VALUES ('a1001', '王芳', "
                + "'Local/1001@agents/n') RETURNING id").get(0, Long.class);
        customerId = db.fetchOne("INSERT INTO customer (name) VALUES ('张三') RETURNING id").get(0, Long.class);
        db.execute("INSERT INTO customer_phone (customer_id, number, is_primary) VALUES (" + customerId + ", '+8613800138000', true)");
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    @Test
    void anAnsweredCallIsStoredWithItsCustomerAgentTimesAndOutcome() throws Exception {
        replay("01-queue-answered");
        CallRecord call = db.selectFrom(CALL).where(CALL.LINKEDID.eq("1795357008.30")).fetchSingle();
        assertThat(call.getAsteriskServer()).isEqualTo("pbx-a");
        assertThat(call.getQueueName()).isEqualTo("service");
        assertThat(call.getQueueId()).isNotNull();
        assertThat(call.getCallerNumber()).isEqualTo("+8613800138000");
        assertThat(call.getCustomerId()).isEqualTo(customerId);
        assertThat(call.getAgentId()).isEqualTo(agentId);
        assertThat(call.getOutcome()).isEqualTo("answered");
        assertThat(call.getTalkSeconds()).isEqualByComparingTo(new BigDecimal("4"));
        assertThat(call.getRingAttempts()).isEqualTo(1);
        assertThat(call.getOfferedAt()).isNotNull();
        assertThat(call.getAnsweredAt()).isAfterOrEqualTo(call.getQueuedAt());
        assertThat(call.getEndedAt()).isAfterOrEqualTo(call.getAnsweredAt());
        assertThat(call.getHangupCauseText()).isEqualTo("Normal Clearing");
    }

    @Test
    void anAbandonedCallKeepsItsWaitAndPosition() throws Exception {
        replay("02-queue-abandoned");
        CallRecord call = db.selectFrom(CALL).where(CALL.LINKEDID.eq("1795357025.34")).fetchSingle();
        assertThat(call.getOutcome()).isEqualTo("abandoned");
        assertThat(call.getWaitSeconds()).isEqualByComparingTo(new BigDecimal("5")); // Asterisk's HoldTime: the join was not seen live
        assertThat(call.getAbandonPosition()).isEqualTo(1);
        assertThat(call.getCallerNumber()).isEqualTo("+8613900139000");
        assertThat(call.getCustomerId()).isNull();
        assertThat(call.getAgentId()).isNull();
    }

    @Test
    void aHangupInTheIvrIsStoredAsSuch() throws Exception {
        replay("07-hangup-during-ivr");
        CallRecord call = db.selectFrom(CALL).where(CALL.LINKEDID.eq("1795357128.54")).fetchSingle();
        assertThat(call.getOutcome()).isEqualTo("ivr_hangup");
        assertThat(call.getQueueName()).isNull();
        assertThat(call.getCallerNumber()).isEqualTo("+8613500135000");
        assertThat(call.getEndedAt()).isNotNull();
    }

    @Test
    void aCallIsLinkedToTheRecordAndIvrSessionTheDialplanExported() {
        long record = db.fetchOne("INSERT INTO contact_record (number, type, status) VALUES ('R-LINK-1', 'repair', 'registered') "
                + "RETURNING id").get(0, Long.class);
        long session = db.fetchOne("INSERT INTO ivr_session (uniqueid, flow_name) VALUES ('1795357008.31', 'hotline') RETURNING id")
                .get(0, Long.class);
        List<AmiMessage> events = new java.util.ArrayList<>();
        for (AmiMessage e : Frames.messages(AmiTrace.load("asterisk-traces/01-queue-answered.ami").events())) {
            if (e.getOrEmpty("Event").equals("QueueCallerJoin")) { // as Asterisk sends them with channelvars set
                List<AmiMessage.Header> headers = new java.util.ArrayList<>(e.headers());
                headers.add(new AmiMessage.Header("ChanVariable", "HOTLINE_RECORD_ID=" + record));
                headers.add(new AmiMessage.Header("ChanVariable", "HOTLINE_IVR_SESSION_ID=" + session));
                e = new AmiMessage(headers, List.of());
            }
            events.add(e);
        }
        try (CallRecorder recorder = new CallRecorder(postgres.getPostgresDatabase(), PhoneNumbers.china())) {
            CallTracker tracker = new CallTracker("pbx-link", Clock.systemUTC(), recorder);
            events.forEach(tracker::on);
            recorder.flush();
        }
        CallRecord call = db.selectFrom(CALL).where(CALL.ASTERISK_SERVER.eq("pbx-link")).fetchSingle();
        assertThat(call.getRecordId()).isEqualTo(record);
        assertThat(call.getIvrSessionId()).isEqualTo(session);
    }

    @Test
    void agentStatesAreKeptAsAHistory() {
        java.time.Instant t = java.time.Instant.parse("2026-11-23T02:00:00Z");
        try (var recorder = new org.hotline.bridge.agents.AgentStateRecorder(postgres.getPostgresDatabase())) {
            recorder.accept(change(org.hotline.events.AgentState.LOGGED_OUT, org.hotline.events.AgentState.READY, "", t));
            recorder.accept(change(org.hotline.events.AgentState.READY, org.hotline.events.AgentState.PAUSED, "lunch",
                    t.plusSeconds(60)));
            recorder.accept(new org.hotline.events.AgentStateChanged("pbx-a", "PJSIP/unknown", "Nobody",
                    org.hotline.events.AgentState.LOGGED_OUT, org.hotline.events.AgentState.READY, "", java.util.Set.of(), t));
            recorder.flush();
        }
        var rows = db.selectFrom(org.hotline.schema.jooq.Tables.AGENT_STATE_HISTORY)
                .where(org.hotline.schema.jooq.Tables.AGENT_STATE_HISTORY.AGENT_ID.eq(agentId))
                .orderBy(org.hotline.schema.jooq.Tables.AGENT_STATE_HISTORY.STARTED_AT).fetch();
        assertThat(rows).extracting(r -> r.getState()).containsExactly("ready", "paused");
        assertThat(rows.get(0).getEndedAt().toInstant()).isEqualTo(t.plusSeconds(60));
        assertThat(rows.get(1).getEndedAt()).isNull();
        assertThat(rows.get(1).getReason()).isEqualTo("lunch");
        assertThat(db.fetchCount(org.hotline.schema.jooq.Tables.AGENT_STATE_HISTORY)).as("unknown devices are not recorded").isEqualTo(2);
    }

    private static org.hotline.events.AgentStateChanged change(org.hotline.events.AgentState from,
                                                                     org.hotline.events.AgentState to, String reason,
                                                                     java.time.Instant at) {
        return new org.hotline.events.AgentStateChanged("pbx-a", "Local/1001@agents/n", "Agent 1001", from, to, reason,
                java.util.Set.of("service"), at);
    }

    @Test
    void callsThatEndedWhileNobodyListenedAreClosedAfterAResync() {
        db.execute("INSERT INTO call (asterisk_server, linkedid, direction, offered_at) VALUES "
                + "('pbx-b', 'gone-1', 'inbound', now() - interval '1 hour'), ('pbx-b', 'still-2', 'inbound', now() - interval '1 hour'), "
                + "('pbx-b', 'new-3', 'inbound', now() + interval '1 minute'), ('pbx-c', 'other-4', 'inbound', now() - interval '1 hour')");
        try (CallRecorder recorder = new CallRecorder(postgres.getPostgresDatabase(), PhoneNumbers.china())) {
            recorder.closeCallsNotIn("pbx-b", java.util.Set.of("still-2"), java.time.Instant.now());
            recorder.flush();
        }
        assertThat(db.select(CALL.LINKEDID).from(CALL).where(CALL.ENDED_AT.isNotNull()
                .and(CALL.HANGUP_CAUSE_TEXT.eq("ended while Hotline was not listening")).and(CALL.OUTCOME.isNull()))
                .fetch(CALL.LINKEDID)).containsExactly("gone-1");
    }

    @Test
    void aCallFoundQueuedAtAResyncIsStoredWithItsQueueWaitAndCaller() {
        // trace 05's answers to CoreShowChannels and QueueStatus: a caller 2 s in the service queue
        AmiTrace recorded = AmiTrace.load("asterisk-traces/05-pause-status-queries.ami");
        java.util.List<org.hotline.bridge.ami.wire.AmiMessage> channels = Frames.messages(recorded.frames()).stream()
                .filter(f -> f.getOrEmpty("Event").equals("CoreShowChannel")).toList();
        java.util.List<org.hotline.bridge.ami.wire.AmiMessage> entries = Frames.messages(recorded.frames()).stream()
                .filter(f -> f.getOrEmpty("Event").equals("QueueEntry")).toList();
        long zhao = db.fetchOne("INSERT INTO customer (name) VALUES ('赵六') RETURNING id").get(0, Long.class);
        db.execute("INSERT INTO customer_phone (customer_id, number) VALUES (" + zhao + ", '+8613600136000')");
        java.time.Instant takeover = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        try (CallRecorder recorder = new CallRecorder(postgres.getPostgresDatabase(), PhoneNumbers.china())) {
            CallTracker tracker = new CallTracker("pbx-resync", Clock.fixed(takeover, java.time.ZoneOffset.UTC), recorder);
            tracker.adopt(channels, entries);
            recorder.flush();
        }
        CallRecord call = db.selectFrom(CALL).where(CALL.ASTERISK_SERVER.eq("pbx-resync").and(CALL.LINKEDID.eq("1795357081.46")))
                .fetchSingle();
        assertThat(call.getQueueName()).isEqualTo("service");
        assertThat(call.getQueueId()).isNotNull();
        assertThat(call.getQueuedAt().toInstant()).isEqualTo(takeover.minusSeconds(2));
        assertThat(call.getOfferedAt().toInstant()).as("when the call began, not the takeover")
                .isEqualTo(takeover.minusSeconds(2));
        assertThat(call.getCallerNumber()).isEqualTo("+8613600136000");
        assertThat(call.getCustomerId()).isEqualTo(zhao);
    }

    private static void replay(String trace) throws Exception {
        try (CallRecorder recorder = new CallRecorder(postgres.getPostgresDatabase(), PhoneNumbers.china())) {
            CallTracker tracker = new CallTracker("pbx-a", Clock.systemUTC(), recorder);
            TraceReplay.overTcp(trace, tracker::on);
            recorder.flush();
        }
    }
}
