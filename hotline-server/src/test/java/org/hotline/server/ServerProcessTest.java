package org.hotline.server;

import org.hotline.server.embedded.EmbeddedPostgresServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The server as an operator runs it: its own process, stopped with SIGTERM. */
class ServerProcessTest {

    @TempDir
    Path dir;

    @Test
    void sigtermStopsTheServerAndEveryProcessItStarted() throws Exception {
        int port = freePort();
        Process server = launch(Map.of("HOTLINE_DATA_DIR", dir.resolve("data").toString(),
                "HOTLINE_HTTP_PORT", String.valueOf(port), "HOTLINE_HTTP_HOST", "127.0.0.1", "HOTLINE_AGI_PORT", "0"), "start");
        try {
            awaitReady(server, port);
            List<ProcessHandle> started = embeddedProcesses(server);

            server.destroy(); // SIGTERM

            assertThat(server.waitFor(60, TimeUnit.SECONDS)).as("stopped within a minute").isTrue();
            for (ProcessHandle child : started) {
                boolean alive = child.onExit().completeOnTimeout(child, 10, TimeUnit.SECONDS).get().isAlive();
                assertThat(alive).as("%s still running 10 s after the server stopped; its log:%n%s",
                        child.info().commandLine().orElse(String.valueOf(child.pid())), Files.readString(log())).isFalse();
            }
            assertThat(Files.readString(log(), StandardCharsets.UTF_8)).contains("Hotline stopped")
                    .as("Redis stays up until everything using it has stopped")
                    .doesNotContain("Cannot reconnect").doesNotContain("RejectedExecutionException");
        } finally {
            server.destroyForcibly();
        }
    }

    @Test
    void sigtermWhileStartingStopsWhatHadStarted() throws Exception {
        Process server = launch(Map.of("HOTLINE_DATA_DIR", dir.resolve("data").toString(),
                "HOTLINE_HTTP_PORT", String.valueOf(freePort()), "HOTLINE_HTTP_HOST", "127.0.0.1", "HOTLINE_AGI_PORT", "0"), "start");
        try {
            Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
            while (!Files.exists(log()) || !Files.readString(log()).contains("Embedded Redis on")) {
                assertThat(Instant.now()).as("PostgreSQL and Redis started within 2 minutes").isBefore(deadline);
                Thread.sleep(20);
            }
            ProcessHandle postgres = EmbeddedPostgresServer.postmasterOf(dir.resolve("data").resolve("postgres")).orElseThrow();

            server.destroy(); // SIGTERM, before the server is ready

            assertThat(server.waitFor(60, TimeUnit.SECONDS)).isTrue();
            boolean alive = postgres.onExit().completeOnTimeout(postgres, 10, TimeUnit.SECONDS).get().isAlive();
            assertThat(alive).as("the embedded PostgreSQL outlived a server stopped while starting; its log:%n%s",
                    Files.readString(log())).isFalse();
            assertThat(Files.readString(log())).contains("Hotline stopped")
                    .as("Redis stays up until the parts started before the signal have stopped")
                    .doesNotContain("Exception in thread").doesNotContain("Cannot reconnect");
        } finally {
            server.destroyForcibly();
        }
    }

