package org.hotline.api.wallboard;

import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One queue's live figures, kept up to date event by event: the callers waiting now (and since
 * when), and for today (from the day's start) and the last {@code window}: offered, answered,
 * abandoned, service level, average speed of answer, average handle time.
 */
final class QueueFigures {

    private final String queue;
    private final ServiceLevel serviceLevel;
    private final Duration window;
    private final Map<String, Instant> waiting = new LinkedHashMap<>();
    private Counts today = new Counts();
    private final Deque<Outcome> recent = new ArrayDeque<>();

    private record Outcome(Instant at, boolean answered, double waitSeconds, double talkSeconds, boolean offered) {
    }

    /** Counters over a period. */
    private static final class Counts {
        long offered;
        long answered;
        long abandoned;
        long answeredWithin;
        long abandonedWithin;
        double answerWaitSeconds;
        long handled;
        double talkSeconds;

        void add(Outcome o, Duration threshold) {
            if (o.offered()) {
                offered++;
                return;
            }
            if (o.talkSeconds() > 0) {
                handled++;
                talkSeconds += o.talkSeconds();
                return;
            }
            boolean within = o.waitSeconds() <= threshold.toSeconds();
            if (o.answered()) {
                answered++;
                answerWaitSeconds += o.waitSeconds();
                answeredWithin += within ? 1 : 0;
            } else {
                abandoned++;
                abandonedWithin += within ? 1 : 0;
            }
        }
    }

    QueueFigures(String queue, ServiceLevel serviceLevel, Duration window) {
        this.queue = queue;
        this.serviceLevel = serviceLevel;
        this.window = window;
    }

    void joined(String linkedid, Instant at) {
        if (waiting.putIfAbsent(linkedid, at) == null) {
            record(new Outcome(at, false, 0, 0, true));
        }
    }

    void answered(String linkedid, Instant at, double waitSeconds) {
        if (waiting.remove(linkedid) != null) {
            record(new Outcome(at, true, waitSeconds, 0, false));
        }
    }

    void abandoned(String linkedid, Instant at, double waitSeconds) {
        if (waiting.remove(linkedid) != null) {
            record(new Outcome(at, false, waitSeconds, 0, false));
        }
    }

    void completed(Instant at, double talkSeconds) {
        record(new Outcome(at, false, 0, Math.max(talkSeconds, 0.001), false));
    }

    /** A call gone without an answer or abandon event (the link was down): no longer waiting. */
    void gone(String linkedid) {
        waiting.remove(linkedid);
    }

    private void record(Outcome outcome) {
        today.add(outcome, serviceLevel.threshold());
        recent.addLast(outcome);
    }

    /** Starts a new day's counters. */
    void newDay() {
        today = new Counts();
    }

    JsonObject toJson(Instant now) {
        Instant from = now.minus(window);
        while (!recent.isEmpty() && recent.getFirst().at().isBefore(from)) {
            recent.removeFirst();
        }
        Counts last = new Counts();
        recent.forEach(o -> last.add(o, serviceLevel.threshold()));
        Instant oldest = waiting.values().stream().min(Instant::compareTo).orElse(null);
        return new JsonObject()
                .put("queue", queue)
                .put("waiting", waiting.size())
                .put("oldestWaitingSince", oldest == null ? null : oldest.toString())
                .put("longestWaitSeconds", oldest == null ? 0 : Duration.between(oldest, now).toSeconds())
                .put("today", counts(today))
                .put("last" + window.toMinutes() + "Minutes", counts(last));
    }

    private JsonObject counts(Counts c) {
        return new JsonObject()
                .put("offered", c.offered)
                .put("answered", c.answered)
                .put("abandoned", c.abandoned)
                .put("serviceLevelPercent", serviceLevel.percent(c.answeredWithin, c.answered, c.abandoned, c.abandonedWithin))
                .put("averageSpeedOfAnswerSeconds", c.answered == 0 ? null : Math.round(10 * c.answerWaitSeconds / c.answered) / 10.0)
                .put("averageHandleSeconds", c.handled == 0 ? null : Math.round(10 * c.talkSeconds / c.handled) / 10.0);
    }
}
