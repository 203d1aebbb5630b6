package org.hotline.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import com.zaxxer.hikari.pool.HikariPool;
import io.micrometer.core.instrument.MeterRegistry;
import org.hotline.schema.Migrations;
import org.hotline.server.StartupException;
import org.hotline.server.config.Redaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/** The pooled connection to PostgreSQL, brought up to the current schema on connect. */
public final class Database implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Database.class);

    private final HikariDataSource pool;

    private Database(HikariDataSource pool) {
        this.pool = pool;
    }

    /**
     * Connects, failing within {@code connectTimeout} with a message that names
     * {@code database.url} (without its secrets) when the server cannot be reached.
     */
    public static Database connect(String url, String user, String password, int poolSize, Duration connectTimeout,
                                   MeterRegistry metrics) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("hotline-db");
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(poolSize);
        config.setConnectionTimeout(connectTimeout.toMillis());
        config.setInitializationFailTimeout(connectTimeout.toMillis());
        if (metrics != null) {
            config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(metrics));
        }
        try {
            return new Database(new HikariDataSource(config));
        } catch (HikariPool.PoolInitializationException | IllegalArgumentException e) {
            throw new StartupException("database.url: cannot connect to " + Redaction.connectionString(url)
                    + (user.isEmpty() ? "" : " as " + user) + ": " + StartupException.rootMessage(e), e);
        }
    }

    /** Applies the migrations not yet applied. */
    public void migrate() {
        var result = Migrations.apply(pool);
        log.info("Schema at version {} ({} migration(s) applied now)",
                result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion,
                result.migrationsExecuted);
    }

    public DataSource dataSource() {
        return pool;
    }

    /** True when a connection can be had and answers within the timeout. */
    public boolean isReachable(Duration timeout) {
        try (Connection c = pool.getConnection()) {
            return c.isValid((int) Math.max(1, timeout.toSeconds()));
        } catch (SQLException e) {
            return false;
        }
    }


    @Override
    public void close() {
        pool.close();
    }
}
