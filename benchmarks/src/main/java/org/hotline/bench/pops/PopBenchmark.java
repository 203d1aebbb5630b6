package org.hotline.bench.pops;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import org.hotline.api.auth.AccessTokens;
import org.hotline.api.auth.Role;
import org.hotline.api.auth.User;
import org.hotline.pbxsim.PbxSim;
import org.hotline.pbxsim.scenario.AgentScript;
import org.hotline.pbxsim.scenario.CallScript;
import org.hotline.pbxsim.scenario.ScriptedCalls;
import org.hotline.server.HotlineServer;
import org.hotline.server.config.ConfigLoader;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Screen-pop and wallboard latency through the whole server: pbx-sim plays calls to 200 agents
 * connected on /ws/agent; the latency of a pop is from the AgentCalled event leaving pbx-sim to
 * the pop frame arriving at the agent's socket. Then 1,000 supervisors watch /ws/wallboard and
 * the latency of an update is from a QueueCallerJoin leaving pbx-sim to the delta at each viewer.
 * The database holds {@code customers} customers (seeded once into the data directory) and
 * {@code calls} past calls. The first 100 calls of the fresh server (10 a second) are measured on
 * their own, as the morning's first callers meet a cold server; then ten seconds of calls at 50/s
 * warm the server up, unmeasured.
 * In each call the agent is rung the moment the caller joins the queue; a last round at the
 * highest rate has each caller spend 3 s in the IVR first (the pop's caller part is read then).
 *
 * <p>Arguments: [customers (1000000)] [past calls (10000000)] [rates (50,200)] [seconds (20)]
 * [viewers (1000)] [data dir (bench-data/pops)]
 */
public final class PopBenchmark {

    private static final int AGENTS = 200;

    public static void main(String[] args) throws Exception {
        long customers = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        long pastCalls = args.length > 1 ? Long.parseLong(args[1]) : 10_000_000;
        List<Integer> rates = List.of(args.length > 2 ? args[2].split(",") : new String[]{"50", "200"}).stream().map(Integer::parseInt).toList();
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        int viewers = args.length > 4 ? Integer.parseInt(args[4]) : 1000;
        Path dataDir = Path.of(args.length > 5 ? args[5] : "bench-data/pops").toAbsolutePath();
        Map<String, Long> emitted = new ConcurrentHashMap<>();
        PbxSim pbx = new PbxSim(0, Map.of("hotline", "bench-secret")).watchingEmits(event -> {
            String name = event.getOrEmpty("Event");
            if (name.equals("AgentCalled")) {
                emitted.put(org.hotline.bench.calls.Agents.ringKey(event.getOrEmpty("Linkedid"), event.getOrEmpty("Interface")), System.nanoTime());
            } else if (name.equals("QueueCallerJoin")) {
                emitted.put(name + " " + event.getOrEmpty("Linkedid"), System.nanoTime());
            }
        });
        Map<String, String> settings = new java.util.HashMap<>(Map.of("HOTLINE_DATA_DIR", dataDir.toString(),
                "HOTLINE_HTTP_PORT", "0", "HOTLINE_HTTP_HOST", "127.0.0.1", "HOTLINE_AGI_PORT", "0", "HOTLINE_DB_POOL_SIZE", "20",
                "HOTLINE_AMI_HOST", "127.0.0.1", "HOTLINE_AMI_PORT", String.valueOf(pbx.port()), "HOTLINE_AMI_USER", "hotline",
                "HOTLINE_AMI_SECRET", "bench-secret", "HOTLINE_AMI_NAME", "pbx-bench"));
        settings.put("HOTLINE_MANAGEMENT_PORT", "0");
        HotlineServer server = HotlineServer.start(ConfigLoader.load(Optional.empty(), settings));
        try {
            DSLContext db = DSL.using(server.dataSource(), SQLDialect.POSTGRES);
            History.ensure(db, server, customers, pastCalls);
            List<String> callers = db.resultQuery("SELECT number FROM customer_phone TABLESAMPLE SYSTEM (1) LIMIT 20000")
                    .fetch(r -> r.get(0, String.class).replace("+86", ""));
            List<Long> agentIds = org.hotline.bench.calls.Agents.ensure(db, AGENTS);
            System.out.printf("machine: %d cores, JDK %s; %,d customers, %,d past calls, %d agents connected%n",
                    Runtime.getRuntime().availableProcessors(), Runtime.version(), db.fetchCount(DSL.table("customer")),
                    db.fetchCount(DSL.table("call")), AGENTS);
            String secret = Files.readString(dataDir.resolve("api-token-secret")).trim();
            Vertx clients = Vertx.vertx();
            AccessTokens tokens = new AccessTokens(clients, secret, Duration.ofHours(1));
            WebSocketClient sockets = clients.createWebSocketClient(new io.vertx.core.http.WebSocketClientOptions().setMaxConnections(2000));
            // the agents signed in as the whole-call benchmark signs them in; the pops' latencies land in its list
            org.hotline.bench.calls.Agents agents = new org.hotline.bench.calls.Agents(AGENTS, Duration.ofSeconds(1), Duration.ofSeconds(2),
                    Duration.ZERO);
            agents.connect(clients, List.of(server.httpPort()), tokens, db, agentIds, emitted);
            List<Long> popLatencies = agents.popNanos;
            Thread.sleep(2000);
            Random random = new Random(7);
            try (ScriptedCalls calls = new ScriptedCalls(pbx)) {
                // the morning's first callers meet a cold server: the first 100 calls, 10 a second, measured as they come
                popLatencies.clear();
                calls.arrivals(10, Duration.ofSeconds(10), i -> new CallScript(callers.get(random.nextInt(callers.size())),
                        "Caller", "service", Duration.ofSeconds(60), Duration.ofSeconds(15),
                        List.of(AgentScript.answering(org.hotline.bench.calls.Agents.device(i % AGENTS), "bench", Duration.ofSeconds(1), Duration.ofSeconds(2)))));
                Thread.sleep(18_000);
                report("screen pop, the first 100 calls of a fresh server (10 calls/s)", popLatencies, 100);
                // warm-up, not measured: a fresh server compiles its hot paths under the first calls
                calls.arrivals(50, Duration.ofSeconds(10), i -> new CallScript(callers.get(random.nextInt(callers.size())),
                        "Caller", "service", Duration.ofSeconds(60), Duration.ofSeconds(15),
                        List.of(AgentScript.answering(org.hotline.bench.calls.Agents.device(i % AGENTS), "bench", Duration.ofSeconds(1), Duration.ofSeconds(2)))));
                Thread.sleep(15_000);
                for (int rate : rates) {
                    popLatencies.clear();
                    calls.arrivals(rate, Duration.ofSeconds(seconds), i -> new CallScript(callers.get(random.nextInt(callers.size())),
                            "Caller", "service", Duration.ofSeconds(60), Duration.ofSeconds(15),
                            List.of(AgentScript.answering(org.hotline.bench.calls.Agents.device(i % AGENTS), "bench", Duration.ofSeconds(1), Duration.ofSeconds(2)))));
                    Thread.sleep(seconds * 1000L + 8000);
                    report("screen pop at " + rate + " calls/s", popLatencies, rate * seconds);
                }
                // the same, each caller 3 s in the IVR first: who they are is read meanwhile, the rest at the queue join
                int rate = rates.getLast();
                popLatencies.clear();
                calls.arrivals(rate, Duration.ofSeconds(seconds), i -> new CallScript(callers.get(random.nextInt(callers.size())),
                        "Caller", "service", Duration.ofSeconds(60), Duration.ofSeconds(15),
                        List.of(AgentScript.answering(org.hotline.bench.calls.Agents.device(i % AGENTS), "bench", Duration.ofSeconds(1), Duration.ofSeconds(2)))),
                        Duration.ofSeconds(3));
                Thread.sleep(seconds * 1000L + 11_000);
                report("screen pop at " + rate + " calls/s, callers 3 s in the IVR first", popLatencies, rate * seconds);
                wallboard(server, sockets, tokens, calls, emitted, viewers, callers);
            }
            clients.close().await();
        } finally {
            server.close();
            pbx.close();
        }
        System.exit(0);
    }

    private static void wallboard(HotlineServer server, WebSocketClient sockets, AccessTokens tokens, ScriptedCalls calls,
                                  Map<String, Long> emitted, int viewers, List<String> callers) throws Exception {
        List<Long> latencies = new CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicReference<String> current = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicInteger ready = new java.util.concurrent.atomic.AtomicInteger();
        DSLContext db = DSL.using(server.dataSource(), SQLDialect.POSTGRES);
        long viewer = db.resultQuery("INSERT INTO agent (username, display_name, role) VALUES ('bench.viewer', 'Viewer', 'supervisor') "
                + "ON CONFLICT (username) DO UPDATE SET role = 'supervisor' RETURNING id").fetchOne().get(0, Long.class);
        java.util.UUID viewerLogin = login(db, viewer);
        for (int i = 0; i < viewers; i++) {
            WebSocket socket = sockets.connect(server.httpPort(), "127.0.0.1", "/ws/wallboard").await();
            java.util.concurrent.atomic.AtomicBoolean seen = new java.util.concurrent.atomic.AtomicBoolean();
            socket.textMessageHandler(text -> {
                long now = System.nanoTime();
                JsonObject message = new JsonObject(text);
                if ("snapshot".equals(message.getString("type"))) {
                    ready.incrementAndGet();
                } else if ("queue".equals(message.getString("type")) && "bench-wall".equals(message.getJsonObject("queue").getString("queue"))) {
                    Long sent = emitted.get("QueueCallerJoin " + current.get());
                    if (sent != null && seen.compareAndSet(false, true)) {
                        latencies.add(now - sent);
                    }
                }
            });
            socket.writeTextMessage(new JsonObject().put("type", "auth").put("token",
                    tokens.issue(new User(viewer, "bench.viewer", "", Role.SUPERVISOR), viewerLogin)).encode()).await();
            viewerFlags.add(seen);
        }
        while (ready.get() < viewers) {
            Thread.sleep(50);
        }
        for (int round = 0; round < 30; round++) {
            viewerFlags.forEach(f -> f.set(false));
            String linkedid = calls.start(new CallScript(callers.get(round), "Caller", "bench-wall", Duration.ofSeconds(1),
                    Duration.ofSeconds(1), List.of()));
            current.set(linkedid);
            Thread.sleep(400);
        }
        Thread.sleep(1000);
        report("wallboard update to " + viewers + " viewers", latencies, 30L * viewers);
    }

    private static final List<java.util.concurrent.atomic.AtomicBoolean> viewerFlags = new CopyOnWriteArrayList<>();

    /** A login of {@code agent} (the server takes only tokens of a login that has not ended). */
    private static java.util.UUID login(DSLContext db, long agent) {
        return new org.hotline.api.auth.RefreshTokens(Duration.ofDays(1)).start(db, agent, java.time.Instant.now()).login();
    }

    private static void report(String what, List<Long> nanos, long expected) {
        List<Long> sorted = new ArrayList<>(nanos);
        sorted.sort(null);
        if (sorted.isEmpty()) {
            System.out.printf("%-40s no sample (expected %d)%n", what, expected);
            return;
        }
        System.out.printf("%-40s %,7d samples (of %,d)   p50 %7.2f ms   p99 %7.2f ms   max %7.2f ms%n", what, sorted.size(), expected,
                at(sorted, 0.50) / 1e6, at(sorted, 0.99) / 1e6, sorted.getLast() / 1e6);
    }

    private static long at(List<Long> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }


}
