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
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hotline.schema.jooq.Tables.AGENT;
import static org.hotline.schema.jooq.Tables.AGENT_STATE_HISTORY;
import static org.hotline.schema.jooq.Tables.ASSET;
import static org.hotline.schema.jooq.Tables.CALL;
import static org.hotline.schema.jooq.Tables.CALLBACK;
import static org.hotline.schema.jooq.Tables.CONTACT_RECORD;
import static org.hotline.schema.jooq.Tables.CUSTOMER;
import static org.hotline.schema.jooq.Tables.CUSTOMER_PHONE;
import static org.hotline.schema.jooq.Tables.IVR_SESSION;

/**
 * Overload loses nothing: calls keep coming while every connection of the server's pool is taken,
 * for longer than a connection is waited for. Callers go through the IVR by its default branches
 * and reach the queue, the ringing agent gets the caller's number and name; when connections are
 * free again every call row, IVR session, record and callback the callers asked for, and the
 * agent's states, are written, each once.
 */
class StarvedPoolTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int POOL = 4;

    @TempDir
    Path dataDir;

    /** A caller: their number, the keys they press in the IVR, what the IVR should make for them. */
    private record Caller(String number, List<String> keys, boolean record, boolean callback) {
    }

    @Test
    void callsWhileThePoolIsStarvedAreAllStoredWhenItIsFreeAgain() throws Exception {
        try (PbxSim pbx = new PbxSim(0, Map.of("hotline", "pbx-secret"));
             HotlineServer server = HotlineServer.start(TestServers.config(dataDir, "HOTLINE_AMI_HOST", "127.0.0.1",
                     "HOTLINE_AMI_PORT", String.valueOf(pbx.port()), "HOTLINE_AMI_USER", "hotline", "HOTLINE_AMI_SECRET", "pbx-secret",
                     "HOTLINE_AMI_NAME", "pbx-a", "HOTLINE_DB_POOL_SIZE", String.valueOf(POOL),
                     "HOTLINE_DB_CONNECT_TIMEOUT_SECONDS", "1", "HOTLINE_IVR_DESK_WAIT_MILLIS", "300",
                     "HOTLINE_SLA_POLICIES", TestServers.alwaysOpen(dataDir)));
             ScriptedCalls calls = new ScriptedCalls(pbx)) {
            DSLContext db = DSL.using(server.dataSource(), SQLDialect.POSTGRES);
            long zhangSan = db.insertInto(CUSTOMER, CUSTOMER.NAME).values("张三").returning(CUSTOMER.ID).fetchOne(CUSTOMER.ID);
            db.insertInto(CUSTOMER_PHONE, CUSTOMER_PHONE.CUSTOMER_ID, CUSTOMER_PHONE.NUMBER).values(zhangSan, "+8613800138000").execute();
            db.insertInto(ASSET, ASSET.CUSTOMER_ID, ASSET.MODEL, ASSET.SERIAL_NUMBER, ASSET.WARRANTY_ENDS_ON)
                    .values(zhangSan, "WM-800", "88886666", LocalDate.now().plusYears(1)).execute();
            db.execute("INSERT INTO queue (name, display_name) VALUES ('service', 'Service'), ('complaint', 'Complaints') "
                    + "ON CONFLICT DO NOTHING");
            long liLei = db.insertInto(AGENT, AGENT.USERNAME, AGENT.DISPLAY_NAME, AGENT.INTERFACE, AGENT.ROLE)
                    .values("li.lei", "李雷", "PJSIP/1001", "agent").returning(AGENT.ID).fetchOne(AGENT.ID);
            new Users(new PasswordHasher()).setPassword(db, liLei, "password-li.lei");
            db.execute("INSERT INTO queue_membership (queue_id, agent_id) SELECT id, " + liLei + " FROM queue WHERE name = 'service'");
            TestServersAwait.amiInSync(server);
            ApiClient li = ApiClient.login(server.httpPort(), "li.lei", "password-li.lei");
            assertThat(li.open(server.vertx().createWebSocketClient(), "/ws/agent").getString("type")).isEqualTo("ready");
            li.expect(200, "PUT", "/me/state", new JsonObject().put("state", "ready"));
            AmiBridge bridge = server.bridges().getFirst();
            await().atMost(WAIT).until(() -> bridge.agentState("PJSIP/1001") == AgentState.READY);
            // his console told he is ready: his device is known to this node (DeviceAgents keeps it) before the pool is starved
            li.next(m -> m.getString("type").equals("agent_state") && m.getJsonObject("payload").getString("state").equals("ready"), WAIT);

            List<Caller> callers = List.of(
                    new Caller("13800138000", List.of("1", "88886666#"), true, false),   // known, but the lookup goes unanswered
                    new Caller("13700137001", List.of("1", "40400404#"), true, false),   // a stranger, an unknown serial
                    new Caller("13700137002", List.of("3"), true, false),                // a complaint
                    new Caller("13700137003", List.of("4"), true, false),                // a consultation
                    new Caller("13700137004", List.of("6", "1", "1"), false, true));     // a callback, as soon as possible
            // every change of Li Lei's state the bridge makes, to compare with what is stored
            List<String> changes = new java.util.concurrent.CopyOnWriteArrayList<>();
            server.vertx().eventBus().<org.hotline.events.AgentStateChanged>localConsumer(HotlineServer.AGENTS_ADDRESS,
                    m -> changes.add(m.body().to().name().toLowerCase(java.util.Locale.ROOT)));
            List<ScriptedCalls.IvrPassage> passages = new ArrayList<>();
            try (Starved starved = Starved.take(server, POOL)) {
                List<CompletableFuture<ScriptedCalls.IvrPassage>> running = new ArrayList<>();
                for (Caller caller : callers) {
                    CallScript queueCall = new CallScript(caller.number(), "Caller", "service", Duration.ofSeconds(60),
                            Duration.ofSeconds(15), List.of(AgentScript.answering("PJSIP/1001", "李雷", Duration.ofMillis(200),
                            Duration.ofMillis(300))));
                    running.add(calls.startThroughIvr("127.0.0.1", server.agiPort(),
                            AgiCallScript.call("hotline", "unused", caller.number()).pressing(caller.keys().toArray(String[]::new)),
                            queueCall));
                }
                for (var passage : running) {
                    passages.add(passage.get(WAIT.toSeconds(), TimeUnit.SECONDS));
                }
                for (int i = 0; i < callers.size(); i++) {
                    assertThat(passages.get(i).queued()).as("%s reached the queue or was booked: %s", callers.get(i),
                            passages.get(i).exchange()).isEqualTo(!callers.get(i).callback());
                }
                JsonObject pop = li.next(m -> m.getString("type").equals("screen_pop"), WAIT).getJsonObject("payload");
                assertThat(pop.getBoolean("degraded")).as("the number and name first: %s", pop).isTrue();
                await().atMost(WAIT).until(() -> bridge.activeCalls() == 0);
                assertThat(starved.dsl().fetchCount(IVR_SESSION)).as("nothing could be written meanwhile").isZero();
            }

            for (int i = 0; i < callers.size(); i++) {
                Caller caller = callers.get(i);
                ScriptedCalls.IvrPassage passage = passages.get(i);
                await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> { // a row not there yet: asked again
                    var session = db.selectFrom(IVR_SESSION).where(IVR_SESSION.UNIQUEID.eq(passage.uniqueid())).fetchSingle();
                    assertThat(session.getEndedAt()).as("%s: the IVR session ended", caller).isNotNull();
                    assertThat(session.getOutcome()).isEqualTo(caller.callback() ? "callback" : "queued");
                    var call = db.selectFrom(CALL).where(CALL.LINKEDID.eq(passage.linkedid())).fetchSingle();
                    assertThat(call.getEndedAt()).as("%s: the call row ended", caller).isNotNull();
                    assertThat(call.getOutcome()).isEqualTo(caller.callback() ? "callback_requested" : "answered");
                    assertThat(call.getIvrSessionId()).as("%s: the call names its IVR session", caller).isEqualTo(session.getId());
                    if (caller.record()) {
                        var record = db.selectFrom(CONTACT_RECORD)
                                .where(CONTACT_RECORD.IDEMPOTENCY_KEY.like("ivr:pbx-a:" + passage.uniqueid() + ":%")).fetchSingle();
                        assertThat(session.getRecordId()).as("%s: the session names its record", caller).isEqualTo(record.getId());
                    }
                    if (caller.callback()) {
                        assertThat(db.fetchCount(CALLBACK, CALLBACK.PHONE.eq("+86" + caller.number()))).isEqualTo(1);
                    }
                });
            }
            assertThat(db.fetchCount(CALL)).as("one row per call").isEqualTo(callers.size());
            assertThat(db.fetchCount(IVR_SESSION)).isEqualTo(callers.size());
            assertThat(db.fetchCount(CONTACT_RECORD)).isEqualTo(callers.stream().filter(Caller::record).count());
            assertThat(changes).as("Li Lei took calls").contains("talking");
            await().atMost(WAIT).untilAsserted(() -> assertThat(db.select(AGENT_STATE_HISTORY.STATE).from(AGENT_STATE_HISTORY)
                    .where(AGENT_STATE_HISTORY.AGENT_ID.eq(liLei)).orderBy(AGENT_STATE_HISTORY.ID).fetch(AGENT_STATE_HISTORY.STATE))
                    .as("every change of his state stored, in order").endsWith(changes.toArray(String[]::new)));
            li.close();
        }
    }

    /** Every connection of the server's pool, held by the test until closed. */
    private static final class Starved implements AutoCloseable {

        private final List<Connection> held = new ArrayList<>();

        static Starved take(HotlineServer server, int connections) throws SQLException {
            Starved starved = new Starved();
            while (starved.held.size() < connections) {
                try {
                    starved.held.add(server.dataSource().getConnection());
                } catch (SQLException busy) {
                    // the server had one out: try again until every one is ours
                }
            }
            return starved;
        }

        /** On one of the held connections: the only way to the database meanwhile. */
        DSLContext dsl() {
            return DSL.using(held.getFirst(), SQLDialect.POSTGRES);
        }

        @Override
        public void close() throws SQLException {
            for (Connection connection : held) {
                connection.close();
            }
        }
    }
}
