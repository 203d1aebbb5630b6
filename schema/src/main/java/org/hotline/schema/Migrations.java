package org.hotline.schema;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

import javax.sql.DataSource;

/** Brings a database up to the Hotline schema with the migrations shipped in this module. */
public final class Migrations {

    /** Where the migrations are on the class path. */
    public static final String LOCATION = "classpath:db/migration";

    private Migrations() {
    }

    /**
     * Applies the migrations not yet applied, validating those that were.
     *
     * @return what Flyway did: the number of migrations applied and the resulting version
     */
    public static MigrateResult apply(DataSource dataSource) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations(LOCATION)
                .validateMigrationNaming(true)
                .load()
                .migrate();
    }
}
