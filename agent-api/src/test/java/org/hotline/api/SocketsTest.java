package org.hotline.api;

import org.hotline.events.AgentState;
import org.hotline.events.AgentStateChanged;
import org.hotline.events.CallEvent;

import com.zaxxer.hikari.HikariDataSource;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import org.hotline.api.auth.AccessTokens;
import org.hotline.api.auth.Role;
import org.hotline.api.auth.User;
import org.hotline.desk.ServiceDesk;
import org.hotline.desk.ShippedRules;
import org.hotline.desk.customers.PhoneNumbers;
import org.hotline.desk.records.Actor;
import org.hotline.desk.records.NewRecord;
import org.hotline.desk.records.RecordType;
import org.hotline.desk.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotline.schema.jooq.Tables.AGENT;
import static org.hotline.schema.jooq.Tables.ASSET;
import static org.hotline.schema.jooq.Tables.CUSTOMER;
import static org.hotline.schema.jooq.Tables.CUSTOMER_PHONE;

/** The live sockets: screen pops on /ws/agent and the wallboard on /ws/wallboard, fed by events on the bus. */
class SocketsTest {

    static final String SECRET = "test-secret-of-at-least-32-characters!";
    static final String CALLS = "test.calls";
    static final String AGENTS = "test.agents";
    static final String EVENTS = "test.events";
    static TestDatabase database;
    static HikariDataSource pool;
    static Vertx vertx;
    static HttpServer server;
    static AccessTokens tokens;
    /** Held for the whole class: Vert.x closes a client nothing refers to any more, and its connections with it. */
    static io.vertx.core.http.WebSocketClient sockets;
    static long liLei;
    static long hanMeimei;
    static long wangFang;
    static long zhouManager;
    static long recordId;

    @BeforeAll
    static void start() {
        database = TestDatabase.start();
        pool = database.pool("pops", 4);
        var db = database.dsl();
        long customer = db.insertInto(CUSTOMER, CUSTOMER.NAME, CUSTOMER.KEY_CUSTOMER).values("张三", true).returning(CUSTOMER.ID)
                .fetchOne(CUSTOMER.ID);
        db.insertInto(CUSTOMER_PHONE, CUSTOMER_PHONE.CUSTOMER_ID, CUSTOMER_PHONE.NUMBER).values(customer, "+8613800138000").execute();
        long asset = db.insertInto(ASSET, ASSET.CUSTOMER_ID, ASSET.MODEL, ASSET.SERIAL_NUMBER, ASSET.WARRANTY_ENDS_ON)
                .values(customer, "WM-800", "88886666", LocalDate.now().plusYears(1)).returning(ASSET.ID).fetchOne(ASSET.ID);
        ServiceDesk desk = new ServiceDesk(pool, ShippedRules.slaPolicies(Optional.empty()), ShippedRules.deskSettings(Optional.empty()),
                Clock.systemUTC());
        recordId = desk.createRecord(NewRecord.of(RecordType.REPAIR).withCustomer(customer, "+8613800138000").withAsset(asset)
                .withFault("不制冷"), Actor.ivr()).id();
        liLei = db.insertInto(AGENT, AGENT.USERNAME, AGENT.DISPLAY_NAME, AGENT.INTERFACE).values("li.lei", "李雷", "PJSIP/1001")
                .returning(AGENT.ID).fetchOne(AGENT.ID);
        hanMeimei = db.insertInto(AGENT, AGENT.USERNAME, AGENT.DISPLAY_NAME, AGENT.INTERFACE).values("han.meimei", "韩梅梅", "PJSIP/1002")
                .returning(AGENT.ID).fetchOne(AGENT.ID);
        wangFang = db.insertInto(AGENT, AGENT.USERNAME, AGENT.DISPLAY_NAME, AGENT.ROLE).values("wang.fang", "王芳", "supervisor")
                .returning(AGENT.ID).fetchOne(AGENT.ID);
        zhouManager = db.insertInto(AGENT, AGENT.USERNAME, AGENT.DISPLAY_NAME, AGENT.ROLE).values("zhou.manager", "周经理", "manager")
                .returning(AGENT.ID).fetchOne(AGENT.ID);

        vertx = Vertx.vertx();
        AgentApi api = new AgentApi(vertx, pool, new ApiSettings(SECRET, Duration.ofMinutes(15), Duration.ofDays(7), 16 * 1024),
                Clock.systemUTC());
        api.withServiceDesk(desk, PhoneNumbers.china(), ZoneId.of("Asia/Shanghai"));
        Router root = Router.router(vertx);
        root.route(AgentApi.BASE + "/*").subRouter(api.router());
        api.mountSockets(root);
        api.sendScreenPops(CALLS, PhoneNumbers.china(), ZoneId.of("Asia/Shanghai"));
        api.sendEscalationNotices(EVENTS);
        api.sendAgentStates(AGENTS, Duration.ofSeconds(30));
        api.showWallboard(root, new org.hotline.api.wallboard.Wallboard(org.hotline.api.wallboard.ServiceLevel.defaults(),
                Duration.ofMinutes(15), ZoneId.of("Asia/Shanghai"), java.time.LocalTime.MIDNIGHT, Duration.ofMinutes(15), Clock.systemUTC()),
                CALLS, AGENTS);
        server = vertx.createHttpServer().requestHandler(root).listen(0, "127.0.0.1").await();
        tokens = new AccessTokens(vertx, SECRET, Duration.ofMinutes(15));
        sockets = vertx.createWebSocketClient();
    }

