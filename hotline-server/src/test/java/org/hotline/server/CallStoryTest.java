package org.hotline.server;

import io.vertx.core.json.JsonObject;
import org.hotline.api.auth.PasswordHasher;
import org.hotline.api.auth.Users;
import org.hotline.bridge.AmiBridge;
import org.hotline.events.AgentState;
import org.hotline.pbxsim.PbxSim;
import org.hotline.pbxsim.agi.AgiCallScript;
import org.hotline.pbxsim.scenario.AgentScript;
import org.hotline.pbxsim.scenario.CallScript;
import org.hotline.pbxsim.scenario.ScriptedCalls;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotline.schema.jooq.Tables.AGENT;
import static org.hotline.schema.jooq.Tables.ASSET;
import static org.hotline.schema.jooq.Tables.CALL;
import static org.hotline.schema.jooq.Tables.CALLBACK;
import static org.hotline.schema.jooq.Tables.CONTACT_RECORD;
import static org.hotline.schema.jooq.Tables.CUSTOMER;
import static org.hotline.schema.jooq.Tables.CUSTOMER_PHONE;
import static org.hotline.schema.jooq.Tables.IVR_SESSION;

/**
 * One whole call, every piece real (server, embedded PostgreSQL and Redis, pbx-sim over AMI and
 * FastAGI, REST and websockets): a customer calls, picks a repair of their product in the IVR,
 * which creates the record and queues them; Li Lei's phone rings and only Li Lei gets the pop,
 * with the customer and what they did in the IVR; he answers, then walks the record to done;
 * the return visit falls due, is offered to him and dialled, and connects; the wallboard counts
 * exactly that: one call offered and answered, one callback done on time.
 */
class CallStoryTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dataDir;

    @Test
    void aRepairCallFromTheIvrToTheReturnVisit() throws Exception {
        try (PbxSim pbx = new PbxSim(0, Map.of("hotline", "pbx-secret"));
             HotlineServer server = server(pbx, Map.of(
                     "  wrap-up: 30s", "  wrap-up: 1s",
                     // the return visit the same day, due this minute, instead of the next working day at 10:00
                     "    working-days-after: 1\n    at: \"10:00\"", "    working-days-after: 0\n    at: \""
                             + java.time.LocalTime.now(java.time.ZoneId.of("Asia/Shanghai")).withSecond(0).withNano(0) + "\""));
             ScriptedCalls calls = new ScriptedCalls(pbx)) {
            DSLContext db = DSL.using(server.dataSource(), SQLDialect.POSTGRES);
            long customer = db.insertInto(CUSTOMER, CUSTOMER.NAME).values("张三").returning(CUSTOMER.ID).fetchOne(CUSTOMER.ID);
            db.insertInto(CUSTOMER_PHONE, CUSTOMER_PHONE.CUSTOMER_ID, CUSTOMER_PHONE.NUMBER).values(customer, "+8613800138000").execute();
            long asset = db.insertInto(ASSET, ASSET.CUSTOMER_ID, ASSET.MODEL, ASSET.SERIAL_NUMBER, ASSET.WARRANTY_ENDS_ON)
                    .values(customer, "WM-800", "88886666", LocalDate.now().plusYears(1)).returning(ASSET.ID).fetchOne(ASSET.ID);
            long liLei = user(db, "li.lei", "李雷", "PJSIP/1001", "agent");
            long hanMeimei = user(db, "han.meimei", "韩梅梅", "PJSIP/1002", "agent");
            user(db, "wang.fang", "王芳", null, "supervisor");
            db.execute("INSERT INTO queue (name, display_name) VALUES ('service', 'Service') ON CONFLICT DO NOTHING");
            db.execute("INSERT INTO queue_membership (queue_id, agent_id) SELECT id, a FROM queue, unnest(array[" + liLei + ", "
                    + hanMeimei + "]) a WHERE name = 'service'");
            awaitInSync(server);

            var sockets = server.vertx().createWebSocketClient();
            ApiClient li = ApiClient.login(server.httpPort(), "li.lei", "password-li.lei");
            ApiClient han = ApiClient.login(server.httpPort(), "han.meimei", "password-han.meimei");
            ApiClient supervisor = ApiClient.login(server.httpPort(), "wang.fang", "password-wang.fang");
            assertThat(li.open(sockets, "/ws/agent").getString("type")).isEqualTo("ready");
            assertThat(han.open(sockets, "/ws/agent").getString("type")).isEqualTo("ready");
            JsonObject snapshot = supervisor.open(sockets, "/ws/wallboard");
            assertThat(snapshot.getString("type")).isEqualTo("snapshot");
            li.expect(200, "PUT", "/me/state", new JsonObject().put("state", "ready"));
            han.expect(200, "PUT", "/me/state", new JsonObject().put("state", "ready"));
            AmiBridge bridge = server.bridges().getFirst();
            awaitState(bridge, "PJSIP/1001", AgentState.READY);
            awaitState(bridge, "PJSIP/1002", AgentState.READY);

            // the call: the hotline flow (1 = repair, 1 = the first product), then the queue; Asterisk rings Li Lei
            CallScript queueCall = new CallScript("13800138000", "Zhang San", "service", Duration.ofSeconds(60), Duration.ofSeconds(15),
                    List.of(AgentScript.answering("PJSIP/1001", "李雷", Duration.ofMillis(300), Duration.ofMillis(500))));
            var passage = calls.startThroughIvr("127.0.0.1", server.agiPort(),
                    AgiCallScript.call("hotline", "unused", "13800138000").pressing("1", "1"), queueCall).get(20, TimeUnit.SECONDS);
            assertThat(passage.queued()).as("the flow queued the call: %s", passage.exchange()).isTrue();
            var session = db.selectFrom(IVR_SESSION).where(IVR_SESSION.UNIQUEID.eq(passage.uniqueid())).fetchSingle();
            long record = session.getRecordId();
            assertThat(db.selectFrom(CONTACT_RECORD).where(CONTACT_RECORD.ID.eq(record)).fetchSingle().getAssetId())
                    .as("a repair of the product picked in the IVR").isEqualTo(asset);

            JsonObject pop = li.next(m -> m.getString("type").equals("screen_pop"), WAIT).getJsonObject("payload");
            assertThat(pop.getString("linkedid")).isEqualTo(passage.linkedid());
            assertThat(pop.getJsonObject("customer").getString("name")).isEqualTo("张三");
            assertThat(pop.getJsonArray("products").getJsonObject(0).getString("warranty")).isEqualTo("in_warranty");
            assertThat(pop.getLong("ivrRecordId")).isEqualTo(record);
            assertThat(pop.getJsonObject("ivr").getJsonArray("path").getList()).contains("main-menu");
            assertThat(pop.getJsonArray("openRecords").getJsonObject(0).getLong("id")).isEqualTo(record);
            assertThat(pop.getJsonArray("openRecords").getJsonObject(0).getJsonArray("clocks")).as("its SLA clocks").isNotEmpty();

            // the call is answered and ends; the call row is complete with its IVR session and record
            awaitTrue("the call stored as answered, with its IVR session and record", () -> db.fetchExists(CALL,
                    CALL.LINKEDID.eq(passage.linkedid()).and(CALL.OUTCOME.eq("answered")).and(CALL.ENDED_AT.isNotNull())
                            .and(CALL.RECORD_ID.eq(record)).and(CALL.IVR_SESSION_ID.eq(session.getId()))
                            .and(CALL.AGENT_ID.eq(liLei))));
            assertThat(db.select(IVR_SESSION.LINKEDID).from(IVR_SESSION).where(IVR_SESSION.ID.eq(session.getId())).fetchOne().value1())
                    .as("the IVR session knows its call").isEqualTo(passage.linkedid());

            // Han Meimei goes to lunch: nothing is offered to a paused agent
            han.expect(200, "PUT", "/me/state", new JsonObject().put("state", "paused").put("reason", "lunch"));
            awaitState(bridge, "PJSIP/1002", AgentState.PAUSED);
            // her console, reloaded, shows the pause's reason and its start (its timer does not restart)
            JsonObject paused = han.expect(200, "GET", "/me/state", null);
            assertThat(paused.getString("reason")).isEqualTo("lunch");
            java.time.Instant pausedSince = java.time.Instant.parse(paused.getString("since"));
            assertThat(han.expect(200, "GET", "/me/state", null).getString("since")).as("the same since, asked again")
                    .isEqualTo(pausedSince.toString());

            // Li Lei works the record: the technician's call reaches the customer (the first-contact callback is not
            // needed any more), the repair is done and the return visit is scheduled, due at once here
            for (String step : List.of("warranty_checked", "dispatched", "technician_contacted", "on_site")) {
                li.expect(200, "POST", "/records/" + record + "/transitions", new JsonObject().put("to", step));
            }
            assertThat(db.fetchValue(DSL.select(CALLBACK.STATUS).from(CALLBACK).where(CALLBACK.RECORD_ID.eq(record)
                    .and(CALLBACK.REASON.eq("first_contact"))))).isEqualTo("cancelled");
            awaitState(bridge, "PJSIP/1001", AgentState.READY); // after the wrap-up
            li.expect(200, "POST", "/records/" + record + "/transitions", new JsonObject().put("to", "done"));
            JsonObject offer = li.next(m -> m.getString("type").equals("callback_offer"), WAIT).getJsonObject("payload");
            long returnVisit = offer.getLong("callbackId");
            assertThat(db.fetchValue(DSL.select(CALLBACK.REASON).from(CALLBACK).where(CALLBACK.ID.eq(returnVisit)))).isEqualTo("return_visit");
            JsonObject result = li.next(m -> m.getString("type").equals("callback_result"), WAIT).getJsonObject("payload");
            assertThat(result.getString("outcome")).as("dialled after the preview: Li Lei, then the customer").isEqualTo("answered");
            JsonObject ring = li.next(m -> m.getString("type").equals("screen_pop"), WAIT).getJsonObject("payload");
            assertThat(ring.getJsonObject("callback").getLong("id")).as("the return visit's pop as his phone rang").isEqualTo(returnVisit);
            assertThat(ring.getJsonObject("customer").getString("name")).isEqualTo("张三");
            assertThat(db.fetchExists(CALLBACK, CALLBACK.ID.eq(returnVisit).and(CALLBACK.STATUS.eq("done"))
                    .and(CALLBACK.OUTCOME.eq("answered")))).isTrue();

            assertThat(han.drained()).filteredOn(m -> !"agent_state".equals(m.getString("type")))
                    .as("Han Meimei was not rung and was offered nothing").isEmpty();

            // the wallboard: exactly this call and this callback
            JsonObject queue = lastDelta(supervisor, "queue", q -> q.getJsonObject("queue").getString("queue").equals("service")
                    && q.getJsonObject("queue").getJsonObject("today").getInteger("answered") == 1).getJsonObject("queue");
            assertThat(queue.getInteger("waiting")).isZero();
            JsonObject today = queue.getJsonObject("today");
            assertThat(today.getInteger("offered")).isEqualTo(1);
            assertThat(today.getInteger("abandoned")).isZero();
            assertThat(today.getInteger("serviceLevelPercent")).as("answered within 20 s").isEqualTo(100);
            JsonObject callbacks = lastDelta(supervisor, "work", w -> w.getJsonObject("work").getJsonObject("callbacks")
                    .getInteger("doneToday") == 1).getJsonObject("work").getJsonObject("callbacks");
            assertThat(callbacks.getInteger("doneOnTimeToday")).isEqualTo(1);
            assertThat(callbacks.getInteger("failedToday")).isZero();

            li.close();
            han.close();
            supervisor.close();
        }
    }

    /**
     * Every call gets an answer or a callback: a caller gives up waiting (nobody was free); the
     * abandoned call becomes a callback in its queue, offered to the agent who goes ready, dialled
     * and answered; the wallboard counts one call abandoned and one callback done.
     */
    @Test
    void aCallerWhoGivesUpWaitingIsCalledBack() throws Exception {
        try (PbxSim pbx = new PbxSim(0, Map.of("hotline", "pbx-secret"));
             HotlineServer server = server(pbx, Map.of("  after-abandon: 10s", "  after-abandon: 1s"));
             ScriptedCalls calls = new ScriptedCalls(pbx)) {
            DSLContext db = DSL.using(server.dataSource(), SQLDialect.POSTGRES);
            long customer = db.insertInto(CUSTOMER, CUSTOMER.NAME).values("李四").returning(CUSTOMER.ID).fetchOne(CUSTOMER.ID);
            db.insertInto(CUSTOMER_PHONE, CUSTOMER_PHONE.CUSTOMER_ID, CUSTOMER_PHONE.NUMBER).values(customer, "+8613900139000").execute();
            long liLei = user(db, "li.lei", "李雷", "PJSIP/1001", "agent");
            user(db, "wang.fang", "王芳", null, "supervisor");
            db.execute("INSERT INTO queue (name, display_name) VALUES ('service', 'Service') ON CONFLICT DO NOTHING");
            db.execute("INSERT INTO queue_membership (queue_id, agent_id) SELECT id, " + liLei + " FROM queue WHERE name = 'service'");
            awaitInSync(server);
            var sockets = server.vertx().createWebSocketClient();
            ApiClient li = ApiClient.login(server.httpPort(), "li.lei", "password-li.lei");
            ApiClient supervisor = ApiClient.login(server.httpPort(), "wang.fang", "password-wang.fang");
            assertThat(li.open(sockets, "/ws/agent").getString("type")).isEqualTo("ready");
            assertThat(supervisor.open(sockets, "/ws/wallboard").getString("type")).isEqualTo("snapshot");

            // nobody is ready: the caller waits 2 s and hangs up; a caller who hangs up at once is a misdial
            String gaveUp = calls.start(new CallScript("13900139000", "Li Si", "service", Duration.ofSeconds(2), Duration.ofSeconds(15),
                    List.of()));
            calls.start(new CallScript("13700137000", "Wang Wu", "service", Duration.ofMillis(100), Duration.ofSeconds(15), List.of()));
            String alsoGaveUp = calls.start(new CallScript("13600136000", "Zhao Liu", "service", Duration.ofSeconds(2),
                    Duration.ofSeconds(15), List.of()));
            awaitTrue("the calls stored as abandoned", () -> db.fetchCount(CALL, CALL.LINKEDID.in(gaveUp, alsoGaveUp)
                    .and(CALL.OUTCOME.eq("abandoned"))) == 2);
            awaitTrue("their callbacks", () -> db.fetchCount(CALLBACK) == 2);
            var callback = db.selectFrom(CALLBACK).where(CALLBACK.PHONE.eq("+8613900139000")).fetchSingle();
            assertThat(callback.getReason()).isEqualTo("abandoned_call");
            assertThat(callback.getCustomerId()).isEqualTo(customer);
            assertThat(callback.getOriginCallId()).as("the call it answers")
                    .isEqualTo(db.fetchValue(DSL.select(CALL.ID).from(CALL).where(CALL.LINKEDID.eq(gaveUp))));

            // both wait for an agent; Li Lei goes ready and is offered one at a time
            li.expect(200, "PUT", "/me/state", new JsonObject().put("state", "ready"));
            JsonObject offer = li.next(m -> m.getString("type").equals("callback_offer"), WAIT).getJsonObject("payload");
            assertThat(offer.getString("reason")).isEqualTo("abandoned_call");
            JsonObject result = li.next(m -> m.getString("type").equals("callback_result"), WAIT).getJsonObject("payload");
            assertThat(result.getString("outcome")).isEqualTo("answered");
            JsonObject second = li.next(m -> m.getString("type").equals("callback_offer"), WAIT).getJsonObject("payload");
            assertThat(li.next(m -> m.getString("type").equals("callback_result"), WAIT).getJsonObject("payload").getString("outcome"))
                    .isEqualTo("answered");
            assertThat(List.of(offer.getLong("callbackId"), second.getLong("callbackId"))).containsExactlyInAnyOrder(callback.getId(),
                    db.fetchValue(DSL.select(CALLBACK.ID).from(CALLBACK).where(CALLBACK.PHONE.eq("+8613600136000"))));
            assertThat(li.typesSoFar().stream().filter(t -> t.startsWith("callback_")).toList())
                    .as("the second offer came after the first callback was made")
                    .containsExactly("callback_offer", "callback_result", "callback_offer", "callback_result");
            assertThat(db.fetchCount(CALLBACK, CALLBACK.STATUS.eq("done"))).as("the misdial is not called back").isEqualTo(2);

            // each callback call is stored as what it was: Hotline calling the customer back, for that callback, by Li Lei
            awaitTrue("the callback calls stored whole", () -> db.fetchCount(CALL, CALL.DIRECTION.eq("callback")
                    .and(CALL.ENDED_AT.isNotNull()).and(CALL.CALLBACK_ID.isNotNull()).and(CALL.AGENT_ID.eq(liLei))
                    .and(CALL.CALLER_NUMBER.in("+8613900139000", "+8613600136000")).and(CALL.TALK_SECONDS.gt(java.math.BigDecimal.ZERO))) == 2);
            var call = db.selectFrom(CALL).where(CALL.CALLBACK_ID.eq(callback.getId())).fetchSingle();
            assertThat(call.getCustomerId()).isEqualTo(customer);
            var attempt = db.selectFrom(org.hotline.schema.jooq.Tables.CALLBACK_ATTEMPT)
                    .where(org.hotline.schema.jooq.Tables.CALLBACK_ATTEMPT.CALLBACK_ID.eq(callback.getId())).fetchSingle();
            assertThat(attempt.getCallId()).as("the attempt names its call").isEqualTo(call.getId());
            assertThat(attempt.getStartedAt()).as("from the placing to the result").isBefore(attempt.getEndedAt());

            JsonObject today = lastDelta(supervisor, "queue", q -> q.getJsonObject("queue").getJsonObject("today")
                    .getInteger("abandoned") == 3).getJsonObject("queue").getJsonObject("today");
            assertThat(today.getInteger("answered")).isZero();
            assertThat(lastDelta(supervisor, "work", w -> w.getJsonObject("work").getJsonObject("callbacks").getInteger("doneToday") == 2)
                    .getJsonObject("work").getJsonObject("callbacks").getInteger("pending")).isZero();
            li.close();
            supervisor.close();
        }
    }

    @Test
    void aCallerWhoBooksACallbackInTheIvrIsStoredWithIt() throws Exception {
        try (PbxSim pbx = new PbxSim(0, Map.of("hotline", "pbx-secret"));
             HotlineServer server = server(pbx, Map.of());
             ScriptedCalls calls = new ScriptedCalls(pbx)) {
            DSLContext db = DSL.using(server.dataSource(), SQLDialect.POSTGRES);
            long customer = db.insertInto(CUSTOMER, CUSTOMER.NAME).values("张三").returning(CUSTOMER.ID).fetchOne(CUSTOMER.ID);
            db.insertInto(CUSTOMER_PHONE, CUSTOMER_PHONE.CUSTOMER_ID, CUSTOMER_PHONE.NUMBER).values(customer, "+8613800138000").execute();
            db.execute("INSERT INTO queue (name, display_name) VALUES ('service', 'Service') ON CONFLICT DO NOTHING");
            awaitInSync(server);

            // 6 = a callback, 1 = this number, 1 = as soon as possible; the flow books it and says goodbye
            CallScript queueCall = new CallScript("13800138000", "Zhang San", "service", Duration.ofSeconds(60), Duration.ofSeconds(15),
                    List.of());
            var passage = calls.startThroughIvr("127.0.0.1", server.agiPort(),
                    AgiCallScript.call("hotline", "unused", "13800138000").pressing("6", "1", "1"), queueCall).get(20, TimeUnit.SECONDS);
            assertThat(passage.queued()).as("booked, not queued: %s", passage.exchange()).isFalse();
            long callback = Long.parseLong(passage.variables().get("HOTLINE_CALLBACK_ID"));
            var session = db.selectFrom(IVR_SESSION).where(IVR_SESSION.UNIQUEID.eq(passage.uniqueid())).fetchSingle();

            awaitTrue("the call stored as a callback booked, with its callback, customer and IVR session", () -> db.fetchExists(CALL,
                    CALL.LINKEDID.eq(passage.linkedid()).and(CALL.ENDED_AT.isNotNull()).and(CALL.OUTCOME.eq("callback_requested"))
                            .and(CALL.CALLBACK_ID.eq(callback)).and(CALL.CUSTOMER_ID.eq(customer))
                            .and(CALL.IVR_SESSION_ID.eq(session.getId()))));
        }
    }

    /**
     * A server following {@code pbx}, dialling callbacks after 1 s of preview, open around the
     * clock (so that a story plays the same at any hour), with these changes to the shipped
     * service-desk rules.
     */
    private HotlineServer server(PbxSim pbx, Map<String, String> deskRuleChanges) throws Exception {
        return HotlineServer.start(TestServers.config(dataDir, "HOTLINE_AMI_HOST", "127.0.0.1",
                "HOTLINE_AMI_PORT", String.valueOf(pbx.port()), "HOTLINE_AMI_USER", "hotline", "HOTLINE_AMI_SECRET", "pbx-secret",
                "HOTLINE_AMI_NAME", "pbx-a", "HOTLINE_DIALER_PREVIEW_SECONDS", "1", "HOTLINE_WALLBOARD_DAY_STARTS_AT", "00:00",
                "HOTLINE_SLA_POLICIES", TestServers.alwaysOpen(dataDir),
                "HOTLINE_DESK_RULES", TestServers.rules(dataDir, "service-desk.yaml", deskRuleChanges)));
    }

    /** The last wallboard delta of {@code type} once one satisfies {@code settled}. */
    private static JsonObject lastDelta(ApiClient board, String type, java.util.function.Predicate<JsonObject> settled)
            throws InterruptedException {
        return board.next(m -> m.getString("type").equals(type) && settled.test(m), WAIT);
    }

    private static long user(DSLContext db, String username, String name, String device, String role) {
        long id = db.insertInto(AGENT, AGENT.USERNAME, AGENT.DISPLAY_NAME, AGENT.INTERFACE, AGENT.ROLE)
                .values(username, name, device, role).returning(AGENT.ID).fetchOne(AGENT.ID);
        new Users(new PasswordHasher()).setPassword(db, id, "password-" + username);
        return id;
    }

    private static void awaitInSync(HotlineServer server) throws InterruptedException {
        awaitTrue("AMI in sync", () -> server.bridges().getFirst().state() == AmiBridge.State.SYNCED);
    }

    private static void awaitState(AmiBridge bridge, String device, AgentState state) throws InterruptedException {
        awaitTrue(device + " " + state, () -> bridge.agentState(device) == state);
    }

    private static void awaitTrue(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        org.awaitility.Awaitility.await(what).atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(condition::getAsBoolean);
    }
}
