package org.hotline.bench.pops;

import org.hotline.server.HotlineServer;
import org.hotline.server.seed.Seeder;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import java.time.Clock;

/** The benchmark's database: {@code customers} customers (the seeder's) and {@code calls} past calls, added once and kept. */
public final class History {

    private History() {
    }

    public static void ensure(DSLContext db, HotlineServer server, long customers, long calls) throws Exception {
        long have = db.fetchCount(DSL.table("customer"));
        if (have < customers) {
            System.out.printf("seeding %,d customers (once; kept in the data directory)...%n", customers - have);
            long started = System.nanoTime();
            new Seeder(server.dataSource(), 42 + have, Clock.systemUTC(), 2).seed(customers - have, done -> { });
            System.out.printf("  done in %.0f s%n", (System.nanoTime() - started) / 1e9);
        }
        long haveCalls = db.fetchCount(DSL.table("call"));
        long maxCustomer = db.resultQuery("SELECT max(id) FROM customer").fetchOne().get(0, Long.class);
        long batch = 1_000_000;
        while (haveCalls < calls) {
            long n = Math.min(batch, calls - haveCalls);
            long started = System.nanoTime();
            // past answered calls of random customers over the last year, with their queue, wait and talk
            db.execute("INSERT INTO call (asterisk_server, linkedid, direction, customer_id, queue_name, offered_at, queued_at, "
                    + "answered_at, ended_at, wait_seconds, talk_seconds, outcome) "
                    + "SELECT 'history', 'h" + haveCalls + "-' || g, 'inbound', 1 + (random() * (" + (maxCustomer - 1) + "))::bigint, "
                    + "'service', t, t, t + interval '20 seconds', t + interval '200 seconds', 20, 180, 'answered' "
                    + "FROM generate_series(1, " + n + ") g, LATERAL (SELECT now() - random() * interval '365 days' + g * interval '0 s' AS t) x");
            haveCalls += n;
            System.out.printf("  %,d past calls (%.0f s for this million)%n", haveCalls, (System.nanoTime() - started) / 1e9);
        }
    }
}
