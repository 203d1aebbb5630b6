package org.hotline.server;

import java.util.concurrent.TimeUnit;

/** Waiting for a server's AMI link in tests. */
final class TestServersAwait {

    private TestServersAwait() {
    }

    static void amiInSync(HotlineServer server) throws InterruptedException {
        org.awaitility.Awaitility.await("AMI in sync").atMost(20, TimeUnit.SECONDS).pollInterval(20, TimeUnit.MILLISECONDS)
                .until(() -> server.bridges().getFirst().state() == org.hotline.bridge.AmiBridge.State.SYNCED);
    }
}
