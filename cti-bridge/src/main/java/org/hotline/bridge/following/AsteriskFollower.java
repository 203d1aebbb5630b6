package org.hotline.bridge.following;

import org.hotline.bridge.AmiBridge;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Whether this node follows one Asterisk server: it follows (an {@link AmiBridge} of its own,
 * opened anew each time) only while it holds the server's lease, so that of all the nodes
 * configured with the server one follows it at a time, and when that one dies or loses its
 * link another takes over within the takeover time.
 *
 * <p>Every round (a fifth of the takeover time) the node takes or renews the lease for the
 * takeover time less a round. A follower whose AMI link is lost for half the takeover time (or
 * never comes up in six) lets the lease go and stays out for one takeover time, so that a node
 * that can reach the server takes it over; when none can, the lease comes back to one of them.
 * A follower that cannot reach the database to renew keeps following (no other node can take
 * the lease meanwhile, and the calls must go on being followed): it stops when the database
 * answers that another node holds the lease, or when another node says it has taken it over
 * ({@link #followedBy}), whichever comes first.
 */
public final class AsteriskFollower implements AutoCloseable {

    /** The lease of one Asterisk server, for this node. */
    public interface Lease {
        /** Takes or renews the lease for {@code term}: true when this node holds it now. */
        boolean hold(Duration term);

        /** Lets the lease go at once (when this node holds it). */
        void release();
    }

    /** Told when this node starts and stops following the server (on the follower's thread). */
    public interface Changes {
        void following(AmiBridge bridge);

        void stopped(AmiBridge bridge);
    }

    private static final Logger log = LoggerFactory.getLogger(AsteriskFollower.class);

    private final String server;
    private final String node;
    private final Lease lease;
    private final Supplier<AmiBridge> open;
    private final Changes changes;
    private final Duration takeover;
    private final long roundNanos;
    private final Duration term;
    private final ScheduledExecutorService thread;
    private AmiBridge bridge;
    private long followingSince;
    private boolean linkSeen;
    private long outUntil;
    private volatile boolean failing;
    private volatile boolean closed;
    private final java.util.concurrent.atomic.AtomicLong rounds = new java.util.concurrent.atomic.AtomicLong();

    /**
     * @param node this node, as it holds leases
     * @param open a new bridge to the server, not yet started
     */
    public AsteriskFollower(String server, String node, Lease lease, Supplier<AmiBridge> open, Changes changes, Duration takeover) {
        if (takeover.toMillis() < 500) {
            throw new IllegalArgumentException("the takeover time must be at least 0.5 s");
        }
        this.server = server;
        this.node = node;
        this.lease = lease;
        this.open = open;
        this.changes = changes;
        this.takeover = takeover;
        this.roundNanos = takeover.toNanos() / 5;
        this.term = takeover.minusNanos(roundNanos);
        this.thread = Executors.newScheduledThreadPool(1, r -> Thread.ofPlatform().name("follow-" + server).daemon().unstarted(r));
    }

    /** Takes the lease now when it is free (a single node follows its Asterisk from the start), then every round. */
    public AsteriskFollower start() {
        round();
        thread.scheduleAtFixedRate(this::round, roundNanos, roundNanos, TimeUnit.NANOSECONDS);
        return this;
    }

    /** The bridge while this node follows the server. */
    public synchronized Optional<AmiBridge> bridge() {
        return Optional.ofNullable(bridge);
    }

    public String server() {
        return server;
    }

    /** How many rounds have ended (something to wait for rather than a time). */
    public long rounds() {
        return rounds.get();
    }

    private void round() {
        try {
            takeOrRenew();
        } finally {
            rounds.incrementAndGet();
        }
    }

    private void takeOrRenew() {
        long now = System.nanoTime();
        synchronized (this) {
            if (closed) {
                return;
            }
            if (bridge != null && linkLost(now)) {
                log.warn("Asterisk {}: {}; letting another node follow it", server, linkSeen
                        ? "the AMI link is down for " + takeover.dividedBy(2).toMillis() + " ms"
                        : "no AMI link in " + takeover.multipliedBy(6).toSeconds() + " s of following it");
                stop();
                letGo();
                outUntil = now + takeover.toNanos();
                return;
            }
            if (bridge == null && now - outUntil < 0) {
                return;
            }
        }
        boolean held;
        try {
            held = lease.hold(term); // not under the lock: another node may say meanwhile that it follows the server
        } catch (RuntimeException e) {
            if (!failing) {
                failing = true;
                log.warn("Asterisk {}: its lease could not be {} ({}){}", server, bridge().isEmpty() ? "taken" : "renewed",
                        e.getMessage(), bridge().isEmpty() ? "" : "; following it still, as no other node can take it meanwhile");
            }
            return;
        }
        synchronized (this) {
            if (closed) {
                return;
            }
            if (failing) {
                failing = false;
                log.info("Asterisk {}: its lease answers again", server);
            }
            if (!held) {
                if (bridge != null) {
                    log.warn("Asterisk {}: another node holds its lease now; this one stops following it", server);
                    stop();
                }
                return;
            }
            if (bridge == null) {
                follow(now);
            }
        }
    }

    private boolean linkLost(long now) {
        var down = bridge.downFor();
        if (down.isEmpty()) {
            return false;
        }
        linkSeen = bridge.everUp();
        return linkSeen ? down.get().compareTo(takeover.dividedBy(2)) > 0 : now - followingSince > takeover.toNanos() * 6;
    }

    private void follow(long now) {
        AmiBridge opened = open.get();
        bridge = opened;
        followingSince = now;
        log.info("Asterisk {}: this node follows it (lease held for {} ms, renewed every {} ms)", server, term.toMillis(),
                TimeUnit.NANOSECONDS.toMillis(roundNanos));
        changes.following(opened);
        opened.start();
    }

    /**
     * Another node ({@code node}) says it follows the server now: this one, when it still
     * follows it (it could not ask the database), stops at once.
     */
    public synchronized void followedBy(String node) {
        if (!node.equals(this.node) && bridge != null && !closed) {
            log.warn("Asterisk {}: node {} follows it now; this one stops", server, node);
            stop();
        }
    }

    private void stop() {
        AmiBridge stopped = bridge;
        bridge = null;
        if (stopped != null) {
            stopped.close();
            changes.stopped(stopped);
        }
    }

    private void letGo() {
        try {
            lease.release();
        } catch (RuntimeException e) {
            log.warn("Asterisk {}: its lease could not be let go ({}); another node takes it when its term runs out", server,
                    e.getMessage());
        }
    }

    /** Stops following and lets the lease go, so that another node takes over at once. */
    @Override
    public void close() {
        boolean held;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            held = bridge != null;
            stop();
        }
        thread.shutdownNow();
        if (held) {
            letGo();
        }
    }
}
