package org.hotline.desk.sql;

import com.zaxxer.hikari.HikariDataSource;
import org.hotline.desk.testing.CountedStatements;
import org.hotline.desk.testing.TestDatabase;
import org.hotline.desk.writes.Transactions;
import org.hotline.desk.writes.TransientFailure;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hotline.schema.jooq.Tables.QUEUE;

class RenderedStatementTest {

    private static final RenderedStatement ADD = RenderedStatement.of(DSL.insertInto(QUEUE)
            .set(QUEUE.NAME, DSL.param("name", QUEUE.NAME.getDataType()))
            .set(QUEUE.DISPLAY_NAME, DSL.coalesce(DSL.param("display", QUEUE.DISPLAY_NAME.getDataType()),
                    DSL.param("name", QUEUE.NAME.getDataType())))
            .set(QUEUE.SERVICE_LEVEL_SECONDS, 30).onConflictDoNothing());
    /** A constant of the shape (the limit), a parameter used twice, a subquery. */
    private static final RenderedStatement RENAME_FIRST = RenderedStatement.of(DSL.update(QUEUE)
            .set(QUEUE.DISPLAY_NAME, DSL.param("display", QUEUE.DISPLAY_NAME.getDataType()))
            .set(QUEUE.SERVICE_LEVEL_SECONDS, QUEUE.SERVICE_LEVEL_SECONDS.plus(DSL.param("more", QUEUE.SERVICE_LEVEL_SECONDS.getDataType())))
            .where(QUEUE.ID.eq(DSL.field(DSL.select(QUEUE.as("q").ID).from(QUEUE.as("q"))
                    .where(QUEUE.as("q").NAME.like(DSL.param("prefix", QUEUE.NAME.getDataType()))).orderBy(QUEUE.as("q").ID).limit(1)))));

    private static TestDatabase database;
    private static HikariDataSource pool;

    @BeforeAll
    static void start() {
        database = TestDatabase.start();
        pool = database.pool("rendered", 1, Duration.ofMillis(300));
    }

    @AfterAll
    static void stop() {
        pool.close();
        database.close();
    }

    @BeforeEach
    void empty() {
        database.dsl().deleteFrom(QUEUE).where(QUEUE.NAME.like("probe-%")).execute();
    }

    @Test
    void theShapeIsRenderedOnceWithAPlaceholderForEveryValue() {
        assertThat(ADD.sql()).doesNotContain(":name", ":display", "30").contains("?");
        assertThat(RENAME_FIRST.sql()).doesNotContain(":").contains("rows only");
    }

    @Test
    void itWritesTheValuesGivenNullsIncludedAndTheShapesConstants() {
        DSLContext db = DSL.using(pool, org.jooq.SQLDialect.POSTGRES);
        assertThat(ADD.with("name", "probe-a").with("display", "甲").execute(db)).isEqualTo(1);
        assertThat(ADD.with("name", "probe-b").with("display", null).execute(db)).isEqualTo(1);
        assertThat(ADD.with("name", "probe-b").with("display", "again").execute(db)).as("on conflict, nothing").isZero();
        assertThat(RENAME_FIRST.with("display", "first").with("more", 5).with("prefix", "probe-%").execute(db)).isEqualTo(1);

        var rows = database.dsl().select(QUEUE.NAME, QUEUE.DISPLAY_NAME, QUEUE.SERVICE_LEVEL_SECONDS).from(QUEUE)
                .where(QUEUE.NAME.like("probe-%")).orderBy(QUEUE.ID).fetch();
        assertThat(rows.map(r -> r.value1() + "/" + r.value2() + "/" + r.value3())).containsExactly("probe-a/first/35", "probe-b/probe-b/30");
    }

    @Test
    void aStatementThatAnswersARowGivesItsFirstValue() {
        RenderedStatement add = RenderedStatement.of(DSL.insertInto(QUEUE)
                .set(QUEUE.NAME, DSL.param("name", QUEUE.NAME.getDataType())).set(QUEUE.DISPLAY_NAME, "x")
                .onConflictDoNothing().returning(QUEUE.ID));
        DSLContext db = DSL.using(pool, org.jooq.SQLDialect.POSTGRES);
        var id = add.with("name", "probe-r").fetchOptional(db, Long.class);
        assertThat(id).isPresent().contains(database.dsl().select(QUEUE.ID).from(QUEUE).where(QUEUE.NAME.eq("probe-r")).fetchSingle(QUEUE.ID));
        assertThat(add.with("name", "probe-r").fetchOptional(db, Long.class)).as("on conflict, no row").isEmpty();
    }

