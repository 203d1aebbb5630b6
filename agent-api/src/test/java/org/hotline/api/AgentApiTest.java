package org.hotline.api;

import com.zaxxer.hikari.HikariDataSource;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import org.hotline.api.auth.AccessTokens;
import org.hotline.api.auth.PasswordHasher;
import org.hotline.api.auth.Role;
import org.hotline.api.auth.User;
import org.hotline.api.auth.Users;
import org.hotline.desk.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotline.schema.jooq.Tables.AGENT;

/** The API over real HTTP on a real database: access, roles, tokens, problem+json, the OpenAPI file. */
class AgentApiTest {

    static final String SECRET = TestApi.SECRET;

    @RegisterExtension
    static final TestApi testApi = new TestApi();

    static TestDatabase database;
    static HikariDataSource pool;
    static Vertx vertx;
    static Router api;
    static WebClient client;

    @BeforeAll
    static void start() {
        database = testApi.database;
        pool = testApi.pool;
        vertx = testApi.vertx;
        api = testApi.router;
        client = testApi.client;
        Users users = new Users(new PasswordHasher());
        long agent = database.dsl().insertInto(AGENT, AGENT.USERNAME, AGENT.DISPLAY_NAME, AGENT.ROLE, AGENT.INTERFACE)
                .values("li.lei", "李雷", "agent", "PJSIP/1001").returning(AGENT.ID).fetchOne(AGENT.ID);
        long supervisor = database.dsl().insertInto(AGENT, AGENT.USERNAME, AGENT.DISPLAY_NAME, AGENT.ROLE)
                .values("wang.fang", "王芳", "supervisor").returning(AGENT.ID).fetchOne(AGENT.ID);
        database.dsl().insertInto(AGENT, AGENT.USERNAME, AGENT.DISPLAY_NAME).values("no.password", "No Password").execute();
        users.setPassword(database.dsl(), agent, "agent-password-1");
        users.setPassword(database.dsl(), supervisor, "supervisor-password-1");
    }

    static HttpResponse<Buffer> post(String path, JsonObject body) {
        return await(client.post(AgentApi.BASE + path).sendJsonObject(body));
    }

    static HttpResponse<Buffer> get(String path, String token) {
        var request = client.get(AgentApi.BASE + path);
        if (token != null) {
            request.putHeader("Authorization", "Bearer " + token);
        }
        return await(request.send());
    }

    static JsonObject login(String username, String password) {
        HttpResponse<Buffer> response = post("/auth/login", new JsonObject().put("username", username).put("password", password));
        assertThat(response.statusCode()).as("login of %s", username).isEqualTo(200);
        return response.bodyAsJsonObject();
    }

    static <T> T await(io.vertx.core.Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static void assertProblem(HttpResponse<Buffer> response, int status) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
        JsonObject problem = response.bodyAsJsonObject();
        assertThat(problem.getInteger("status")).isEqualTo(status);
        assertThat(problem.getString("title")).isNotBlank();
        assertThat(java.util.Arrays.stream(org.hotline.api.problem.ProblemCode.values()).map(org.hotline.api.problem.ProblemCode::id))
                .as("a problem's code is one clients know").contains(problem.getString("code"));
        assertThat(response.bodyAsString()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void aUserLogsInAndTheAccessTokenSaysWhoTheyAre() {
        JsonObject session = login("li.lei", "agent-password-1");

        assertThat(session.getString("tokenType")).isEqualTo("Bearer");
        assertThat(session.getLong("expiresIn")).isEqualTo(900);
        assertThat(session.getString("refreshToken")).hasSizeGreaterThan(40);
        assertThat(session.getJsonObject("user").getString("role")).isEqualTo("agent");
        HttpResponse<Buffer> me = get("/me", session.getString("accessToken"));
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.bodyAsJsonObject().getString("username")).isEqualTo("li.lei");
    }

    @Test
    void aWrongPasswordAnUnknownUserAndAUserWithoutPasswordAllGetTheSame401() {
        for (var attempt : Map.of("li.lei", "wrong", "nobody", "agent-password-1", "no.password", "").entrySet()) {
            HttpResponse<Buffer> response = post("/auth/login", new JsonObject().put("username", attempt.getKey())
                    .put("password", attempt.getValue().isEmpty() ? "anything" : attempt.getValue()));
            assertProblem(response, 401);
            assertThat(response.bodyAsJsonObject().getString("detail")).doesNotContain(attempt.getKey());
        }
    }

    @Test
    void aMissingForgedOrExpiredTokenIs401() {
        assertProblem(get("/me", null), 401);
        assertProblem(get("/me", "not-a-jwt"), 401);
        User agent = new User(1, "li.lei", "李雷", Role.ADMIN);
        String forged = new AccessTokens(vertx, "another-secret-of-at-least-32-characters", Duration.ofMinutes(5)).issue(agent);
        assertProblem(get("/me", forged), 401);
        String expired = io.vertx.ext.auth.jwt.JWTAuth.create(vertx, new io.vertx.ext.auth.jwt.JWTAuthOptions()
                        .addPubSecKey(new io.vertx.ext.auth.PubSecKeyOptions().setAlgorithm("HS256").setBuffer(SECRET)))
                .generateToken(new JsonObject().put("sub", "1").put("name", "li.lei").put("role", "agent")
                                .put("exp", System.currentTimeMillis() / 1000 - 300),
                        new io.vertx.ext.auth.JWTOptions().setAlgorithm("HS256").setIssuer("hotline"));
        assertProblem(get("/me", expired), 401);
    }

    @Test
    void onlySupervisorsAndAboveSeeTheAgents() {
        assertProblem(get("/agents", login("li.lei", "agent-password-1").getString("accessToken")), 403);

        HttpResponse<Buffer> list = get("/agents", login("wang.fang", "supervisor-password-1").getString("accessToken"));

        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.bodyAsJsonObject().getJsonArray("agents").stream().map(a -> ((JsonObject) a).getString("username")))
                .containsExactly("li.lei", "no.password", "wang.fang");
        assertThat(list.bodyAsString()).doesNotContain("password_hash").doesNotContain("$argon2");
    }

