package org.hotline.server;

import io.micrometer.core.instrument.MeterRegistry;
import org.hotline.server.config.HotlineConfig;
import org.hotline.server.embedded.EmbeddedPostgresServer;
import org.hotline.server.store.Database;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The database the configuration asks for, connected and migrated: the external one at
 * {@code database.url}, or the embedded one in {@code <data-dir>/postgres}, started here. The
 * caller holds the data directory lock when it is the embedded one.
 */
public final class HotlineDatabase implements AutoCloseable {

    private final Optional<EmbeddedPostgresServer> embedded;
    private final Database database;

    private HotlineDatabase(Optional<EmbeddedPostgresServer> embedded, Database database) {
        this.embedded = embedded;
        this.database = database;
    }

    /** Opens the configured database; {@code metrics} may be null. */
    public static HotlineDatabase open(HotlineConfig config, MeterRegistry metrics) {
        HotlineConfig.Database db = config.database();
        if (!db.embedded()) {
            return migrated(Optional.empty(), Database.connect(db.url().orElseThrow(), db.user(), db.password(),
                    db.poolSize(), db.connectTimeout(), metrics));
        }
        EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(embeddedDirectory(config), db.embeddedPort());
        try {
            return migrated(Optional.of(postgres), Database.connect(postgres.jdbcUrl(), EmbeddedPostgresServer.USER, "",
                    db.poolSize(), db.connectTimeout(), metrics));
        } catch (RuntimeException e) {
            postgres.close();
            throw e;
        }
    }

    /** Connects to the embedded PostgreSQL of the server that is running on this data directory. */
    public static Optional<HotlineDatabase> ofRunningServer(HotlineConfig config) {
        HotlineConfig.Database db = config.database();
        return EmbeddedPostgresServer.runningIn(embeddedDirectory(config)).map(url -> migrated(Optional.empty(),
                Database.connect(url, EmbeddedPostgresServer.USER, "", db.poolSize(), db.connectTimeout(), null)));
    }

    public static Path embeddedDirectory(HotlineConfig config) {
        return config.dataDir().resolve("postgres");
    }

    private static HotlineDatabase migrated(Optional<EmbeddedPostgresServer> embedded, Database database) {
        try {
            database.migrate();
            return new HotlineDatabase(embedded, database);
        } catch (RuntimeException e) {
            database.close();
            embedded.ifPresent(EmbeddedPostgresServer::close);
            throw new StartupException("database: the migrations failed: " + StartupException.rootMessage(e), e);
        }
    }

    public Database database() {
        return database;
    }

    public Optional<EmbeddedPostgresServer> embedded() {
        return embedded;
    }

    @Override
    public void close() {
        database.close();
        embedded.ifPresent(EmbeddedPostgresServer::close);
    }
}
