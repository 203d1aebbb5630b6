package org.hotline.server;

import java.util.concurrent.TimeUnit;

/** Waiting for a server's AMI link in tests. */
final class TestServersAwait {

    private TestServersAwait() {
    }

    static void amiInSync(HotlineServer server) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (server.bridges().getFirst().state() != org.hotline.bridge.AmiBridge.State.SYNCED) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("AMI not in sync within 20 s");
            }
            Thread.sleep(20);
        }
    }
}
