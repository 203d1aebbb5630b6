package org.hotline.bench.agi;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A FastAGI server under test, started as a child JVM with its own heap limit; asked for its figures over stdin. */
final class ServerProcess implements AutoCloseable {

    private final Process process;
    private final BufferedReader out;
    private final PrintWriter in;

    ServerProcess(String kind, int port, int threads, String heap) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new java.util.ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-Xmx" + heap,
                "-Xms64m", "-XX:+UseG1GC"));
        String extra = System.getenv().getOrDefault("BENCH_SERVER_OPTS", "");
        if (!extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+"))); // e.g. a profiler: -XX:StartFlightRecording=filename=agi.jfr
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), AgiBenchServer.class.getName(), kind,
                String.valueOf(port), String.valueOf(threads)));
        process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        out = new BufferedReader(new InputStreamReader(process.getInputStream()));
        in = new PrintWriter(process.getOutputStream(), true);
        String line = out.readLine();
        while (line != null && !line.equals("ready")) {
            line = out.readLine(); // what the JVM says first (a profiler starting)
        }
        if (line == null) {
            throw new IOException(kind + " server did not start");
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Which threads of the server used the CPU (for profiling; BENCH_THREADS=1 prints it after each load). */
    String busiestThreads() throws IOException {
        in.println("threads");
        String line = out.readLine();
        while (line != null && !line.startsWith("busiest")) {
            line = out.readLine();
        }
        return line;
    }

    /** The server's CPU time so far (ns), without a GC. */
    long cpu() throws IOException {
        return ask("cpu", "cpu=").getOrDefault("cpu", -1L);
    }

    /** heap (used after a full GC), rss (bytes), cpu (ns), threads; empty when the server is gone. */
    Map<String, Long> stats() throws IOException {
        return ask("stats", "heap=");
    }

    private Map<String, Long> ask(String question, String answerStart) throws IOException {
        Map<String, Long> stats = new HashMap<>();
        if (!process.isAlive()) {
            return stats;
        }
        in.println(question);
        String line = out.readLine();
        while (line != null && !line.startsWith(answerStart)) {
            line = out.readLine(); // anything else the server printed (an OutOfMemoryError report)
        }
        if (line == null) {
            return stats;
        }
        for (String pair : line.split(" ")) {
            String[] kv = pair.split("=");
            stats.put(kv[0], Long.parseLong(kv[1]));
        }
        return stats;
    }

    @Override
    public void close() throws InterruptedException {
        in.println("quit");
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
