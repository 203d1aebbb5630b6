package org.hotline.server;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class IvrDeskThreadsTest {

    @Test
    void asManyPlatformThreadsAsConnectionsAndTheRestWaitsItsTurn() throws Exception {
        ExecutorService threads = IvrDeskThreads.forPool(3);
        try {
            CountDownLatch holding = new CountDownLatch(3);
            CountDownLatch release = new CountDownLatch(1);
            Set<Thread> ran = ConcurrentHashMap.newKeySet();
            List<Integer> after = new CopyOnWriteArrayList<>();
            List<Future<?>> work = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                work.add(threads.submit(() -> {
                    ran.add(Thread.currentThread());
                    holding.countDown();
                    release.await();
                    return null;
                }));
            }
            assertThat(holding.await(10, TimeUnit.SECONDS)).as("three at once").isTrue();
            for (int i = 0; i < 5; i++) {
                int n = i;
                work.add(threads.submit(() -> after.add(n)));
            }
            assertThat(after).as("nothing beyond the three while they hold their connections").isEmpty();
            release.countDown();
            for (Future<?> each : work) {
                each.get(10, TimeUnit.SECONDS);
            }
            assertThat(after).containsExactlyInAnyOrder(0, 1, 2, 3, 4);
            assertThat(ran).hasSize(3).allSatisfy(thread -> {
                assertThat(thread.isVirtual()).isFalse();
                assertThat(thread.getName()).startsWith("ivr-desk-");
            });
        } finally {
            threads.close();
        }
    }
}
