package org.hotline.bench.calls;

import io.vertx.core.Vertx;
import org.hotline.api.auth.AccessTokens;
import org.hotline.bench.pops.History;
import org.hotline.pbxsim.PbxSim;
import org.hotline.pbxsim.agi.AgiCall;
import org.hotline.pbxsim.scenario.CallScript;
import org.hotline.pbxsim.scenario.ScriptedCalls;
import org.hotline.server.HotlineDatabase;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A whole call, at rising rates, against the server as a process of its own on its embedded
 * PostgreSQL and Redis with a million customers: pbx-sim plays each caller through the shipped
 * flows over FastAGI ({@link CallerMix}), then over AMI through the queue, the ring to a free
 * agent (whose console is signed in), the answer, the talk and the hang-up, then the survey over
 * FastAGI. Per rate it reports the server's CPU per call (its process's CPU over the calls, and
 * net of what it burns idle), PostgreSQL's and Redis's, the allocation per call, pop and FastAGI
 * turnaround percentiles, the database connections in use, and whether every call was stored
 * whole (its call row ended, its IVR session, its record, its pop, its survey).
 *
 * <p>Arguments: [rates (2,5,10,20)] [seconds per rate (30)] [data dir (bench-data/pops)]
 * [database pool size (10)] [agents (300)]. BENCH_SERVER_OPTS adds JVM options to the server
 * (a profiler: -XX:StartFlightRecording=filename=calls.jfr,settings=profile).
 */
public final class WholeCallBenchmark {

    private static final Duration RING = Duration.ofSeconds(1);
    private static final Duration TALK = Duration.ofSeconds(2);
    private static final Duration WRAP_UP = Duration.ofSeconds(5);
    private static final Duration THINK = Duration.ofMillis(20);
    /** Warm when the JIT's compiling took less than this share of a warm-up round's CPU; at most so many rounds. */
    private static final double SETTLED = 0.05;
    private static final int WARM_UP_ROUNDS = 6;
    private static final List<String> METRICS = List.of("jvm_gc_memory_allocated_bytes_total", "hikaricp_connections_active",
            "hikaricp_connections_pending", "hikaricp_connections_timeout_total");

