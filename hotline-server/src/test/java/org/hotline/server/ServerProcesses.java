package org.hotline.server;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The server run as an operator runs it: {@code org.hotline.server.Main} in a JVM of its own, its output to a log file. */
final class ServerProcesses {

    private ServerProcesses() {
    }

    /** Starts {@code Main args} with only the given {@code HOTLINE_*} variables, its output in {@code log}. */
    static Process launch(Path log, Map<String, String> environment, String... args) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), "org.hotline.server.Main"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("HOTLINE_"));
        builder.environment().putAll(environment);
        builder.environment().putIfAbsent("HOTLINE_MANAGEMENT_PORT", "0");
        return builder.start();
    }

    /** Waits (two minutes at most) until the server answers ready on {@code port}; fails when it exits first. */
    static void awaitReady(Process server, int port, Path log) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(deadline)) {
            assertThat(server.isAlive()).as("server exited early: %s", Files.exists(log) ? Files.readString(log) : "").isTrue();
            try {
                if (TestServers.get(port, "/health/ready").statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // keep waiting
            }
            Thread.sleep(200);
        }
        throw new AssertionError("not ready within 2 minutes: " + Files.readString(log));
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
