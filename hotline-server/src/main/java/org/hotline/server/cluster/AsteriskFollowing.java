package org.hotline.server.cluster;

import io.lettuce.core.pubsub.RedisPubSubAdapter;
import org.hotline.bridge.AmiBridge;
import org.hotline.bridge.following.AsteriskFollower;
import org.hotline.desk.following.FollowerLeases;
import org.hotline.server.store.LiveStateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The configured Asterisk servers, each followed by one node at a time ({@link AsteriskFollower}
 * on a {@link FollowerLeases lease}): which of them this node follows now. A node that starts
 * following a server says so on Redis first, so that a node still following it (it could not
 * reach the database to learn that its lease was gone) stops before the new follower's events
 * begin.
 */
public final class AsteriskFollowing implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AsteriskFollowing.class);
    private static final String CHANNEL = "hotline:followers";

    private final LiveStateStore redis;
    private final FollowerLeases leases;
    private final String node;
    private final Duration takeover;
    private final Map<String, AsteriskFollower> followers = new ConcurrentHashMap<>();

    /** @param node this node, as it holds leases (unique among the nodes: two nodes of one name would both follow) */
    public AsteriskFollowing(LiveStateStore redis, FollowerLeases leases, String node, Duration takeover) {
        this.redis = redis;
        this.leases = leases;
        this.node = node;
        this.takeover = takeover;
        var subscription = redis.pubSub();
        subscription.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                int line = message.indexOf('\n');
                AsteriskFollower follower = line < 0 ? null : followers.get(message.substring(0, line));
                if (follower != null) {
                    follower.followedBy(message.substring(line + 1));
                }
            }
        });
        subscription.sync().subscribe(CHANNEL);
    }

    /** This node's name on the leases. */
    public String node() {
        return node;
    }

    /**
     * Follows {@code server} whenever this node holds its lease: {@code open} gives a new bridge
     * (not started), {@code changes} hears when it starts and stops.
     */
    public AsteriskFollower follow(String server, Supplier<AmiBridge> open, AsteriskFollower.Changes changes) {
        AsteriskFollower follower = new AsteriskFollower(server, node, new AsteriskFollower.Lease() {
            @Override
            public boolean hold(Duration term) {
                return leases.hold(server, node, term);
            }

            @Override
            public void release() {
                leases.release(server, node);
            }
        }, open, new AsteriskFollower.Changes() {
            @Override
            public void following(AmiBridge bridge) {
                say(server);
                changes.following(bridge);
            }

            @Override
            public void stopped(AmiBridge bridge) {
                changes.stopped(bridge);
            }
        }, takeover);
        if (followers.putIfAbsent(server, follower) != null) {
            throw new IllegalArgumentException("Asterisk " + server + " is followed already");
        }
        return follower.start();
    }

    /** The follower of {@code server} on this node (empty: not configured). */
    public Optional<AsteriskFollower> follower(String server) {
        return Optional.ofNullable(followers.get(server));
    }

    /** The bridge to {@code server} while this node follows it. */
    public Optional<AmiBridge> bridge(String server) {
        return Optional.ofNullable(followers.get(server)).flatMap(AsteriskFollower::bridge);
    }

    /** Who follows {@code server} now, as the database says (empty: nobody, or the database cannot be asked). */
    public Optional<FollowerLeases.Holder> holder(String server) {
        try {
            return leases.holder(server);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private void say(String server) {
        try {
            redis.connection().async().publish(CHANNEL, server + '\n' + node).get(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) { // Redis away: the other node learns it from the database when it next renews
            log.warn("Asterisk {}: could not tell the other nodes that this one follows it now: {}", server, e.toString());
        }
    }

    @Override
    public void close() {
        followers.values().forEach(AsteriskFollower::close);
    }
}