    @Test
    void aRefreshTokenIsUsedOnceAndAReplayEndsTheWholeLogin() {
        String first = login("li.lei", "agent-password-1").getString("refreshToken");

        HttpResponse<Buffer> refreshed = post("/auth/refresh", new JsonObject().put("refreshToken", first));
        assertThat(refreshed.statusCode()).isEqualTo(200);
        String second = refreshed.bodyAsJsonObject().getString("refreshToken");
        assertThat(second).isNotEqualTo(first);
        assertThat(get("/me", refreshed.bodyAsJsonObject().getString("accessToken")).statusCode()).isEqualTo(200);

        assertProblem(post("/auth/refresh", new JsonObject().put("refreshToken", first)), 401); // replayed
        assertProblem(post("/auth/refresh", new JsonObject().put("refreshToken", second)), 401); // its family is revoked
    }

    @Test
    void afterLogoutTheRefreshTokenNoLongerWorks() {
        String token = login("wang.fang", "supervisor-password-1").getString("refreshToken");

        assertThat(post("/auth/logout", new JsonObject().put("refreshToken", token)).statusCode()).isEqualTo(204);

        assertProblem(post("/auth/refresh", new JsonObject().put("refreshToken", token)), 401);
    }

    @Test
    void badBodiesGet400Or413WithWhatIsWrong() {
        HttpResponse<Buffer> malformed = await(client.post(AgentApi.BASE + "/auth/login").putHeader("Content-Type", "application/json")
                .sendBuffer(Buffer.buffer("{\"username\": ")));
        assertProblem(malformed, 400);
        assertThat(malformed.bodyAsJsonObject().getString("code")).isEqualTo("invalid-request");

        HttpResponse<Buffer> missing = post("/auth/login", new JsonObject().put("username", "li.lei").put("password", 42));
        assertProblem(missing, 400);
        assertThat(missing.bodyAsJsonObject().getString("code")).isEqualTo("invalid-request");
        assertThat(missing.bodyAsJsonObject().getJsonArray("errors")).containsExactly("password: Instance type number is invalid. Expected string");

        HttpResponse<Buffer> tooLong = post("/auth/login", new JsonObject().put("username", "x".repeat(101)).put("password", "p"));
        assertThat(tooLong.bodyAsJsonObject().getJsonArray("errors")).containsExactly("username: String is too long (101 > 100)");

        HttpResponse<Buffer> huge = post("/auth/login", new JsonObject().put("username", "x").put("password", "p".repeat(20_000)));
        assertProblem(huge, 413);
    }

    static HttpResponse<Buffer> putState(String token, JsonObject body) {
        return await(client.put(AgentApi.BASE + "/me/state").putHeader("Authorization", "Bearer " + token).sendJsonObject(body));
    }

