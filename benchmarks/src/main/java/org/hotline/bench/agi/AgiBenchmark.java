package org.hotline.bench.agi;

import org.hotline.pbxsim.agi.AgiCall;
import org.hotline.pbxsim.agi.AgiCallScript;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hotline's FastAGI server (Netty, flows on the FlowEngine) against asterisk-java's
 * DefaultAgiServer (a thread per session) running the same nine-command IVR, each in its own JVM
 * with a 512 MB heap, driven by pbx-sim's Asterisk side over TCP from this JVM. A caller takes
 * {@code think} ms per prompt (playback plus keying), so sessions overlap: at each load all
 * sessions are open at once. Reports per load the server's heap after GC and RSS with every
 * session open, its CPU per AGI command, and the p50 / p99 command round trip (from the caller's
 * reply to the server's next command); then the most sessions each holds open in 512 MB.
 *
 * <p>Arguments: [loads (1000,10000)] [capacity limit (19000)] [heap (512m)]
 */
public final class AgiBenchmark {

    private static final AtomicInteger CALLS = new AtomicInteger();
    /** Which servers to run (BENCH_KINDS=hotline to profile one side). */
    private static final List<String> KINDS = List.of(System.getenv().getOrDefault("BENCH_KINDS", "hotline,asterisk-java").split(","));

    public static void main(String[] args) throws Exception {
        List<Integer> loads = Arrays.stream((args.length > 0 ? args[0] : "1000,10000").split(",")).map(Integer::parseInt).toList();
        int capacityLimit = args.length > 1 ? Integer.parseInt(args[1]) : 19_000;
        String heap = args.length > 2 ? args[2] : "512m";
        System.out.printf("machine: %d cores, JDK %s; each server in its own JVM with -Xmx%s; %d AGI commands per session%n",
                Runtime.getRuntime().availableProcessors(), Runtime.version(), heap, BenchFlow.COMMANDS);
        System.out.println("server         sessions  open-at-once  heap-after-gc  heap/session     rss  threads  cpu/command   p50 rtt   p99 rtt  failed");
        for (int load : loads) {
            for (String kind : KINDS) {
                load(kind, load, heap);
            }
        }
        for (String kind : KINDS) {
            capacity(kind, capacityLimit, heap);
        }
        System.exit(0);
    }

    /**
     * N sessions ramped up over N/1000 s (at least 2 s), each lasting long enough that all are
     * open together; run twice on the same server, the first to let the JIT settle, the second
     * measured.
     */
    private static void load(String kind, int sessions, String heap) throws Exception {
        int port = freePort();
        try (ServerProcess server = new ServerProcess(kind, port, sessions + 200, heap)) {
            runAll(port, 3000, Duration.ZERO, 50); // the code paths compiled before anything is measured
            round(kind, sessions, port, server, false);
            round(kind, sessions, port, server, true);
        }
    }

    private static void round(String kind, int sessions, int port, ServerProcess server, boolean report) throws Exception {
        Map<String, Long> before = server.stats();
        double rampSeconds = Math.max(2, sessions / 1000.0);
        Duration think = Duration.ofMillis((long) (rampSeconds * 1000 / 2) + 1500); // 4 prompts: open for 2 ramps + 6 s
        long cpuStart = server.cpu();
        ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor();
        List<AgiCall> calls = new ArrayList<>();
        AtomicInteger failed = new AtomicInteger();
        long start = System.nanoTime();
        for (int i = 0; i < sessions; i++) {
            AgiCall call = new AgiCall(script(think));
            calls.add(call);
            callers.execute(() -> {
                try {
                    call.run("127.0.0.1", port);
                } catch (IOException e) {
                    failed.incrementAndGet();
                }
            });
            long wait = start + (long) ((i + 1) * rampSeconds * 1e9 / sessions) - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
        }
        TimeUnit.MILLISECONDS.sleep(1000);
        int openAtOnce = (int) calls.stream().filter(c -> c.commandsReceived() >= 1 && c.commandsReceived() < BenchFlow.COMMANDS).count();
        long cpuBeforeStats = server.cpu();
        Map<String, Long> plateau = server.stats();
        long cpuAfterStats = server.cpu();
        callers.shutdown();
        callers.awaitTermination(10, TimeUnit.MINUTES);
        long cpuUsed = server.cpu() - cpuStart - (cpuAfterStats - cpuBeforeStats); // the GC of the stats is not the load's
        if (!report) {
            return;
        }
        List<Long> rtt = new ArrayList<>();
        long commands = 0;
        for (AgiCall call : calls) {
            rtt.addAll(call.turnaroundNanos());
            commands += call.commandsReceived();
        }
        rtt.sort(null);
        if (System.getenv("BENCH_THREADS") != null) {
            System.out.println("  " + kind + " " + server.busiestThreads());
        }
        long heapUsed = plateau.getOrDefault("heap", 0L);
        System.out.printf("%-14s %8d  %12d  %10.1f MB  %9.1f KB  %6.0f MB  %7d  %8.1f us  %6.2f ms  %6.2f ms  %6d%n",
                kind, sessions, openAtOnce, heapUsed / 1e6, (heapUsed - before.getOrDefault("heap", 0L)) / 1024.0 / Math.max(1, openAtOnce),
                plateau.getOrDefault("rss", 0L) / 1e6, plateau.getOrDefault("threads", 0L),
                cpuUsed / 1000.0 / Math.max(1, commands), percentile(rtt, 0.50) / 1e6, percentile(rtt, 0.99) / 1e6, failed.get());
    }

    /**
     * Opens sessions 1,000 at a time (each then waits for the caller, indefinitely) until the
     * server stops taking them (a session fails or is not served within 30 s, or the server
     * dies) or {@code limit} is reached (this machine allows 20,000 open files per process).
     */
    private static void capacity(String kind, int limit, String heap) throws Exception {
        int port = freePort();
        int step = 1000;
        try (ServerProcess server = new ServerProcess(kind, port, limit + 1000, heap)) {
            ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor();
            List<AgiCall> calls = new ArrayList<>();
            AtomicInteger failed = new AtomicInteger();
            String held = "0 sessions";
            String stop = "reached the limit of " + limit + " (open files on this machine)";
            while (calls.size() < limit) {
                int target = Math.min(limit, calls.size() + step);
                List<AgiCall> added = new ArrayList<>();
                while (calls.size() < target) {
                    AgiCall call = new AgiCall(script(Duration.ofHours(1)));
                    calls.add(call);
                    added.add(call);
                    callers.execute(() -> {
                        try {
                            call.run("127.0.0.1", port);
                        } catch (IOException e) {
                            failed.incrementAndGet();
                        }
                    });
                }
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (added.stream().anyMatch(c -> c.commandsReceived() < 2) && failed.get() == 0 && server.alive()
                        && System.nanoTime() < until) {
                    TimeUnit.MILLISECONDS.sleep(50);
                }
                Map<String, Long> stats = server.stats();
                if (failed.get() > 0 || !server.alive() || stats.isEmpty() || added.stream().anyMatch(c -> c.commandsReceived() < 2)) {
                    stop = !server.alive() || stats.isEmpty() ? "the server died (" + target + " sessions asked for)"
                            : failed.get() > 0 ? failed.get() + " sessions failed at " + target
                            : "sessions not served within 30 s at " + target;
                    break;
                }
                held = String.format("%d sessions: heap after GC %.1f MB, RSS %.0f MB, %d threads", target, stats.get("heap") / 1e6,
                        stats.get("rss") / 1e6, stats.get("threads"));
            }
            System.out.printf("capacity %-14s held %s; stopped: %s%n", kind, held, stop);
            callers.shutdownNow();
        }
    }

    /** Sessions run one after another on {@code parallel} callers, with no think time. */
    private static void runAll(int port, int sessions, Duration think, int parallel) throws InterruptedException {
        try (ExecutorService callers = Executors.newFixedThreadPool(Math.min(parallel, 50), Thread.ofVirtual().factory())) {
            for (int i = 0; i < sessions; i++) {
                callers.execute(() -> {
                    try {
                        new AgiCall(script(think)).run("127.0.0.1", port);
                    } catch (IOException e) {
                        // the warm-up only warms
                    }
                });
            }
        }
    }

    private static AgiCallScript script(Duration think) {
        return AgiCallScript.call(BenchFlow.NAME, "1795400000." + CALLS.incrementAndGet(), "13800138000")
                .pressing("1", "88886666#").thinking(think);
    }

    private static long percentile(List<Long> sorted, double p) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

}
