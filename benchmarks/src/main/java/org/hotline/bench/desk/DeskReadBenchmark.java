package org.hotline.bench.desk;

import org.hotline.api.auth.AccessTokens;
import org.hotline.api.auth.Role;
import org.hotline.api.auth.User;
import org.hotline.server.HotlineServer;
import org.hotline.server.config.ConfigLoader;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The reads of an agent's shift at size: on the pops benchmark's data (1 M customers, 10 M past
 * calls) plus {@code records} records with their trails and clocks, each common worklist filter,
 * a record's timeline and the three customer searches are asked at {@code rate} requests a second
 * (open loop: a request is sent on time whether the last one has answered or not, and its
 * latency counts from when it was due), each for {@code seconds}, through the whole server
 * (authentication, the OpenAPI check, the database). p50, p99 and the slowest, per read.
 *
 * <p>Arguments: [records (1000000)] [rate (50)] [seconds (20)] [customers (1000000)] [past calls (10000000)]
 * [data dir (bench-data/pops)]
 */
public final class DeskReadBenchmark {

    public static void main(String[] args) throws Exception {
        long records = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        long customers = args.length > 3 ? Long.parseLong(args[3]) : 1_000_000;
        long pastCalls = args.length > 4 ? Long.parseLong(args[4]) : 10_000_000;
        Path dataDir = Path.of(args.length > 5 ? args[5] : "bench-data/pops").toAbsolutePath();
        Map<String, String> settings = new java.util.HashMap<>(Map.of("HOTLINE_DATA_DIR", dataDir.toString(),
                "HOTLINE_HTTP_PORT", "0", "HOTLINE_HTTP_HOST", "127.0.0.1", "HOTLINE_AGI_PORT", "0", "HOTLINE_DB_POOL_SIZE", "20",
                "HOTLINE_MANAGEMENT_PORT", "0"));
        HotlineServer server = HotlineServer.start(ConfigLoader.load(Optional.empty(), settings));
        try {
            DSLContext db = DSL.using(server.dataSource(), SQLDialect.POSTGRES);
            org.hotline.bench.pops.History.ensure(db, server, customers, pastCalls);
            List<Long> agents = agents(db);
            Records.ensure(db, records, agents);
            long supervisor = user(db, "bench-supervisor", "supervisor");
            String secret = Files.readString(dataDir.resolve("api-token-secret")).trim();
            io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
            String token = new AccessTokens(vertx, secret, Duration.ofHours(2)).issue(new User(supervisor, "bench-supervisor", "", Role.SUPERVISOR),
                    new org.hotline.api.auth.RefreshTokens(Duration.ofDays(1)).start(db, supervisor, java.time.Instant.now()).login());
            Random random = new Random(11);
            long maxCustomer = db.resultQuery("SELECT max(id) FROM customer").fetchOne().get(0, Long.class);
            List<Long> recordIds = db.resultQuery("SELECT id FROM contact_record TABLESAMPLE SYSTEM (0.1) LIMIT 2000").fetch(r -> r.get(0, Long.class));
            List<String> numbers = db.resultQuery("SELECT number FROM contact_record TABLESAMPLE SYSTEM (0.1) LIMIT 2000").fetch(r -> r.get(0, String.class));
            List<String> phones = db.resultQuery("SELECT number FROM customer_phone TABLESAMPLE SYSTEM (0.1) LIMIT 2000").fetch(r -> r.get(0, String.class));
            List<String> names = db.resultQuery("SELECT left(name, 2) FROM customer TABLESAMPLE SYSTEM (0.1) LIMIT 2000").fetch(r -> r.get(0, String.class));
            List<String> serials = db.resultQuery("SELECT serial_number FROM asset TABLESAMPLE SYSTEM (0.1) WHERE serial_number IS NOT NULL LIMIT 2000")
                    .fetch(r -> r.get(0, String.class));
            System.out.printf("machine: %d cores, JDK %s; %,d customers, %,d calls, %,d records, %,d clocks; %d requests/s, %d s each%n",
                    Runtime.getRuntime().availableProcessors(), Runtime.version(), db.fetchCount(DSL.table("customer")),
                    db.fetchCount(DSL.table("call")), db.fetchCount(DSL.table("contact_record")), db.fetchCount(DSL.table("sla_clock")),
                    rate, seconds);
            String base = "http://127.0.0.1:" + server.httpPort() + "/api/v1";
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(Executors.newFixedThreadPool(8)).build();
            Map<String, Supplier<String>> reads = new java.util.LinkedHashMap<>();
            reads.put("records: open", () -> "/records?open=true");
            reads.put("records: an agent's", () -> "/records?assignee=" + agents.get(random.nextInt(agents.size())));
            reads.put("records: at risk", () -> "/records?atRisk=true");
            reads.put("records: breached", () -> "/records?breached=true");
            reads.put("records: type and status", () -> "/records?type=repair&status=dispatched,on_site");
            reads.put("records: a customer's", () -> "/records?customerId=" + (1 + random.nextLong(maxCustomer)));
            reads.put("records: created in a week", () -> "/records?createdFrom=" + java.time.LocalDate.now().minusDays(30 + random.nextInt(300))
                    + "&createdTo=" + java.time.LocalDate.now().minusDays(23 + random.nextInt(7)));
            reads.put("records: by number", () -> "/records?q=" + numbers.get(random.nextInt(numbers.size())));
            reads.put("records: text", () -> "/records?q=" + encode(new String[] {"不制冷", "漏水", "E5", "噪音"}[random.nextInt(4)]));
            reads.put("a record's timeline", () -> "/records/" + recordIds.get(random.nextInt(recordIds.size())) + "/timeline");
            reads.put("customers: by phone", () -> "/customers?phone=" + encode(phones.get(random.nextInt(phones.size()))));
            reads.put("customers: by name", () -> "/customers?name=" + encode(names.get(random.nextInt(names.size()))));
            reads.put("customers: by serial", () -> "/customers?serial=" + encode(serials.isEmpty() ? "none" : serials.get(random.nextInt(serials.size()))));
            // warm-up, not measured: every read a few hundred times
            for (var read : reads.entrySet()) {
                run(http, base, token, read.getValue(), rate * 2, 3);
            }
            for (var read : reads.entrySet()) {
                Result result = run(http, base, token, read.getValue(), rate, seconds);
                System.out.printf("%-28s p50 %6.1f ms   p99 %6.1f ms   max %7.1f ms   (%d requests, %d errors)%n", read.getKey(),
                        result.percentile(0.50), result.percentile(0.99), result.percentile(1.0), result.count(), result.errors());
            }
            vertx.close();
        } finally {
            server.close();
        }
        System.exit(0);
    }