    @Test
    void aStateChangeIsCheckedBeforeThePbxIsAsked() {
        String agent = login("li.lei", "agent-password-1").getString("accessToken");
        assertProblem(putState(agent, new JsonObject().put("state", "asleep")), 400);
        assertThat(putState(agent, new JsonObject().put("state", "paused")).bodyAsJsonObject().getJsonArray("errors"))
                .containsExactly("reason: a pause needs a reason; one of lunch, break, training, meeting, coaching, technical");
        // free text never reaches the PBX: only the configured codes are taken
        for (String reason : new String[] {"x\r\n\r\nAction: Logoff", "at the dentist", "callback", "wrap-up"}) {
            HttpResponse<Buffer> refused = putState(agent, new JsonObject().put("state", "paused").put("reason", reason));
            assertProblem(refused, 400);
            assertThat(refused.bodyAsJsonObject().getJsonArray("errors").getString(0)).startsWith("reason: not a pause reason; one of lunch");
        }
        HttpResponse<Buffer> reasons = get("/pause-reasons", agent);
        assertThat(reasons.statusCode()).isEqualTo(200);
        assertThat(reasons.bodyAsJsonObject().getJsonArray("reasons").getJsonObject(0)).isEqualTo(new JsonObject()
                .put("code", "lunch").put("labels", new JsonObject().put("zh-CN", "午餐").put("en", "Lunch")));
        assertProblem(putState(agent, new JsonObject().put("state", "ready")), 409); // li.lei is in no queue
        String supervisor = login("wang.fang", "supervisor-password-1").getString("accessToken");
        HttpResponse<Buffer> noDevice = putState(supervisor, new JsonObject().put("state", "ready"));
        assertProblem(noDevice, 409);
        assertThat(noDevice.bodyAsJsonObject().getString("title")).isEqualTo("No device");
        assertThat(noDevice.bodyAsJsonObject().getString("code")).isEqualTo("no-device");

        database.dsl().execute("INSERT INTO queue (name, display_name) VALUES ('service', 'Service') ON CONFLICT DO NOTHING; "
                + "INSERT INTO queue_membership (queue_id, agent_id) SELECT q.id, a.id FROM queue q, agent a "
                + "WHERE q.name = 'service' AND a.username = 'li.lei' ON CONFLICT DO NOTHING");
        HttpResponse<Buffer> noPbx = putState(agent, new JsonObject().put("state", "ready"));
        assertProblem(noPbx, 503);
        assertThat(noPbx.bodyAsJsonObject().getString("code")).isEqualTo("pbx-unavailable");
        HttpResponse<Buffer> shown = get("/me/state", agent);
        assertThat(shown.bodyAsJsonObject()).isEqualTo(new JsonObject().put("state", "logged_out").put("interface", "PJSIP/1001")
                .put("queues", new io.vertx.core.json.JsonArray().add("service")));
    }

