package org.hotline.bridge.following;

import org.hotline.bridge.AmiBridge;
import org.hotline.bridge.ami.client.AmiSettings;
import org.hotline.pbxsim.PbxSim;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One follower at a time per Asterisk (pbx-sim), on a lease kept here in memory as the database
 * keeps it (a holder and a term): taken over when the follower stops; kept while the lease
 * cannot be asked; given up when another node says it follows, or the lease says it holds it.
 */
class AsteriskFollowerTest {

    /** The lease as the database keeps it: one holder until a term runs out (by this JVM's clock). */
    private static final class MemoryLease {
        private String holder;
        private long until;
        final AtomicBoolean unreachable = new AtomicBoolean();

        AsteriskFollower.Lease of(String node) {
            return new AsteriskFollower.Lease() {
                @Override
                public boolean hold(Duration term) {
                    synchronized (MemoryLease.this) {
                        if (unreachable.get()) {
                            throw new IllegalStateException("the database cannot be reached");
                        }
                        long now = System.nanoTime();
                        if (holder == null || holder.equals(node) || now - until > 0) {
                            holder = node;
                            until = now + term.toNanos();
                            return true;
                        }
                        return false;
                    }
                }

                @Override
                public void release() {
                    synchronized (MemoryLease.this) {
                        if (node.equals(holder)) {
                            until = System.nanoTime();
                        }
                    }
                }
            };
        }

        synchronized void takenBy(String node) {
            holder = node;
            until = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        }
    }

    private static AsteriskFollower follower(String node, MemoryLease lease, PbxSim pbx, AtomicLong following) {
        return new AsteriskFollower("pbx-a", node, lease.of(node), () -> new AmiBridge(AmiSettings.of("pbx-a", "127.0.0.1", pbx.port(),
                "hotline", "s3cret"), Clock.systemUTC(), event -> { }, change -> { }, Duration.ZERO), new AsteriskFollower.Changes() {
                    @Override
                    public void following(AmiBridge bridge) {
                        following.incrementAndGet();
                    }

                    @Override
                    public void stopped(AmiBridge bridge) {
                        following.decrementAndGet();
                    }
                }, Duration.ofSeconds(1));
    }

    @Test
    void oneFollowsAtATimeAndAnotherTakesOverWhenItStops() throws Exception {
        MemoryLease lease = new MemoryLease();
        AtomicLong following = new AtomicLong();
        try (PbxSim pbx = new PbxSim(0, Map.of("hotline", "s3cret"));
             AsteriskFollower a = follower("a", lease, pbx, following).start();
             AsteriskFollower b = follower("b", lease, pbx, following).start()) {
            assertThat(a.bridge()).as("the first to ask follows at once").isPresent();
            long rounds = b.rounds();
            await().atMost(Duration.ofSeconds(20)).until(() -> b.rounds() > rounds + 5);
            assertThat(b.bridge()).isEmpty();
            assertThat(following.get()).isEqualTo(1);
            await().atMost(Duration.ofSeconds(20)).until(() -> pbx.loggedIn() == 1);

            a.close(); // lets the lease go

            await().atMost(Duration.ofSeconds(20)).until(() -> b.bridge().map(bridge -> bridge.state() == AmiBridge.State.SYNCED).orElse(false));
            assertThat(following.get()).isEqualTo(1);
        }
    }

    @Test
    void aFollowerThatCannotAskTheLeaseFollowsStillUntilAnotherSaysItFollows() throws Exception {
        MemoryLease lease = new MemoryLease();
        AtomicLong following = new AtomicLong();
        try (PbxSim pbx = new PbxSim(0, Map.of("hotline", "s3cret"));
             AsteriskFollower a = follower("a", lease, pbx, following).start()) {
            await().atMost(Duration.ofSeconds(20)).until(() -> a.bridge().map(bridge -> bridge.state() == AmiBridge.State.SYNCED).orElse(false));
            lease.unreachable.set(true);
            long rounds = a.rounds();
            await().atMost(Duration.ofSeconds(20)).until(() -> a.rounds() > rounds + 10); // two takeover times without an answer
            assertThat(a.bridge()).as("nobody else can take the lease meanwhile: the calls are followed still").isPresent();

            a.followedBy("a"); // its own word changes nothing
            assertThat(a.bridge()).isPresent();
            a.followedBy("b");
            assertThat(a.bridge()).as("another node says it follows the server").isEmpty();
            assertThat(following.get()).isZero();
        }
    }

    @Test
    void aFollowerStopsWhenTheLeaseSaysAnotherHoldsIt() throws Exception {
        MemoryLease lease = new MemoryLease();
        AtomicLong following = new AtomicLong();
        try (PbxSim pbx = new PbxSim(0, Map.of("hotline", "s3cret"));
             AsteriskFollower a = follower("a", lease, pbx, following).start()) {
            assertThat(a.bridge()).isPresent();
            lease.takenBy("b"); // its term ran out while it could not renew, and b took it

            await().atMost(Duration.ofSeconds(20)).until(() -> a.bridge().isEmpty());
            assertThat(following.get()).isZero();
        }
    }
}
