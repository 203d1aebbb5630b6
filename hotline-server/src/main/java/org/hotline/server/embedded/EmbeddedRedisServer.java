package org.hotline.server.embedded;

import org.hotline.server.StartupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.core.RedisServerBuilder;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The Redis that runs when no external one is configured: a real redis-server binary from the
 * {@code embedded-redis} artifact, on loopback, keeping an append-only file in the data directory.
 *
 * <p>The process is started and stopped here, not by embedded-redis' {@code RedisServer}: that one
 * stops Redis from a JVM shutdown hook of its own, which runs alongside the server's orderly stop,
 * so on SIGTERM Redis went away while the parts using it were still stopping (their links tried to
 * reconnect and the stop took 10 s). Here the JVM's exit stops Redis only when the server did not:
 * an exit hook waits {@link #EXIT_GRACE} for {@link #close()} and only then stops the process.
 */
public final class EmbeddedRedisServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedRedisServer.class);
    private static final Duration READY_WAIT = Duration.ofSeconds(30);
    /** How long the JVM's exit waits for the server's own stop before it stops Redis itself. */
    static final Duration EXIT_GRACE = Duration.ofSeconds(30);
    private static final String READY = "Ready to accept connections";

    private final Process process;
    private final int port;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread exitHook;

    private EmbeddedRedisServer(Process process, int port) {
        this.process = process;
        this.port = port;
        this.exitHook = new Thread(this::stopAtExit, "embedded-redis-exit");
        Runtime.getRuntime().addShutdownHook(exitHook);
    }

    /**
     * @param pidFile where Redis writes its pid, so that one left running by a killed Hotline
     *                process is found and stopped at the next start
     * @param port 0 to pick a free port
     */
    public static EmbeddedRedisServer start(Path pidFile, int port) {
        stopOrphan(pidFile);
        int chosen = port == 0 ? FreePort.pick() : port;
        // what it holds (agents' message numbers and their last messages, standings) outlives a restart:
        // an append-only file beside the pid file, written every second
        Path directory = pidFile.toAbsolutePath().getParent().resolve("redis");
        Process process = null;
        try {
            Files.createDirectories(directory);
            List<String> command = new RedisServerBuilder()
                    .port(chosen)
                    .bind("127.0.0.1")
                    .setting("pidfile " + pidFile.toAbsolutePath())
                    .setting("dir \"" + directory + "\"")
                    .setting("save \"\"")
                    .setting("appendonly yes")
                    .setting("appendfsync everysec")
                    .setting("protected-mode yes")
                    .buildCommandArgs();
            process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
            awaitReady(process, chosen);
        } catch (IOException | RuntimeException e) {
            if (process != null) {
                process.destroyForcibly();
            }
            throw new StartupException("redis: the embedded Redis did not start on port " + chosen + ": " + e.getMessage()
                    + (port != 0 ? " (is port " + port + " of redis.embedded-port free?)" : ""), e);
        }
        log.info("Embedded Redis on 127.0.0.1:{}", chosen);
        return new EmbeddedRedisServer(process, chosen);
    }

    /** Reads Redis' output until it is ready (then goes on reading it, at debug level, so that it never blocks). */
    private static void awaitReady(Process process, int port) throws IOException {
        CountDownLatch ready = new CountDownLatch(1);
        StringBuilder early = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    if (ready.getCount() > 0) {
                        synchronized (early) {
                            early.append(line).append('\n');
                        }
                        if (line.contains(READY)) {
                            ready.countDown();
                        }
                    }
                    log.debug("redis {}: {}", port, line);
                }
            } catch (IOException e) {
                log.debug("redis {}: output ended: {}", port, e.getMessage());
            }
        }, "embedded-redis-" + port);
        reader.setDaemon(true);
        reader.start();
        try {
            long deadline = System.nanoTime() + READY_WAIT.toNanos();
            while (!ready.await(100, TimeUnit.MILLISECONDS)) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    reader.join(1000);
                    String said;
                    synchronized (early) {
                        said = early.toString().strip();
                    }
                    throw new IOException((process.isAlive() ? "not ready in " + READY_WAIT.toSeconds() + " s"
                            : "it exited with status " + process.exitValue()) + (said.isEmpty() ? "" : "; it said: " + lastLines(said)));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for it", e);
        }
    }

    private static String lastLines(String text) {
        String[] lines = text.split("\n");
        return String.join(" | ", java.util.Arrays.asList(lines).subList(Math.max(0, lines.length - 3), lines.length));
    }

    private static void stopOrphan(Path pidFile) {
        PidFile.process(pidFile, "redis-server").ifPresent(p -> {
            log.warn("Stopping Redis (pid {}) left running by an earlier Hotline process", p.pid());
            p.destroy();
            p.onExit().join();
        });
    }

    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** The redis-server process. */
    public long pid() {
        return process.pid();
    }

    /** Stops Redis (SIGTERM: it finishes its append-only file) and waits for it to end. */
    @Override
    public void close() {
        if (closed.getCount() == 0) {
            return;
        }
        stopProcess();
        closed.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(exitHook);
        } catch (IllegalStateException exiting) {
            // the JVM is exiting: the hook finds this server closed and returns
        }
    }

    private void stopProcess() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                log.warn("Embedded Redis did not stop in 10 s; killing it");
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private void stopAtExit() {
        try {
            if (closed.await(EXIT_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.warn("Embedded Redis on port {} stopped at the JVM's exit: the server using it was not stopped", port);
        stopProcess();
    }
}