    @Test
    void anAgentFindsACustomerCreatesARecordMovesItOnAndNotesIt() {
        database.dsl().execute("WITH c AS (INSERT INTO customer (name, city) VALUES ('张三', '上海') RETURNING id) "
                + "INSERT INTO customer_phone (customer_id, number) SELECT id, '+8613800138000' FROM c");
        String token = login("li.lei", "agent-password-1").getString("accessToken");

        JsonObject found = get("/customers?phone=138-0013-8000", token).bodyAsJsonObject();
        long customer = found.getJsonArray("customers").getJsonObject(0).getLong("id");
        assertThat(get("/customers?name=" + java.net.URLEncoder.encode("张", java.nio.charset.StandardCharsets.UTF_8), token).bodyAsJsonObject().getJsonArray("customers")).hasSize(1);
        assertProblem(get("/customers", token), 400);
        assertProblem(get("/customers/999999", token), 404);
        assertThat(get("/customers/999999", token).bodyAsJsonObject().getString("code")).isEqualTo("not-found");

        HttpResponse<Buffer> created = await(client.post(AgentApi.BASE + "/records").putHeader("Authorization", "Bearer " + token)
                .sendJsonObject(new JsonObject().put("type", "repair").put("customerId", customer).put("phone", "13800138000")
                        .put("faultDescription", "不制冷")));
        assertThat(created.statusCode()).isEqualTo(201);
        long record = created.bodyAsJsonObject().getLong("id");
        assertThat(created.getHeader("Location")).endsWith("/records/" + record);
        int version = created.bodyAsJsonObject().getInteger("version");

        HttpResponse<Buffer> edited = await(client.patch(AgentApi.BASE + "/records/" + record).putHeader("Authorization", "Bearer " + token)
                .sendJsonObject(new JsonObject().put("faultDescription", "不制冷, 有异响").put("version", version)));
        assertThat(edited.statusCode()).isEqualTo(200);
        assertThat(edited.bodyAsJsonObject().getInteger("version")).isEqualTo(version + 1);
        HttpResponse<Buffer> stale = await(client.patch(AgentApi.BASE + "/records/" + record).putHeader("Authorization", "Bearer " + token)
                .sendJsonObject(new JsonObject().put("summary", "an edit from a stale screen").put("version", version)));
        assertProblem(stale, 409);
        assertThat(stale.bodyAsJsonObject().getString("code")).isEqualTo("changed-since");
        assertThat(stale.bodyAsJsonObject().getJsonObject("current").getString("faultDescription")).as("the record as it is now")
                .isEqualTo("不制冷, 有异响");
        assertProblem(await(client.patch(AgentApi.BASE + "/records/" + record).putHeader("Authorization", "Bearer " + token)
                .sendJsonObject(new JsonObject().put("version", version + 1))), 400);
        assertThat(get("/records/" + record, token).bodyAsJsonObject().getString("faultDescription")).isEqualTo("不制冷, 有异响");

        HttpResponse<Buffer> refused = await(client.post(AgentApi.BASE + "/records/" + record + "/transitions")
                .putHeader("Authorization", "Bearer " + token).sendJsonObject(new JsonObject().put("to", "closed")));
        assertProblem(refused, 409);
        JsonObject why = refused.bodyAsJsonObject();
        assertThat(java.util.List.of(why.getString("code"), why.getString("from"), why.getString("to")))
                .as("what the pages say in the reader's words: from which step to which").containsExactly("transition-not-allowed", get("/records/" + record, token).bodyAsJsonObject().getString("status"), "closed");
        HttpResponse<Buffer> moved = await(client.post(AgentApi.BASE + "/records/" + record + "/transitions")
                .putHeader("Authorization", "Bearer " + token).sendJsonObject(new JsonObject().put("to", "cancelled").put("reason", "duplicate")));
        assertThat(moved.statusCode()).isEqualTo(200);
        assertThat(moved.bodyAsJsonObject().getString("status")).isEqualTo("cancelled");
        assertThat(await(client.post(AgentApi.BASE + "/records/" + record + "/notes").putHeader("Authorization", "Bearer " + token)
                .sendJsonObject(new JsonObject().put("text", "customer called twice"))).statusCode()).isEqualTo(204);

        JsonObject shown = get("/records/" + record, token).bodyAsJsonObject();
        assertThat(shown.getJsonArray("events").stream().map(e -> ((JsonObject) e).getString("event")))
                .contains("created", "field_changed", "transition", "note");
        assertThat(shown.getJsonArray("events").stream().map(e -> ((JsonObject) e).getString("by"))).contains("li.lei");
        JsonObject card = get("/customers/" + customer, token).bodyAsJsonObject();
        assertThat(card.getJsonArray("phones")).containsExactly("+8613800138000");
        // the card carries the version an edit names: an edit from a card read before another one is refused
        HttpResponse<Buffer> renamed = await(client.patch(AgentApi.BASE + "/customers/" + customer).putHeader("Authorization", "Bearer " + token)
                .sendJsonObject(new JsonObject().put("city", "北京").put("version", card.getInteger("version"))));
        assertThat(renamed.statusCode()).isEqualTo(200);
        HttpResponse<Buffer> staleCard = await(client.patch(AgentApi.BASE + "/customers/" + customer).putHeader("Authorization", "Bearer " + token)
                .sendJsonObject(new JsonObject().put("city", "天津").put("version", card.getInteger("version"))));
        assertProblem(staleCard, 409);
        assertThat(staleCard.bodyAsJsonObject().getString("code")).isEqualTo("changed-since");
        assertThat(get("/customers/" + customer, token).bodyAsJsonObject().getString("city")).isEqualTo("北京");
        assertThat(card.getJsonArray("recentRecords").getJsonObject(0).getLong("id")).isEqualTo(record);
    }

