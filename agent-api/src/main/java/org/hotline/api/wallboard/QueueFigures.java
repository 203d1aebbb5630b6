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
 * abandoned, service level, average speed of answer, average handle time. Both periods are
 * counted as outcomes come and (for the window) as they fall out of it, never recounted.
 */
final class QueueFigures {

    private final String queue;
    private final ServiceLevel serviceLevel;
    private final Duration window;
    private org.hotline.desk.reports.QueueTargets targets;
    private final java.time.ZoneId zone;
    private final Map<String, Instant> waiting = new LinkedHashMap<>();
    /** The calls counted as offered today (a caller found queued after a restart is not offered twice). */
    private final java.util.Set<String> offeredToday = new java.util.HashSet<>();
    private Counts today = new Counts();
    /** Today hour by hour (the hour of the day in the hotline's zone). */
    private Counts[] hours = newHours();
    private final Counts last = new Counts();
    private final Deque<Outcome> recent = new ArrayDeque<>();

    private enum Kind { OFFERED, ANSWERED, ABANDONED, COMPLETED }

    /** {@code seconds}: the wait of an answered or abandoned call, the talk of a completed one. */
    private record Outcome(Instant at, Kind kind, double seconds) {
    }

    private Counts[] newHours() {
        Counts[] fresh = new Counts[24];
        for (int h = 0; h < 24; h++) {
            fresh[h] = new Counts();
        }
        return fresh;
    }

    /** Counters over a period; an outcome can be added and, when it leaves the window, taken away. */
    final class Counts {
        long offered;
        long answered;
        long abandoned;
        long answeredWithin;
        long abandonedWithin;
        double answerWaitSeconds;
        long handled;
        double talkSeconds;

        void count(Outcome o, int sign) {
            boolean within = o.seconds() <= serviceLevel.threshold().toSeconds();
            switch (o.kind()) {
                case OFFERED -> offered += sign;
                case ANSWERED -> {
                    answered += sign;
                    answerWaitSeconds += sign * o.seconds();
                    answeredWithin += within ? sign : 0;
                }
                case ABANDONED -> {
                    abandoned += sign;
                    abandonedWithin += within ? sign : 0;
                }
                case COMPLETED -> {
                    handled += sign;
                    talkSeconds += sign * o.seconds();
                }
            }
        }

        JsonObject toJson() {
            return new JsonObject()
                    .put("offered", offered)
                    .put("answered", answered)
                    .put("abandoned", abandoned)
                    .put("serviceLevelPercent", serviceLevel.percent(answeredWithin, answered, abandoned, abandonedWithin))
                    .put("averageSpeedOfAnswerSeconds", answered == 0 ? null : Math.round(10 * answerWaitSeconds / answered) / 10.0)
                    .put("averageHandleSeconds", handled == 0 ? null : Math.round(10 * talkSeconds / handled) / 10.0);
        }
    }

    QueueFigures(String queue, ServiceLevel serviceLevel, Duration window, org.hotline.desk.reports.QueueTargets targets,
                 java.time.ZoneId zone) {
        this.queue = queue;
        this.serviceLevel = serviceLevel;
        this.window = window;
        this.targets = targets;
        this.zone = zone;
    }

    /** New targets and name (the threshold stays: today was counted with it); whether they differ from those shown. */
    boolean retarget(org.hotline.desk.reports.QueueTargets changed) {
        var kept = new org.hotline.desk.reports.QueueTargets(changed.displayName(), targets.serviceLevel(),
                changed.serviceLevelTargetPercent(), changed.waitingWarn(), changed.waitingAlarm(), changed.longestWaitWarn(),
                changed.longestWaitAlarm());
        boolean differs = !kept.equals(targets);
        targets = kept;
        return differs;
    }

    void joined(String linkedid, Instant at) {
        if (waiting.putIfAbsent(linkedid, at) == null && offeredToday.add(linkedid)) {
            record(new Outcome(at, Kind.OFFERED, 0));
        }
    }

    /**
     * A caller found queued when the link to Asterisk was taken up (after a restart of this node):
     * waiting since they joined; offered once, today's replay may have counted them already.
     */
    void takenOver(String linkedid, Instant queuedAt) {
        waiting.put(linkedid, queuedAt);
        if (offeredToday.add(linkedid)) {
            record(new Outcome(queuedAt, Kind.OFFERED, 0));
        }
    }

    /**
     * Nobody is known to wait any more: after the day so far is replayed from the database, whose
     * calls without an end may have ended unseen; those really queued are told again at takeover.
     */
    void forgetWaiting() {
        waiting.clear();
    }

    /** Hour {@code hour} of today. */
    Counts hour(int hour) {
        return hours[hour];
    }

    void answered(String linkedid, Instant at, double waitSeconds) {
        if (waiting.remove(linkedid) != null) {
            record(new Outcome(at, Kind.ANSWERED, waitSeconds));
        }
    }

    void abandoned(String linkedid, Instant at, double waitSeconds) {
        if (waiting.remove(linkedid) != null) {
            record(new Outcome(at, Kind.ABANDONED, waitSeconds));
        }
    }

    void completed(Instant at, double talkSeconds) {
        record(new Outcome(at, Kind.COMPLETED, talkSeconds));
    }

    /** A call gone without an answer or abandon event (the link was down): no longer waiting. */
    void gone(String linkedid) {
        waiting.remove(linkedid);
    }

    private void record(Outcome outcome) {
        today.count(outcome, 1);
        hours[outcome.at().atZone(zone).getHour()].count(outcome, 1);
        last.count(outcome, 1);
        recent.addLast(outcome);
    }

    /** Whether this call was counted here today, and is not known to be over: its later events may be counted still. */
    boolean countedAndOpen(String linkedid) {
        return waiting.containsKey(linkedid);
    }

    /** Whether this call was counted here today. */
    boolean counted(String linkedid) {
        return offeredToday.contains(linkedid);
    }

    /** Starts a new day's counters. */
    void newDay() {
        today = new Counts();
        hours = newHours();
        offeredToday.retainAll(waiting.keySet());
    }

    JsonObject toJson(Instant now) {
        Instant from = now.minus(window);
        while (!recent.isEmpty() && recent.getFirst().at().isBefore(from)) {
            last.count(recent.removeFirst(), -1);
        }
        Instant oldest = waiting.values().stream().min(Instant::compareTo).orElse(null);
        return new JsonObject()
                .put("queue", queue)
                .put("name", targets.displayName())
                .put("serviceLevelSeconds", serviceLevel.threshold().toSeconds())
                .put("targets", new JsonObject().put("serviceLevelPercent", targets.serviceLevelTargetPercent())
                        .put("waitingWarn", targets.waitingWarn()).put("waitingAlarm", targets.waitingAlarm())
                        .put("longestWaitWarnSeconds", targets.longestWaitWarn().toSeconds())
                        .put("longestWaitAlarmSeconds", targets.longestWaitAlarm().toSeconds()))
                .put("windowMinutes", window.toMinutes())
                .put("waiting", waiting.size())
                .put("oldestWaitingSince", oldest == null ? null : oldest.toString())
                .put("longestWaitSeconds", oldest == null ? 0 : Duration.between(oldest, now).toSeconds())
                .put("today", today.toJson())
                .put("last" + window.toMinutes() + "Minutes", last.toJson());
    }
}
