package org.hotline.server.store;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import org.hotline.server.StartupException;
import org.hotline.server.config.Redaction;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

/** The connection to Redis, which carries live state and fans events out between nodes. */
public final class LiveStateStore implements AutoCloseable {

    private final RedisClient client;
    private final io.lettuce.core.resource.ClientResources resources;
    private final StatefulRedisConnection<String, String> connection;
    private final java.util.List<io.lettuce.core.pubsub.StatefulRedisPubSubConnection<String, String>> pubSubs =
            new java.util.ArrayList<>();

    private LiveStateStore(RedisClient client, io.lettuce.core.resource.ClientResources resources,
                           StatefulRedisConnection<String, String> connection) {
        this.client = client;
        this.resources = resources;
        this.connection = connection;
    }

    public static LiveStateStore connect(String uri, Duration connectTimeout) {
        RedisClient client;
        // a lost link is tried again soon, doubling from 50 ms to at most 2 s (Lettuce's own goes up to 30 s):
        // a Redis back after a restart is used within 2 s
        io.lettuce.core.resource.ClientResources resources = io.lettuce.core.resource.DefaultClientResources.builder()
                .reconnectDelay(io.lettuce.core.resource.Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(2), 2,
                        java.util.concurrent.TimeUnit.MILLISECONDS))
                .build();
        try {
            RedisURI redisUri = RedisURI.create(uri);
            redisUri.setTimeout(connectTimeout);
            client = RedisClient.create(resources, redisUri);
        } catch (IllegalArgumentException e) {
            resources.shutdown();
            throw new StartupException("redis.uri: " + Redaction.connectionString(uri) + " is not a Redis URI: " + e.getMessage(), e);
        }
        client.setOptions(ClientOptions.builder()
                .socketOptions(SocketOptions.builder().connectTimeout(connectTimeout).build())
                .build());
        try {
            return new LiveStateStore(client, resources, client.connect());
        } catch (RuntimeException e) {
            client.shutdown();
            resources.shutdown();
            throw new StartupException("redis.uri: cannot connect to " + Redaction.connectionString(uri) + ": "
                    + StartupException.rootMessage(e), e);
        }
    }

    /** How long after the links come back {@link #onReconnected} runs: every node's subscriptions are back by then. */
    private static final Duration SETTLED = Duration.ofSeconds(2);

    /**
     * Runs {@code whenBack} each time the links to Redis come back after being lost, {@link #SETTLED}
     * later (so that what it publishes reaches every node's subscriptions, this one's too): what was
     * published meanwhile never reached this node. Not at the first connect.
     */
    public void onReconnected(Runnable whenBack) {
        java.util.concurrent.atomic.AtomicBoolean lost = new java.util.concurrent.atomic.AtomicBoolean();
        client.addListener(new io.lettuce.core.RedisConnectionStateListener() {
            @Override
            public void onRedisDisconnected(io.lettuce.core.RedisChannelHandler<?, ?> connection) {
                lost.set(true);
            }

            @Override
            public void onRedisConnected(io.lettuce.core.RedisChannelHandler<?, ?> connection, java.net.SocketAddress address) {
                if (lost.compareAndSet(true, false)) {
                    java.util.concurrent.CompletableFuture.runAsync(whenBack, java.util.concurrent.CompletableFuture.delayedExecutor(
                            SETTLED.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS));
                }
            }
        });
    }

    /** Completes with true when Redis answers PING. */
    public CompletionStage<Boolean> ping() {
        return connection.async().ping().thenApply("PONG"::equals);
    }

    public StatefulRedisConnection<String, String> connection() {
        return connection;
    }

    /** A connection of its own for subscriptions (a subscribed connection takes no other commands); closed with this store. */
    public synchronized io.lettuce.core.pubsub.StatefulRedisPubSubConnection<String, String> pubSub() {
        var pubSub = client.connectPubSub();
        pubSubs.add(pubSub);
        return pubSub;
    }

    @Override
    public synchronized void close() {
        pubSubs.forEach(io.lettuce.core.pubsub.StatefulRedisPubSubConnection::close);
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, java.util.concurrent.TimeUnit.SECONDS);
    }
}
