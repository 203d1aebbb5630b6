package org.hotline.server.seed;

import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * Adds generated customers in batches of {@link #BATCH}, several batches at once. Each batch is
 * generated from its own random generator (the run's seed and the batch's number, so a seed
 * always gives the same data), takes its ids from the tables' identity sequences, and is
 * written with PostgreSQL's COPY in one transaction of its own. No table is locked, so seeding
 * can run beside a live server.
 */
public final class Seeder {

    static final int BATCH = 10_000;

    private final DataSource dataSource;
    private final long randomSeed;
    private final Clock clock;
    private final int workers;

    /** @param workers batches generated and written at once (one database connection each) */
    public Seeder(DataSource dataSource, long randomSeed, Clock clock, int workers) {
        this.dataSource = dataSource;
        this.randomSeed = randomSeed;
        this.clock = clock;
        this.workers = workers;
    }

    /** What one run added. */
    public record Result(long customers, long phones, long assets, long records, long calls) {

        Result plus(Result other) {
            return new Result(customers + other.customers, phones + other.phones, assets + other.assets,
                    records + other.records, calls + other.calls);
        }
    }

    /**
     * @param customers how many customers to add
     * @param progress told the number of customers added so far after each batch
     */
    public Result seed(long customers, LongConsumer progress) throws SQLException {
        Catalogue catalogue = Catalogue.ensure(DSL.using(dataSource, SQLDialect.POSTGRES), new People(random(-1)), 20);
        AtomicLong done = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> new Thread(r, "seed-worker"));
        try {
            List<Future<Result>> batches = new ArrayList<>();
            for (long start = 0, index = 0; start < customers; start += BATCH, index++) {
                int size = (int) Math.min(BATCH, customers - start);
                long batchIndex = index;
                batches.add(pool.submit(() -> {
                    Result written = write(new SeedBatch(random(batchIndex), catalogue, clock, size));
                    progress.accept(done.addAndGet(size));
                    return written;
                }));
            }
            Result total = new Result(0, 0, 0, 0, 0);
            for (Future<Result> batch : batches) {
                total = total.plus(batch.get());
            }
            return total;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof SQLException sql ? sql : new SQLException(String.valueOf(e.getCause().getMessage()), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("seeding interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private RandomGenerator random(long batchIndex) {
        return RandomGeneratorFactory.of("L64X128MixRandom").create(randomSeed * 1_000_003L + batchIndex);
    }

    private Result write(SeedBatch batch) throws SQLException, IOException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            Map<String, long[]> ids = new HashMap<>();
            for (TableRows table : batch.tables()) {
                ids.put(table.table(), reserveIds(c, table));
            }
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            for (TableRows table : batch.tables()) {
                if (table.size() > 0) {
                    copy.copyIn(table.copyCommand(), new StringReader(table.csv(ids)));
                }
            }
            c.commit();
            return new Result(batch.customers.size(), batch.phones.size(), batch.assets.size(), batch.records.size(),
                    batch.calls.size());
        }
    }

    /** Ids from the table's identity sequence: unique even when others insert at the same time. */
    private static long[] reserveIds(Connection c, TableRows table) throws SQLException {
        long[] ids = new long[table.size()];
        try (PreparedStatement s = c.prepareStatement(
                "SELECT nextval(pg_get_serial_sequence(?, 'id')) FROM generate_series(1, ?)")) {
            s.setString(1, table.table());
            s.setInt(2, ids.length);
            try (ResultSet rs = s.executeQuery()) {
                for (int i = 0; rs.next(); i++) {
                    ids[i] = rs.getLong(1);
                }
            }
        }
        return ids;
    }
}