    @AfterAll
    static void stop() {
        vertx.close().await();
        pool.close();
        database.close();
    }

    /** A socket and what it received, one JSON message per entry ({@code closed <code>} when the server closed it). */
    record Client(WebSocket socket, BlockingQueue<JsonObject> received) {

        JsonObject next() throws InterruptedException {
            JsonObject message = received.poll(10, TimeUnit.SECONDS);
            assertThat(message).as("a message within 10 s").isNotNull();
            return message;
        }

        void send(JsonObject message) {
            socket.writeTextMessage(message.encode()).await();
        }
    }

    static Client connect() {
        return connect(AgentApi.AGENT_SOCKET);
    }

    static Client connect(String path) {
        BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
        WebSocket socket = sockets.connect(server.actualPort(), "127.0.0.1", path).await();
        socket.textMessageHandler(text -> received.add(new JsonObject(text)));
        socket.closeHandler(v -> received.add(new JsonObject().put("type", "closed").put("code", socket.closeStatusCode())));
        return new Client(socket, received);
    }

    /** An access token of a real login of {@code user} (the server refuses tokens of no login, or of one that has ended). */
    static String token(User user) {
        var login = new org.hotline.api.auth.RefreshTokens(Duration.ofDays(1)).start(database.dsl(), user.id(), java.time.Instant.now());
        return tokens.issue(user, login.login());
    }

    static Client signedIn(long agentId, String name) throws InterruptedException {
        return signedIn(agentId, name, Role.AGENT);
    }

    static Client signedIn(long agentId, String name, Role role) throws InterruptedException {
        Client client = connect();
        client.send(new JsonObject().put("type", "auth").put("token", token(new User(agentId, name, name, role))));
        JsonObject ready = client.next();
        assertThat(ready.getString("type")).isEqualTo("ready");
        assertThat(ready.getLong("agentId")).isEqualTo(agentId);
        return client;
    }

    static void call(String linkedid, Instant joined, String agentInterface, Duration ringsAfter) {
        Map<String, String> variables = Map.of("HOTLINE_INTENT", "repair", "HOTLINE_RECORD_ID", String.valueOf(recordId));
        vertx.eventBus().publish(CALLS, new CallEvent.QueueJoined("pbx-a", linkedid, joined, "service", 1, "13800138000", "Zhang San",
                variables));
        vertx.eventBus().publish(CALLS, new CallEvent.AgentRinging("pbx-a", linkedid, joined.plus(ringsAfter), agentInterface, "",
                "service", "13800138000", "", agentInterface + "-00000001", variables));
    }

