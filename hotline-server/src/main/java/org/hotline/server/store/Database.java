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
    private final java.util.List<HikariDataSource> ownPools = new java.util.ArrayList<>();

    private Database(HikariDataSource pool) {
        this.pool = pool;
    }

    /**
     * A small pool of its own on the same database, for work that a busy main pool must not hold
     * up (the Asterisk leases); it connects when first used; closed with this one.
     */
    public synchronized DataSource ownPool(String name, int size) {
        HikariConfig config = new HikariConfig();
        pool.copyStateTo(config);
        config.setPoolName(name);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(0);
        config.setInitializationFailTimeout(-1);
        config.setMetricsTrackerFactory(null);
        HikariDataSource own = new HikariDataSource(config);
        ownPools.add(own);
        return own;
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
        synchronized (this) {
            ownPools.forEach(HikariDataSource::close);
        }
        pool.close();
    }
}
