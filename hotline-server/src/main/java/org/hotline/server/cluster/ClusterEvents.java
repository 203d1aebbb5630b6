package org.hotline.server.cluster;

import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.vertx.core.Vertx;
import org.hotline.events.EventCodec;
import org.hotline.events.HotlineEvent;
import org.hotline.server.store.LiveStateStore;

import java.util.Map;

/**
 * Call, agent and desk events between nodes: what a node publishes on its own event bus is also
 * published to Redis in {@link EventCodec}'s envelope, and every other node puts what arrives from
 * Redis, decoded, on its cluster-wide addresses, which the wallboard follows; a node puts its own
 * events there as they are (not encoded and decoded again). So a supervisor on any node sees every
 * Asterisk's calls. Each message names its sender (a random id per start) on a line before the
 * envelope.
 */
public final class ClusterEvents {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ClusterEvents.class);

    /** Local address -> the cluster-wide address its events reach on every node. */
    private final Map<String, String> addresses;
    private final LiveStateStore redis;
    private final Vertx vertx;
    private final String sender = java.util.UUID.randomUUID().toString();

    public ClusterEvents(Vertx vertx, LiveStateStore redis, Map<String, String> addresses) {
        this.addresses = Map.copyOf(addresses);
        this.redis = redis;
        this.vertx = vertx;
        var subscription = redis.pubSub();
        subscription.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                String local = channel.substring(CHANNEL_PREFIX.length());
                String cluster = ClusterEvents.this.addresses.get(local);
                if (cluster == null) {
                    return;
                }
                int line = message.indexOf('\n'); // compact JSON has none of its own
                if (line == sender.length() && message.startsWith(sender)) {
                    return; // this node's own: on the cluster address already
                }
                try {
                    vertx.eventBus().publish(cluster, EventCodec.decode(line < 0 ? message : message.substring(line + 1)));
                } catch (EventCodec.Unreadable e) {
                    log.warn("event from another node on {} not read: {}", channel, e.getMessage());
                }
            }
        });
        subscription.sync().subscribe(this.addresses.keySet().stream().map(a -> CHANNEL_PREFIX + a).toArray(String[]::new));
    }

    private static final String CHANNEL_PREFIX = "hotline:events:";

    /** Sends an event this node published at {@code localAddress} to every node, in the envelope. */
    public void publish(String localAddress, HotlineEvent event) {
        String cluster = addresses.get(localAddress);
        if (cluster != null) {
            vertx.eventBus().publish(cluster, event);
        }
        redis.connection().async().publish(CHANNEL_PREFIX + localAddress, sender + '\n' + EventCodec.encode(event));
    }

    public static String clusterAddress(String localAddress) {
        return localAddress + ".cluster";
    }
}
