package org.hotline.desk.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.hotline.schema.Migrations;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

import java.io.IOException;
import java.io.UncheckedIOException;

/** A real PostgreSQL (embedded) with the Hotline schema, for one test class. */
public final class TestDatabase implements AutoCloseable {

    private final EmbeddedPostgres postgres;

    private TestDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    public static TestDatabase start() {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
            Migrations.apply(postgres.getPostgresDatabase());
            return new TestDatabase(postgres);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A connection pool of its own, as a separate node would have. */
    public HikariDataSource pool(String name, int size) {
        return pool(name, size, java.time.Duration.ofSeconds(30));
    }

    /** A connection pool of its own whose borrowers give up after {@code connectionTimeout} without a connection. */
    public HikariDataSource pool(String name, int size, java.time.Duration connectionTimeout) {
        HikariConfig config = new HikariConfig();
        config.setConnectionTimeout(connectionTimeout.toMillis());
        config.setPoolName(name);
        config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        config.setUsername("postgres");
        config.setMaximumPoolSize(size);
        return new HikariDataSource(config);
    }

    public DSLContext dsl() {
        return DSL.using(postgres.getPostgresDatabase(), SQLDialect.POSTGRES);
    }

    /** Empties the tables the service desk writes (the audit trail is append-only and stays). */
    public void clear() {
        dsl().execute("DELETE FROM domain_event; DELETE FROM escalation; DELETE FROM sla_clock; DELETE FROM callback_attempt; "
                + "DELETE FROM callback; DELETE FROM contact_record WHERE id NOT IN (SELECT record_id FROM record_event)");
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