    @Test
    void theRungAgentAloneGetsThePopWithTheCustomersHistory() throws Exception {
        Client li = signedIn(liLei, "li.lei");
        Client han = signedIn(hanMeimei, "han.meimei");

        call("1795600000.1", Instant.parse("2026-11-23T02:00:00Z"), "PJSIP/1001", Duration.ofSeconds(12));
        call("1795600000.2", Instant.parse("2026-11-23T02:01:00Z"), "PJSIP/1002", Duration.ofSeconds(3));

        JsonObject message = li.next();
        assertThat(message.getString("type")).isEqualTo("screen_pop");
        assertThat(message.getLong("seq")).isPositive();
        JsonObject pop = message.getJsonObject("payload");
        assertThat(pop.getString("linkedid")).isEqualTo("1795600000.1");
        assertThat(pop.getDouble("waitSeconds")).isEqualTo(12.0);
        assertThat(pop.getString("intent")).isEqualTo("repair");
        assertThat(pop.getJsonObject("customer").getString("name")).isEqualTo("张三");
        assertThat(pop.getJsonObject("customer").getBoolean("keyCustomer")).isTrue();
        assertThat(pop.getJsonArray("products").getJsonObject(0).getString("warranty")).isEqualTo("in_warranty");
        JsonObject open = pop.getJsonArray("openRecords").getJsonObject(0);
        assertThat(open.getLong("id")).isEqualTo(recordId);
        assertThat(open.getJsonArray("clocks")).as("its SLA clocks").isNotEmpty();
        assertThat(pop.getLong("ivrRecordId")).isEqualTo(recordId);
        assertThat(han.next().getJsonObject("payload").getString("linkedid")).as("the other agent gets only their own call")
                .isEqualTo("1795600000.2");
        li.socket().close().await();
        han.socket().close().await();
    }

