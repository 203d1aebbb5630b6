package org.hotline.server;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads the IVR's desk work (caller lookups, records, sessions) runs on: as many platform
 * threads as the pool has connections, since each task holds one while it runs; work beyond
 * them waits its turn in order. Platform threads, not virtual ones: a virtual thread blocked on a
 * JDBC socket parks and is woken through the JDK's poller, which on the whole-call benchmark cost
 * more CPU per call than the few threads it saves (BENCHMARKS.md).
 */
final class IvrDeskThreads {

    private IvrDeskThreads() {
    }

    static ExecutorService forPool(int connections) {
        AtomicInteger made = new AtomicInteger();
        ThreadPoolExecutor threads = new ThreadPoolExecutor(connections, connections, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), work -> {
                    Thread thread = new Thread(work, "ivr-desk-" + made.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        threads.allowCoreThreadTimeOut(true);
        return threads;
    }
}
