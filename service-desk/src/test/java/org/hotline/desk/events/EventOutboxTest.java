package org.hotline.desk.events;

import com.zaxxer.hikari.HikariDataSource;
import org.hotline.desk.testing.TestDatabase;
import org.hotline.desk.writes.Transactions;
import org.hotline.events.DeskEvent;
import org.hotline.events.DeskEventType;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hotline.schema.jooq.Tables.DOMAIN_EVENT;

class EventOutboxTest {

    private static final Instant T = Instant.parse("2026-12-02T22:00:00Z");
    private static TestDatabase database;
    private static HikariDataSource pool;

    @BeforeAll
    static void start() {
        database = TestDatabase.start();
        pool = database.pool("outbox", 3);
    }

    @AfterAll
    static void stop() {
        pool.close();
        database.close();
    }

    @BeforeEach
    void empty() {
        database.dsl().deleteFrom(DOMAIN_EVENT).execute();
    }

    @Test
    void aGatheringTransactionWritesTheEventsItStoredInOneInsertAtCommitInTheOrderStored() {
        AtomicInteger inserts = new AtomicInteger();
        DSLContext counted = DSL.using(Transactions.on(pool).configuration().derive(new DefaultExecuteListenerProvider(
                new ExecuteListener() {
                    @Override
                    public void executeStart(ExecuteContext ctx) {
                        if (ctx.sql().startsWith("insert into \"public\".\"domain_event\"")) {
                            inserts.incrementAndGet();
                        }
                    }
                })));
        List<DeskEvent> events = events(5, 1);

        counted.transaction(c -> {
            EventOutbox.store(c.dsl(), events.subList(0, 2));
            EventOutbox.store(c.dsl(), events.subList(2, 3));
            EventOutbox.store(c.dsl(), List.of());
            EventOutbox.store(c.dsl(), events.subList(3, 5));
            assertThat(database.dsl().fetchCount(DOMAIN_EVENT)).as("nothing written before the commit").isZero();
        });

        assertThat(inserts).hasValue(1);
        assertThat(database.dsl().select(DOMAIN_EVENT.EVENT_ID).from(DOMAIN_EVENT).orderBy(DOMAIN_EVENT.ID).fetch(DOMAIN_EVENT.EVENT_ID))
                .containsExactlyElementsOf(events.stream().map(DeskEvent::id).toList());
    }

    @Test
    void aGatheringTransactionRolledBackWritesNoneAndTheNextOnTheSameContextOnlyItsOwn() {
        DSLContext gathering = Transactions.on(pool);
        List<DeskEvent> lost = events(3, 100);
        List<DeskEvent> kept = events(2, 200);

        assertThatThrownBy(() -> gathering.transaction(c -> {
            EventOutbox.store(c.dsl(), lost);
            throw new IllegalStateException("the change failed");
        })).hasMessageContaining("the change failed");
        gathering.transaction(c -> EventOutbox.store(c.dsl(), kept));

        assertThat(database.dsl().select(DOMAIN_EVENT.EVENT_ID).from(DOMAIN_EVENT).orderBy(DOMAIN_EVENT.ID).fetch(DOMAIN_EVENT.EVENT_ID))
                .containsExactlyElementsOf(kept.stream().map(DeskEvent::id).toList());
    }

    @Test
    void twoTransactionsAtOnceOnOneGatheringContextEachWriteTheirOwnEventsOnly() throws Exception {
        DSLContext gathering = Transactions.on(pool);
        List<DeskEvent> first = events(2, 300);
        List<DeskEvent> second = events(3, 400);
        CountDownLatch bothStored = new CountDownLatch(2);
        CountDownLatch firstCommitted = new CountDownLatch(1);

        CompletableFuture<Void> one = CompletableFuture.runAsync(() -> gathering.transaction(c -> {
            EventOutbox.store(c.dsl(), first);
            bothStored.countDown();
            bothStored.await(10, TimeUnit.SECONDS);
        })).thenRun(firstCommitted::countDown);
        CompletableFuture<Void> two = CompletableFuture.runAsync(() -> {
            try {
                gathering.transaction(c -> {
                    EventOutbox.store(c.dsl(), second);
                    bothStored.countDown();
                    firstCommitted.await(10, TimeUnit.SECONDS); // the first commits while this one still holds its events
                    throw new IllegalStateException("the second change failed");
                });
            } catch (IllegalStateException expected) {
                // rolled back
            }
        });
        CompletableFuture.allOf(one, two).get(20, TimeUnit.SECONDS);

        assertThat(database.dsl().select(DOMAIN_EVENT.EVENT_ID).from(DOMAIN_EVENT).orderBy(DOMAIN_EVENT.ID).fetch(DOMAIN_EVENT.EVENT_ID))
                .containsExactlyElementsOf(first.stream().map(DeskEvent::id).toList());
    }

    @Test
    void outsideAGatheringTransactionAnEventIsWrittenAtOnce() {
        List<DeskEvent> events = events(2, 500);

        database.dsl().transaction(c -> {
            EventOutbox.store(c.dsl(), events);
            assertThat(c.dsl().fetchCount(DOMAIN_EVENT)).as("written in the transaction, before its commit").isEqualTo(2);
        });

        assertThat(database.dsl().fetchCount(DOMAIN_EVENT)).isEqualTo(2);
    }

    private static List<DeskEvent> events(int n, int firstAggregate) {
        return IntStream.range(0, n).mapToObj(i -> DeskEvent.of(DeskEventType.CALLBACK_DUE, "callback", firstAggregate + i, T,
                Map.of("callbackId", firstAggregate + i))).toList();
    }
}
