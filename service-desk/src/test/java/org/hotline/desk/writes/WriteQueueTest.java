package org.hotline.desk.writes;

import com.zaxxer.hikari.HikariDataSource;
import org.hotline.desk.testing.TestDatabase;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Writes that find no connection (the pool starved: its only connection held by someone else)
 * wait and are written, in the order given, when one is free; a write that is wrong is skipped;
 * a full queue refuses and says so.
 */
class WriteQueueTest {

    private static TestDatabase database;
    private HikariDataSource pool;

    @BeforeAll
    static void start() {
        database = TestDatabase.start();
        database.dsl().execute("CREATE TABLE write_probe (id serial PRIMARY KEY, name text UNIQUE NOT NULL)");
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    @BeforeEach
    void onePooledConnection() {
        database.dsl().execute("TRUNCATE write_probe");
        pool = database.pool("starved", 1, Duration.ofMillis(250));
    }

    @Test
    void writesThatFindNoConnectionWaitAndAreWrittenInOrderWhenOneIsFree() throws Exception {
        DSLContext db = DSL.using(pool, SQLDialect.POSTGRES);
        try (WriteQueue queue = new WriteQueue("probe-writes", 100)) {
            List<CompletableFuture<Integer>> written = new ArrayList<>();
            try (Connection held = pool.getConnection()) {
                for (int i = 0; i < 20; i++) {
                    String name = "w" + i;
                    written.add(queue.submit(name, () -> db.insertInto(DSL.table("write_probe"), DSL.field("name")).values(name).execute()));
                }
                await().atMost(Duration.ofSeconds(10)).until(() -> queue.deferred() >= 1);
                assertThat(written).as("nothing written while the pool has no connection").noneMatch(CompletableFuture::isDone);
                assertThat(queue.waiting()).isEqualTo(20);
            }
            CompletableFuture.allOf(written.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
            assertThat(database.dsl().fetch("SELECT name FROM write_probe ORDER BY id").getValues(0, String.class))
                    .as("every write, in the order given").containsExactlyElementsOf(java.util.stream.IntStream.range(0, 20).mapToObj(i -> "w" + i).toList());
            assertThat(queue.waiting()).isZero();
            assertThat(queue.refused()).isZero();
        } finally {
            pool.close();
        }
    }

    @Test
    void aWriteThatIsWrongIsSkippedAndTheNextOneGoesOn() throws Exception {
        DSLContext db = DSL.using(pool, SQLDialect.POSTGRES);
        try (WriteQueue queue = new WriteQueue("probe-writes", 100)) {
            var first = queue.submit("a", () -> db.insertInto(DSL.table("write_probe"), DSL.field("name")).values("a").execute());
            var again = queue.submit("a again", () -> db.insertInto(DSL.table("write_probe"), DSL.field("name")).values("a").execute());
            var next = queue.submit("b", () -> db.insertInto(DSL.table("write_probe"), DSL.field("name")).values("b").execute());
            assertThat(next.get(10, TimeUnit.SECONDS)).isEqualTo(1);
            assertThat(first.get()).isEqualTo(1);
            assertThatThrownBy(again::get).isInstanceOf(ExecutionException.class).hasMessageContaining("write_probe_name_key");
            assertThat(queue.deferred()).as("a broken constraint is not waited out").isZero();
            assertThat(database.dsl().fetchCount(DSL.table("write_probe"))).isEqualTo(2);
        } finally {
            pool.close();
        }
    }

    @Test
    void aFullQueueRefusesNewWritesAndCountsThem() throws Exception {
        DSLContext db = DSL.using(pool, SQLDialect.POSTGRES);
        try (WriteQueue queue = new WriteQueue("probe-writes", 3)) {
            List<CompletableFuture<Integer>> taken = new ArrayList<>();
            CompletableFuture<Integer> refused;
            try (Connection held = pool.getConnection()) {
                taken.add(queue.submit("x0", () -> db.insertInto(DSL.table("write_probe"), DSL.field("name")).values("x0").execute()));
                await().atMost(Duration.ofSeconds(10)).until(() -> queue.deferred() == 1); // x0 is being tried, not in the queue
                for (int i = 1; i <= 3; i++) {
                    String name = "x" + i;
                    taken.add(queue.submit(name, () -> db.insertInto(DSL.table("write_probe"), DSL.field("name")).values(name).execute()));
                }
                refused = queue.submit("x4", () -> db.insertInto(DSL.table("write_probe"), DSL.field("name")).values("x4").execute());
                assertThat(refused).isCompletedExceptionally();
                assertThatThrownBy(refused::get).hasCauseInstanceOf(WriteRefused.class);
                assertThat(queue.refused()).isEqualTo(1);
            }
            CompletableFuture.allOf(taken.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
            assertThat(database.dsl().fetch("SELECT name FROM write_probe ORDER BY id").getValues(0, String.class))
                    .containsExactly("x0", "x1", "x2", "x3");
        } finally {
            pool.close();
        }
    }
}