    @Test
    void anAgentSeesTheirCallbacksReportsATryAndMovesOne() {
        String token = login("li.lei", "agent-password-1").getString("accessToken");
        long id = database.dsl().resultQuery("INSERT INTO callback (reason, phone, due_at) VALUES ('ivr_request', '+8613700137000', now()) "
                + "RETURNING id").fetchOne().get(0, Long.class);

        var list = get("/callbacks", token).bodyAsJsonObject().getJsonArray("callbacks");
        assertThat(list.stream().map(c -> ((JsonObject) c).getLong("id"))).contains(id);

        HttpResponse<Buffer> busy = await(client.post(AgentApi.BASE + "/callbacks/" + id + "/complete")
                .putHeader("Authorization", "Bearer " + token).sendJsonObject(new JsonObject().put("outcome", "busy")));
        assertThat(busy.bodyAsJsonObject().getString("status")).isEqualTo("pending");
        assertThat(busy.bodyAsJsonObject().getString("retryAt")).isNotNull();

        HttpResponse<Buffer> moved = await(client.post(AgentApi.BASE + "/callbacks/" + id + "/reschedule")
                .putHeader("Authorization", "Bearer " + token)
                .sendJsonObject(new JsonObject().put("dueAt", "2030-01-02T02:00:00Z").put("note", "after the holiday")));
        assertThat(moved.statusCode()).isEqualTo(200);
        assertThat(database.dsl().fetchValue("SELECT due_at FROM callback WHERE id = " + id).toString()).startsWith("2030-01-02");

        HttpResponse<Buffer> answered = await(client.post(AgentApi.BASE + "/callbacks/" + id + "/complete")
                .putHeader("Authorization", "Bearer " + token).sendJsonObject(new JsonObject().put("outcome", "answered")));
        assertThat(answered.bodyAsJsonObject().getString("status")).isEqualTo("done");
        assertProblem(await(client.post(AgentApi.BASE + "/callbacks/" + id + "/complete")
                .putHeader("Authorization", "Bearer " + token).sendJsonObject(new JsonObject().put("outcome", "answered"))), 409);
        assertProblem(await(client.post(AgentApi.BASE + "/callbacks/424242/reschedule")
                .putHeader("Authorization", "Bearer " + token).sendJsonObject(new JsonObject().put("dueAt", "2030-01-02T02:00:00Z"))), 404);
    }

    static HttpResponse<Buffer> putTargets(String token, String queue, JsonObject body) {
        return await(client.put(AgentApi.BASE + "/queues/" + queue + "/targets").putHeader("Authorization", "Bearer " + token)
                .sendJsonObject(body));
    }

    @Test
    void aSupervisorSetsAQueuesWallboardTargetsAndAnAgentMayNot() {
        database.dsl().execute("INSERT INTO queue (name, display_name) VALUES ('complaints', '投诉') ON CONFLICT DO NOTHING");
        String supervisor = login("wang.fang", "supervisor-password-1").getString("accessToken");
        String agent = login("li.lei", "agent-password-1").getString("accessToken");
        JsonObject stricter = new JsonObject().put("serviceLevelPercent", 90).put("waitingWarn", 2).put("waitingAlarm", 4)
                .put("longestWaitWarnSeconds", 30).put("longestWaitAlarmSeconds", 90);

        assertProblem(putTargets(agent, "complaints", stricter), 403);
        assertProblem(get("/queues", agent), 403);
        HttpResponse<Buffer> set = putTargets(supervisor, "complaints", stricter);
        assertThat(set.statusCode()).as(set.bodyAsString()).isEqualTo(200);
        assertThat(set.bodyAsJsonObject().getInteger("serviceLevelPercent")).isEqualTo(90);
        JsonObject listed = get("/queues", supervisor).bodyAsJsonObject().getJsonArray("queues").stream().map(JsonObject.class::cast)
                .filter(q -> q.getString("name").equals("complaints")).findFirst().orElseThrow();
        assertThat(listed.getString("displayName")).isEqualTo("投诉");
        assertThat(listed.getInteger("longestWaitAlarmSeconds")).isEqualTo(90);

        HttpResponse<Buffer> upsideDown = putTargets(supervisor, "complaints", stricter.copy().put("waitingAlarm", 1));
        assertProblem(upsideDown, 400);
        assertThat(upsideDown.bodyAsJsonObject().getJsonArray("errors").getString(0)).startsWith("waitingAlarm:");
        assertProblem(putTargets(supervisor, "complaints", stricter.copy().put("serviceLevelPercent", 0)), 400);
        assertProblem(putTargets(supervisor, "no-such-queue", stricter), 404);
        assertThat(database.dsl().fetchValue("SELECT waiting_alarm FROM queue WHERE name = 'complaints'"))
                .as("nothing refused was written").isEqualTo(4);
    }