    record Result(List<Long> nanos, int errors) {
        double percentile(double p) {
            List<Long> sorted = new ArrayList<>(nanos);
            Collections.sort(sorted);
            return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) (sorted.size() * p))) / 1e6;
        }

        int count() {
            return nanos.size();
        }
    }

    /** Sends {@code rate} requests a second for {@code seconds}, each due at its time; latency from when it was due. */
    private static Result run(HttpClient http, String base, String token, Supplier<String> path, int rate, int seconds) throws Exception {
        int total = rate * seconds;
        List<Long> nanos = Collections.synchronizedList(new ArrayList<>(total));
        AtomicInteger errors = new AtomicInteger();
        List<CompletableFuture<?>> sent = Collections.synchronizedList(new ArrayList<>());
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        long start = System.nanoTime() + 10_000_000;
        long every = 1_000_000_000L / rate;
        for (int i = 0; i < total; i++) {
            long due = start + i * every;
            clock.schedule(() -> {
                HttpRequest request = HttpRequest.newBuilder(URI.create(base + path.get())).header("Authorization", "Bearer " + token)
                        .timeout(Duration.ofSeconds(30)).GET().build();
                sent.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((answer, failure) -> {
                    nanos.add(System.nanoTime() - due);
                    if (failure != null || answer.statusCode() >= 300) {
                        if (errors.incrementAndGet() <= 3) {
                            System.out.println("    error: " + (failure != null ? failure : answer.statusCode() + " " + answer.body()));
                        }
                    }
                }));
            }, due - System.nanoTime(), TimeUnit.NANOSECONDS);
        }
        clock.shutdown();
        clock.awaitTermination(seconds + 10L, TimeUnit.SECONDS);
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).handle((x, e) -> null).get(60, TimeUnit.SECONDS);
        return new Result(nanos, errors.get());
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static List<Long> agents(DSLContext db) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            ids.add(user(db, "bench" + i, "agent"));
        }
        return ids;
    }

    private static long user(DSLContext db, String name, String role) {
        return db.resultQuery("SELECT id FROM agent WHERE username = ?", name).fetchOptional(r -> r.get(0, Long.class))
                .orElseGet(() -> db.resultQuery("INSERT INTO agent (username, display_name, role) VALUES (?, ?, ?) RETURNING id",
                        name, name, role).fetchOne().get(0, Long.class));
    }

}
