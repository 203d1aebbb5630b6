package org.hotline.server;

import io.vertx.core.json.JsonObject;
import org.hotline.desk.callbacks.CallbackReason;
import org.hotline.pbxsim.AmiTrace;
import org.hotline.pbxsim.PbxSim;
import org.hotline.desk.callbacks.NewCallback;
import org.hotline.server.config.ConfigException;
import org.hotline.server.embedded.EmbeddedPostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HotlineServerTest {

    @TempDir
    Path dataDir;

    @Test
    void startsWithEmbeddedDatabaseAndRedisAndReportsReady() throws Exception {
        // on an empty data directory, as the quick start does: the database made and migrated
        try (HotlineServer server = HotlineServer.start(TestServers.emptyDataDirectoryConfig(dataDir))) {
            assertThat(TestServers.get(server.httpPort(), "/health/live").statusCode()).isEqualTo(200);

            HttpResponse<String> ready = TestServers.get(server.httpPort(), "/health/ready");
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(new JsonObject(ready.body())).isEqualTo(new JsonObject()
                    .put("status", "UP")
                    .put("checks", new JsonObject().put("database", "UP").put("migrations", "UP").put("startup", "UP").put("redis", "UP")
                            .put("timers", "UP")));

            assertThat(count(server, "SELECT count(*) FROM flyway_schema_history WHERE success")).isGreaterThanOrEqualTo(6);
            assertThat(server.embeddedPostgres()).isPresent();
            assertThat(server.embeddedRedis()).isPresent();
        }
    }

    @Test
    void metricsAreServedInPrometheusFormatOnTheManagementPortOnly() throws Exception {
        try (HotlineServer server = HotlineServer.start(TestServers.config(dataDir))) {
            HttpResponse<String> metrics = TestServers.get(server.managementPort(), "/metrics");

            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
            assertThat(metrics.body()).contains("# TYPE jvm_memory_used_bytes gauge", "hikaricp_connections{");
            assertThat(TestServers.get(server.managementPort(), "/health/ready").statusCode()).isEqualTo(200);
            assertThat(TestServers.get(server.httpPort(), "/metrics").statusCode()).as("not on the public port").isEqualTo(404);
        }
    }

    @Test
    void pagesAndApiAnswersCarryTheirSecurityHeaders() throws Exception {
        try (HotlineServer server = HotlineServer.start(TestServers.config(dataDir))) {
            for (String page : new String[] {"/agent", "/wallboard", "/agent.js", "/wallboard.js"}) {
                HttpResponse<String> answer = TestServers.get(server.httpPort(), page);
                assertThat(answer.statusCode()).as(page).isEqualTo(200);
                String csp = answer.headers().firstValue("Content-Security-Policy").orElse("");
                assertThat(csp).as(page).contains("script-src 'self'", "frame-ancestors 'none'").doesNotContain("unsafe-inline");
                assertThat(answer.headers().firstValue("Referrer-Policy")).as(page).contains("no-referrer");
                assertThat(answer.headers().firstValue("X-Content-Type-Options")).as(page).contains("nosniff");
                if (page.endsWith(".html") || !page.contains(".")) {
                    assertThat(answer.body()).as("no inline script in %s", page).doesNotContain("<script>").doesNotContain(" onclick=");
                }
            }
            for (String api : new String[] {"/api/v1/me", "/api/v1/openapi.yaml", "/api/v1/nonesuch"}) {
                HttpResponse<String> answer = TestServers.get(server.httpPort(), api);
                assertThat(answer.headers().firstValue("Cache-Control")).as(api).contains("no-store");
                assertThat(answer.headers().firstValue("X-Content-Type-Options")).as(api).contains("nosniff");
                assertThat(answer.headers().firstValue("Referrer-Policy")).as(api).contains("no-referrer");
            }
        }
    }

    @Test
    void readinessGoesDownWhenRedisIsGone() throws Exception {
        try (HotlineServer server = HotlineServer.start(TestServers.config(dataDir))) {
            server.embeddedRedis().orElseThrow().close();

            HttpResponse<String> ready = TestServers.get(server.httpPort(), "/health/ready");

            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(new JsonObject(ready.body()).getJsonObject("checks").getString("redis")).isEqualTo("DOWN");
            assertThat(TestServers.get(server.httpPort(), "/health/live").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void dataSurvivesARestart() throws Exception {
        try (HotlineServer first = HotlineServer.start(TestServers.config(dataDir))) {
            try (Connection c = first.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("INSERT INTO customer (name, key_customer) VALUES ('李娜', true)");
            }
        }
        try (HotlineServer second = HotlineServer.start(TestServers.config(dataDir))) {
            assertThat(count(second, "SELECT count(*) FROM customer WHERE name = '李娜' AND key_customer")).isEqualTo(1);
        }
    }

    @Test
    void aSecondServerOnTheSameDataDirectoryIsRefused() throws Exception {
        try (HotlineServer first = HotlineServer.start(TestServers.config(dataDir))) {
            assertThatThrownBy(() -> HotlineServer.start(TestServers.config(dataDir)))
                    .isInstanceOf(StartupException.class)
                    .hasMessageStartingWith("data-dir: " + dataDir + " is in use by another Hotline process (pid "
                            + ProcessHandle.current().pid() + ")");
            assertThat(EmbeddedPostgresServer.postmasterOf(dataDir.resolve("postgres"))).as("the first one's database runs on").isPresent();
            assertThat(TestServers.get(first.httpPort(), "/health/ready").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void anUnreachableExternalDatabaseStopsStartUpNamingTheKeyButNotThePassword() {
        int closedPort = freePort();
        assertThatThrownBy(() -> HotlineServer.start(TestServers.config(dataDir,
                "HOTLINE_DB_URL", "jdbc:postgresql://127.0.0.1:" + closedPort + "/hotline",
                "HOTLINE_DB_USER", "hotline",
                "HOTLINE_DB_PASSWORD", "do-not-print-me",
                "HOTLINE_DB_CONNECT_TIMEOUT_SECONDS", "2")))
                .isInstanceOf(StartupException.class)
                .hasMessageStartingWith("database.url: cannot connect to jdbc:postgresql://127.0.0.1:" + closedPort
                        + "/hotline as hotline: ")
                .message().doesNotContain("do-not-print-me");
    }

    @Test
    void anUnreachableExternalRedisStopsStartUpNamingTheKey() {
        int closedPort = freePort();
        assertThatThrownBy(() -> HotlineServer.start(TestServers.config(dataDir,
                "HOTLINE_REDIS_URI", "redis://:hidden@127.0.0.1:" + closedPort,
                "HOTLINE_DB_CONNECT_TIMEOUT_SECONDS", "2")))
                .isInstanceOf(StartupException.class)
                .hasMessageStartingWith("redis.uri: cannot connect to redis://****@127.0.0.1:" + closedPort + ": ")
                .message().doesNotContain("hidden");
    }

    @Test
    void anHttpPortInUseStopsStartUpNamingTheKey() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            assertThatThrownBy(() -> HotlineServer.start(TestServers.config(dataDir,
                    "HOTLINE_HTTP_HOST", "0.0.0.0", "HOTLINE_HTTP_PORT", String.valueOf(taken.getLocalPort()))))
                    .isInstanceOf(StartupException.class)
                    .hasMessageStartingWith("http.port: cannot listen on 0.0.0.0:" + taken.getLocalPort());
        }
        // what had started is stopped again: the data directory is free for the next server
        try (HotlineServer server = HotlineServer.start(TestServers.config(dataDir))) {
            assertThat(server.httpPort()).isPositive();
        }
    }

    @Test
    void dueCallbacksAreFiredAndTheirEventsReachTheEventBus() throws Exception {
        try (HotlineServer server = HotlineServer.start(TestServers.config(dataDir, "HOTLINE_TIMERS_POLL_MILLIS", "50"))) {
            CompletableFuture<org.hotline.events.DeskEvent> due = new CompletableFuture<>();
            server.vertx().eventBus().<org.hotline.events.HotlineEvent>consumer(HotlineServer.EVENTS_ADDRESS, message -> {
                if (message.body() instanceof org.hotline.events.DeskEvent desk
                        && desk.type() == org.hotline.events.DeskEventType.CALLBACK_DUE) {
                    due.complete(desk);
                }
            });
            long id = server.serviceDesk().scheduleCallback(NewCallback.of(CallbackReason.IVR_REQUEST, "+8613800000000",
                    Instant.now()), Optional.empty()).callbackId();

            org.hotline.events.DeskEvent event = due.get(30, TimeUnit.SECONDS);
            assertThat(event.aggregateId()).isEqualTo(id);
            assertThat(event.version()).isEqualTo(1);
            assertThat(event.text("phone")).isEqualTo("+8613800000000");
            assertThat(count(server, "SELECT count(*) FROM callback WHERE status = 'offered' AND id = " + id)).isEqualTo(1);
        }
    }

    @Test
    void readinessSaysWhichAsteriskIsDownAndTheNodeKeepsServingDegraded() throws Exception {
        PbxSim pbx = new PbxSim(0, Map.of("hotline", "pbx-secret"));
        try (HotlineServer server = HotlineServer.start(TestServers.config(dataDir, "HOTLINE_AMI_HOST", "127.0.0.1",
                "HOTLINE_AMI_PORT", String.valueOf(pbx.port()), "HOTLINE_AMI_USER", "hotline",
                "HOTLINE_AMI_SECRET", "pbx-secret", "HOTLINE_AMI_NAME", "pbx-a"))) {
            awaitAmiInSync(server);
            HttpResponse<String> up = TestServers.get(server.httpPort(), "/health/ready");
            assertThat(up.statusCode()).isEqualTo(200);
            assertThat(new JsonObject(up.body()).getString("status")).isEqualTo("UP");
            assertThat(new JsonObject(up.body()).getJsonObject("checks").getString("ami:pbx-a")).isEqualTo("UP");

            pbx.close(); // the Asterisk goes away
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            JsonObject health;
            do {
                Thread.sleep(100);
                health = new JsonObject(TestServers.get(server.managementPort(), "/health/ready").body());
            } while (!health.getString("status").equals("DEGRADED") && System.nanoTime() < deadline);
            assertThat(health.getString("status")).isEqualTo("DEGRADED");
            assertThat(health.getJsonObject("checks").getString("ami:pbx-a")).isEqualTo("DOWN");
            assertThat(health.getJsonObject("checks").getString("database")).isEqualTo("UP");
            assertThat(TestServers.get(server.httpPort(), "/health/ready").statusCode()).as("still taking agents").isEqualTo(200);
        } finally {
            pbx.close();
        }
    }

    @Test
    void callsOnTheConfiguredAsteriskAreStoredAndPublished() throws Exception {
        try (PbxSim pbx = new PbxSim(0, Map.of("hotline", "pbx-secret"));
             HotlineServer server = HotlineServer.start(TestServers.config(dataDir, "HOTLINE_AMI_HOST", "127.0.0.1",
                     "HOTLINE_AMI_PORT", String.valueOf(pbx.port()), "HOTLINE_AMI_USER", "hotline",
                     "HOTLINE_AMI_SECRET", "pbx-secret", "HOTLINE_AMI_NAME", "pbx-a"))) {
            CompletableFuture<org.hotline.events.CallEvent.Ended> ended = new CompletableFuture<>();
            server.vertx().eventBus().<org.hotline.events.HotlineEvent>consumer(HotlineServer.CALLS_ADDRESS, message -> {
                if (message.body() instanceof org.hotline.events.CallEvent.Ended end) {
                    ended.complete(end);
                }
            });
            long deadline = awaitAmiInSync(server);

            // the recorded call, without the recording's FullyBooted (that would say Asterisk restarted,
            // and pbx-sim's status answers are recordings that do not list this call)
            AmiTrace.load("asterisk-traces/01-queue-answered.ami").events().stream()
                    .filter(e -> !e.getOrEmpty("Event").equals("FullyBooted")).forEach(pbx::emit);

            org.hotline.events.CallEvent.Ended event = ended.get(20, TimeUnit.SECONDS);
            assertThat(event.server()).isEqualTo("pbx-a");
            assertThat(event.outcome()).isEqualTo(org.hotline.events.CallOutcome.ANSWERED);
            long stored = 0;
            while (stored == 0 && System.nanoTime() < deadline) {
                stored = count(server, "SELECT count(*) FROM call WHERE asterisk_server = 'pbx-a' AND linkedid = '1795357008.30' "
                        + "AND outcome = 'answered' AND ended_at IS NOT NULL AND caller_number = '+8613800138000'");
                Thread.sleep(20);
            }
            assertThat(stored).isEqualTo(1);
            assertThat(TestServers.get(server.managementPort(), "/metrics").body()).contains("hotline_ami_state{application=\"hotline\",server=\"pbx-a\"} 2.0");
        }
    }

    @Test
    void aCallbackCallPlacedOnAsteriskCompletesTheCallback() throws Exception {
        try (PbxSim pbx = new PbxSim(0, Map.of("hotline", "pbx-secret"));
             HotlineServer server = HotlineServer.start(TestServers.config(dataDir, "HOTLINE_AMI_HOST", "127.0.0.1",
                     "HOTLINE_AMI_PORT", String.valueOf(pbx.port()), "HOTLINE_AMI_USER", "hotline",
                     "HOTLINE_AMI_SECRET", "pbx-secret", "HOTLINE_AMI_NAME", "pbx-a"))) {
            long deadline = awaitAmiInSync(server);
            pbx.originations().customer("13900000077", org.hotline.pbxsim.scenario.Originations.DialStatus.BUSY);
            long answered = server.serviceDesk().scheduleCallback(NewCallback.of(CallbackReason.IVR_REQUEST, "+8613800000066",
                    Instant.now().plusSeconds(3600)), Optional.empty()).callbackId();
            long busy = server.serviceDesk().scheduleCallback(NewCallback.of(CallbackReason.IVR_REQUEST, "+8613900000077",
                    Instant.now().plusSeconds(3600)), Optional.empty()).callbackId();

            server.placeCallback("pbx-a", org.hotline.bridge.callbacks.CallbackDial.of(answered, "PJSIP/1001", "13800000066"),
                    Optional.empty()).get(10, TimeUnit.SECONDS);
            server.placeCallback("pbx-a", org.hotline.bridge.callbacks.CallbackDial.of(busy, "PJSIP/1001", "13900000077"),
                    Optional.empty()).get(10, TimeUnit.SECONDS);

            assertThat(count(server, "SELECT count(*) FROM callback WHERE id = " + answered
                    + " AND status = 'done' AND outcome = 'answered'")).isEqualTo(1);
            assertThat(count(server, "SELECT count(*) FROM callback WHERE id = " + busy
                    + " AND status = 'pending' AND attempts = 1")).as("busy: retried by policy").isEqualTo(1);
        }
    }

    /** The whole path of a screen pop: Asterisk's AgentCalled (the recorded trace 01) to the rung agent's socket. */
    @Test
    void theAgentRungByAsteriskGetsTheScreenPopOnTheirSocket() throws Exception {
        try (PbxSim pbx = new PbxSim(0, Map.of("hotline", "pbx-secret"));
             HotlineServer server = HotlineServer.start(TestServers.config(dataDir, "HOTLINE_AMI_HOST", "127.0.0.1",
                     "HOTLINE_AMI_PORT", String.valueOf(pbx.port()), "HOTLINE_AMI_USER", "hotline",
                     "HOTLINE_AMI_SECRET", "pbx-secret", "HOTLINE_AMI_NAME", "pbx-a"))) {
            var db = org.jooq.impl.DSL.using(server.dataSource(), org.jooq.SQLDialect.POSTGRES);
            db.execute("WITH c AS (INSERT INTO customer (name, key_customer) VALUES ('张三', true) RETURNING id) "
                    + "INSERT INTO customer_phone (customer_id, number) SELECT id, '+8613800138000' FROM c");
            long agent = db.resultQuery("INSERT INTO agent (username, display_name, interface) "
                    + "VALUES ('agent.1001', 'Agent 1001', 'Local/1001@agents/n') RETURNING id").fetchOne().get(0, Long.class);
            new org.hotline.api.auth.Users(new org.hotline.api.auth.PasswordHasher()).setPassword(db, agent, "agent-password-1");
            ApiClient agentClient = ApiClient.login(server.httpPort(), "agent.1001", "agent-password-1");
            assertThat(agentClient.open(server.vertx().createWebSocketClient(), "/ws/agent").getString("type")).isEqualTo("ready");
            awaitAmiInSync(server);

            AmiTrace.load("asterisk-traces/01-queue-answered.ami").events().stream()
                    .filter(e -> !e.getOrEmpty("Event").equals("FullyBooted")).forEach(pbx::emit);

            JsonObject pop = agentClient.next(m -> m.getString("type").equals("screen_pop"), java.time.Duration.ofSeconds(20)); // within 20 s
            assertThat(pop.getString("type")).isEqualTo("screen_pop");
            assertThat(pop.getJsonObject("payload").getString("linkedid")).isEqualTo("1795357008.30");
            assertThat(pop.getJsonObject("payload").getString("callerNumber")).isEqualTo("+8613800138000");
            assertThat(pop.getJsonObject("payload").getJsonObject("customer").getString("name")).isEqualTo("张三");
            agentClient.close();
        }
    }

    /**
     * Two nodes on one database and one Redis: node A follows Asterisk, the agent and the
     * supervisor are connected to node B; the pop and the wallboard change reach them there.
     */
    @Test
    void aPopAndAWallboardChangeReachSocketsOnAnotherNode() throws Exception {
        try (PbxSim pbx = new PbxSim(0, Map.of("hotline", "pbx-secret"));
             HotlineServer a = HotlineServer.start(TestServers.config(dataDir.resolve("a"), "HOTLINE_AMI_HOST", "127.0.0.1",
                     "HOTLINE_AMI_PORT", String.valueOf(pbx.port()), "HOTLINE_AMI_USER", "hotline",
                     "HOTLINE_AMI_SECRET", "pbx-secret", "HOTLINE_AMI_NAME", "pbx-a",
                     "HOTLINE_API_TOKEN_SECRET", "one-secret-for-both-nodes-of-32-chars"));
             HotlineServer b = HotlineServer.start(TestServers.config(dataDir.resolve("b"),
                     "HOTLINE_DB_URL", a.embeddedPostgres().orElseThrow().jdbcUrl(), "HOTLINE_DB_USER", "postgres",
                     "HOTLINE_REDIS_URI", a.embeddedRedis().orElseThrow().uri(),
                     "HOTLINE_API_TOKEN_SECRET", "one-secret-for-both-nodes-of-32-chars"))) {
            var db = org.jooq.impl.DSL.using(a.dataSource(), org.jooq.SQLDialect.POSTGRES);
            long agent = db.resultQuery("INSERT INTO agent (username, display_name, interface) "
                    + "VALUES ('agent.1001', 'Agent 1001', 'Local/1001@agents/n') RETURNING id").fetchOne().get(0, Long.class);
            long supervisor = db.resultQuery("INSERT INTO agent (username, display_name, role) "
                    + "VALUES ('wang.fang', 'Wang Fang', 'supervisor') RETURNING id").fetchOne().get(0, Long.class);
            String secret = "one-secret-for-both-nodes-of-32-chars";
            var sockets = b.vertx().createWebSocketClient();
            ApiClient agentClient = ApiClient.withToken(b.httpPort(),
                    TestServers.accessToken(a, secret, agent, "agent.1001", org.hotline.api.auth.Role.AGENT));
            ApiClient board = ApiClient.withToken(b.httpPort(),
                    TestServers.accessToken(a, secret, supervisor, "wang.fang", org.hotline.api.auth.Role.SUPERVISOR));
            assertThat(agentClient.open(sockets, "/ws/agent").getString("type")).isEqualTo("ready");
            assertThat(board.open(sockets, "/ws/wallboard").getString("type")).isEqualTo("snapshot");
            awaitAmiInSync(a);

            AmiTrace.load("asterisk-traces/01-queue-answered.ami").events().stream()
                    .filter(e -> !e.getOrEmpty("Event").equals("FullyBooted")).forEach(pbx::emit);

            JsonObject pop = agentClient.next(m -> m.getString("type").equals("screen_pop"), java.time.Duration.ofSeconds(20)); // on node B
            assertThat(pop.getString("type")).isEqualTo("screen_pop");
            // numbered through Redis, the agent's state changes and the pop one after the other
            java.util.List<Long> seqs = agentClient.seqsSoFar();
            assertThat(seqs).contains(pop.getLong("seq"));
            assertThat(seqs).isEqualTo(java.util.stream.LongStream.range(seqs.getFirst(), seqs.getFirst() + seqs.size()).boxed().toList());
            JsonObject change = board.next(java.time.Duration.ofSeconds(20)); // a wallboard change on node B within 20 s
            assertThat(change.getString("type")).isIn("queue", "agent");
            agentClient.close();
            board.close();
        }
    }

    /**
     * The callback dialer: a callback falling due is offered to the ready agent of its queue on
     * their socket, dialled for them after the preview time (agent first, then the customer, on
     * pbx-sim), and its outcome recorded; a paused agent is offered nothing.
     */
    @Test
    void aDueCallbackIsOfferedToTheReadyAgentAndDialled() throws Exception {
        try (PbxSim pbx = new PbxSim(0, Map.of("hotline", "pbx-secret"));
             HotlineServer server = HotlineServer.start(TestServers.config(dataDir, "HOTLINE_AMI_HOST", "127.0.0.1",
                     "HOTLINE_AMI_PORT", String.valueOf(pbx.port()), "HOTLINE_AMI_USER", "hotline",
                     "HOTLINE_AMI_SECRET", "pbx-secret", "HOTLINE_AMI_NAME", "pbx-a", "HOTLINE_DIALER_PREVIEW_SECONDS", "1"))) {
            var db = org.jooq.impl.DSL.using(server.dataSource(), org.jooq.SQLDialect.POSTGRES);
            long agent = db.resultQuery("INSERT INTO agent (username, display_name, interface) "
                    + "VALUES ('agent.1001', 'Agent 1001', 'PJSIP/1001') RETURNING id").fetchOne().get(0, Long.class);
            long queue = db.resultQuery("INSERT INTO queue (name, display_name) VALUES ('service', 'Service') RETURNING id")
                    .fetchOne().get(0, Long.class);
            db.execute("INSERT INTO queue_membership (queue_id, agent_id) VALUES (" + queue + ", " + agent + ")");
            awaitAmiInSync(server);
            var bridge = server.bridges().getFirst();
            bridge.agentCommands().login("service", "PJSIP/1001", "Agent 1001", 0).get(10, TimeUnit.SECONDS);
            awaitState(bridge, "PJSIP/1001", org.hotline.events.AgentState.READY);
            String secret = new String(java.nio.file.Files.readAllBytes(dataDir.resolve("api-token-secret"))).trim();
            ApiClient agentClient = ApiClient.withToken(server.httpPort(),
                    TestServers.accessToken(server, secret, agent, "agent.1001", org.hotline.api.auth.Role.AGENT));
            assertThat(agentClient.open(server.vertx().createWebSocketClient(), "/ws/agent").getString("type")).isEqualTo("ready");

            long callback = server.serviceDesk().scheduleCallback(NewCallback.of(CallbackReason.IVR_REQUEST, "+8613800000066",
                    Instant.now()).inQueue(queue), Optional.empty()).callbackId();

            JsonObject offer = agentClient.next(m -> !m.getString("type").equals("agent_state"), java.time.Duration.ofSeconds(20)); // 20 s
            assertThat(offer.getString("type")).isEqualTo("callback_offer");
            assertThat(offer.getJsonObject("payload").getLong("callbackId")).isEqualTo(callback);
            awaitState(bridge, "PJSIP/1001", org.hotline.events.AgentState.PAUSED); // held for the callback: no queue call
            JsonObject result = agentClient.next(m -> m.getString("type").equals("callback_result"), java.time.Duration.ofSeconds(20));
            JsonObject pop = agentClient.next(m -> m.getString("type").equals("screen_pop"), java.time.Duration.ofSeconds(1)); // while it rang
            assertThat(pop.getJsonObject("payload").getJsonObject("callback").getLong("id")).isEqualTo(callback);
            assertThat(pop.getJsonObject("payload").getString("callerNumber")).isEqualTo("+8613800000066");
            awaitState(bridge, "PJSIP/1001", org.hotline.events.AgentState.READY); // back to the queue
            assertThat(result.getJsonObject("payload").getString("outcome")).isEqualTo("answered");
            assertThat(count(server, "SELECT count(*) FROM callback WHERE id = " + callback + " AND status = 'done' AND outcome = 'answered'"))
                    .isEqualTo(1);

            bridge.agentCommands().pause("PJSIP/1001", "lunch").get(10, TimeUnit.SECONDS);
            awaitState(bridge, "PJSIP/1001", org.hotline.events.AgentState.PAUSED);
            long second = server.serviceDesk().scheduleCallback(NewCallback.of(CallbackReason.IVR_REQUEST, "+8613900000077",
                    Instant.now()).inQueue(queue), Optional.empty()).callbackId();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (count(server, "SELECT count(*) FROM callback WHERE id = " + second + " AND status = 'offered'") == 0) {
                assertThat(System.nanoTime()).as("the second callback falls due").isLessThan(deadline);
                Thread.sleep(50);
            }
            Thread.sleep(2000);
            assertThat(agentClient.drained()).filteredOn(m -> !"agent_state".equals(m.getString("type")))
                    .as("nothing is offered to a paused agent").isEmpty();
            agentClient.close();
        }
    }

    /** An agent's state set through the API is done by Asterisk (pbx-sim) and read back from its events. */
    @Test
    void anAgentLogsInPausesAndLogsOutThroughTheApi() throws Exception {
        try (PbxSim pbx = new PbxSim(0, Map.of("hotline", "pbx-secret"));
             HotlineServer server = HotlineServer.start(TestServers.config(dataDir, "HOTLINE_AMI_HOST", "127.0.0.1",
                     "HOTLINE_AMI_PORT", String.valueOf(pbx.port()), "HOTLINE_AMI_USER", "hotline",
                     "HOTLINE_AMI_SECRET", "pbx-secret", "HOTLINE_AMI_NAME", "pbx-a"))) {
            var db = org.jooq.impl.DSL.using(server.dataSource(), org.jooq.SQLDialect.POSTGRES);
            long agent = db.resultQuery("INSERT INTO agent (username, display_name, interface) "
                    + "VALUES ('agent.1001', 'Agent 1001', 'PJSIP/1001') RETURNING id").fetchOne().get(0, Long.class);
            db.execute("INSERT INTO queue (name, display_name) VALUES ('service', 'Service'), ('complaint', '投诉') "
                    + "ON CONFLICT DO NOTHING");
            db.execute("INSERT INTO queue_membership (queue_id, agent_id) SELECT id, " + agent + " FROM queue");
            new org.hotline.api.auth.Users(new org.hotline.api.auth.PasswordHasher()).setPassword(db, agent, "agent-password-1");
            ApiClient agentClient = ApiClient.login(server.httpPort(), "agent.1001", "agent-password-1");
            awaitAmiInSync(server);
            java.util.function.Function<String, Integer> put = body -> {
                try {
                    return agentClient.send("PUT", "/me/state", new JsonObject(body)).statusCode();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            };
            var bridge = server.bridges().getFirst();

            assertThat(put.apply("{\"state\":\"ready\"}")).isEqualTo(200);
            awaitState(bridge, "PJSIP/1001", org.hotline.events.AgentState.READY);
            assertThat(put.apply("{\"state\":\"paused\",\"reason\":\"lunch\"}")).isEqualTo(200);
            awaitState(bridge, "PJSIP/1001", org.hotline.events.AgentState.PAUSED);
            assertThat(put.apply("{\"state\":\"ready\"}")).isEqualTo(200);
            awaitState(bridge, "PJSIP/1001", org.hotline.events.AgentState.READY);
            assertThat(put.apply("{\"state\":\"wrap_up\"}")).isEqualTo(200);
            awaitState(bridge, "PJSIP/1001", org.hotline.events.AgentState.WRAP_UP);
            assertThat(put.apply("{\"state\":\"ready\"}")).isEqualTo(200);
            awaitState(bridge, "PJSIP/1001", org.hotline.events.AgentState.READY);
            assertThat(put.apply("{\"state\":\"logged_out\"}")).isEqualTo(200);
            awaitState(bridge, "PJSIP/1001", org.hotline.events.AgentState.LOGGED_OUT);

            // click-to-call: Asterisk takes the Originate (the agent's device first), and the call is followed
            CompletableFuture<org.hotline.events.HotlineEvent> offered = new CompletableFuture<>();
            server.vertx().eventBus().<org.hotline.events.HotlineEvent>consumer(HotlineServer.CALLS_ADDRESS, m -> offered.complete(m.body()));
            long customer = db.resultQuery("INSERT INTO customer (name) VALUES ('张三') RETURNING id").fetchOne().get(0, Long.class);
            assertThat(agentClient.send("POST", "/calls", new JsonObject().put("number", "13800138000").put("customerId", customer + 1000))
                    .statusCode()).as("a customer that does not exist").isEqualTo(422);
            var call = agentClient.send("POST", "/calls", new JsonObject().put("number", "13800138000").put("customerId", customer));
            assertThat(call.statusCode()).isEqualTo(202);
            assertThat(call.body()).contains("+8613800138000");
            assertThat(offered.get(10, TimeUnit.SECONDS)).isInstanceOf(org.hotline.events.CallEvent.class);
        }
    }

    private static void awaitState(org.hotline.bridge.AmiBridge bridge, String device, org.hotline.events.AgentState state)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (bridge.agentState(device) != state) {
            assertThat(System.nanoTime()).as("%s %s within 10 s (is %s)", device, state, bridge.agentState(device)).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    void fastAgiRunsTheShippedFlowsAndRecordsEachSession() throws Exception {
        try (HotlineServer server = HotlineServer.start(TestServers.config(dataDir))) {
            // the caller hangs up during the third command: the menu when open, the closed notice when not
            var call = org.hotline.pbxsim.agi.AgiCallScript.call("hotline", "1795357300.1", "13800138000").hangingUpDuring(3);
            List<String> exchange = new org.hotline.pbxsim.agi.AgiCall(call).run("127.0.0.1", server.agiPort());

            assertThat(exchange).containsSubsequence("> ANSWER", "> STREAM FILE hotline/welcome \"\"", "< HANGUP");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (count(server, "SELECT count(*) FROM ivr_session WHERE uniqueid = '1795357300.1' AND ended_at IS NOT NULL") == 0) {
                assertThat(System.nanoTime()).as("session recorded within 10 s").isLessThan(deadline);
                Thread.sleep(20);
            }
            assertThat(count(server, "SELECT count(*) FROM ivr_session WHERE uniqueid = '1795357300.1' AND flow_name = 'hotline'"
                    + " AND outcome = 'caller_hung_up' AND caller_hung_up AND caller_number = '+8613800138000'")).isEqualTo(1);

            List<String> unknown = new org.hotline.pbxsim.agi.AgiCall(org.hotline.pbxsim.agi.AgiCallScript.call("nonesuch", "1.2",
                    "13800138000")).run("127.0.0.1", server.agiPort());
            assertThat(unknown).as("an unknown flow: told, and the call goes on in the dialplan")
                    .contains("> VERBOSE \"Hotline has no AGI script 'nonesuch'\" 1");
        }
    }

    @Test
    void theAgentApiIsServedUnderApiV1WithASecretKeptInTheDataDirectory() throws Exception {
        try (HotlineServer server = HotlineServer.start(TestServers.config(dataDir))) {
            var db = org.jooq.impl.DSL.using(server.dataSource(), org.jooq.SQLDialect.POSTGRES);
            long id = db.resultQuery("INSERT INTO agent (username, display_name, role) VALUES ('li.lei', 'Li Lei', 'agent') RETURNING id")
                    .fetchOne().get(0, Long.class);
            new org.hotline.api.auth.Users(new org.hotline.api.auth.PasswordHasher()).setPassword(db, id, "agent-password-1");
            var http = java.net.http.HttpClient.newHttpClient();
            var login = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + server.httpPort()
                            + "/api/v1/auth/login")).header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"username\":\"li.lei\",\"password\":\"agent-password-1\"}"))
                    .build(), java.net.http.HttpResponse.BodyHandlers.ofString());

            assertThat(login.statusCode()).isEqualTo(200);
            assertThat(login.body()).contains("\"accessToken\"").contains("\"role\":\"agent\"");
            assertThat(java.nio.file.Files.getPosixFilePermissions(dataDir.resolve("api-token-secret")))
                    .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                            java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        }
    }

    @Test
    void aChangedFlowServesTheNextCallAndAnInvalidChangeIsRefused() throws Exception {
        Path flows = dataDir.resolve("flows");
        java.nio.file.Files.createDirectories(flows);
        String flow = """
                flow: hello
                start: greet
                prompts:
                  hi: hotline/welcome
                nodes:
                  greet:
                    play: hi
                    next: bye
                  bye:
                    hang-up:
                """;
        java.nio.file.Files.writeString(flows.resolve("hello.yaml"), flow);
        try (HotlineServer server = HotlineServer.start(TestServers.emptyDataDirectoryConfig(dataDir.resolve("data"), "HOTLINE_IVR_FLOWS", flows.toString(),
                "HOTLINE_IVR_RELOAD_SECONDS", "1"))) {
            assertThat(callHello(server)).contains("> STREAM FILE hotline/welcome \"\"");

            java.nio.file.Files.writeString(flows.resolve("hello.yaml"), flow.replace("hotline/welcome", "hotline/welcome-2"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (!callHello(server).contains("> STREAM FILE hotline/welcome-2 \"\"")) {
                assertThat(System.nanoTime()).as("reloaded within 15 s").isLessThan(deadline);
                Thread.sleep(200);
            }

            java.nio.file.Files.writeString(flows.resolve("hello.yaml"), flow.replace("next: bye", "next: nowhere"));
            Thread.sleep(2500);
            assertThat(callHello(server)).as("the invalid change is refused; the flow in use keeps serving")
                    .contains("> STREAM FILE hotline/welcome-2 \"\"");
        }
    }

    private static List<String> callHello(HotlineServer server) throws java.io.IOException {
        return new org.hotline.pbxsim.agi.AgiCall(org.hotline.pbxsim.agi.AgiCallScript.call("hello", "1.3", "13800138000"))
                .run("127.0.0.1", server.agiPort());
    }

    @Test
    void anInvalidFlowStopsStartUpWithFileAndLineBeforeAnythingStarts() throws Exception {
        Path flows = dataDir.resolve("flows");
        java.nio.file.Files.createDirectories(flows);
        java.nio.file.Files.writeString(flows.resolve("broken.yaml"), "flow: broken\nstart: a\nprompts: {}\nnodes:\n  a:\n    goto: b\n");

        assertThatThrownBy(() -> HotlineServer.start(TestServers.emptyDataDirectoryConfig(dataDir.resolve("data"), "HOTLINE_IVR_FLOWS", flows.toString())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(flows.resolve("broken.yaml") + ":5: nodes.a: goes to 'b', which is not a node");
        assertThat(dataDir.resolve("data")).doesNotExist();
    }

    @Test
    void aMistakeInTheSlaPoliciesStopsStartUpWithFileAndLineBeforeAnythingStarts() throws Exception {
        Path file = dataDir.resolve("sla.yaml");
        java.nio.file.Files.writeString(file, "calendars: {}\npolicies:\n  - code: x\n    calendar: nowhere\n    milestones: []\n");

        assertThatThrownBy(() -> HotlineServer.start(TestServers.emptyDataDirectoryConfig(dataDir.resolve("data"), "HOTLINE_SLA_POLICIES", file.toString())))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ":4: policies[0].calendar: no calendar 'nowhere' (defined: )");
        assertThat(dataDir.resolve("data")).doesNotExist();
    }

    /** Waits for the first AMI bridge to be in sync; returns a deadline 20 s from the start for what follows. */
    private static long awaitAmiInSync(HotlineServer server) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (server.bridges().getFirst().state() != org.hotline.bridge.AmiBridge.State.SYNCED) {
            assertThat(System.nanoTime()).as("AMI in sync within 20 s").isLessThan(deadline);
            Thread.sleep(20);
        }
        return deadline;
    }

    private static long count(HotlineServer server, String sql) throws Exception {
        try (Connection c = server.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
