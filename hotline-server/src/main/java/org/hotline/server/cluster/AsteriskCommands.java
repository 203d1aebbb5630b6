package org.hotline.server.cluster;

import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.vertx.core.json.JsonObject;
import org.hotline.bridge.AmiBridge;
import org.hotline.bridge.Switchboard;
import org.hotline.bridge.commands.PbxCommand;
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
import java.util.function.BiFunction;

/**
 * Agents' commands (log in, pause, ready, log out, their calls and callbacks) reach the Asterisk
 * server that has their device through the node that follows it, whichever node the agent is
 * connected to: done here when this node follows it, else sent over Redis to the node that does
 * (which alone listens on that server's channel while it follows it) and answered to this node.
 * Nobody following the server, or no answer in time, is {@link Switchboard.Unavailable}.
 */
public final class AsteriskCommands implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AsteriskCommands.class);
    private static final String REQUESTS = "hotline:asterisk-commands:";
    private static final String REPLIES = "hotline:asterisk-replies:";

    private final LiveStateStore redis;
    private final AsteriskFollowing following;
    private final BiFunction<AmiBridge, PbxCommand, CompletableFuture<String>> runner;
    private final Duration answerWithin;
    private final Duration callbackWithin;
    private final String replies;
    private final StatefulRedisPubSubConnection<String, String> pubSub;
    private final Map<Long, CompletableFuture<String>> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    /**
     * @param runner does a command on the bridge of a server this node follows
     * @param answerWithin how long a command sent to another node may take to be answered
     * @param callbackWithin the same for a callback, answered when its call is over
     */
    public AsteriskCommands(LiveStateStore redis, AsteriskFollowing following,
                            BiFunction<AmiBridge, PbxCommand, CompletableFuture<String>> runner, Duration answerWithin,
                            Duration callbackWithin) {
        this.redis = redis;
        this.following = following;
        this.runner = runner;
        this.answerWithin = answerWithin;
        this.callbackWithin = callbackWithin;
        this.replies = REPLIES + following.node();
        this.pubSub = redis.pubSub();
        pubSub.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                if (channel.equals(replies)) {
                    answered(message);
                } else if (channel.startsWith(REQUESTS)) {
                    asked(channel.substring(REQUESTS.length()), message);
                }
            }
        });
        pubSub.sync().subscribe(replies);
    }

    /** Does {@code command} on {@code server}: its answer (a callback's outcome; empty for the others). */
    public CompletableFuture<String> send(String server, PbxCommand command) {
        var local = following.bridge(server);
        if (local.isPresent()) {
            return runner.apply(local.get(), command);
        }
        long id = ids.incrementAndGet();
        CompletableFuture<String> answer = new CompletableFuture<>();
        pending.put(id, answer);
        Duration within = command instanceof PbxCommand.Callback ? callbackWithin : answerWithin;
        String request = new JsonObject().put("id", id).put("replyTo", replies).put("command", PbxCommandCodec.encode(command)).encode();
        redis.connection().async().publish(REQUESTS + server, request).whenComplete((listeners, e) -> {
            if (e != null) {
                answer.completeExceptionally(new Switchboard.Unavailable("Asterisk " + server
                        + " cannot be asked now: Redis, which carries the command to the node that follows it, cannot be reached"));
            } else if (listeners == 0) {
                answer.completeExceptionally(new Switchboard.Unavailable("Asterisk " + server + " is followed by no node now"));
            }
        });
        return answer.orTimeout(within.toMillis(), TimeUnit.MILLISECONDS).handle((result, e) -> {
            pending.remove(id);
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            if (cause instanceof TimeoutException) {
                throw new Switchboard.Unavailable("Asterisk " + server + ": the node that follows it did not answer within "
                        + within.toSeconds() + " s");
            }
            if (cause != null) {
                throw cause instanceof RuntimeException r ? r : new CompletionException(cause);
            }
            return result;
        });
    }

    /** Takes the commands for {@code server} from other nodes, while this node follows it. */
    public void serve(String server) {
        pubSub.async().subscribe(REQUESTS + server).whenComplete((x, e) -> {
            if (e != null) {
                log.warn("Asterisk {}: commands from other nodes cannot be taken ({}); they get 503 until Redis answers",
                        server, e.toString());
            }
        });
    }

    /** No longer takes the commands for {@code server} (this node stopped following it). */
    public void stopServing(String server) {
        pubSub.async().unsubscribe(REQUESTS + server);
    }

    private void asked(String server, String message) {
        JsonObject request;
        PbxCommand command;
        try {
            request = new JsonObject(message);
            command = PbxCommandCodec.decode(request.getJsonObject("command"));
        } catch (RuntimeException e) {
            log.warn("Asterisk {}: a command from another node not read: {}", server, e.getMessage());
            return;
        }
        var bridge = following.bridge(server);
        if (bridge.isEmpty()) {
            return; // stopped following it just now: the node that follows it now answers, or the asker's wait runs out
        }
        CompletableFuture<String> done;
        try {
            done = runner.apply(bridge.get(), command);
        } catch (RuntimeException e) {
            done = CompletableFuture.failedFuture(e);
        }
        done.whenComplete((result, e) -> {
            JsonObject reply = new JsonObject().put("id", request.getLong("id"));
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            switch (cause) {
                case null -> reply.put("result", result);
                case Switchboard.Unavailable u -> reply.put("error", "unavailable").put("message", u.getMessage());
                case Switchboard.Refused r -> reply.put("error", "refused").put("message", r.getMessage());
                default -> reply.put("error", "failed").put("message", String.valueOf(cause.getMessage()));
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
        CompletableFuture<String> answer = pending.get(reply.getLong("id", -1L));
        if (answer == null) {
            return; // its wait ran out
        }
        String error = reply.getString("error");
        String text = reply.getString("message", "");
        if (error == null) {
            answer.complete(reply.getString("result", ""));
        } else {
            answer.completeExceptionally(switch (error) {
                case "unavailable" -> new Switchboard.Unavailable(text);
                case "refused" -> new Switchboard.Refused(text);
                default -> new IllegalStateException(text);
            });
        }
    }

    @Override
    public void close() {
        pending.values().forEach(answer -> answer.completeExceptionally(new Switchboard.Unavailable("this node is stopping")));
    }
}