    public static void main(String[] args) throws Exception {
        List<Integer> rates = List.of((args.length > 0 ? args[0] : "2,5,10,20").split(",")).stream().map(Integer::parseInt).toList();
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        Path dataDir = Path.of(args.length > 2 ? args[2] : "bench-data/pops").toAbsolutePath();
        int pool = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        int agentCount = args.length > 4 ? Integer.parseInt(args[4]) : 300;

        // the data once (a million customers, ten million past calls), the agents and their logins, in this process
        List<String> known;
        List<Long> agentIds;
        try (HotlineServer seeding = HotlineServer.start(ConfigLoader.load(Optional.empty(), Map.of("HOTLINE_DATA_DIR", dataDir.toString(),
                "HOTLINE_HTTP_PORT", "0", "HOTLINE_MANAGEMENT_PORT", "0", "HOTLINE_AGI_PORT", "0")))) {
            DSLContext db = DSL.using(seeding.dataSource(), SQLDialect.POSTGRES);
            History.ensure(db, seeding, 1_000_000, 10_000_000);
            known = db.resultQuery("SELECT number FROM customer_phone TABLESAMPLE SYSTEM (1) LIMIT 20000")
                    .fetch(r -> r.get(0, String.class).replace("+86", ""));
            agentIds = Agents.ensure(db, agentCount);
        }
        Path rules = Files.createDirectories(dataDir.getParent().resolve("calls-rules"));
        Map<String, String> settings = new java.util.HashMap<>(Map.of("HOTLINE_DB_POOL_SIZE", String.valueOf(pool),
                // the office open around the clock (the out-of-hours callers take their flow directly), a short wrap-up
                "HOTLINE_SLA_POLICIES", rule(rules, "sla-policies.yaml", Map.of(
                        "    week:\n      monday:    [09:00-12:00, 13:30-18:00]\n", "    always-open: true\n",
                        "      tuesday:   [09:00-12:00, 13:30-18:00]\n", "", "      wednesday: [09:00-12:00, 13:30-18:00]\n", "",
                        "      thursday:  [09:00-12:00, 13:30-18:00]\n", "", "      friday:    [09:00-12:00, 13:30-18:00]\n", "")),
                "HOTLINE_DESK_RULES", rule(rules, "service-desk.yaml", Map.of("wrap-up: 30s", "wrap-up: " + WRAP_UP.toSeconds() + "s"))));

        Map<String, Long> emitted = new ConcurrentHashMap<>();
        AtomicInteger rung = new AtomicInteger();
        try (PbxSim pbx = new PbxSim(0, Map.of("hotline", "bench-secret")).watchingEmits(event -> {
            if (event.getOrEmpty("Event").equals("AgentCalled")) {
                emitted.put(Agents.ringKey(event.getOrEmpty("Linkedid"), event.getOrEmpty("Interface")), System.nanoTime());
                rung.incrementAndGet();
            }
        })) {
            settings.putAll(Map.of("HOTLINE_AMI_HOST", "127.0.0.1", "HOTLINE_AMI_PORT", String.valueOf(pbx.port()),
                    "HOTLINE_AMI_USER", "hotline", "HOTLINE_AMI_SECRET", "bench-secret", "HOTLINE_AMI_NAME", "pbx-bench"));
            try (HotlineProcess server = HotlineProcess.start(dataDir, settings, "2g", dataDir.getParent().resolve("calls-server.log"));
                 HotlineDatabase store = HotlineDatabase.ofRunningServer(ConfigLoader.load(Optional.empty(),
                         Map.of("HOTLINE_DATA_DIR", dataDir.toString(), "HOTLINE_DB_POOL_SIZE", "2"))).orElseThrow();
                 ScriptedCalls calls = new ScriptedCalls(pbx)) {
                DSLContext db = DSL.using(store.database().dataSource(), SQLDialect.POSTGRES);
                Vertx clients = Vertx.vertx();
                Agents agents = new Agents(agentCount, RING, TALK, WRAP_UP);
                String secret = Files.readString(dataDir.resolve("api-token-secret")).trim();
                agents.connect(clients, List.of(server.httpPort), new AccessTokens(clients, secret, Duration.ofHours(6)), db, agentIds, emitted);
                System.out.printf("date: %s; machine: %d cores, JDK %s; %,d customers, %,d past calls; %d agents signed in; pool %d; "
                                + "caller think time %d ms, ring %d s, talk %d s, wrap-up %d s%n", java.time.Instant.now(),
                        Runtime.getRuntime().availableProcessors(), Runtime.version(), db.fetchCount(DSL.table("customer")),
                        db.fetchCount(DSL.table("call")), agentCount, pool, THINK.toMillis(), RING.toSeconds(), TALK.toSeconds(),
                        WRAP_UP.toSeconds());

                System.out.printf("open work the wallboard keeps: %,d SLA clocks breached, %,d running, %,d callbacks pending%n",
                        db.fetchCount(DSL.table("sla_clock"), DSL.field("state").eq("running").and(DSL.field("breached_at").isNotNull())),
                        db.fetchCount(DSL.table("sla_clock"), DSL.field("state").eq("running")),
                        db.fetchCount(DSL.table("callback"), DSL.field("status").in("pending", "offered", "dialing")));
                CallerMix mix = new CallerMix(known, THINK);
                java.time.Instant began = java.time.Instant.now();
                // the morning's first calls meet a cold JVM: rounds to warm it (their figures are shown, not compared), then
                // rounds at the highest rate asked until the JIT has compiled what runs there: a server up for days has, and
                // while it compiles, its threads' CPU and the code's speed change from one round to the next (after the gentle
                // round alone, the first measured round at 20 calls/s cost two fifths more CPU a call than the same round run
                // after another; after one round at 20 calls/s, the JIT still took 3.7 of the 22.6 ms a call of the next)
                System.out.println("\n-- warm-up --");
                new RateRun(5, 30, server, calls, mix, agents, emitted, rung, db, 0).run();
                int top = rates.stream().max(Integer::compare).orElseThrow();
                for (int round = 1; ; round++) {
                    Duration cpuBefore = server.cpu();
                    Duration compilingBefore = server.jvmCpu().compiling();
                    new RateRun(top, 30, server, calls, mix, agents, emitted, rung, db, 0).run();
                    double compiling = (double) server.jvmCpu().compiling().minus(compilingBefore).toNanos()
                            / server.cpu().minus(cpuBefore).toNanos();
                    if (compiling < SETTLED || round == WARM_UP_ROUNDS) {
                        System.out.printf("%nwarm after %d round(s) at %d calls/s: the JIT took %.0f%% of the last one's CPU%n", round, top,
                                100 * compiling);
                        break;
                    }
                }
                // what the server burns doing nothing (timers, metrics, the AMI link), to take out of the figures per call;
                // measured after the warm-up's last writes and the JIT's compiling have settled
                Thread.sleep(5_000);
                Duration idleCpu = server.cpu();
                long idleStart = System.nanoTime();
                Thread.sleep(10_000);
                double idleCpuPerSecond = (server.cpu().minus(idleCpu).toNanos() / 1e9) / ((System.nanoTime() - idleStart) / 1e9);
                System.out.printf("%nidle (warm): %.1f ms of CPU a second%n", idleCpuPerSecond * 1000);
                for (int rate : rates) {
                    new RateRun(rate, seconds, server, calls, mix, agents, emitted, rung, db, idleCpuPerSecond).run();
                }
                agents.close();
                clients.close().await();
                LeftOpen.close(db, began);
            }
        }
    }

