package org.hotline.desk.timers;

import com.zaxxer.hikari.HikariDataSource;
import org.hotline.events.DeskEvent;
import org.hotline.events.DeskEventType;
import org.hotline.desk.events.EventOutbox;
import org.hotline.desk.events.EventRelay;
import org.hotline.desk.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotline.schema.jooq.Tables.DOMAIN_EVENT;

class EventRelayTest {

    private static TestDatabase database;

    @BeforeAll
    static void start() {
        database = TestDatabase.start();
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    @Test
    void twoRelaysPublishEveryStoredEventOnce() {
        Instant t = Instant.parse("2026-11-23T02:00:00Z");
        List<DeskEvent> stored = IntStream.range(0, 1_000).mapToObj(i -> DeskEvent.of(DeskEventType.CALLBACK_DUE, "callback", i, t,
                Map.of("callbackId", i, "phone", "+861390000" + i))).toList();
        database.dsl().transaction(c -> EventOutbox.store(c.dsl(), stored));

        ConcurrentLinkedQueue<DeskEvent> published = new ConcurrentLinkedQueue<>();
        try (HikariDataSource poolA = database.pool("relay-a", 2); HikariDataSource poolB = database.pool("relay-b", 2)) {
            Clock clock = Clock.fixed(t, ZoneOffset.UTC);
            TimerScheduler a = new TimerScheduler("a", poolA, List.of(new EventRelay(published::add)), clock, Duration.ofMillis(5), 50);
            TimerScheduler b = new TimerScheduler("b", poolB, List.of(new EventRelay(published::add)), clock, Duration.ofMillis(5), 50);
            Thread other = Thread.ofPlatform().start(b::fireAllDue);
            a.fireAllDue();
            other.join();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }

        assertThat(published).hasSize(1_000);
        assertThat(published).extracting(DeskEvent::id).containsExactlyInAnyOrderElementsOf(stored.stream().map(DeskEvent::id).toList());
        DeskEvent one = published.stream().filter(e -> e.aggregateId() == 7).findFirst().orElseThrow();
        assertThat(one.payload()).containsEntry("phone", "+8613900007").containsEntry("callbackId", 7);
        assertThat(database.dsl().fetchCount(DOMAIN_EVENT, DOMAIN_EVENT.PUBLISHED_AT.isNull())).isZero();
    }
}
