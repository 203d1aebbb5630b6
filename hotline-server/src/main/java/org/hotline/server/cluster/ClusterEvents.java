package org.hotline.server.cluster;

import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.hotline.server.store.LiveStateStore;

import java.util.Map;

/**
 * Call and agent events between nodes: what a node's AMI bridges publish on its own event bus
 * is also published to Redis, and every node (itself included) puts what arrives from Redis on
 * its cluster-wide addresses, which the wallboard follows. So a supervisor on any node sees every
 * Asterisk's calls.
 */
public final class ClusterEvents {

    /** Local address -> the cluster-wide address its events reach on every node. */
    private final Map<String, String> addresses;
    private final LiveStateStore redis;

    public ClusterEvents(Vertx vertx, LiveStateStore redis, Map<String, String> addresses) {
        this.addresses = Map.copyOf(addresses);
        this.redis = redis;
        var subscription = redis.pubSub();
        subscription.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                String local = channel.substring(CHANNEL_PREFIX.length());
                String cluster = ClusterEvents.this.addresses.get(local);
                if (cluster != null) {
                    vertx.eventBus().publish(cluster, new JsonObject(message));
                }
            }
        });
        subscription.sync().subscribe(this.addresses.keySet().stream().map(a -> CHANNEL_PREFIX + a).toArray(String[]::new));
    }

    private static final String CHANNEL_PREFIX = "hotline:events:";

    /** Sends an event this node's bridge published at {@code localAddress} to every node. */
    public void publish(String localAddress, JsonObject event) {
        redis.connection().async().publish(CHANNEL_PREFIX + localAddress, event.encode());
    }

    public static String clusterAddress(String localAddress) {
        return localAddress + ".cluster";
    }
}
