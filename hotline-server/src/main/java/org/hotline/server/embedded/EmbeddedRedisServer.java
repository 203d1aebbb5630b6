package org.hotline.server.embedded;

import org.hotline.server.StartupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The Redis that runs when no external one is configured: a real redis-server binary from the
 * {@code embedded-redis} artifact, on loopback, without persistence (Redis holds live state
 * and fan-out only; PostgreSQL is the system of record).
 */
public final class EmbeddedRedisServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedRedisServer.class);

    private final RedisServer redis;
    private final int port;

    private EmbeddedRedisServer(RedisServer redis, int port) {
        this.redis = redis;
        this.port = port;
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
        RedisServer redis;
        try {
            java.nio.file.Files.createDirectories(directory);
            redis = RedisServer.newRedisServer()
                    .port(chosen)
                    .bind("127.0.0.1")
                    .setting("pidfile " + pidFile.toAbsolutePath())
                    .setting("dir \"" + directory + "\"")
                    .setting("save \"\"")
                    .setting("appendonly yes")
                    .setting("appendfsync everysec")
                    .setting("protected-mode yes")
                    .build();
            redis.start();
        } catch (IOException | RuntimeException e) {
            throw new StartupException("redis: the embedded Redis did not start on port " + chosen + ": " + e.getMessage()
                    + (port != 0 ? " (is port " + port + " of redis.embedded-port free?)" : ""), e);
        }
        log.info("Embedded Redis on 127.0.0.1:{}", chosen);
        return new EmbeddedRedisServer(redis, chosen);
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

    @Override
    public void close() {
        try {
            redis.stop();
        } catch (IOException e) {
            log.warn("Embedded Redis did not stop cleanly: {}", e.getMessage());
        }
    }
}