    @Test
    void aSupervisorReassignsACallbackAndARecordAndAnAgentMayNot() {
        String agent = login("li.lei", "agent-password-1").getString("accessToken");
        String supervisor = login("wang.fang", "supervisor-password-1").getString("accessToken");
        long liLei = database.dsl().resultQuery("SELECT id FROM agent WHERE username = 'li.lei'").fetchOne().get(0, Long.class);
        long callback = database.dsl().resultQuery("INSERT INTO callback (reason, phone, due_at) VALUES ('ivr_request', "
                + "'+8613700137001', now()) RETURNING id").fetchOne().get(0, Long.class);
        long record = await(client.post(AgentApi.BASE + "/records").putHeader("Authorization", "Bearer " + agent)
                .sendJsonObject(new JsonObject().put("type", "consultation"))).bodyAsJsonObject().getLong("id");

        assertProblem(await(client.post(AgentApi.BASE + "/callbacks/" + callback + "/assign").putHeader("Authorization", "Bearer " + agent)
                .sendJsonObject(new JsonObject().put("agentId", liLei))), 403);
        HttpResponse<Buffer> assigned = await(client.post(AgentApi.BASE + "/callbacks/" + callback + "/assign")
                .putHeader("Authorization", "Bearer " + supervisor).sendJsonObject(new JsonObject().put("agentId", liLei)));
        assertThat(assigned.statusCode()).isEqualTo(200);
        assertThat(database.dsl().resultQuery("SELECT owner_agent_id FROM callback WHERE id = " + callback).fetchOne().get(0, Long.class))
                .isEqualTo(liLei);
        HttpResponse<Buffer> handler = await(client.post(AgentApi.BASE + "/records/" + record + "/assign")
                .putHeader("Authorization", "Bearer " + supervisor)
                .sendJsonObject(new JsonObject().put("agentId", liLei).put("reason", "knows this customer")));
        assertThat(handler.statusCode()).isEqualTo(200);
        assertThat(get("/records/" + record, agent).bodyAsJsonObject().getJsonArray("events").stream()
                .map(e -> ((JsonObject) e).getString("event") + " by " + ((JsonObject) e).getString("by")))
                .contains("assigned by wang.fang");
        assertProblem(await(client.post(AgentApi.BASE + "/records/" + record + "/assign").putHeader("Authorization", "Bearer " + supervisor)
                .sendJsonObject(new JsonObject().put("agentId", 987654))), 422);
        assertProblem(await(client.put(AgentApi.BASE + "/agents/" + liLei + "/state").putHeader("Authorization", "Bearer " + agent)
                .sendJsonObject(new JsonObject().put("state", "ready"))), 403);
    }

    @Test
    void theDailyReportCountsTheCallsOfTheDayInJsonAndCsv() {
        String supervisor = login("wang.fang", "supervisor-password-1").getString("accessToken");
        long liLei = database.dsl().resultQuery("SELECT id FROM agent WHERE username = 'li.lei'").fetchOne().get(0, Long.class);
        // 2030-03-04 in Shanghai: two answered (10 s and 40 s), one abandoned, all in queue 'report-q'
        database.dsl().execute("INSERT INTO call (linkedid, direction, queue_name, agent_id, offered_at, queued_at, answered_at, "
                + "wait_seconds, talk_seconds, outcome) VALUES "
                + "('r1', 'inbound', 'report-q', " + liLei + ", '2030-03-04T01:00:00Z', '2030-03-04T01:00:01Z', '2030-03-04T01:00:11Z', 10, 60, 'answered'), "
                + "('r2', 'inbound', 'report-q', " + liLei + ", '2030-03-04T02:00:00Z', '2030-03-04T02:00:01Z', '2030-03-04T02:00:41Z', 40, 120, 'answered'), "
                + "('r3', 'inbound', 'report-q', NULL, '2030-03-04T03:00:00Z', '2030-03-04T03:00:01Z', NULL, 30, NULL, 'abandoned'), "
                + "('r4', 'inbound', 'report-q', NULL, '2030-03-05T03:00:00Z', '2030-03-05T03:00:01Z', NULL, 30, NULL, 'abandoned')");

        JsonObject report = get("/reports/daily?date=2030-03-04", supervisor).bodyAsJsonObject();
        JsonObject queue = report.getJsonArray("queues").stream().map(JsonObject.class::cast)
                .filter(q -> q.getString("queue").equals("report-q")).findFirst().orElseThrow();
        assertThat(queue.getLong("offered")).isEqualTo(3);
        assertThat(queue.getLong("answered")).isEqualTo(2);
        assertThat(queue.getLong("abandoned")).isEqualTo(1);
        assertThat(queue.getDouble("serviceLevelPercent")).as("1 of 3 within 20 s").isEqualTo(33.3);
        assertThat(queue.getDouble("averageSpeedOfAnswerSeconds")).isEqualTo(25.0);
        assertThat(report.getJsonArray("agents").getJsonObject(0).getLong("answered")).isEqualTo(2);

        HttpResponse<Buffer> csv = await(client.get(AgentApi.BASE + "/reports/daily?date=2030-03-04&format=csv")
                .putHeader("Authorization", "Bearer " + supervisor).send());
        assertThat(csv.getHeader("Content-Type")).startsWith("text/csv");
        assertThat(csv.bodyAsString()).contains("section,queue,serviceLevelSeconds,offered,answered,abandoned,serviceLevelPercent")
                .contains("queues,report-q,20,3,2,1,33.3");
        assertProblem(get("/reports/daily?date=yesterday", supervisor), 400);
        assertProblem(get("/reports/monthly?month=2030-03", login("li.lei", "agent-password-1").getString("accessToken")), 403);
        assertThat(get("/reports/monthly?month=2030-03", supervisor).bodyAsJsonObject().getJsonArray("queues").stream()
                .map(JsonObject.class::cast).filter(q -> q.getString("queue").equals("report-q")).findFirst().orElseThrow()
                .getLong("offered")).isEqualTo(4);
    }

