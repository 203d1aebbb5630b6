package org.hotline.server.cluster;

import io.vertx.core.json.JsonObject;
import org.hotline.api.callbacks.CallbackHolds;
import org.hotline.server.store.LiveStateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The agents held for callbacks, kept in Redis with the node whose dialer holds them, so that
 * when that node is gone ({@link NodePresence}) another node releases them within the takeover
 * time: every node looks every tenth of it, and the one that removes a gone node's hold first
 * releases it ({@code release}: the agent back to the queue, an offer not yet dialled offered
 * again).
 */
public final class SharedCallbackHolds implements CallbackHolds, AutoCloseable {

    /** One agent held for one callback, by {@code node}; {@code dialling}: its call was being placed. */
    public record Hold(long callbackId, String node, long agentId, String device, String leaseOwner, boolean dialling) {
    }

    private static final Logger log = LoggerFactory.getLogger(SharedCallbackHolds.class);
    private static final String HASH = "hotline:callback-holds";
    private static final String ACCEPTS = "hotline:callback-accepts:";

    private final LiveStateStore redis;
    private final NodePresence presence;
    private final String node;
    private final Consumer<Hold> release;
    private final RedisRequests requests;
    private final Map<Long, Hold> mine = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sweeper;

    public SharedCallbackHolds(LiveStateStore redis, NodePresence presence, RedisRequests requests, String node, Duration takeover,
                               Consumer<Hold> release) {
        this.redis = redis;
        this.requests = requests;
        this.presence = presence;
        this.node = node;
        this.release = release;
        this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().name("callback-holds").daemon().unstarted(r));
        long every = takeover.toNanos() / 10;
        sweeper.scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.NANOSECONDS);
    }

    @Override
    public void offered(long callbackId, long agentId, String device, String leaseOwner) {
        put(new Hold(callbackId, node, agentId, device, leaseOwner, false));
    }

    @Override
    public void dialling(long callbackId) {
        Hold hold = mine.get(callbackId);
        if (hold != null) {
            put(new Hold(callbackId, node, hold.agentId(), hold.device(), hold.leaseOwner(), true));
        }
    }

    @Override
    public void released(long callbackId) {
        if (mine.remove(callbackId) != null) {
            redis.connection().async().hdel(HASH, String.valueOf(callbackId));
        }
    }

    /** Takes the accepts asked of this node's dialer by other nodes ({@code accept}: callback id and agent id; true when taken). */
    public void serveAccepts(java.util.function.BiPredicate<Long, Long> accept) {
        requests.answer(ACCEPTS + node, question -> java.util.concurrent.CompletableFuture.completedFuture(new JsonObject()
                .put("accepted", accept.test(question.getLong("callbackId"), question.getLong("agentId")))));
    }

    @Override
    public java.util.concurrent.CompletionStage<Boolean> acceptElsewhere(long callbackId, long agentId) {
        return redis.connection().async().hget(HASH, String.valueOf(callbackId)).toCompletableFuture().thenCompose(json -> {
            String holder = json == null ? null : new JsonObject(json).getString("node");
            if (holder == null || holder.equals(node)) {
                return java.util.concurrent.CompletableFuture.completedFuture(false);
            }
            return requests.ask(ACCEPTS + holder, new JsonObject().put("callbackId", callbackId).put("agentId", agentId),
                    Duration.ofSeconds(5)).thenApply(answer -> answer.getBoolean("accepted", false));
        }).exceptionally(e -> false);
    }

    private void put(Hold hold) {
        mine.put(hold.callbackId(), hold);
        redis.connection().async().hset(HASH, String.valueOf(hold.callbackId()), new JsonObject().put("node", hold.node())
                .put("agentId", hold.agentId()).put("device", hold.device()).put("leaseOwner", hold.leaseOwner())
                .put("dialling", hold.dialling()).encode());
    }

    /** Releases the holds of gone nodes: each by the node that removes it first. */
    void sweep() {
        try {
            for (var entry : redis.connection().sync().hgetall(HASH).entrySet()) {
                JsonObject json = new JsonObject(entry.getValue());
                Hold hold = new Hold(Long.parseLong(entry.getKey()), json.getString("node"), json.getLong("agentId"),
                        json.getString("device"), json.getString("leaseOwner", ""), json.getBoolean("dialling", false));
                if (!hold.node().equals(node) && presence.gone(hold.node()) && redis.connection().sync().hdel(HASH, entry.getKey()) == 1) {
                    log.info("callback {}: the node that held agent {} for it ({}) is gone; releasing the agent{}", hold.callbackId(),
                            hold.agentId(), hold.node(), hold.dialling() ? "" : " and offering the callback again");
                    try {
                        release.accept(hold);
                    } catch (RuntimeException e) {
                        log.warn("callback {}: agent {} could not be released: {}", hold.callbackId(), hold.agentId(), e.toString());
                    }
                }
            }
        } catch (RuntimeException e) {
            log.debug("callback holds not looked at this round: {}", e.toString()); // Redis away: its own episode is logged
        }
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
    }
}
