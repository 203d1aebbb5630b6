package org.hotline.bench.calls;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The server under test as a process of its own ({@code org.hotline.server.Main start}, as
 * {@code ./hotline start} runs it), so that its CPU is its own: the JVM's, and apart from it the
 * embedded PostgreSQL's and Redis's (read from /proc). Its metrics come from its management port.
 */
final class HotlineProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final long TICKS_PER_SECOND = 100; // USER_HZ on Linux

    private final Process process;
    private final Path dataDir;
    final int httpPort;
    final int managementPort;
    final int agiPort;

    private HotlineProcess(Process process, Path dataDir, int httpPort, int managementPort, int agiPort) {
        this.process = process;
        this.dataDir = dataDir;
        this.httpPort = httpPort;
        this.managementPort = managementPort;
        this.agiPort = agiPort;
    }

    /** Starts the server on {@code dataDir} with {@code settings} (HOTLINE_* variables) and waits until it is ready. */
    static HotlineProcess start(Path dataDir, Map<String, String> settings, String heap, Path log) throws Exception {
        int http = freePort(), management = freePort(), agi = freePort();
        String java = ProcessHandle.current().info().command().orElse("java");
        // the JVM's own choice of collector (G1 here), as ./hotline start runs it; BENCH_SERVER_OPTS may name another
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-Xmx" + heap));
        String extra = System.getenv().getOrDefault("BENCH_SERVER_OPTS", "");
        if (!extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+"))); // a profiler: -XX:StartFlightRecording=filename=calls.jfr
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.hotline.server.Main", "start"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(settings);
        builder.environment().putAll(Map.of("HOTLINE_DATA_DIR", dataDir.toString(), "HOTLINE_HTTP_HOST", "127.0.0.1",
                "HOTLINE_HTTP_PORT", String.valueOf(http), "HOTLINE_MANAGEMENT_PORT", String.valueOf(management),
                "HOTLINE_AGI_PORT", String.valueOf(agi)));
        HotlineProcess server = new HotlineProcess(builder.start(), dataDir, http, management, agi);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (!server.ready()) {
            if (!server.process.isAlive() || System.nanoTime() > deadline) {
                server.close();
                throw new IOException("the server did not become ready; see " + log);
            }
            Thread.sleep(500);
        }
        return server;
    }

    private boolean ready() {
        try {
            return get("/health/ready").statusCode() == 200;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** The server JVM's CPU time so far. */
    Duration cpu() {
        return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** Of {@link #cpu()}, the time spent in the kernel on the server's behalf (system time: sockets, mostly). */
    Duration kernelCpu() throws IOException {
        String stat = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Duration.ofMillis(Long.parseLong(f[12]) * 1000 / TICKS_PER_SECOND); // stime, after the name: field 12
    }

    /** What the server's JVM spends on itself rather than on the calls, by kind of thread. */
    record JvmCpu(Duration compiling, Duration collecting) {

        JvmCpu minus(JvmCpu before) {
            return new JvmCpu(compiling.minus(before.compiling), collecting.minus(before.collecting));
        }
    }

    /**
     * Of {@link #cpu()}, the time so far of the JIT's compiler threads and of the garbage
     * collector's (by their names in /proc: "C1 CompilerThre", "C2 CompilerThre"; "GC Thread#",
     * "G1 ...", "VM Thread"). Compiling is the JVM learning the code, which a server up for days has
     * done; collecting is part of what a call costs. A thread that ended takes its time with it, so
     * a figure may fall short when the JVM retires a compiler thread in between (on 2 cores it keeps
     * one of each).
     */
    JvmCpu jvmCpu() throws IOException {
        long compiling = 0;
        long collecting = 0;
        try (var tasks = Files.list(Path.of("/proc", String.valueOf(process.pid()), "task"))) {
            for (Path task : tasks.toList()) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException gone) {
                    continue; // the thread ended meanwhile
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
                if (name.contains("CompilerThre")) {
                    compiling += ticks;
                } else if (name.startsWith("GC Thread") || name.startsWith("G1 ") || name.equals("VM Thread")) {
                    collecting += ticks;
                }
            }
        }
        return new JvmCpu(Duration.ofMillis(compiling * 1000 / TICKS_PER_SECOND), Duration.ofMillis(collecting * 1000 / TICKS_PER_SECOND));
    }

    /** The CPU time so far of its embedded PostgreSQL (the postmaster, its backends and those gone) and Redis. */
    Duration storeCpu() throws IOException {
        List<Long> roots = new ArrayList<>(List.of(process.pid()));
        Path postmaster = dataDir.resolve("postgres").resolve("postmaster.pid");
        if (Files.exists(postmaster)) {
            roots.add(Long.parseLong(Files.readAllLines(postmaster).getFirst().trim()));
        }
        return nonJavaCpu(roots);
    }

    /**
     * The CPU time so far of the processes other than JVMs at and under {@code roots} (a postmaster:
     * its backends, and those gone counted at the root).
     */
    static Duration nonJavaCpu(List<Long> roots) {
        Map<Long, long[]> stats = processes(); // pid -> ppid, own ticks, reaped children's ticks, is-java
        long ticks = 0;
        for (var entry : stats.entrySet()) {
            if (entry.getValue()[3] == 0 && under(entry.getKey(), roots, stats)) {
                ticks += entry.getValue()[1] + (roots.contains(entry.getKey()) ? entry.getValue()[2] : 0);
            }
        }
        return Duration.ofMillis(ticks * 1000 / TICKS_PER_SECOND);
    }

    private static boolean under(long pid, List<Long> roots, Map<Long, long[]> stats) {
        for (long at = pid, depth = 0; depth < 20; depth++) {
            if (roots.contains(at)) {
                return true;
            }
            long[] stat = stats.get(at);
            if (stat == null) {
                return false;
            }
            at = stat[0];
        }
        return false;
    }

    private static Map<Long, long[]> processes() {
        Map<Long, long[]> stats = new HashMap<>();
        try (var dirs = Files.list(Path.of("/proc"))) {
            dirs.filter(d -> d.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(dir -> {
                try {
                    String stat = Files.readString(dir.resolve("stat"));
                    String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    // after the name: state(0) ppid(1) ... utime(11) stime(12) cutime(13) cstime(14)
                    stats.put(Long.parseLong(dir.getFileName().toString()), new long[]{Long.parseLong(f[1]),
                            Long.parseLong(f[11]) + Long.parseLong(f[12]), Long.parseLong(f[13]) + Long.parseLong(f[14]),
                            comm.equals("java") ? 1 : 0});
                } catch (IOException | RuntimeException gone) {
                    // the process ended meanwhile
                }
            });
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return stats;
    }

    /** The sum over labels of each metric named (Prometheus text from /metrics). */
    Map<String, Double> metrics(List<String> names) throws IOException, InterruptedException {
        Map<String, Double> values = new HashMap<>();
        for (String line : get("/metrics").body().split("\n")) {
            if (line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            int brace = line.indexOf('{');
            String name = line.substring(0, brace > 0 && brace < space ? brace : space);
            if (names.contains(name)) {
                values.merge(name, Double.parseDouble(line.substring(space + 1)), Double::sum);
            }
        }
        return values;
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path)).timeout(Duration.ofSeconds(5))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Stops it as an operator would (SIGTERM: its shutdown closes the database and Redis). */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