    /** DOMAIN.md's field measures: repeat repairs of the same product, and per technician jobs, arrivals and repairs done again. */
    @Test
    void theMonthlyReportCountsRepeatRepairsAndEachTechniciansWork() {
        String supervisor = login("wang.fang", "supervisor-password-1").getString("accessToken");
        var db = database.dsl();
        long customer = db.resultQuery("INSERT INTO customer (name) VALUES ('赵六') RETURNING id").fetchOne().get(0, Long.class);
        long fridge = db.resultQuery("INSERT INTO asset (customer_id, model, serial_number) VALUES (" + customer
                + ", 'BCD-500', 'SN-REPEAT-1') RETURNING id").fetchOne().get(0, Long.class);
        long washer = db.resultQuery("INSERT INTO asset (customer_id, model, serial_number) VALUES (" + customer
                + ", 'WM-800', 'SN-REPEAT-2') RETURNING id").fetchOne().get(0, Long.class);
        // April 2031: the fridge repaired on the 2nd by 张师傅 and again on the 20th (a repeat within 30 days); the washer once
        long first = record(db, "R-REP-1", fridge, "2031-04-02T02:00:00Z");
        long again = record(db, "R-REP-2", fridge, "2031-04-20T02:00:00Z");
        long other = record(db, "R-REP-3", washer, "2031-04-10T02:00:00Z");
        db.execute("INSERT INTO work_order (record_id, service_type, technician, dispatched_at, arrived_at, finished_at) VALUES "
                + "(" + first + ", 'repair', '张师傅', '2031-04-02T03:00Z', '2031-04-02T05:00Z', '2031-04-02T06:00Z'), "
                + "(" + again + ", 'repair', '李师傅', '2031-04-20T03:00Z', '2031-04-20T04:00Z', NULL), "
                + "(" + other + ", 'repair', '张师傅', '2031-04-10T03:00Z', NULL, NULL)");

        JsonObject report = get("/reports/monthly?month=2031-04", supervisor).bodyAsJsonObject();

        assertThat(report.getJsonObject("repeatRepairs").getLong("repairs")).isEqualTo(3);
        assertThat(report.getJsonObject("repeatRepairs").getLong("repeats")).isEqualTo(1);
        JsonObject zhang = report.getJsonArray("technicians").stream().map(JsonObject.class::cast)
                .filter(t -> t.getString("technician").equals("张师傅")).findFirst().orElseThrow();
        assertThat(zhang.getLong("jobs")).isEqualTo(2);
        assertThat(zhang.getLong("onSite")).isEqualTo(1);
        assertThat(zhang.getDouble("averageMinutesToSite")).isEqualTo(120.0);
        assertThat(zhang.getLong("repairedAgain")).as("the fridge came back").isEqualTo(1);
        assertThat(get("/reports/monthly?month=2031-04&repeatDays=10", supervisor).bodyAsJsonObject().getJsonObject("repeatRepairs")
                .getLong("repeats")).as("18 days apart is not within 10").isZero();
        assertProblem(get("/reports/monthly?month=2031-04&repeatDays=0", supervisor), 400);
    }

    private static long record(org.jooq.DSLContext db, String number, long asset, String createdAt) {
        return db.resultQuery("INSERT INTO contact_record (number, type, status, asset_id, created_at) VALUES ('" + number
                + "', 'repair', 'registered', " + asset + ", '" + createdAt + "') RETURNING id").fetchOne().get(0, Long.class);
    }

