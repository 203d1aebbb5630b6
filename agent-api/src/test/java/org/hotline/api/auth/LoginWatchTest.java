package org.hotline.api.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The open sockets' logins asked about together: one question for all of them, and only the ended ones told. */
class LoginWatchTest {

    final Vertx vertx = Vertx.vertx();

    @AfterEach
    void stop() {
        vertx.close().await();
    }

    /** A login check that records each question, answers from {@code ended}, and counts the one-at-a-time questions. */
    static final class Recording implements AccessTokens.LoginCheck {
        final BlockingQueue<Map<UUID, Long>> asked = new LinkedBlockingQueue<>();
        final AtomicInteger singles = new AtomicInteger();
        volatile Set<UUID> ended = Set.of();
        volatile boolean failing;

        @Override
        public Future<Boolean> active(UUID login, long userId) {
            singles.incrementAndGet();
            return Future.succeededFuture(!ended.contains(login));
        }

        @Override
        public Future<Set<UUID>> ended(Map<UUID, Long> logins) {
            asked.add(Map.copyOf(logins));
            return failing ? Future.failedFuture(new IllegalStateException("the database does not answer")) : Future.succeededFuture(ended);
        }
    }

    @Test
    void fiftySocketsAreOneQuestionAndOnlyTheEndedLoginsSocketsAreClosed() throws Exception {
        Recording check = new Recording();
        LoginWatch watch = new LoginWatch(vertx, check, Duration.ofMillis(50));
        UUID ending = UUID.randomUUID();
        CountDownLatch endedTold = new CountDownLatch(1);
        AtomicInteger othersTold = new AtomicInteger();
        watch.watch(ending, 7, endedTold::countDown);
        for (int i = 0; i < 49; i++) {
            watch.watch(UUID.randomUUID(), 100 + i, othersTold::incrementAndGet);
        }

        Map<UUID, Long> first = check.asked.poll(5, TimeUnit.SECONDS);
        assertThat(first).as("every socket's login in one question").hasSize(50).containsEntry(ending, 7L);
        assertThat(check.singles.get()).as("no login asked about on its own").isZero();

        check.failing = true; // the database does not answer: nothing ends
        check.ended = Set.of(ending);
        check.asked.clear();
        assertThat(check.asked.poll(5, TimeUnit.SECONDS)).isNotNull();
        assertThat(endedTold.getCount()).as("a failed question ends nothing").isEqualTo(1);

        check.failing = false;
        assertThat(endedTold.await(5, TimeUnit.SECONDS)).as("the ended login's socket told").isTrue();
        check.asked.clear();
        Map<UUID, Long> after = check.asked.poll(5, TimeUnit.SECONDS);
        assertThat(after).as("the ended login is no longer asked about").hasSize(49).doesNotContainKey(ending);
        assertThat(othersTold.get()).isZero();
    }

    @Test
    void aSocketThatStopsWatchingIsNoLongerAskedAbout() throws Exception {
        Recording check = new Recording();
        LoginWatch watch = new LoginWatch(vertx, check, Duration.ofMillis(50));
        UUID kept = UUID.randomUUID();
        Runnable stop = watch.watch(UUID.randomUUID(), 1, () -> { });
        watch.watch(kept, 2, () -> { });
        assertThat(check.asked.poll(5, TimeUnit.SECONDS)).hasSize(2);
        stop.run();
        check.asked.clear();
        assertThat(check.asked.poll(5, TimeUnit.SECONDS)).containsOnlyKeys(kept);
    }
}
