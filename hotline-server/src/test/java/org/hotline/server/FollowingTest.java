package org.hotline.server;

import io.vertx.core.json.JsonObject;
import org.hotline.bridge.AmiBridge;
import org.hotline.pbxsim.AmiTrace;
import org.hotline.pbxsim.PbxSim;
import org.hotline.server.embedded.EmbeddedPostgresServer;
import org.hotline.server.embedded.EmbeddedRedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Several nodes configured with one Asterisk (pbx-sim), on one database and one Redis of their
 * own: one node follows it at a time, so a call is stored, popped and counted once; when the
 * follower stops or loses its link, another node takes over.
 */
class FollowingTest {

    private static final String SECRET = "one-secret-for-every-node-of-32-chars";

    @TempDir
    Path dir;

    /** One PostgreSQL and one Redis for the class (they take seconds to start); a database of its own and an empty Redis per test. */
    private static EmbeddedPostgresServer postgres;
    private static EmbeddedRedisServer redis;
    private static int tests;
    private String jdbcUrl;
    private final List<AutoCloseable> open = new ArrayList<>();

    @BeforeAll
    static void sharedStores(@TempDir Path stores) {
        postgres = EmbeddedPostgresServer.start(stores.resolve("postgres"), 0);
        redis = EmbeddedRedisServer.start(stores.resolve("redis.pid"), 0);
    }

    @AfterAll
    static void closeStores() {
        redis.close();
        postgres.close();
    }