    @Test
    void anAgentClaimsACallbackAndReadsCallHistory() {
        String token = login("li.lei", "agent-password-1").getString("accessToken");
        long liLei = database.dsl().resultQuery("SELECT id FROM agent WHERE username = 'li.lei'").fetchOne().get(0, Long.class);
        long callback = database.dsl().resultQuery("INSERT INTO callback (reason, phone, due_at) VALUES ('ivr_request', "
                + "'+8613700137002', now()) RETURNING id").fetchOne().get(0, Long.class);
        HttpResponse<Buffer> claimed = await(client.post(AgentApi.BASE + "/callbacks/" + callback + "/claim")
                .putHeader("Authorization", "Bearer " + token).send());
        assertThat(claimed.statusCode()).isEqualTo(200);
        assertThat(get("/callbacks", token).bodyAsJsonObject().getJsonArray("callbacks").stream().map(JsonObject.class::cast)
                .filter(c -> c.getLong("id") == callback).findFirst().orElseThrow().getBoolean("mine")).isTrue();

        database.dsl().execute("INSERT INTO call (linkedid, direction, agent_id, offered_at, answered_at, talk_seconds, outcome) "
                + "VALUES ('hist-1', 'inbound', " + liLei + ", '2030-05-01T01:00:00Z', '2030-05-01T01:00:05Z', 42, 'answered')");
        JsonObject mine = get("/calls?mine=true", token).bodyAsJsonObject().getJsonArray("calls").getJsonObject(0);
        assertThat(mine.getString("agent")).isEqualTo("li.lei");
        assertThat(mine.getDouble("talkSeconds")).isEqualTo(42.0);
        assertProblem(get("/calls", token), 400);
    }

    @Test
    void anUnknownPathIsA404Problem() {
        assertProblem(get("/nowhere", null), 404);
    }

    @Test
    void theOpenApiFileDescribesExactlyTheRoutesThereAre() {
        HttpResponse<Buffer> file = get("/openapi.yaml", null);
        assertThat(file.statusCode()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) ((Map<String, Object>)
                new Load(LoadSettings.builder().build()).loadFromString(file.bodyAsString())).get("paths");
        Set<String> described = new TreeSet<>();
        paths.forEach((path, operations) -> operations.keySet().forEach(method -> described.add(method.toUpperCase() + " " + path)));

        Set<String> routed = new TreeSet<>();
        for (Route route : api.getRoutes()) {
            if (route.getPath() != null && route.methods() != null) {
                for (HttpMethod method : route.methods()) {
                    routed.add(method.name() + " " + route.getPath().replaceAll(":(\\w+)", "{$1}"));
                }
            }
        }
        assertThat(routed).isEqualTo(described);
    }

    /** Every operation has an id, a tag of the file's list, and for each success a response the client can rely on. */
    @Test
    @SuppressWarnings("unchecked")
    void everyOperationIsNamedTaggedAndDescribesItsAnswer() {
        Map<String, Object> file = (Map<String, Object>) new Load(LoadSettings.builder().build())
                .loadFromString(get("/openapi.yaml", null).bodyAsString());
        Set<Object> tags = new TreeSet<>(((java.util.List<Map<String, Object>>) file.get("tags")).stream().map(t -> t.get("name")).toList());
        Map<String, Object> responses = (Map<String, Object>) ((Map<String, Object>) file.get("components")).get("responses");
        Set<Object> ids = new java.util.HashSet<>();
        ((Map<String, Map<String, Map<String, Object>>>) file.get("paths")).forEach((path, operations) -> operations.forEach((method, op) -> {
            String name = method.toUpperCase() + " " + path;
            assertThat(op.get("operationId")).as(name).isNotNull();
            assertThat(ids.add(op.get("operationId"))).as(name + ": its operationId is its own").isTrue();
            assertThat((java.util.List<Object>) op.get("tags")).as(name).isNotEmpty().allSatisfy(tag -> assertThat(tags).contains(tag));
            ((Map<String, Map<String, Object>>) op.get("responses")).forEach((status, given) -> {
                if (!String.valueOf(status).startsWith("2") || String.valueOf(status).equals("204")) {
                    return;
                }
                Map<String, Object> response = given.containsKey("$ref")
                        ? (Map<String, Object>) responses.get(String.valueOf(given.get("$ref")).replace("#/components/responses/", "")) : given;
                Map<String, Object> content = (Map<String, Object>) response.get("content");
                assertThat(content).as(name + " " + status + ": what it answers").isNotNull();
                content.forEach((type, media) -> {
                    Map<String, Object> schema = (Map<String, Object>) ((Map<String, Object>) media).get("schema");
                    if (type.equals("application/json")) {
                        assertThat(schema.keySet()).as(name + " " + status + ": a schema with its members").containsAnyOf("$ref", "properties", "items");
                    }
                });
            });
        }));
    }
}