    /**
     * Every connection of the pool taken (a database that does not answer): the rung agent gets the
     * caller's number and name within the pop's wait, marked degraded, instead of nothing; once a
     * connection is free the card follows as an update of the same call.
     */
    @Test
    void aStarvedPoolGivesTheNumberAndNameFirstAndTheCardWhenItComes() throws Exception {
        Client li = signedIn(liLei, "li.lei");
        call("1795600000.41", Instant.now(), "PJSIP/1001", Duration.ofSeconds(1)); // who has PJSIP/1001 is read, and kept
        assertThat(li.next().getJsonObject("payload").containsKey("degraded")).isFalse();

        java.util.List<java.sql.Connection> held = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < pool.getMaximumPoolSize(); i++) {
                held.add(pool.getConnection());
            }
            call("1795600000.42", Instant.now(), "PJSIP/1001", Duration.ofSeconds(5));
            JsonObject first = li.next().getJsonObject("payload");
            assertThat(first.getString("linkedid")).isEqualTo("1795600000.42");
            assertThat(first.getBoolean("degraded")).isTrue();
            assertThat(first.getString("callerNumber")).isEqualTo("+8613800138000");
            assertThat(first.getString("callerName")).isEqualTo("Zhang San");
            assertThat(first.getDouble("waitSeconds")).isEqualTo(5.0);
        } finally {
            for (java.sql.Connection connection : held) {
                connection.close();
            }
        }
        JsonObject card = li.next().getJsonObject("payload");
        assertThat(card.getString("linkedid")).isEqualTo("1795600000.42");
        assertThat(card.getBoolean("update")).as("the card of the same call, read late").isTrue();
        assertThat(card.getJsonObject("customer").getString("name")).isEqualTo("张三");
        li.socket().close().await();
    }

    /**
     * The console follows the agent's state as the PBX reports it: ringing, talking, then a wrap-up
     * that says when it ends by itself; another agent is told nothing of it.
     */
    @Test
    void anAgentIsToldEachChangeOfTheirOwnStateWithWhenTheWrapUpEnds() throws Exception {
        Client li = signedIn(liLei, "li.lei");
        Client han = signedIn(hanMeimei, "han.meimei");
        Instant rang = Instant.parse("2026-11-23T03:00:00Z");
        vertx.eventBus().publish(AGENTS, new org.hotline.events.AgentStateChanged("pbx-a", "PJSIP/1001", "李雷",
                org.hotline.events.AgentState.READY, org.hotline.events.AgentState.RINGING, "", java.util.Set.of("service"), rang));
        vertx.eventBus().publish(AGENTS, new org.hotline.events.AgentStateChanged("pbx-a", "PJSIP/1001", "李雷",
                org.hotline.events.AgentState.RINGING, org.hotline.events.AgentState.TALKING, "", java.util.Set.of("service"),
                rang.plusSeconds(4)));
        vertx.eventBus().publish(AGENTS, new org.hotline.events.AgentStateChanged("pbx-a", "PJSIP/1001", "李雷",
                org.hotline.events.AgentState.TALKING, org.hotline.events.AgentState.WRAP_UP, "wrap-up", java.util.Set.of("service"),
                rang.plusSeconds(64)));
        vertx.eventBus().publish(AGENTS, new org.hotline.events.AgentStateChanged("pbx-a", "PJSIP/1001", "李雷",
                org.hotline.events.AgentState.WRAP_UP, org.hotline.events.AgentState.PAUSED, "lunch", java.util.Set.of("service"),
                rang.plusSeconds(70)));

        JsonObject ringing = li.next();
        assertThat(ringing.getString("type")).isEqualTo("agent_state");
        assertThat(ringing.getJsonObject("payload").getString("state")).isEqualTo("ringing");
        assertThat(ringing.getJsonObject("payload").getString("since")).isEqualTo(rang.toString());
        assertThat(li.next().getJsonObject("payload").getString("state")).isEqualTo("talking");
        JsonObject wrapUp = li.next().getJsonObject("payload");
        assertThat(wrapUp.getString("state")).isEqualTo("wrap_up");
        assertThat(wrapUp.getString("wrapUpEndsAt")).as("the call's end and 30 s").isEqualTo(rang.plusSeconds(94).toString());
        JsonObject paused = li.next().getJsonObject("payload");
        assertThat(paused.getString("state")).isEqualTo("paused");
        assertThat(paused.getString("reason")).isEqualTo("lunch");
        assertThat(paused.containsKey("wrapUpEndsAt")).isFalse();
        assertThat(han.received().poll(300, TimeUnit.MILLISECONDS)).as("nothing for another agent").isNull();
        li.socket().close().await();
        han.socket().close().await();
    }

    /**
     * An escalation reaches the people of its level where they are signed in: a supervisor's the
     * supervisors and managers, a manager's (climbed, nobody having taken it) the managers alone,
     * and when it is taken or resolved they are told too; agents are not told.
     */
    @Test
    void escalationsArePushedToTheSocketsOfThoseWhoHandleThem() throws Exception {
        Client agent = signedIn(liLei, "li.lei");
        Client supervisor = signedIn(wangFang, "wang.fang", Role.SUPERVISOR);
        Client manager = signedIn(zhouManager, "zhou.manager", Role.MANAGER);
        Instant at = Instant.parse("2026-11-23T02:30:00Z");
        vertx.eventBus().publish(EVENTS, org.hotline.events.DeskEvent.of(org.hotline.events.DeskEventType.RECORD_ESCALATED, "record",
                recordId, at, Map.of("escalationId", 41L, "level", "supervisor", "trigger", "deadline_breached",
                        "reason", "first-contact deadline missed")));
        for (Client told : List.of(supervisor, manager)) {
            JsonObject message = told.next();
            assertThat(message.getString("type")).isEqualTo("escalation");
            assertThat(message.getJsonObject("payload").getString("change")).isEqualTo("raised");
            assertThat(message.getJsonObject("payload").getLong("recordId")).isEqualTo(recordId);
            assertThat(message.getJsonObject("payload").getString("reason")).isEqualTo("first-contact deadline missed");
        }
        vertx.eventBus().publish(EVENTS, org.hotline.events.DeskEvent.of(org.hotline.events.DeskEventType.RECORD_ESCALATED, "record",
                recordId, at.plusSeconds(1800), Map.of("escalationId", 42L, "level", "manager", "trigger", "not_acknowledged",
                        "reason", "not acknowledged by the supervisor in time", "climbedFrom", 41L)));
        JsonObject climbed = manager.next().getJsonObject("payload");
        assertThat(climbed.getString("change")).isEqualTo("climbed");
        assertThat(climbed.getLong("escalationId")).isEqualTo(42L);
        vertx.eventBus().publish(EVENTS, org.hotline.events.DeskEvent.of(org.hotline.events.DeskEventType.ESCALATION_ACKNOWLEDGED, "record",
                recordId, at.plusSeconds(1900), Map.of("escalationId", 42L, "level", "manager", "by", zhouManager)));
        assertThat(manager.next().getJsonObject("payload").getString("change")).isEqualTo("acknowledged");
        vertx.eventBus().publish(EVENTS, org.hotline.events.DeskEvent.of(org.hotline.events.DeskEventType.ESCALATION_RESOLVED, "record",
                recordId, at.plusSeconds(2000), Map.of("escalationId", 41L, "level", "supervisor", "resolution", "called back")));
        assertThat(supervisor.next().getJsonObject("payload").getString("change")).as("the supervisor is told of their level only")
                .isEqualTo("resolved");
        assertThat(manager.next().getJsonObject("payload").getLong("escalationId")).isEqualTo(41L);
        assertThat(agent.received().poll(300, TimeUnit.MILLISECONDS)).as("agents are not told").isNull();
        for (Client client : List.of(agent, supervisor, manager)) {
            client.socket().close().await();
        }
    }

    /**
     * Read ahead: who calls is read when the caller enters the IVR (the card as it was then),
     * and what the IVR did meanwhile (a record it created) is added when they join the queue.
     */
    @Test
    void theCallerIsReadWhileInTheIvrAndTheRecordTheIvrCreatedIsAddedAtTheQueue() throws Exception {
        var db = database.dsl();
        long customer = db.insertInto(CUSTOMER, CUSTOMER.NAME).values("王五").returning(CUSTOMER.ID).fetchOne(CUSTOMER.ID);
        db.insertInto(CUSTOMER_PHONE, CUSTOMER_PHONE.CUSTOMER_ID, CUSTOMER_PHONE.NUMBER).values(customer, "+8613700137000").execute();
        Client li = signedIn(liLei, "li.lei");
        String linkedid = "1795600000.20";
        Instant entered = Instant.parse("2026-11-23T04:00:00Z");
        vertx.eventBus().publish(CALLS, new CallEvent.IvrEntered("pbx-a", linkedid, entered, "13700137000", ""));
        Thread.sleep(500); // the caller is read while they listen to the menu

        db.update(CUSTOMER).set(CUSTOMER.NAME, "王五 (renamed later)").where(CUSTOMER.ID.eq(customer)).execute();
        ServiceDesk desk = new ServiceDesk(pool, ShippedRules.slaPolicies(Optional.empty()), ShippedRules.deskSettings(Optional.empty()),
                Clock.systemUTC());
        long created = desk.createRecord(NewRecord.of(RecordType.REPAIR).withCustomer(customer, "+8613700137000").withFault("漏水"),
                Actor.ivr()).id();
        Map<String, String> variables = Map.of("HOTLINE_RECORD_ID", String.valueOf(created), "HOTLINE_CUSTOMER_ID", String.valueOf(customer));
        vertx.eventBus().publish(CALLS, new CallEvent.QueueJoined("pbx-a", linkedid, entered.plusSeconds(30), "service", 1, "13700137000",
                "", variables));
        vertx.eventBus().publish(CALLS, new CallEvent.AgentRinging("pbx-a", linkedid, entered.plusSeconds(31), "PJSIP/1001", "",
                "service", "13700137000", "", "PJSIP/1001-00000001", variables));

        JsonObject pop = li.next().getJsonObject("payload");
        assertThat(pop.getJsonObject("customer").getString("name")).as("the card read in the IVR").isEqualTo("王五");
        assertThat(pop.getJsonArray("openRecords").getJsonObject(0).getLong("id")).as("the record the IVR created").isEqualTo(created);
        assertThat(pop.getDouble("waitSeconds")).isEqualTo(1.0);
        li.socket().close().await();
    }

    @Test
    void aReconnectingAgentAsksForWhatItMissedAndGetsIt() throws Exception {
        Client first = signedIn(liLei, "li.lei");
        call("1795600000.3", Instant.parse("2026-11-23T03:00:00Z"), "PJSIP/1001", Duration.ofSeconds(5));
        long seen = first.next().getLong("seq");
        first.socket().close().await();

        call("1795600000.4", Instant.parse("2026-11-23T03:01:00Z"), "PJSIP/1001", Duration.ofSeconds(5)); // while away
        Thread.sleep(500); // the pop is built and delivered to nobody; it is kept
        Client again = signedIn(liLei, "li.lei");
        again.send(new JsonObject().put("type", "resume").put("after", seen));

        JsonObject missed = again.next();
        assertThat(missed.getLong("seq")).isEqualTo(seen + 1);
        assertThat(missed.getJsonObject("payload").getString("linkedid")).isEqualTo("1795600000.4");
        again.socket().close().await();
    }

    @Test
    void aSocketWhoseLoginEndsIsClosed() throws Exception {
        var login = new org.hotline.api.auth.RefreshTokens(Duration.ofDays(1)).start(database.dsl(), hanMeimei, Instant.now());
        Client han = connect();
        han.send(new JsonObject().put("type", "auth").put("token", tokens.issue(new User(hanMeimei, "han.meimei", "", Role.AGENT),
                login.login())));
        assertThat(han.next().getString("type")).isEqualTo("ready");
        database.dsl().execute("UPDATE api_refresh_token SET revoked_at = now() WHERE family = '" + login.login() + "'"); // logged out
        JsonObject closed = han.next();
        assertThat(closed.getString("type")).isEqualTo("closed");
        assertThat(closed.getInteger("code")).isEqualTo(4401);
    }

    @Test
    void theSocketsOfADeactivatedUserAreClosedAndTheOthersStay() throws Exception {
        long gone = database.dsl().insertInto(AGENT, AGENT.USERNAME, AGENT.DISPLAY_NAME).values("leaving", "离职").returning(AGENT.ID)
                .fetchOne(AGENT.ID);
        var goneLogin = new org.hotline.api.auth.RefreshTokens(Duration.ofDays(1)).start(database.dsl(), gone, Instant.now());
        var stayLogin = new org.hotline.api.auth.RefreshTokens(Duration.ofDays(1)).start(database.dsl(), liLei, Instant.now());
        Client leaving = connect();
        leaving.send(new JsonObject().put("type", "auth").put("token", tokens.issue(new User(gone, "leaving", "", Role.AGENT),
                goneLogin.login())));
        assertThat(leaving.next().getString("type")).isEqualTo("ready");
        Client staying = connect();
        staying.send(new JsonObject().put("type", "auth").put("token", tokens.issue(new User(liLei, "li.lei", "", Role.AGENT),
                stayLogin.login())));
        assertThat(staying.next().getString("type")).isEqualTo("ready");

        database.dsl().execute("UPDATE agent SET active = false WHERE id = " + gone);
        JsonObject closed = leaving.next();
        assertThat(closed.getString("type")).isEqualTo("closed");
        assertThat(closed.getInteger("code")).isEqualTo(4401);
        // both logins were in the question whose answer closed the first: the other socket stays open
        assertThat(staying.received().poll(500, TimeUnit.MILLISECONDS)).as("nothing for the one who stays").isNull();
        assertThat(staying.socket().isClosed()).isFalse();
        staying.socket().close().await();
    }

    @Test
    void aSocketWithAnInvalidTokenIsClosedAndAValidOneCanBeRefreshed() throws Exception {
        Client stranger = connect();
        stranger.send(new JsonObject().put("type", "auth").put("token", "forged"));
        JsonObject closed = stranger.next();
        assertThat(closed.getString("type")).isEqualTo("closed");
        assertThat(closed.getInteger("code")).isEqualTo(4401);

        Client li = signedIn(liLei, "li.lei");
        li.send(new JsonObject().put("type", "auth").put("token", token(new User(liLei, "li.lei", "li.lei", Role.AGENT))));
        assertThat(li.next().getString("type")).as("refreshed on the open socket").isEqualTo("ready");
        li.send(new JsonObject().put("type", "auth").put("token", token(new User(hanMeimei, "han.meimei", "", Role.AGENT))));
        assertThat(li.next().getInteger("code")).as("a socket stays with its user").isEqualTo(4401);
    }

    @Test
    void supervisorsGetASnapshotThenTheChangesAndAgentsAreRefused() throws Exception {
        Client agent = connect(AgentApi.WALLBOARD_SOCKET);
        agent.send(new JsonObject().put("type", "auth").put("token", token(new User(liLei, "li.lei", "", Role.AGENT))));
        assertThat(agent.next().getInteger("code")).isEqualTo(4403);

        Client board = connect(AgentApi.WALLBOARD_SOCKET);
        board.send(new JsonObject().put("type", "auth").put("token", token(new User(wangFang, "wang.fang", "", Role.SUPERVISOR))));
        JsonObject snapshot = board.next();
        assertThat(snapshot.getString("type")).isEqualTo("snapshot");
        assertThat(snapshot.getLong("serviceLevelSeconds")).isEqualTo(20);

        vertx.eventBus().publish(CALLS, new CallEvent.QueueJoined("pbx-a", "1795600000.9", Instant.now(), "vip", 1, "", "", Map.of()));
        vertx.eventBus().publish(AGENTS, new AgentStateChanged("pbx-a", "PJSIP/1001", "李雷", AgentState.LOGGED_OUT, AgentState.READY, "",
                java.util.Set.of("vip"), Instant.now()));

        JsonObject queue = board.next();
        assertThat(queue.getString("type")).isEqualTo("queue");
        assertThat(board.next().getString("type")).as("today's hours, which the call moved").isEqualTo("hours");
        assertThat(queue.getJsonObject("queue").getString("queue")).isEqualTo("vip");
        assertThat(queue.getJsonObject("queue").getInteger("waiting")).isEqualTo(1);
        JsonObject agentDelta = board.next();
        assertThat(agentDelta.getJsonObject("agent").getString("state")).isEqualTo("ready");
        board.socket().close().await();
    }

    @Test
    void newQueueTargetsReachTheWallboardsAtOnce() throws Exception {
        database.dsl().execute("INSERT INTO queue (name, display_name) VALUES ('complaint', '投诉') ON CONFLICT DO NOTHING");
        Client board = connect(AgentApi.WALLBOARD_SOCKET);
        String supervisor = token(new User(wangFang, "wang.fang", "", Role.SUPERVISOR));
        board.send(new JsonObject().put("type", "auth").put("token", supervisor));
        assertThat(board.next().getString("type")).isEqualTo("snapshot");
        vertx.eventBus().publish(CALLS, new CallEvent.QueueJoined("pbx-a", "1795600000.31", Instant.now(), "complaint", 1, "", "", Map.of()));
        JsonObject shown = board.next();
        while (!shown.getString("type").equals("queue")) {
            shown = board.next();
        }

        var http = io.vertx.ext.web.client.WebClient.create(vertx);
        var answer = http.put(server.actualPort(), "127.0.0.1",
                        AgentApi.BASE + "/queues/complaint/targets").putHeader("Authorization", "Bearer " + supervisor)
                .sendJsonObject(new JsonObject().put("serviceLevelPercent", 95).put("waitingWarn", 1).put("waitingAlarm", 2)
                        .put("longestWaitWarnSeconds", 20).put("longestWaitAlarmSeconds", 45)).await();
        http.close();
        assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(200);
        JsonObject retargeted = board.next();
        while (!retargeted.getString("type").equals("queue")) {
            retargeted = board.next();
        }
        assertThat(retargeted.getJsonObject("queue").getString("queue")).isEqualTo("complaint");
        assertThat(retargeted.getJsonObject("queue").getJsonObject("targets").getLong("longestWaitAlarmSeconds")).isEqualTo(45);
        board.socket().close().await();
    }
}