    @Test
    void aBatchSendsEveryBindingOfOneStatementPreparedOnce() {
        CountedStatements counted = new CountedStatements(pool);
        DSLContext db = DSL.using(counted.dataSource(), org.jooq.SQLDialect.POSTGRES);
        int[] rows = ADD.executeBatch(db, List.of(ADD.with("name", "probe-1").with("display", "一"),
                ADD.with("name", "probe-2").with("display", null), ADD.with("name", "probe-1").with("display", "again")));
        assertThat(rows).containsExactly(1, 1, 0);
        assertThat(counted.prepared()).hasSize(1);
        assertThat(counted.sent()).hasSize(1);
        assertThat(database.dsl().select(QUEUE.NAME, QUEUE.DISPLAY_NAME).from(QUEUE).where(QUEUE.NAME.like("probe-%")).orderBy(QUEUE.NAME)
                .fetch(r -> r.value1() + "/" + r.value2())).containsExactly("probe-1/一", "probe-2/probe-2");
        assertThatThrownBy(() -> ADD.executeBatch(db, List.of(ADD.with("name", "probe-3"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("display");
        assertThatThrownBy(() -> ADD.executeBatch(db, List.of(RENAME_FIRST.with("display", "x").with("more", 1).with("prefix", "p"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void constantsBeforeAndAfterANamedParameterKeepTheirPlaces() {
        var q = QUEUE.as("q");
        RenderedStatement first = RenderedStatement.of(DSL.select(QUEUE.NAME,
                        DSL.field(DSL.exists(DSL.selectOne().from(q).where(q.ID.eq(QUEUE.ID).and(q.NAME.notIn("probe-x", "probe-y"))))))
                .from(QUEUE).where(QUEUE.NAME.like(DSL.param("prefix", QUEUE.NAME.getDataType())))
                .orderBy(QUEUE.NAME.desc()).limit(1));
        DSLContext db = DSL.using(pool, org.jooq.SQLDialect.POSTGRES);
        ADD.executeBatch(db, List.of(ADD.with("name", "probe-x").with("display", "x"), ADD.with("name", "probe-y").with("display", "y"),
                ADD.with("name", "probe-z").with("display", "z")));
        assertThat(first.with("prefix", "probe-%").fetchOptional(db, String.class)).contains("probe-z");
    }

    @Test
    void inATransactionItIsPartOfIt() {
        DSLContext transactions = Transactions.on(pool);
        assertThatThrownBy(() -> transactions.transaction(c -> {
            ADD.with("name", "probe-undone").with("display", "x").execute(c.dsl());
            throw new IllegalStateException("the change failed");
        })).isInstanceOf(IllegalStateException.class);
        transactions.transaction(c -> ADD.with("name", "probe-kept").with("display", "x").execute(c.dsl()));
        assertThat(database.dsl().select(QUEUE.NAME).from(QUEUE).where(QUEUE.NAME.like("probe-%")).fetch(QUEUE.NAME))
                .containsExactly("probe-kept");
    }

    @Test
    void aValueMissingUnknownOrGivenTwiceIsRefusedBeforeTheDatabase() {
        DSLContext db = DSL.using(pool, org.jooq.SQLDialect.POSTGRES);
        assertThatThrownBy(() -> ADD.with("name", "probe-c").execute(db)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("display");
        assertThatThrownBy(() -> ADD.with("nam", "probe-c")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ADD.with("name", "probe-c").with("name", "probe-d")).isInstanceOf(IllegalArgumentException.class);
        assertThat(database.dsl().fetchCount(QUEUE, QUEUE.NAME.like("probe-%"))).isZero();
    }

    @Test
    void aFailureIsJooqsWithTheDriversCauseAndAStarvedPoolIsTransient() throws Exception {
        DSLContext db = DSL.using(pool, org.jooq.SQLDialect.POSTGRES);
        assertThatThrownBy(() -> ADD.with("name", null).with("display", "y").execute(db)).as("a queue needs a name")
                .isInstanceOf(DataAccessException.class).hasCauseInstanceOf(java.sql.SQLException.class)
                .satisfies(e -> assertThat(TransientFailure.is(e)).isFalse());
        try (var held = pool.getConnection()) {
            assertThatThrownBy(() -> ADD.with("name", "probe-e").with("display", "y").execute(db))
                    .isInstanceOf(DataAccessException.class).satisfies(e -> assertThat(TransientFailure.is(e)).isTrue());
        }
        assertThat(ADD.with("name", "probe-e").with("display", "y").execute(db)).as("when a connection is free again").isEqualTo(1);
    }

}
