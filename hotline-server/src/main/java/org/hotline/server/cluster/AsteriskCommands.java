package org.hotline.server.cluster;

import io.vertx.core.json.JsonObject;
import org.hotline.bridge.AmiBridge;
import org.hotline.bridge.Switchboard;
import org.hotline.bridge.commands.PbxCommand;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiFunction;

/**
 * Agents' commands (log in, pause, ready, log out, their calls and callbacks) reach the Asterisk
 * server that has their device through the node that follows it, whichever node the agent is
 * connected to: done here when this node follows it, else asked over Redis of the node that does
 * (which alone listens on that server's channel while it follows it). Nobody following the
 * server, or no answer in time, is {@link Switchboard.Unavailable}.
 */
public final class AsteriskCommands {

    private static final String CHANNEL = "hotline:asterisk-commands:";
    private static final String WAITS = "hotline:asterisk-queue-waits:";

    private final RedisRequests requests;
    private final AsteriskFollowing following;
    private final BiFunction<AmiBridge, PbxCommand, CompletableFuture<String>> runner;
    private final Duration answerWithin;
    private final Duration callbackWithin;

    /**
     * @param runner does a command on the bridge of a server this node follows
     * @param answerWithin how long a command sent to another node may take to be answered
     * @param callbackWithin the same for a callback, answered when its call is over
     */
    public AsteriskCommands(RedisRequests requests, AsteriskFollowing following,
                            BiFunction<AmiBridge, PbxCommand, CompletableFuture<String>> runner, Duration answerWithin,
                            Duration callbackWithin) {
        this.requests = requests;
        this.following = following;
        this.runner = runner;
        this.answerWithin = answerWithin;
        this.callbackWithin = callbackWithin;
    }

    /** Does {@code command} on {@code server}: its answer (a callback's outcome; empty for the others). */
    public CompletableFuture<String> send(String server, PbxCommand command) {
        var local = following.bridge(server);
        if (local.isPresent()) {
            return runner.apply(local.get(), command);
        }
        Duration within = command instanceof PbxCommand.Callback ? callbackWithin : answerWithin;
        return requests.ask(CHANNEL + server, PbxCommandCodec.encode(command), within).handle((answer, e) -> {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            if (cause instanceof RedisRequests.NoAnswer) {
                throw new Switchboard.Unavailable("Asterisk " + server + " cannot be asked now (no node that follows it answered: "
                        + cause.getMessage() + ")");
            }
            if (cause != null) {
                throw cause instanceof RuntimeException r ? r : new CompletionException(cause);
            }
            String text = answer.getString("message", "");
            return switch (answer.getString("error", "")) {
                case "" -> answer.getString("result", "");
                case "unavailable" -> throw new Switchboard.Unavailable(text);
                case "refused" -> throw new Switchboard.Refused(text);
                default -> throw new IllegalStateException(text);
            };
        });
    }

    /**
     * The expected wait in {@code queue} of {@code server}, asked of the node that follows it (this
     * node follows no Asterisk): the IVR offers a callback on it. Within a second, else unknown.
     */
    public CompletableFuture<Duration> expectedWait(String server, String queue) {
        return requests.ask(WAITS + server, new JsonObject().put("queue", queue), Duration.ofSeconds(1))
                .thenApply(answer -> Duration.ofSeconds(answer.getLong("seconds", 0L)));
    }

    /**
     * Takes the commands for {@code server} from other nodes, and their questions of its queues'
     * expected waits ({@code waits}: on this node's bridge), while this node follows it.
     */
    public void serve(String server, BiFunction<AmiBridge, String, java.util.concurrent.CompletionStage<Duration>> waits) {
        requests.answer(WAITS + server, question -> following.bridge(server).map(bridge -> waits.apply(bridge, question.getString("queue"))
                .toCompletableFuture().thenApply(wait -> new JsonObject().put("seconds", wait.toSeconds()))).orElse(null));
        requests.answer(CHANNEL + server, question -> {
            var bridge = following.bridge(server);
            if (bridge.isEmpty()) {
                return null; // stopped following it just now: the node that follows it now answers, or the asker's wait runs out
            }
            CompletableFuture<String> done;
            try {
                done = runner.apply(bridge.get(), PbxCommandCodec.decode(question));
            } catch (RuntimeException e) {
                done = CompletableFuture.failedFuture(e);
            }
            return done.handle((result, e) -> {
                Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                return switch (cause) {
                    case null -> new JsonObject().put("result", result);
                    case Switchboard.Unavailable u -> new JsonObject().put("error", "unavailable").put("message", u.getMessage());
                    case Switchboard.Refused r -> new JsonObject().put("error", "refused").put("message", r.getMessage());
                    default -> new JsonObject().put("error", "failed").put("message", String.valueOf(cause.getMessage()));
                };
            });
        });
    }

    /** No longer takes the commands for {@code server} (this node stopped following it). */
    public void stopServing(String server) {
        requests.stopAnswering(CHANNEL + server);
        requests.stopAnswering(WAITS + server);
    }
}
