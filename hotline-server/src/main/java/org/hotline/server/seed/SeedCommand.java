package org.hotline.server.seed;

import org.hotline.server.Main;
import org.hotline.server.CommandDatabase;
import org.hotline.server.StartupException;
import org.hotline.server.config.ConfigException;
import org.hotline.server.config.HotlineConfig;

import java.sql.SQLException;
import java.time.Clock;

/**
 * {@code hotline seed --customers N [--random-seed S]}: adds generated demo data to the
 * configured database. With the embedded database it works whether the server is running
 * (it writes into that server's PostgreSQL) or not (it starts the embedded one itself).
 */
public final class SeedCommand {

    private SeedCommand() {
    }

    public static int run(HotlineConfig config, Main.CommandLine line) {
        line.requireNoOther("customers", "random-seed", "workers");
        long customers = positive(line.option("customers").orElseThrow(() ->
                new ConfigException("seed: --customers N is required (try: hotline help)")), "--customers");
        long randomSeed = line.option("random-seed").map(s -> parseLong(s, "--random-seed")).orElse(System.nanoTime());
        // one database connection per worker, within the configured pool
        int workers = (int) Math.min(config.database().poolSize(), line.option("workers").map(s -> positive(s, "--workers"))
                .orElse((long) Math.max(2, Runtime.getRuntime().availableProcessors())));

        try {
            return CommandDatabase.use(config, dataSource -> {
                System.out.printf("Seeding %,d customers (random seed %d, %d workers)...%n", customers, randomSeed, workers);
                long started = System.nanoTime();
                Seeder.Result result = new Seeder(dataSource, randomSeed, Clock.systemUTC(), workers)
                        .seed(customers, done -> {
                            if (done % (Seeder.BATCH * 10L) == 0 || done == customers) {
                                System.out.printf("  %,d customers%n", done);
                            }
                        });
                double seconds = (System.nanoTime() - started) / 1e9;
                System.out.printf("Added %,d customers, %,d phone numbers, %,d products, %,d records, %,d calls in %.1f s "
                                + "(%,.0f customers/s)%n", result.customers(), result.phones(), result.assets(), result.records(),
                        result.calls(), seconds, result.customers() / seconds);
                return 0;
            });
        } catch (SQLException e) {
            throw new StartupException("seed: the database refused the data: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new StartupException("seed: " + e.getMessage(), e);
        }
    }

    private static long positive(String value, String option) {
        long n = parseLong(value, option);
        if (n <= 0) {
            throw new ConfigException("seed: " + option + " must be a positive number, not '" + value + "'");
        }
        return n;
    }

    private static long parseLong(String value, String option) {
        try {
            return Long.parseLong(value.replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            throw new ConfigException("seed: " + option + " must be a whole number, not '" + value + "'");
        }
    }
}
