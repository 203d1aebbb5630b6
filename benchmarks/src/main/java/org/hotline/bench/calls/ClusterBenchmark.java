package org.hotline.bench.calls;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import org.hotline.api.auth.AccessTokens;
import org.hotline.api.auth.Role;
import org.hotline.api.auth.User;
import org.hotline.bench.pops.History;
import org.hotline.pbxsim.PbxSim;
import org.hotline.pbxsim.scenario.ScriptedCalls;
import org.hotline.server.HotlineServer;
import org.hotline.server.config.ConfigLoader;
import org.hotline.server.embedded.EmbeddedPostgresServer;
import org.hotline.server.embedded.EmbeddedRedisServer;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The whole hotline on 1, 2 and 3 nodes: server processes of their own on one PostgreSQL and
 * one Redis (started here), two Asterisks (pbx-sims on 127.0.0.1 and 127.0.0.2), half the agents
 * on each, every agent's console and some wallboard viewers signed in on the nodes in turn, and
 * callers through the shipped flows over FastAGI (sessions spread over the nodes), the queue, the
 * ring, the pop, the answer and the survey; callback requests and records go to the timers that
 * run on every node. Per node count the rate climbs until a rate is not stored whole (or its pop p99
 * passes a second). It reports the highest rate held (every call stored whole, no socket closed,
 * pop p99 under 20 ms), the highest stored whole, and the pop p99 at each rate.
 *
 * <p>Arguments: [node counts (1,2,3)] [rates (4,8,12,16,20,25,30)] [seconds per rate (20)]
 * [data dir (bench-data/cluster)] [agents (300)] [customers (100000)] [wallboard viewers a node (5)].
 */
public final class ClusterBenchmark {

    private static final Duration POP_LIMIT = Duration.ofMillis(20);
    private static final Duration RING = Duration.ofSeconds(1);
    private static final Duration TALK = Duration.ofSeconds(2);
    private static final Duration WRAP_UP = Duration.ofSeconds(5);
    private static final String SECRET = "bench-cluster-token-secret-of-32-chars";
    private static final String AMI_SECRET = "bench-secret";