    @Test
    void aServerKilledWithSigkillLeavesNothingThatStopsTheNextStart() throws Exception {
        int port = freePort();
        Map<String, String> environment = Map.of("HOTLINE_DATA_DIR", dir.resolve("data").toString(),
                "HOTLINE_HTTP_PORT", String.valueOf(port), "HOTLINE_HTTP_HOST", "127.0.0.1", "HOTLINE_AGI_PORT", "0");
        Process killed = launch(environment, "start");
        awaitReady(killed, port);
        List<ProcessHandle> leftBehind = embeddedProcesses(killed);

        killed.destroyForcibly(); // SIGKILL: no shutdown hook runs
        killed.waitFor(30, TimeUnit.SECONDS);
        assertThat(leftBehind).as("PostgreSQL and Redis outlive a killed JVM").allMatch(ProcessHandle::isAlive);

        Process next = launch(environment, "start");
        try {
            awaitReady(next, port);
            for (ProcessHandle orphan : leftBehind) {
                assertThat(orphan.isAlive()).as("%s from the killed server", orphan).isFalse();
            }
            assertThat(Files.readString(log())).contains("left running by an earlier Hotline process");
        } finally {
            next.destroy();
            next.waitFor(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void theFastAgiPortInUseIsOneLineExitCodeOneAndNothingLeftRunning() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Process process = launch(Map.of("HOTLINE_DATA_DIR", dir.resolve("data").toString(), "HOTLINE_HTTP_PORT", "0",
                    "HOTLINE_HTTP_HOST", "127.0.0.1", "HOTLINE_AGI_PORT", String.valueOf(taken.getLocalPort())), "start");
            try {
                assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("exited; its log:%n%s", Files.readString(log())).isTrue();
                assertThat(process.exitValue()).isEqualTo(1);
                List<String> lines = Files.readAllLines(log(), StandardCharsets.UTF_8);
                assertThat(lines.stream().filter(l -> l.startsWith("hotline: ")))
                        .containsExactly("hotline: agi.port: cannot listen on 127.0.0.1:" + taken.getLocalPort()
                                + ": Address already in use (is another server using it?)");
                assertThat(lines).as("no stack trace").noneMatch(l -> l.startsWith("\tat ") || l.contains("Exception"));
                assertThat(EmbeddedPostgresServer.postmasterOf(dir.resolve("data").resolve("postgres"))).as("PostgreSQL stopped").isEmpty();
            } finally {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void userAddPutsTheAgentInQueuesAndWeakPasswordsAreRefused() throws Exception {
        Map<String, String> env = Map.of("HOTLINE_DATA_DIR", dir.resolve("data").toString());
        Process weak = launch(env, "user", "add", "--username", "li.lei", "--queues", "service:0,complaint:1");
        weak.getOutputStream().write("password\n".getBytes(StandardCharsets.UTF_8));
        weak.getOutputStream().close();
        assertThat(weak.waitFor(90, TimeUnit.SECONDS)).isTrue();
        assertThat(weak.exitValue()).isEqualTo(2);
        assertThat(Files.readString(log())).contains("hotline: user: the password must have at least 15 characters");

        Process add = launch(env, "user", "add", "--username", "li.lei", "--interface", "PJSIP/1001", "--queues", "service:0,complaint:1");
        add.getOutputStream().write("correct horse battery staple\n".getBytes(StandardCharsets.UTF_8));
        add.getOutputStream().close();
        assertThat(add.waitFor(90, TimeUnit.SECONDS)).isTrue();
        String out = Files.readString(log());
        assertThat(add.exitValue()).as(out).isZero();
        assertThat(out).contains("Added li.lei (agent)", "Queue 'service' is new to Hotline", "Queue 'complaint' is new to Hotline",
                "li.lei logs into service (penalty 0), complaint (penalty 1) when Ready");

        Process unknownAsterisk = launch(env, "user", "add", "--username", "han.meimei", "--asterisk", "pbx-b");
        assertThat(unknownAsterisk.waitFor(90, TimeUnit.SECONDS)).isTrue();
        assertThat(unknownAsterisk.exitValue()).isEqualTo(2);
        assertThat(Files.readString(log())).contains("hotline: user: --asterisk 'pbx-b' is not a configured Asterisk server "
                + "(ami.servers is empty)");
        Map<String, String> withPbx = new java.util.HashMap<>(env);
        withPbx.put("HOTLINE_AMI_NAME", "pbx-b");
        Process onPbxB = launch(withPbx, "user", "add", "--username", "han.meimei", "--interface", "PJSIP/2001", "--asterisk", "pbx-b");
        onPbxB.getOutputStream().write("another correct horse battery\n".getBytes(StandardCharsets.UTF_8));
        onPbxB.getOutputStream().close();
        assertThat(onPbxB.waitFor(90, TimeUnit.SECONDS)).isTrue();
        assertThat(onPbxB.exitValue()).as(Files.readString(log())).isZero();

        Process again = launch(env, "user", "queues", "--username", "li.lei", "--queues", "service:3");
        assertThat(again.waitFor(90, TimeUnit.SECONDS)).isTrue();
        assertThat(again.exitValue()).as(Files.readString(log())).isZero();
        assertThat(Files.readString(log())).contains("li.lei logs into service (penalty 3) when Ready").doesNotContain("is new to Hotline");
    }

    @Test
    void aConfigurationErrorIsOneLineAndExitCodeTwo() throws Exception {
        Path config = dir.resolve("hotline.yaml");
        Files.writeString(config, "http:\n  port: 8080\nredis:\n  url: redis://x\n");

        Process process = launch(Map.of("HOTLINE_DATA_DIR", dir.resolve("data").toString()), "start", "--config", config.toString());

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(Files.readAllLines(log(), StandardCharsets.UTF_8))
                .containsExactly("hotline: " + config + ":4: redis.url: unknown key (known in redis: uri, embedded-port)");
        assertThat(dir.resolve("data")).doesNotExist();
    }

    private Process launch(Map<String, String> environment, String... args) throws IOException {
        return ServerProcesses.launch(log(), environment, args);
    }

    /** The embedded Redis (a child) and PostgreSQL (detached by pg_ctl) of a running server. */
    private List<ProcessHandle> embeddedProcesses(Process server) {
        List<ProcessHandle> processes = new ArrayList<>(server.descendants()
                .filter(p -> p.info().command().orElse("").contains("redis-server")).toList());
        assertThat(processes).as("the embedded Redis runs as a child process").hasSize(1);
        processes.add(EmbeddedPostgresServer.postmasterOf(dir.resolve("data").resolve("postgres"))
                .orElseThrow(() -> new AssertionError("no embedded PostgreSQL running")));
        return processes;
    }

    /** Whatever a failed test left running is stopped, so it cannot disturb the next one. */
    @AfterEach
    void stopLeftovers() {
        EmbeddedPostgresServer.postmasterOf(dir.resolve("data").resolve("postgres")).ifPresent(ProcessHandle::destroy);
        try {
            ProcessHandle.of(Long.parseLong(Files.readString(dir.resolve("data").resolve("redis.pid")).trim()))
                    .ifPresent(ProcessHandle::destroy);
        } catch (IOException | NumberFormatException e) {
            // no Redis was started
        }
    }

    private Path log() {
        return dir.resolve("server.log");
    }

    private void awaitReady(Process server, int port) throws Exception {
        ServerProcesses.awaitReady(server, port, log());
    }

    private static int freePort() throws IOException {
        return ServerProcesses.freePort();
    }
}
