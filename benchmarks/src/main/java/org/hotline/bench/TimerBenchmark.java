package org.hotline.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.hotline.desk.sla.SlaPolicies;
import org.hotline.desk.sla.SlaPoliciesReader;
import org.hotline.desk.timers.DueCallbacks;
import org.hotline.desk.timers.DueSlaClocks;
import org.hotline.desk.timers.TimerScheduler;
import org.hotline.schema.Migrations;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The timers under load: {@code pending} callbacks and as many running SLA clocks wait in
 * PostgreSQL; during each phase items fall due at a steady rate (half callbacks, half clocks)
 * and one or two schedulers fire them. Reports the lag between due time and firing (p50, p99,
 * max) and the firings per second, then how fast each setup drains a backlog.
 *
 * <p>Arguments: [pending (1000000)] [rate per second (1000)] [seconds per phase (30)]
 * [backlog (100000)]
 */
public final class TimerBenchmark {

    private static final Duration POLL = Duration.ofMillis(100);
    private static final int BATCH = 500;

    public static void main(String[] args) throws Exception {
        int pending = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        int backlog = args.length > 3 ? Integer.parseInt(args[3]) : 100_000;
        SlaPolicies policies = SlaPoliciesReader.read(Path.of(args.length > 4 ? args[4] : "config/sla-policies.yaml"));

        Path dataDir = Files.createTempDirectory("hotline-timer-bench");
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(true).start()) {
            Migrations.apply(pg.getPostgresDatabase());
            String url = pg.getJdbcUrl("postgres", "postgres");
            DSLContext db = DSL.using(pg.getPostgresDatabase(), SQLDialect.POSTGRES);
            System.out.printf("machine: %d cores, JDK %s; poll %d ms, batch %d%n", Runtime.getRuntime().availableProcessors(),
                    Runtime.version(), POLL.toMillis(), BATCH);

            long loadStart = System.nanoTime();
            // everything far in the future: the phases below bring some of it due
            Instant far = Instant.now().plus(Duration.ofDays(30));
            load(db, pending, far);
            System.out.printf("loaded %,d pending callbacks and %,d running SLA clocks in %.1f s%n", pending, pending,
                    (System.nanoTime() - loadStart) / 1e9);

            int offset = 0;
            for (int nodes : new int[] {1, 2}) {
                int items = rate * seconds;
                Instant start = Instant.now().plusSeconds(2);
                dueSteadily(db, offset, items, start, rate);
                try (Nodes running = Nodes.start(url, nodes, policies)) {
                    waitUntil(start.plusSeconds(seconds + 3));
                }
                report(db, "steady " + rate + "/s, " + nodes + " node(s)", offset, items, seconds);
                offset += items;
            }
            for (int nodes : new int[] {1, 2}) {
                Instant past = Instant.now().minusSeconds(60);
                dueSteadily(db, offset, backlog, past, Integer.MAX_VALUE);
                long t0 = System.nanoTime();
                try (Nodes running = Nodes.start(url, nodes, policies)) {
                    while (dueNow(db) > 0) {
                        Thread.sleep(50);
                    }
                }
                double s = (System.nanoTime() - t0) / 1e9;
                System.out.printf("backlog of %,d due items, %d node(s): drained in %.1f s = %,.0f firings/s%n", backlog, nodes, s,
                        backlog / s);
                offset += backlog;
            }
        }
    }

    /** n callbacks and n records with one running clock each, all due at {@code far}. */
    private static void load(DSLContext db, int n, Instant far) {
        db.execute("INSERT INTO callback (reason, phone, due_at) SELECT 'ivr_request', '+86139' || lpad(g::text, 8, '0'), {0} "
                + "FROM generate_series(1, {1}) g", far, DSL.inline(n));
        db.execute("INSERT INTO contact_record (id, number, type, status) SELECT g, 'B-' || g, 'repair', 'registered' "
                + "FROM generate_series(1, {0}) g", DSL.inline(n));
        db.execute("INSERT INTO sla_clock (record_id, policy_code, milestone_code, started_at, budget_ms, remaining_ms, running_since, "
                + "deadline_at, breach_at, at_risk_at, next_fire_at, at_risk_raised_at) SELECT g, 'repair', 'dispatch', {0}, 1800000, "
                + "1800000, {0}, {0}, {0}, {0}, {0}, {0} FROM generate_series(1, {1}) g", far, DSL.inline(n));
        db.execute("ANALYZE");
    }

    /**
     * Makes items offset+1 .. offset+count due from {@code start} at {@code rate} per second,
     * alternating callbacks and SLA clock deadlines.
     */
    private static void dueSteadily(DSLContext db, int offset, int count, Instant start, int rate) {
        double step = rate == Integer.MAX_VALUE ? 0 : 1.0 / rate;
        db.execute("UPDATE callback SET due_at = {0} + make_interval(secs => (id - {1} - 1) * 2 * {2}) "
                + "WHERE id > {1} AND id <= {1} + {3} / 2", start, DSL.inline(offset / 2), DSL.inline(step), DSL.inline(count));
        db.execute("UPDATE sla_clock SET deadline_at = {0} + make_interval(secs => ((record_id - {1} - 1) * 2 + 1) * {2}), "
                + "breach_at = {0} + make_interval(secs => ((record_id - {1} - 1) * 2 + 1) * {2}), "
                + "next_fire_at = {0} + make_interval(secs => ((record_id - {1} - 1) * 2 + 1) * {2}) "
                + "WHERE record_id > {1} AND record_id <= {1} + {3} / 2", start, DSL.inline(offset / 2), DSL.inline(step),
                DSL.inline(count));
    }

    private static int dueNow(DSLContext db) {
        return db.fetchOne("SELECT (SELECT count(*) FROM callback WHERE status = 'pending' AND due_at <= now()) + "
                + "(SELECT count(*) FROM sla_clock WHERE state = 'running' AND next_fire_at <= now())").get(0, Integer.class);
    }

    private static void report(DSLContext db, String phase, int offset, int count, int seconds) {
        var lag = db.fetchOne("""
                WITH lag AS (
                  SELECT extract(epoch FROM updated_at - due_at) AS s FROM callback WHERE id > {0} AND id <= {0} + {1} / 2
                  UNION ALL
                  SELECT extract(epoch FROM breached_at - breach_at) FROM sla_clock WHERE record_id > {0} AND record_id <= {0} + {1} / 2)
                SELECT count(s), percentile_cont(0.5) WITHIN GROUP (ORDER BY s), percentile_cont(0.99) WITHIN GROUP (ORDER BY s), max(s)
                FROM lag WHERE s IS NOT NULL""", DSL.inline(offset / 2), DSL.inline(count));
        System.out.printf("%s: fired %,d of %,d (%,.0f/s over %d s); lag p50 %.0f ms, p99 %.0f ms, max %.0f ms%n", phase,
                lag.get(0, Long.class), count, lag.get(0, Long.class) / (double) seconds, seconds, lag.get(1, Double.class) * 1000,
                lag.get(2, Double.class) * 1000, lag.get(3, Double.class) * 1000);
    }

    private static void waitUntil(Instant when) throws InterruptedException {
        long ms = Duration.between(Instant.now(), when).toMillis();
        if (ms > 0) {
            Thread.sleep(ms);
        }
    }

    /** Scheduler nodes, each with its own connection pool, as separate servers would have. */
    private record Nodes(List<HikariDataSource> pools, List<TimerScheduler> schedulers) implements AutoCloseable {

        static Nodes start(String url, int count, SlaPolicies policies) {
            List<HikariDataSource> pools = new ArrayList<>();
            List<TimerScheduler> schedulers = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                HikariConfig config = new HikariConfig();
                config.setJdbcUrl(url);
                config.setUsername("postgres");
                config.setMaximumPoolSize(2);
                HikariDataSource pool = new HikariDataSource(config);
                pools.add(pool);
                String node = "node-" + i;
                schedulers.add(new TimerScheduler(node, pool, List.of(new DueCallbacks(node, Duration.ofMinutes(2)),
                        new DueSlaClocks(policies)), Clock.systemUTC(), POLL, BATCH).start());
            }
            return new Nodes(pools, schedulers);
        }

        @Override
        public void close() {
            schedulers.forEach(TimerScheduler::close);
            pools.forEach(HikariDataSource::close);
        }
    }
}
