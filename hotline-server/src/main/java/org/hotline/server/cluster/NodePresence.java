package org.hotline.server.cluster;

import io.lettuce.core.SetArgs;
import org.hotline.server.store.LiveStateStore;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Which nodes are running: each says so in Redis every tenth of the takeover time, on a key that
 * lasts a quarter of it; a node is taken for gone once its key has been missing for a quarter of
 * it again (so that a Redis restart, which forgets every key until the next beat, kills nobody).
 */
public final class NodePresence implements AutoCloseable {

    private static final String KEY = "hotline:node-alive:";

    private final LiveStateStore redis;
    private final String node;
    private final Duration lasts;
    private final ScheduledExecutorService beat;
    /** Nodes seen missing, since when (System.nanoTime). */
    private final Map<String, Long> missingSince = new ConcurrentHashMap<>();

    public NodePresence(LiveStateStore redis, String node, Duration takeover) {
        this.redis = redis;
        this.node = node;
        this.lasts = takeover.dividedBy(4);
        this.beat = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().name("presence").daemon().unstarted(r));
        long every = takeover.toNanos() / 10;
        beat.scheduleAtFixedRate(this::say, 0, every, TimeUnit.NANOSECONDS);
    }

    private void say() {
        redis.connection().async().set(KEY + node, "1", SetArgs.Builder.px(lasts.toMillis()));
    }

    /** Whether {@code other} is taken for gone: its key missing now and since a quarter of the takeover time. */
    public boolean gone(String other) {
        if (other.equals(node)) {
            return false;
        }
        if (redis.connection().sync().exists(KEY + other) > 0) {
            missingSince.remove(other);
            return false;
        }
        long since = missingSince.computeIfAbsent(other, n -> System.nanoTime());
        return System.nanoTime() - since >= lasts.toNanos();
    }

    /** Stops saying so and says this node is gone at once (a graceful stop: others take over without waiting). */
    @Override
    public void close() {
        beat.shutdownNow();
        try {
            redis.connection().sync().del(KEY + node);
        } catch (RuntimeException e) {
            // Redis away: the key runs out by itself
        }
    }
}