    @BeforeEach
    void freshStores() throws Exception {
        String database = "following_" + ++tests;
        try (var connection = java.sql.DriverManager.getConnection(postgres.jdbcUrl(), EmbeddedPostgresServer.USER, "");
             var statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        }
        jdbcUrl = postgres.jdbcUrl().replaceFirst("/[^/?]+(\\?|$)", "/" + database + "$1");
        var client = io.lettuce.core.RedisClient.create(redis.uri());
        try (var connection = client.connect()) {
            connection.sync().flushall();
        } finally {
            client.shutdown();
        }
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    private HotlineServer node(String name, int amiPort) {
        return node(name, amiPort, 1);
    }

    private HotlineServer node(String name, int amiPort, int previewSeconds) {
        HotlineServer server = HotlineServer.start(TestServers.config(dir.resolve(name), "HOTLINE_DB_URL", jdbcUrl,
                "HOTLINE_DB_USER", EmbeddedPostgresServer.USER, "HOTLINE_REDIS_URI", redis.uri(), "HOTLINE_API_TOKEN_SECRET", SECRET,
                "HOTLINE_AMI_HOST", "127.0.0.1", "HOTLINE_AMI_PORT", String.valueOf(amiPort), "HOTLINE_AMI_USER", "hotline",
                "HOTLINE_AMI_SECRET", "pbx-secret", "HOTLINE_AMI_NAME", "pbx-a", "HOTLINE_AMI_TAKEOVER_SECONDS", "2",
                "HOTLINE_NODE_NAME", name, "HOTLINE_DIALER_PREVIEW_SECONDS", String.valueOf(previewSeconds)));
        open.add(server);
        return server;
    }

    private static org.hotline.bridge.following.AsteriskFollower follower(HotlineServer node) {
        return node.following().orElseThrow().follower("pbx-a").orElseThrow();
    }

    private static boolean follows(HotlineServer node) {
        return follower(node).bridge().map(b -> b.state() == AmiBridge.State.SYNCED).orElse(false);
    }

    /** The node whose dialer holds {@code callback}'s offer, as it noted in Redis (waited for: noted as the offer is made). */
    private String heldBy(long callback) {
        var client = io.lettuce.core.RedisClient.create(redis.uri());
        try (var connection = client.connect()) {
            String[] held = new String[1];
            await().atMost(Duration.ofSeconds(10)).until(() -> (held[0] = connection.sync().hget("hotline:callback-holds",
                    String.valueOf(callback))) != null);
            return new JsonObject(held[0]).getString("node");
        } finally {
            client.shutdown();
        }
    }

    private int pbxPort;

    /** Node A on a pbx-sim of its own, once it follows it (a dialer's preview of {@code previewSeconds}). */
    private HotlineServer followingNode(int previewSeconds) throws Exception {
        PbxSim pbx = new PbxSim(0, Map.of("hotline", "pbx-secret"));
        open.add(pbx);
        pbxPort = pbx.port();
        HotlineServer a = node("node-a", pbxPort, previewSeconds);
        await().atMost(Duration.ofSeconds(20)).until(() -> follows(a));
        return a;
    }

    private static long serviceQueue(org.jooq.DSLContext db) {
        return db.resultQuery("INSERT INTO queue (name, display_name) VALUES ('service', 'Service') RETURNING id").fetchOne().get(0, Long.class);
    }

    /** Agent 1001 (PJSIP/1001), a member of {@code queue}; their id. */
    private static long agentOf(org.jooq.DSLContext db, long queue) {
        long agent = db.resultQuery("INSERT INTO agent (username, display_name, interface) "
                + "VALUES ('agent.1001', 'Agent 1001', 'PJSIP/1001') RETURNING id").fetchOne().get(0, Long.class);
        db.execute("INSERT INTO queue_membership (queue_id, agent_id) VALUES (" + queue + ", " + agent + ")");
        return agent;
    }

    /** The agent, signed in on {@code node}. */
    private static ApiClient agentOn(HotlineServer node, long agent) {
        return ApiClient.withToken(node.httpPort(), TestServers.accessToken(node, SECRET, agent, "agent.1001",
                org.hotline.api.auth.Role.AGENT));
    }

    /** A callback of {@code queue} due now; its id. */
    private static long dueNow(HotlineServer node, long queue) {
        return node.serviceDesk().scheduleCallback(org.hotline.desk.callbacks.NewCallback.of(
                org.hotline.desk.callbacks.CallbackReason.IVR_REQUEST, "+8613800000066", java.time.Instant.now()).inQueue(queue),
                java.util.Optional.empty()).callbackId();
    }

    private static long count(HotlineServer node, String sql) {
        return org.jooq.impl.DSL.using(node.dataSource(), org.jooq.SQLDialect.POSTGRES).fetchOne(sql).get(0, Long.class);
    }

    @Test
    void oneNodeFollowsTheAsteriskACallIsStoredAndPoppedOnceAndAnotherNodeTakesOverWhenItStops() throws Exception {
        PbxSim pbx = new PbxSim(0, Map.of("hotline", "pbx-secret"));
        open.add(pbx);
        HotlineServer a = node("node-a", pbx.port());
        HotlineServer b = node("node-b", pbx.port());
        await().atMost(Duration.ofSeconds(20)).until(() -> follows(a));
        long roundsOfB = follower(b).rounds();
        await().atMost(Duration.ofSeconds(20)).until(() -> follower(b).rounds() >= roundsOfB + 3); // B tried the lease three times
        assertThat(b.bridges()).as("node B does not follow what node A follows").isEmpty();
        assertThat(pbx.loggedIn()).as("one AMI login").isEqualTo(1);
        assertThat(a.following().orElseThrow().holder("pbx-a").orElseThrow().node()).startsWith("node-a ");

        var db = org.jooq.impl.DSL.using(a.dataSource(), org.jooq.SQLDialect.POSTGRES);
        long agent = db.resultQuery("INSERT INTO agent (username, display_name, interface) "
                + "VALUES ('agent.1001', 'Agent 1001', 'Local/1001@agents/n') RETURNING id").fetchOne().get(0, Long.class);
        long supervisor = db.resultQuery("INSERT INTO agent (username, display_name, role) "
                + "VALUES ('wang.fang', 'Wang Fang', 'supervisor') RETURNING id").fetchOne().get(0, Long.class);
        ApiClient agentOnB = agentOn(b, agent);
        ApiClient boardOnB = ApiClient.withToken(b.httpPort(), TestServers.accessToken(b, SECRET, supervisor, "wang.fang",
                org.hotline.api.auth.Role.SUPERVISOR));
        assertThat(agentOnB.open(b.vertx().createWebSocketClient(), "/ws/agent").getString("type")).isEqualTo("ready");
        assertThat(boardOnB.open(b.vertx().createWebSocketClient(), "/ws/wallboard").getString("type")).isEqualTo("snapshot");

        AmiTrace.load("asterisk-traces/01-queue-answered.ami").events().stream()
                .filter(e -> !e.getOrEmpty("Event").equals("FullyBooted")).forEach(pbx::emit);

        agentOnB.next(m -> m.getString("type").equals("screen_pop"), Duration.ofSeconds(20));
        await().atMost(Duration.ofSeconds(20)).until(() -> count(a, "SELECT count(*) FROM call WHERE linkedid = '1795357008.30' "
                + "AND ended_at IS NOT NULL") == 1);
        JsonObject offered = boardOnB.next(m -> m.getString("type").equals("queue")
                && m.getJsonObject("queue").getJsonObject("today").getInteger("answered", 0) == 1, Duration.ofSeconds(20));
        assertThat(offered.getJsonObject("queue").getJsonObject("today").getInteger("offered")).isEqualTo(1);

        a.close(); // a node stopped (a rolling restart): it lets its lease go
        long stoppedAt = System.nanoTime();
        await().atMost(Duration.ofSeconds(10)).until(() -> follows(b));
        System.out.printf("takeover after a graceful stop: %d ms%n", (System.nanoTime() - stoppedAt) / 1_000_000);
        assertThat(b.following().orElseThrow().holder("pbx-a").orElseThrow().node()).startsWith("node-b ");

        AmiTrace.load("asterisk-traces/02-queue-abandoned.ami").events().stream()
                .filter(e -> !e.getOrEmpty("Event").equals("FullyBooted")).forEach(pbx::emit);
        await().atMost(Duration.ofSeconds(20)).until(() -> count(b, "SELECT count(*) FROM call WHERE linkedid = '1795357025.34' "
                + "AND ended_at IS NOT NULL") == 1);
        assertThat(count(b, "SELECT count(*) FROM call")).as("each call stored once").isEqualTo(2);
        assertThat(agentOnB.drained()).filteredOn(m -> m.getString("type").equals("screen_pop")).as("popped once").isEmpty();
        agentOnB.close();
        boardOnB.close();
    }

    @Test
    void aFollowerThatLosesItsLinkLetsANodeThatReachesTheAsteriskTakeOver() throws Exception {
        PbxSim pbx = new PbxSim(0, Map.of("hotline", "pbx-secret"));
        open.add(pbx);
        LinkCut route = new LinkCut(pbx.port());
        open.add(route);
        HotlineServer a = node("node-a", route.port()); // node A reaches the Asterisk through a route that breaks
        await().atMost(Duration.ofSeconds(20)).until(() -> follows(a));
        HotlineServer b = node("node-b", pbx.port());

        route.cut();
        long cutAt = System.nanoTime();
        await().atMost(Duration.ofSeconds(20)).until(() -> follows(b));
        System.out.printf("takeover after a lost link: %d ms%n", (System.nanoTime() - cutAt) / 1_000_000);
        assertThat(a.bridges()).as("node A stopped following").isEmpty();
        long roundsOfA = follower(a).rounds();
        await().atMost(Duration.ofSeconds(20)).until(() -> follower(a).rounds() >= roundsOfA + 10); // A outlived its time out
        assertThat(a.bridges()).as("node A does not take the Asterisk back from B").isEmpty();
        assertThat(pbx.loggedIn()).isEqualTo(1);
    }

    /**
     * An agent whose console is on a node that does not follow their Asterisk: their log-in,
     * pause, ready, click-to-call and a callback go to the Asterisk through the follower, and
     * their state is read back on their node; with the Asterisk out of reach, 503.
     */
    @Test
    void anAgentOnANodeThatDoesNotFollowTheirAsteriskWorksAShift() throws Exception {
        PbxSim pbx = new PbxSim(0, Map.of("hotline", "pbx-secret"));
        open.add(pbx);
        HotlineServer a = node("node-a", pbx.port());
        await().atMost(Duration.ofSeconds(20)).until(() -> follows(a));
        HotlineServer b = node("node-b", pbx.port());
        assertThat(b.bridges()).isEmpty();
        var db = org.jooq.impl.DSL.using(b.dataSource(), org.jooq.SQLDialect.POSTGRES);
        long queue = db.resultQuery("INSERT INTO queue (name, display_name) VALUES ('service', 'Service') RETURNING id")
                .fetchOne().get(0, Long.class);
        long agent = agentOf(db, queue);
        new org.hotline.api.auth.Users(new org.hotline.api.auth.PasswordHasher()).setPassword(db, agent, "agent-password-1");
        ApiClient onB = ApiClient.login(b.httpPort(), "agent.1001", "agent-password-1");
        assertThat(onB.open(b.vertx().createWebSocketClient(), "/ws/agent").getString("type")).isEqualTo("ready");
        AmiBridge follower = a.bridges().getFirst();

        assertThat(onB.send("PUT", "/me/state", new JsonObject().put("state", "ready")).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> follower.agentState("PJSIP/1001") == org.hotline.events.AgentState.READY);
        await().atMost(Duration.ofSeconds(10)).until(() -> onB.expect(200, "GET", "/me/state", null).getString("state").equals("ready"));
        assertThat(onB.send("PUT", "/me/state", new JsonObject().put("state", "paused").put("reason", "lunch")).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> "lunch".equals(onB.expect(200, "GET", "/me/state", null).getString("reason")));
        assertThat(follower.agentState("PJSIP/1001")).isEqualTo(org.hotline.events.AgentState.PAUSED);

        long customer = db.resultQuery("INSERT INTO customer (name) VALUES ('张三') RETURNING id").fetchOne().get(0, Long.class);
        var call = onB.send("POST", "/calls", new JsonObject().put("number", "13800138000").put("customerId", customer));
        assertThat(call.statusCode()).as(call.body()).isEqualTo(202);

        // a callback falls due (on whichever node's timers): offered to the agent, dialled through node A
        assertThat(onB.send("PUT", "/me/state", new JsonObject().put("state", "ready")).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> onB.expect(200, "GET", "/me/state", null).getString("state").equals("ready"));
        long callback = dueNow(b, queue);
        JsonObject offer = onB.next(m -> m.getString("type").equals("callback_offer"), Duration.ofSeconds(20));
        assertThat(offer.getJsonObject("payload").getLong("callbackId")).isEqualTo(callback);
        JsonObject result = onB.next(m -> m.getString("type").equals("callback_result"), Duration.ofSeconds(30));
        assertThat(result.getJsonObject("payload").getString("outcome")).isEqualTo("answered");
        await().atMost(Duration.ofSeconds(10)).until(() -> count(b, "SELECT count(*) FROM callback WHERE id = " + callback
                + " AND status = 'done' AND outcome = 'answered'") == 1);

        pbx.close(); // the Asterisk out of reach of every node
        await().atMost(Duration.ofSeconds(30)).until(() -> onB.send("PUT", "/me/state",
                new JsonObject().put("state", "paused").put("reason", "lunch")).statusCode() == 503);
        onB.close();
    }

    /**
     * The node whose dialer offered a callback stops during the preview: another node releases
     * the agent held for it and the callback is offered again (here to the same agent, on the
     * node still running), well before the offer's lease (two minutes) would have run out.
     */
    @Test
    void aCallbackOfferOutlivesTheNodeThatMadeIt() throws Exception {
        HotlineServer a = followingNode(60);
        HotlineServer b = node("node-b", pbxPort, 60);
        var db = org.jooq.impl.DSL.using(b.dataSource(), org.jooq.SQLDialect.POSTGRES);
        long queue = serviceQueue(db);
        long agent = agentOf(db, queue);
        ApiClient onA = agentOn(a, agent);
        ApiClient onB = agentOn(b, agent);
        onA.open(a.vertx().createWebSocketClient(), "/ws/agent");
        onB.open(b.vertx().createWebSocketClient(), "/ws/agent");
        assertThat(onB.send("PUT", "/me/state", new JsonObject().put("state", "ready")).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> onB.expect(200, "GET", "/me/state", null).getString("state").equals("ready"));

        long callback = dueNow(b, queue);
        onB.next(m -> m.getString("type").equals("callback_offer"), Duration.ofSeconds(20));
        onA.next(m -> m.getString("type").equals("callback_offer"), Duration.ofSeconds(20)); // on both of the agent's sockets
        await().atMost(Duration.ofSeconds(10)).until(() -> "callback".equals(onB.expect(200, "GET", "/me/state", null).getString("reason")));
        HotlineServer offering = heldBy(callback).startsWith("node-a ") ? a : b; // the node whose dialer made the offer
        HotlineServer staying = offering == a ? b : a;
        ApiClient stayingAgent = offering == a ? onB : onA;

        offering.close(); // during the preview (60 s)
        long stoppedAt = System.nanoTime();
        JsonObject withdrawn = stayingAgent.next(m -> m.getString("type").equals("callback_result"), Duration.ofSeconds(20));
        assertThat(withdrawn.getJsonObject("payload").getString("outcome")).isEqualTo("cancelled");
        JsonObject again = stayingAgent.next(m -> m.getString("type").equals("callback_offer"), Duration.ofSeconds(20));
        System.out.printf("callback offered again %d ms after its node stopped%n", (System.nanoTime() - stoppedAt) / 1_000_000);
        assertThat(again.getJsonObject("payload").getLong("callbackId")).isEqualTo(callback);
        assertThat(heldBy(callback)).startsWith(staying == a ? "node-a " : "node-b ");
        await().atMost(Duration.ofSeconds(20)).until(() -> follows(staying));
        stayingAgent.close(); // the other's socket went with its node
    }

    /** An agent takes a callback offered by another node's dialer on the node their console is on: it is dialled at once. */
    @Test
    void anOfferMadeOnOneNodeIsTakenOnAnother() throws Exception {
        HotlineServer a = followingNode(60);
        HotlineServer b = node("node-b", pbxPort, 60);
        var db = org.jooq.impl.DSL.using(b.dataSource(), org.jooq.SQLDialect.POSTGRES);
        long queue = serviceQueue(db);
        long agent = agentOf(db, queue);
        ApiClient onA = agentOn(a, agent);
        onA.open(a.vertx().createWebSocketClient(), "/ws/agent");
        assertThat(onA.send("PUT", "/me/state", new JsonObject().put("state", "ready")).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> onA.expect(200, "GET", "/me/state", null).getString("state").equals("ready"));

        long callback = dueNow(b, queue);
        onA.next(m -> m.getString("type").equals("callback_offer"), Duration.ofSeconds(20));
        HotlineServer other = heldBy(callback).startsWith("node-a ") ? b : a; // the node whose dialer does not hold the offer
        ApiClient there = agentOn(other, agent);

        there.expect(200, "POST", "/callbacks/" + callback + "/accept", null);

        JsonObject result = onA.next(m -> m.getString("type").equals("callback_result"), Duration.ofSeconds(30));
        assertThat(result.getJsonObject("payload").getString("outcome")).isEqualTo("answered");
        there.expect(409, "POST", "/callbacks/" + callback + "/accept", null); // taken once
        onA.close();
    }

    /**
     * The IVR on a node that does not follow the Asterisk: the expected wait it offers a callback
     * on is asked of the follower (the queue's only agent is at lunch: a long wait), not taken as
     * none.
     */
    @Test
    void theIvrOnANodeThatDoesNotFollowTheAsteriskKnowsTheWait() throws Exception {
        HotlineServer a = followingNode(1);
        HotlineServer b = node("node-b", pbxPort, 1);
        AmiBridge follower = a.bridges().getFirst();
        follower.agentCommands().login("service", "PJSIP/1001", "Agent 1001", 0).get(10, java.util.concurrent.TimeUnit.SECONDS);
        follower.agentCommands().pause("PJSIP/1001", "lunch").get(10, java.util.concurrent.TimeUnit.SECONDS);
        var call = org.hotline.pbxsim.agi.AgiCallScript.call("virtual-hold", "1796000000.1", "13800138000")
                .withArguments("queue=service", "priority=0");

        List<String> exchange = new org.hotline.pbxsim.agi.AgiCall(call).run("127.0.0.1", b.agiPort());

        assertThat(exchange).as("a long wait: a callback is offered").contains("> GET DATA hotline/callback-confirm 5000 1")
                .doesNotContain("> STREAM FILE hotline/wait-is-short \"\"");
    }
}
