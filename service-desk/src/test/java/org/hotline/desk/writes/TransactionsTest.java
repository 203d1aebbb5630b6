package org.hotline.desk.writes;

import com.zaxxer.hikari.HikariDataSource;
import org.hotline.desk.testing.TestDatabase;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hotline.schema.jooq.Tables.QUEUE;

class TransactionsTest {

    private static TestDatabase database;
    private static HikariDataSource pool;

    @BeforeAll
    static void start() {
        database = TestDatabase.start();
        pool = database.pool("one", 1, Duration.ofMillis(500));
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
    void aTransactionIsWholeOrNothingWithoutAskingTheConnectionItsIsolation() {
        AtomicInteger asked = new AtomicInteger();
        DSLContext transactions = Transactions.on(countingIsolationQuestions(pool, asked));

        transactions.transaction(c -> {
            add(c.dsl(), "probe-kept");
            assertThat(c.dsl().fetchValue("SELECT current_setting('transaction_isolation')")).isEqualTo("read committed");
            assertThat(database.dsl().fetchExists(QUEUE, QUEUE.NAME.eq("probe-kept"))).as("not seen before its commit").isFalse();
        });
        assertThatThrownBy(() -> transactions.transaction(c -> {
            add(c.dsl(), "probe-undone");
            throw new IllegalStateException("the change failed");
        })).hasMessageContaining("the change failed");

        assertThat(names()).containsExactly("probe-kept");
        assertThat(asked).as("SHOW TRANSACTION ISOLATION LEVEL round trips").hasValue(0);
        // what jOOQ's own provider does: one question a transaction
        DSL.using(countingIsolationQuestions(pool, asked), org.jooq.SQLDialect.POSTGRES).transaction(c -> add(c.dsl(), "probe-jooq"));
        assertThat(asked).hasValue(1);
    }

    @Test
    void aTransactionWithinOneIsASavepointOfIt() {
        DSLContext transactions = Transactions.on(pool);

        transactions.transaction(c -> {
            add(c.dsl(), "probe-outer");
            try {
                c.dsl().transaction(inner -> {
                    add(inner.dsl(), "probe-inner-undone");
                    throw new IllegalStateException("the inner change failed");
                });
            } catch (IllegalStateException expected) {
                // the outer goes on
            }
            c.dsl().transaction(inner -> add(inner.dsl(), "probe-inner-kept"));
        });

        assertThat(names()).containsExactly("probe-inner-kept", "probe-outer");
    }

    @Test
    void everyTransactionGivesItsConnectionBackCommittedOrNot() {
        DSLContext transactions = Transactions.on(pool); // a pool of one: a connection kept would starve the next

        for (int i = 0; i < 20; i++) {
            int n = i;
            if (i % 2 == 0) {
                transactions.transaction(c -> add(c.dsl(), "probe-" + n));
            } else {
                assertThatThrownBy(() -> transactions.transaction(c -> {
                    add(c.dsl(), "probe-" + n);
                    throw new IllegalStateException("failed");
                })).isInstanceOf(IllegalStateException.class);
            }
        }

        assertThat(names()).hasSize(10);
        assertThat(transactions.fetchValue("SELECT current_setting('transaction_isolation')")).isEqualTo("read committed");
    }

    @Test
    void noConnectionToBeHadFailsTheBeginAsAFailureWorthTryingAgain() throws Exception {
        DSLContext transactions = Transactions.on(pool);
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        Thread holder = Thread.ofPlatform().start(() -> transactions.transaction(c -> {
            holding.countDown();
            done.await(10, TimeUnit.SECONDS);
        }));
        try {
            holding.await(10, TimeUnit.SECONDS);
            assertThatThrownBy(() -> transactions.transaction(c -> add(c.dsl(), "probe-starved")))
                    .isInstanceOf(DataAccessException.class)
                    .satisfies(e -> assertThat(TransientFailure.is(e)).isTrue());
        } finally {
            done.countDown();
            holder.join();
        }
        transactions.transaction(c -> add(c.dsl(), "probe-after"));
        assertThat(names()).containsExactly("probe-after");
    }

    private static void add(DSLContext tx, String name) {
        tx.insertInto(QUEUE).set(QUEUE.NAME, name).set(QUEUE.DISPLAY_NAME, name).execute();
    }

    private static java.util.List<String> names() {
        return database.dsl().select(QUEUE.NAME).from(QUEUE).where(QUEUE.NAME.like("probe-%")).orderBy(QUEUE.NAME).fetch(QUEUE.NAME);
    }

    /** The pool, its connections counting how often they are asked their isolation. */
    private static DataSource countingIsolationQuestions(DataSource pool, AtomicInteger asked) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class}, (p, m, args) -> {
            Object result = invoke(pool, m, args);
            if (!m.getName().equals("getConnection")) {
                return result;
            }
            Connection connection = (Connection) result;
            return Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (cp, cm, cargs) -> {
                if (cm.getName().equals("getTransactionIsolation")) {
                    asked.incrementAndGet();
                }
                return invoke(connection, cm, cargs);
            });
        });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