    public static void main(String[] args) throws Exception {
        List<Integer> nodeCounts = ints(args.length > 0 ? args[0] : "1,2,3");
        List<Integer> rates = ints(args.length > 1 ? args[1] : "4,8,12,16,20,25,30");
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        Path dir = Files.createDirectories(Path.of(args.length > 3 ? args[3] : "bench-data/cluster").toAbsolutePath());
        int agentCount = args.length > 4 ? Integer.parseInt(args[4]) : 300;
        long customers = args.length > 5 ? Long.parseLong(args[5]) : 100_000;
        int viewersPerNode = args.length > 6 ? Integer.parseInt(args[6]) : 5;

        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(dir.resolve("postgres"), 0);
             EmbeddedRedisServer redis = EmbeddedRedisServer.start(dir.resolve("redis.pid"), 0)) {
            Map<String, String> shared = new HashMap<>(Map.of("HOTLINE_DB_URL", postgres.jdbcUrl(),
                    "HOTLINE_DB_USER", EmbeddedPostgresServer.USER, "HOTLINE_REDIS_URI", redis.uri(), "HOTLINE_API_TOKEN_SECRET", SECRET));
            Path rules = Files.createDirectories(dir.resolve("rules"));
            shared.put("HOTLINE_SLA_POLICIES", WholeCallBenchmark.rule(rules, "sla-policies.yaml", Map.of(
                    "    week:\n      monday:    [09:00-12:00, 13:30-18:00]\n", "    always-open: true\n",
                    "      tuesday:   [09:00-12:00, 13:30-18:00]\n", "", "      wednesday: [09:00-12:00, 13:30-18:00]\n", "",
                    "      thursday:  [09:00-12:00, 13:30-18:00]\n", "", "      friday:    [09:00-12:00, 13:30-18:00]\n", "")));
            shared.put("HOTLINE_DESK_RULES", WholeCallBenchmark.rule(rules, "service-desk.yaml",
                    Map.of("wrap-up: 30s", "wrap-up: " + WRAP_UP.toSeconds() + "s")));

            // the data once (kept in the data directory), the agents (half on each Asterisk) and a wallboard viewer
            List<String> known;
            List<Long> agentIds;
            long viewer;
            Map<String, String> seeding = new HashMap<>(shared);
            seeding.putAll(Map.of("HOTLINE_DATA_DIR", dir.resolve("seeding").toString(), "HOTLINE_HTTP_PORT", "0",
                    "HOTLINE_MANAGEMENT_PORT", "0", "HOTLINE_AGI_PORT", "0"));
            try (HotlineServer seeder = HotlineServer.start(ConfigLoader.load(Optional.empty(), seeding))) {
                DSLContext db = DSL.using(seeder.dataSource(), SQLDialect.POSTGRES);
                History.ensure(db, seeder, customers, customers * 5);
                known = db.resultQuery("SELECT number FROM customer_phone TABLESAMPLE SYSTEM (10) LIMIT 20000")
                        .fetch(r -> r.get(0, String.class).replace("+86", ""));
                agentIds = Agents.ensure(db, agentCount);
                for (int i = 0; i < agentCount; i++) {
                    db.execute("UPDATE agent SET asterisk_server = ? WHERE id = ?", ClusterNodes.name(i < agentCount / 2 ? 0 : 1), agentIds.get(i));
                }
                viewer = db.resultQuery("INSERT INTO agent (username, display_name, role) VALUES ('bench.viewer', 'Viewer', 'supervisor') "
                        + "ON CONFLICT (username) DO UPDATE SET role = 'supervisor' RETURNING id").fetchOne().get(0, Long.class);
            }
            var dataSource = new org.postgresql.ds.PGSimpleDataSource();
            dataSource.setURL(postgres.jdbcUrl());
            dataSource.setUser(EmbeddedPostgresServer.USER);
            DSLContext db = DSL.using(dataSource, SQLDialect.POSTGRES);

            System.out.printf("date: %s; machine: %d cores, JDK %s; %,d customers, %,d past calls; %d agents (half on each of two "
                            + "Asterisks); %d wallboard viewers a node; ring %d s, talk %d s, wrap-up %d s; a rate holds when every "
                            + "call is stored whole, no socket closes and pop p99 < %d ms%n", java.time.Instant.now(),
                    Runtime.getRuntime().availableProcessors(), Runtime.version(), db.fetchCount(DSL.table("customer")),
                    db.fetchCount(DSL.table("call")), agentCount, viewersPerNode, RING.toSeconds(), TALK.toSeconds(),
                    WRAP_UP.toSeconds(), POP_LIMIT.toMillis());
            List<String> summary = new ArrayList<>();
            for (int nodes : nodeCounts) {
                summary.add(runNodes(nodes, rates, seconds, dir, shared, db, known, agentIds, viewer, viewersPerNode,
                        List.of(postgresPid(dir), redis.pid())));
            }
            System.out.println("\n| nodes | highest rate held (calls/s; pop p99 < 20 ms, stored whole) | highest rate stored whole "
                    + "| pop p99 by rate (calls/s: ms) | nodes' CPU per call there | PostgreSQL+Redis CPU per call there | machine busy there |");
            System.out.println("|---|---|---|---|---|---|---|");
            summary.forEach(System.out::println);
        }
        System.exit(0);
    }

    /** One node count: the nodes started, the consoles and viewers signed in, the rates climbed; its summary row. */
    private static String runNodes(int count, List<Integer> rates, int seconds, Path dir, Map<String, String> shared, DSLContext db,
                                   List<String> known, List<Long> agentIds, long viewer, int viewersPerNode,
                                   List<Long> storePids) throws Exception {
        System.out.printf("%n==== %d node(s) ====%n", count);
        Map<String, Long> emitted = new ConcurrentHashMap<>();
        List<ClusterRate.Asterisk> asterisks = new ArrayList<>();
        List<PbxSim> sims = new ArrayList<>();
        Vertx clients = Vertx.vertx();
        List<String> closed = new CopyOnWriteArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                AtomicInteger rung = new AtomicInteger();
                PbxSim pbx = new PbxSim("127.0.0." + (i + 1), 0, Map.of("hotline", AMI_SECRET)).watchingEmits(event -> {
                    if (event.getOrEmpty("Event").equals("AgentCalled")) {
                        emitted.put(Agents.ringKey(event.getOrEmpty("Linkedid"), event.getOrEmpty("Interface")), System.nanoTime());
                        rung.incrementAndGet();
                    }
                });
                sims.add(pbx);
                int half = agentIds.size() / 2;
                asterisks.add(new ClusterRate.Asterisk(ClusterNodes.name(i), pbx, new ScriptedCalls(pbx),
                        new Agents(i == 0 ? 0 : half, i == 0 ? half : agentIds.size() - half, RING, TALK, WRAP_UP), rung));
            }
            try (ClusterNodes cluster = ClusterNodes.start(count, dir, shared, sims, AMI_SECRET)) {
                List<Integer> ports = cluster.nodes.stream().map(node -> node.httpPort).toList();
                AccessTokens tokens = new AccessTokens(clients, SECRET, Duration.ofHours(6));
                for (ClusterRate.Asterisk asterisk : asterisks) {
                    asterisk.agents().connect(clients, ports, tokens, db, agentIds, emitted);
                }
                AtomicInteger updates = new AtomicInteger();
                WebSocketClient viewers = watchWallboards(clients, ports, tokens, db, viewer, viewersPerNode, updates, closed);
                for (int n = 0; n < count; n++) {
                    System.out.printf("node-%d follows %d Asterisk(s)%n", n + 1, ClusterNodes.following(cluster.nodes.get(n)));
                }
                CallerMix mix = new CallerMix(known, Duration.ofMillis(20));
                System.out.println("-- warm-up (5 calls/s, 30 s; not compared) --");
                print(ClusterRate.run(5, 30, cluster, asterisks, mix, db, storePids, () -> closedSockets(asterisks, closed)), updates);
                // climbing past a rate whose pops are slow, to show where the nodes break: up to a rate not stored whole
                List<ClusterRate.Result> ladder = new ArrayList<>();
                for (int rate : rates) {
                    ClusterRate.Result result = ClusterRate.run(rate, seconds, cluster, asterisks, mix, db, storePids,
                            () -> closedSockets(asterisks, closed));
                    print(result, updates);
                    ladder.add(result);
                    if (!result.whole() || result.socketsClosed() > 0 || result.popP99Millis() > 1000) {
                        break;
                    }
                }
                viewers.close();
                return summaryRow(count, ladder);
            }
        } finally {
            for (ClusterRate.Asterisk asterisk : asterisks) {
                asterisk.agents().close();
                asterisk.calls().close();
            }
            clients.close().await();
            for (PbxSim pbx : sims) {
                pbx.close();
            }
        }
    }

    /** nodes | highest rate held | highest rate stored whole | pop p99 by rate | CPU and busy at the highest whole rate */
    private static String summaryRow(int nodes, List<ClusterRate.Result> ladder) {
        var held = ladder.stream().filter(r -> r.holds(POP_LIMIT)).reduce((a, b) -> b);
        var whole = ladder.stream().filter(r -> r.whole() && r.socketsClosed() == 0).reduce((a, b) -> b);
        String p99s = String.join(", ", ladder.stream().map(r -> r.rate() + ": " + Math.round(r.popP99Millis())
                + (r.whole() && r.socketsClosed() == 0 ? "" : " (not whole)")).toList());
        return String.format("| %d | %s | %s | %s | %s | %s | %s |", nodes, held.map(r -> String.valueOf(r.rate())).orElse("none"),
                whole.map(r -> String.valueOf(r.rate())).orElse("none"), p99s,
                whole.map(r -> String.format("%.1f ms", r.nodeCpuMsPerCall())).orElse(""),
                whole.map(r -> String.format("%.1f ms", r.storeCpuMsPerCall())).orElse(""),
                whole.map(r -> String.format("%.0f%%", r.machineBusy() * 100)).orElse(""));
    }

    private static void print(ClusterRate.Result result, AtomicInteger updates) {
        System.out.printf("%n== %d calls/s: %d calls; %s%n", result.rate(), result.calls(), result.holds(POP_LIMIT) ? "HELD" : "NOT HELD");
        System.out.printf("nodes' CPU per call %.1f ms, PostgreSQL+Redis %.1f ms; machine busy %.0f%%; wallboard updates so far %,d%n",
                result.nodeCpuMsPerCall(), result.storeCpuMsPerCall(), result.machineBusy() * 100, updates.get());
        Latencies.report("pop (AgentCalled -> socket)", result.pops());
        Latencies.report("FastAGI turnaround", result.turnarounds());
        System.out.println("stored: " + result.stored() + (result.whole() ? ": WHOLE" : ": NOT WHOLE")
                + (result.socketsClosed() > 0 ? "; sockets closed: " + result.socketsClosed() : ""));
    }

    private static int closedSockets(List<ClusterRate.Asterisk> asterisks, List<String> viewersClosed) {
        return viewersClosed.size() + asterisks.stream().mapToInt(a -> a.agents().closed.size()).sum();
    }

    /**
     * Supervisors watching /ws/wallboard, {@code perNode} on each node; counts the updates they get.
     * The client returned is to be held for the run: Vert.x closes a client's sockets when it is collected.
     */
    private static WebSocketClient watchWallboards(Vertx vertx, List<Integer> ports, AccessTokens tokens, DSLContext db, long viewer, int perNode,
                                        AtomicInteger updates, List<String> closed) {
        WebSocketClient sockets = vertx.createWebSocketClient();
        var login = new org.hotline.api.auth.RefreshTokens(Duration.ofDays(1)).start(db, viewer, java.time.Instant.now()).login();
        for (int port : ports) {
            for (int i = 0; i < perNode; i++) {
                WebSocket socket = sockets.connect(port, "127.0.0.1", "/ws/wallboard").await();
                socket.closeHandler(v -> closed.add("wallboard " + socket.closeStatusCode() + " " + socket.closeReason()));
                socket.textMessageHandler(text -> {
                    if (!"snapshot".equals(new JsonObject(text).getString("type"))) {
                        updates.incrementAndGet();
                    }
                });
                socket.writeTextMessage(new JsonObject().put("type", "auth").put("token",
                        tokens.issue(new User(viewer, "bench.viewer", "", Role.SUPERVISOR), login)).encode()).await();
            }
        }
        return sockets;
    }

    private static long postgresPid(Path dir) throws java.io.IOException {
        return Long.parseLong(Files.readAllLines(dir.resolve("postgres").resolve("postmaster.pid")).getFirst().trim());
    }

    private static List<Integer> ints(String list) {
        return List.of(list.split(",")).stream().map(String::trim).map(Integer::parseInt).toList();
    }
}
