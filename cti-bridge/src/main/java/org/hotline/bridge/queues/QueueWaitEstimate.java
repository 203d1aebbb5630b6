package org.hotline.bridge.queues;

import org.hotline.bridge.AmiBridge;
import org.hotline.bridge.ami.wire.AmiMessage;
import org.hotline.ivr.services.QueueWaits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The expected wait in a queue, from Asterisk's own QueueSummary: no wait when an agent is free
 * and nobody waits; otherwise the callers ahead plus this one, each taking the queue's average
 * talk time (or {@code handleTime} while Asterisk has none yet), shared by the agents logged in,
 * and never less than the queue's average hold time. Asked of this node's bridge when it
 * follows an Asterisk, else {@code elsewhere} (the node that follows it). Unknown (no PBX link,
 * no answer): zero, so a caller is queued rather than pushed to a callback on a guess.
 */
public final class QueueWaitEstimate implements QueueWaits {

    private static final Logger log = LoggerFactory.getLogger(QueueWaitEstimate.class);

    private final Supplier<List<AmiBridge>> bridges;
    private final Duration handleTime;
    private final java.util.function.Function<String, CompletionStage<Duration>> elsewhere;

    public QueueWaitEstimate(Supplier<List<AmiBridge>> bridges, Duration handleTime) {
        this(bridges, handleTime, queue -> CompletableFuture.completedFuture(Duration.ZERO));
    }

    /** @param elsewhere the expected wait asked of the node that follows the Asterisk, when this node follows none */
    public QueueWaitEstimate(Supplier<List<AmiBridge>> bridges, Duration handleTime,
                             java.util.function.Function<String, CompletionStage<Duration>> elsewhere) {
        this.bridges = bridges;
        this.handleTime = handleTime;
        this.elsewhere = elsewhere;
    }

    @Override
    public CompletionStage<Duration> expectedWait(String queue) {
        AmiBridge bridge = bridges.get().stream().filter(b -> b.state() == AmiBridge.State.SYNCED).findFirst().orElse(null);
        if (bridge == null) {
            return bridges.get().isEmpty() ? elsewhere.apply(queue).exceptionally(e -> Duration.ZERO)
                    : CompletableFuture.completedFuture(Duration.ZERO);
        }
        return on(bridge, queue);
    }

    /** The expected wait in {@code queue} as {@code bridge}'s Asterisk tells it (zero when it does not). */
    public CompletionStage<Duration> on(AmiBridge bridge, String queue) {
        return bridge.client().sendForList(AmiMessage.action("QueueSummary").add("Queue", queue))
                .thenApply(result -> result.events().stream().filter(e -> e.getOrEmpty("Event").equals("QueueSummary")
                                && e.getOrEmpty("Queue").equals(queue)).findFirst().map(this::estimate).orElse(Duration.ZERO))
                .exceptionally(e -> {
                    log.warn("expected wait in queue {} unknown: {}", queue, e.getMessage());
                    return Duration.ZERO;
                });
    }

    Duration estimate(AmiMessage summary) {
        int loggedIn = number(summary, "LoggedIn");
        int available = number(summary, "Available");
        int callers = number(summary, "Callers");
        long holdTime = number(summary, "HoldTime");
        long talkTime = number(summary, "TalkTime");
        if (available > callers) {
            return Duration.ZERO;
        }
        long perCaller = talkTime > 0 ? talkTime : handleTime.toSeconds();
        long shared = (callers + 1L) * perCaller / Math.max(1, loggedIn);
        return Duration.ofSeconds(Math.max(holdTime, shared));
    }

    private static int number(AmiMessage message, String header) {
        try {
            return Integer.parseInt(message.getOrEmpty(header).trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
