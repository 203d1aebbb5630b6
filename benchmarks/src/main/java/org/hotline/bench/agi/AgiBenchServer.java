package org.hotline.bench.agi;

import org.asteriskjava.fastagi.DefaultAgiServer;
import org.asteriskjava.fastagi.SimpleMappingStrategy;
import org.hotline.bridge.agi.AgiFlows;
import org.hotline.bridge.agi.AgiServer;
import org.hotline.ivr.engine.FlowEngine;
import org.hotline.ivr.load.FlowLibrary;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * One FastAGI server under test, in a JVM of its own so its heap, RSS and CPU are its own:
 * {@code hotline} (AgiServer running the bench flow on the FlowEngine) or {@code asterisk-java}
 * (DefaultAgiServer running the same commands, a thread per session). Prints {@code ready};
 * answers {@code stats} on stdin with one line after a full GC; {@code quit} ends it.
 */
public final class AgiBenchServer {

    public static void main(String[] args) throws Exception {
        String kind = args[0];
        int port = Integer.parseInt(args[1]);
        int threads = Integer.parseInt(args[2]);
        AutoCloseable server = switch (kind) {
            case "hotline" -> hotline(port);
            case "asterisk-java" -> asteriskJava(port, threads);
            default -> throw new IllegalArgumentException(kind);
        };
        System.out.println("ready");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        for (String line; (line = in.readLine()) != null; ) {
            if (line.equals("stats")) {
                System.out.println(stats());
            } else if (line.equals("threads")) {
                System.out.println(busiestThreads());
            } else if (line.equals("cpu")) {
                System.out.println("cpu=" + cpu());
            } else if (line.equals("quit")) {
                break;
            }
        }
        server.close();
        System.exit(0);
    }

    private static AutoCloseable hotline(int port) throws Exception {
        Path flows = BenchFlow.writeTo(Files.createTempDirectory("bench-flows"));
        FlowLibrary library = FlowLibrary.of(flows, Set.of());
        FlowEngine engine = new FlowEngine(new org.hotline.ivr.testkit.OfflineServices(), library::flow, Clock.systemUTC());
        return new AgiServer("127.0.0.1", port, new AgiFlows(library, engine, session -> "bench"), Duration.ofHours(1));
    }

    private static AutoCloseable asteriskJava(int port, int threads) {
        SimpleMappingStrategy mapping = new SimpleMappingStrategy();
        mapping.setMappings(Map.of(BenchFlow.NAME, new AsteriskJavaBenchScript()));
        DefaultAgiServer server = new DefaultAgiServer(mapping);
        server.setPort(port);
        server.setPoolSize(threads);
        server.setMaximumPoolSize(threads);
        Thread.ofPlatform().daemon().name("asterisk-java-agi").start(() -> {
            try {
                server.startup();
            } catch (Exception e) {
                System.out.println("failed " + e);
            }
        });
        waitForPort(port);
        return server::shutdown;
    }

    private static void waitForPort(int port) {
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < until) {
            try (java.net.Socket probe = new java.net.Socket()) {
                probe.connect(new java.net.InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (java.io.IOException e) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** The threads that used the most CPU (from /proc, so the JIT and GC threads count): name=ms, ... */
    private static String busiestThreads() throws java.io.IOException {
        java.util.Map<String, Long> byName = new java.util.HashMap<>();
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("[0-9]+", "#");
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    byName.merge(name, ticks * 10, Long::sum);
                } catch (java.io.IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        }
        return "busiest " + byName.entrySet().stream().sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed()).limit(8)
                .map(e -> e.getKey() + "=" + e.getValue() + "ms").reduce((a, b) -> a + ", " + b).orElse("");
    }

    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** heap=<bytes used after GC> rss=<bytes> cpu=<process CPU ns> threads=<live threads>. */
    private static String stats() throws Exception {
        long cpu = cpu();
        System.gc();
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long rss = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024).findFirst().orElse(0L);
        return "heap=" + heap + " rss=" + rss + " cpu=" + cpu + " threads=" + ManagementFactory.getThreadMXBean().getThreadCount();
    }
}
