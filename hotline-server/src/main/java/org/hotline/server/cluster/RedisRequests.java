package org.hotline.server.cluster;

import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.vertx.core.json.JsonObject;
import org.hotline.server.store.LiveStateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A question from one node to the node that can answer it, over Redis pub/sub: the question goes
 * to a channel that only that node listens on (PUBLISH tells how many listen: nobody is a
 * {@link NoAnswer} at once), the answer comes back on the asking node's own channel, matched by
 * its number; no answer in time is a {@link NoAnswer} too.
 */
public final class RedisRequests implements AutoCloseable {

    /** Nobody listens on the channel, Redis cannot be reached, or no answer came in time. */
    public static final class NoAnswer extends RuntimeException {
        NoAnswer(String message) {
            super(message, null, false, false);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(RedisRequests.class);
    private static final String ANSWERS = "hotline:answers:";

    private final LiveStateStore redis;
    private final String answers;
    private final StatefulRedisPubSubConnection<String, String> pubSub;
    private final Map<Long, CompletableFuture<JsonObject>> pending = new ConcurrentHashMap<>();
    private final Map<String, Function<JsonObject, CompletableFuture<JsonObject>>> handlers = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    /** @param node this node, whose answers come on a channel of its own */
    public RedisRequests(LiveStateStore redis, String node) {
        this.redis = redis;
        this.answers = ANSWERS + node;
        this.pubSub = redis.pubSub();
        pubSub.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                if (channel.equals(answers)) {
                    answered(message);
                } else {
                    var handler = handlers.get(channel);
                    if (handler != null) {
                        asked(channel, handler, message);
                    }
                }
            }
        });
        pubSub.sync().subscribe(answers);
    }

    /** Asks whoever listens on {@code channel}; its answer within {@code within}. */
    public CompletableFuture<JsonObject> ask(String channel, JsonObject question, Duration within) {
        long id = ids.incrementAndGet();
        CompletableFuture<JsonObject> answer = new CompletableFuture<>();
        pending.put(id, answer);
        String text = new JsonObject().put("id", id).put("replyTo", answers).put("question", question).encode();
        redis.connection().async().publish(channel, text).whenComplete((listeners, e) -> {
            if (e != null) {
                answer.completeExceptionally(new NoAnswer("Redis cannot be reached: " + e.getMessage()));
            } else if (listeners == 0) {
                answer.completeExceptionally(new NoAnswer("nobody answers on " + channel + " now"));
            }
        });
        return answer.orTimeout(within.toMillis(), TimeUnit.MILLISECONDS).handle((result, e) -> {
            pending.remove(id);
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            if (cause instanceof TimeoutException) {
                throw new NoAnswer("no answer on " + channel + " within " + within.toMillis() + " ms");
            }
            if (cause != null) {
                throw cause instanceof RuntimeException r ? r : new CompletionException(cause);
            }
            return result;
        });
    }

    /**
     * Answers the questions on {@code channel} with {@code handler} (its result, or null: not
     * answered, the asker's wait runs out) until {@link #stopAnswering}.
     */
    public void answer(String channel, Function<JsonObject, CompletableFuture<JsonObject>> handler) {
        handlers.put(channel, handler);
        pubSub.async().subscribe(channel).whenComplete((x, e) -> {
            if (e != null) {
                log.warn("questions on {} cannot be taken ({}); they go unanswered until Redis answers", channel, e.toString());
            }
        });
    }

    public void stopAnswering(String channel) {
        handlers.remove(channel);
        pubSub.async().unsubscribe(channel);
    }

    private void asked(String channel, Function<JsonObject, CompletableFuture<JsonObject>> handler, String message) {
        JsonObject request;
        CompletableFuture<JsonObject> done;
        try {
            request = new JsonObject(message);
            done = handler.apply(request.getJsonObject("question"));
        } catch (RuntimeException e) {
            log.warn("a question on {} not read: {}", channel, e.getMessage());
            return;
        }
        if (done == null) {
            return;
        }
        done.whenComplete((answer, e) -> {
            JsonObject reply = new JsonObject().put("id", request.getLong("id"));
            if (e == null) {
                reply.put("answer", answer);
            } else {
                Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                reply.put("failed", String.valueOf(cause.getMessage()));
            }
            redis.connection().async().publish(request.getString("replyTo"), reply.encode());
        });
    }

    private void answered(String message) {
        JsonObject reply;
        try {
            reply = new JsonObject(message);
        } catch (RuntimeException e) {
            log.warn("an answer from another node not read: {}", e.getMessage());
            return;
        }
        CompletableFuture<JsonObject> answer = pending.get(reply.getLong("id", -1L));
        if (answer == null) {
            return; // its wait ran out
        }
        if (reply.containsKey("failed")) {
            answer.completeExceptionally(new IllegalStateException(reply.getString("failed")));
        } else {
            answer.complete(reply.getJsonObject("answer", new JsonObject()));
        }
    }

    @Override
    public void close() {
        pending.values().forEach(answer -> answer.completeExceptionally(new NoAnswer("this node is stopping")));
    }
}