    /** One rate: calls arriving for {@code seconds}, then until every one is over; its figures. */
    private record RateRun(int rate, int seconds, HotlineProcess server, ScriptedCalls calls, CallerMix mix, Agents agents,
                           Map<String, Long> emitted, AtomicInteger rung, DSLContext db, double idleCpuPerSecond) {

        void run() throws Exception {
            List<Long> turnarounds = new CopyOnWriteArrayList<>();
            List<Long> ivrShares = new CopyOnWriteArrayList<>();
            List<ScriptedCalls.IvrPassage> passages = new CopyOnWriteArrayList<>();
            Map<CallerMix.Kind, AtomicInteger> kinds = new ConcurrentHashMap<>();
            List<String> surveyed = new CopyOnWriteArrayList<>();
            AtomicInteger failedSessions = new AtomicInteger();
            List<Thread> surveys = new CopyOnWriteArrayList<>();
            agents.popNanos.clear();
            int noneFreeBefore = agents.noneFree;
            int rungBefore = rung.get();
            ScheduledExecutorService arrivals = Executors.newSingleThreadScheduledExecutor();
            List<java.util.concurrent.CompletableFuture<?>> started = new CopyOnWriteArrayList<>();
            List<Double> active = new CopyOnWriteArrayList<>();
            List<Double> pending = new CopyOnWriteArrayList<>();
            ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
            sampler.scheduleAtFixedRate(() -> {
                try {
                    Map<String, Double> m = server.metrics(METRICS);
                    active.add(m.getOrDefault("hikaricp_connections_active", 0.0));
                    pending.add(m.getOrDefault("hikaricp_connections_pending", 0.0));
                } catch (Exception e) {
                    // a missed sample
                }
            }, 0, 1000, TimeUnit.MILLISECONDS);

            Map<String, Double> metricsBefore = server.metrics(METRICS);
            Duration cpuBefore = server.cpu();
            Duration kernelBefore = server.kernelCpu();
            HotlineProcess.JvmCpu jvmBefore = server.jvmCpu();
            Duration storeBefore = server.storeCpu();
            long startedAt = System.nanoTime();
            int count = rate * seconds;
            for (int i = 0; i < count; i++) {
                arrivals.schedule(() -> {
                    CallerMix.Caller caller = mix.next();
                    kinds.computeIfAbsent(caller.kind(), k -> new AtomicInteger()).incrementAndGet();
                    CallScript queueCall = new CallScript(caller.number(), "Caller", "service", Duration.ofSeconds(60), Duration.ofSeconds(15),
                            List.of());
                    started.add(calls.startThroughIvr("127.0.0.1", server.agiPort, caller.ivr(), queueCall,
                            script -> script.withAgents(agents.take())).whenComplete((passage, e) -> {
                        if (passage == null) {
                            failedSessions.incrementAndGet();
                            return;
                        }
                        passages.add(passage);
                        turnarounds.addAll(passage.turnaroundNanos());
                        ivrShares.add(passage.turnaroundNanos().stream().mapToLong(Long::longValue).sum());
                        String record = passage.variables().getOrDefault("HOTLINE_RECORD_ID", "");
                        if (passage.queued() && !record.isEmpty()) {
                            // the caller stays on for the survey when the agent hangs up
                            surveys.add(Thread.ofVirtual().start(() -> {
                                try {
                                    Thread.sleep(RING.plus(TALK).plusMillis(500).toMillis());
                                    AgiCall survey = new AgiCall(mix.survey(caller.number(), record));
                                    survey.run("127.0.0.1", server.agiPort);
                                    turnarounds.addAll(survey.turnaroundNanos());
                                    surveyed.add(record);
                                } catch (Exception failed) {
                                    failedSessions.incrementAndGet();
                                }
                            }));
                        }
                    }));
                }, (long) (i * 1000.0 / rate), TimeUnit.MILLISECONDS);
            }
            arrivals.shutdown();
            arrivals.awaitTermination(seconds + 60, TimeUnit.SECONDS);
            java.util.concurrent.CompletableFuture.allOf(started.toArray(java.util.concurrent.CompletableFuture[]::new))
                    .handle((x, e) -> null).get(5, TimeUnit.MINUTES);
            for (Thread survey : surveys) {
                survey.join();
            }
            Thread.sleep(RING.plus(TALK).plusSeconds(3).toMillis()); // the last queue calls end, their rows are written
            double elapsed = (System.nanoTime() - startedAt) / 1e9;
            Duration cpu = server.cpu().minus(cpuBefore);
            Duration kernel = server.kernelCpu().minus(kernelBefore);
            HotlineProcess.JvmCpu jvm = server.jvmCpu().minus(jvmBefore);
            Duration store = server.storeCpu().minus(storeBefore);
            Map<String, Double> metricsAfter = server.metrics(METRICS);
            sampler.shutdownNow();

            int n = passages.size();
            List<String> linkedids = passages.stream().map(ScriptedCalls.IvrPassage::linkedid).toList();
            List<String> uniqueids = passages.stream().map(ScriptedCalls.IvrPassage::uniqueid).toList();
            int queued = (int) passages.stream().filter(ScriptedCalls.IvrPassage::queued).count();
            int callRows = db.fetchCount(DSL.table("call"), DSL.field("linkedid").in(linkedids));
            int ended = db.fetchCount(DSL.table("call"), DSL.field("linkedid").in(linkedids).and(DSL.field("ended_at").isNotNull()));
            int sessions = db.fetchCount(DSL.table("ivr_session"), DSL.field("uniqueid").in(uniqueids)
                    .and(DSL.field("ended_at").isNotNull()));
            long withRecordSaid = passages.stream().filter(p -> !p.variables().getOrDefault("HOTLINE_RECORD_ID", "").isEmpty()).count();
            int surveyRows = surveyed.isEmpty() ? 0 : db.fetchCount(DSL.table("survey_response"),
                    DSL.field("record_id").in(surveyed.stream().map(Long::parseLong).toList()));
            double calls = n;
            double cpuMs = cpu.toNanos() / 1e6;
            double netMs = cpuMs - idleCpuPerSecond * 1000 * elapsed;
            double allocated = metricsAfter.getOrDefault("jvm_gc_memory_allocated_bytes_total", 0.0)
                    - metricsBefore.getOrDefault("jvm_gc_memory_allocated_bytes_total", 0.0);
            System.out.printf("%n== %d calls/s for %d s: %d calls (%s)%n", rate, seconds, n, kinds);
            System.out.printf("server CPU per call       %7.1f ms (net of idle %.1f ms; %.0f%% of one core over %.0f s)%n",
                    cpuMs / calls, netMs / calls, 100 * cpuMs / 1000 / elapsed, elapsed);
            System.out.printf("  of which in the kernel  %7.1f ms (system time: sockets, mostly)%n", kernel.toNanos() / 1e6 / calls);
            System.out.printf("  of which JIT compiling  %7.1f ms (without it: %.1f ms a call); collecting garbage %.1f ms%n",
                    jvm.compiling().toNanos() / 1e6 / calls, cpu.minus(jvm.compiling()).toNanos() / 1e6 / calls,
                    jvm.collecting().toNanos() / 1e6 / calls);
            System.out.printf("PostgreSQL+Redis per call %7.1f ms%n", store.toNanos() / 1e6 / calls);
            System.out.printf("allocated per call        %7.2f MB%n", allocated / calls / 1e6);
            report("pop (AgentCalled -> socket)", agents.popNanos);
            report("FastAGI turnaround", turnarounds);
            report("server's share of a call's IVR", ivrShares);
            System.out.printf("db connections in use      mean %.1f, max %.0f; callers waiting for one: max %.0f; timeouts %.0f%n",
                    active.stream().mapToDouble(Double::doubleValue).average().orElse(0), active.stream().mapToDouble(Double::doubleValue).max().orElse(0),
                    pending.stream().mapToDouble(Double::doubleValue).max().orElse(0),
                    metricsAfter.getOrDefault("hikaricp_connections_timeout_total", 0.0)
                            - metricsBefore.getOrDefault("hikaricp_connections_timeout_total", 0.0));
            int rangNow = rung.get() - rungBefore;
            if (!agents.closed.isEmpty()) {
                System.out.printf("agent sockets closed by the server: %d, e.g. %s%n", agents.closed.size(), agents.closed.getFirst());
            }
            boolean whole = failedSessions.get() == 0 && callRows == n && ended == n && sessions == n
                    && agents.popNanos.size() == rangNow && surveyRows >= surveyed.size() && agents.noneFree == noneFreeBefore;
            System.out.printf("stored: %d/%d call rows (%d ended), %d/%d IVR sessions ended, %d said a record, %d queued, "
                            + "%d/%d pops, %d surveys (%d answer rows), %d sessions failed, %d callers found no free agent: %s%n",
                    callRows, n, ended, sessions, n, withRecordSaid, queued, agents.popNanos.size(), rangNow, surveyed.size(), surveyRows,
                    failedSessions.get(), agents.noneFree - noneFreeBefore, whole ? "WHOLE" : "NOT WHOLE");
        }
    }

    /** The shipped rules file {@code name} with {@code replacements}, written into {@code dir}; its path. */
    static String rule(Path dir, String name, Map<String, String> replacements) throws java.io.IOException {
        String text;
        try (var in = org.hotline.desk.ShippedRules.class.getResourceAsStream("defaults/" + name)) {
            text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        for (var replacement : replacements.entrySet()) {
            if (!text.contains(replacement.getKey())) {
                throw new IllegalStateException(name + " no longer has " + replacement.getKey().trim());
            }
            text = text.replace(replacement.getKey(), replacement.getValue());
        }
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file.toString();
    }

    private static void report(String what, List<Long> nanos) {
        Latencies.report(what, nanos);
    }
}
