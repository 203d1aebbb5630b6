package org.hotline.api.wallboard;

import org.hotline.events.DeskEvent;

import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The wallboard's work still to do: callbacks pending (due in the next quarter hour, overdue)
 * and done today (on time: answered within {@code onTime} of falling due), and records whose SLA
 * clocks are at risk or breached. Loaded once when the node starts, then kept up by the domain
 * events (callback.*, sla.*).
 */
final class WorkFigures {

    private static final Duration SOON = Duration.ofMinutes(15);

    private final Duration onTime;
    private final DueTimes pending = new DueTimes(SOON);
    private final Set<String> atRisk = new HashSet<>();
    private final Set<String> breached = new HashSet<>();
    private long doneToday;
    private long doneOnTimeToday;
    private long failedToday;

    WorkFigures(Duration onTime) {
        this.onTime = onTime;
    }

    /** What the database says when the node starts. */
    void load(Map<Long, Instant> pendingCallbacks, Set<String> clocksAtRisk, Set<String> clocksBreached) {
        pendingCallbacks.forEach(pending::put);
        atRisk.addAll(clocksAtRisk);
        breached.addAll(clocksBreached);
        atRisk.removeAll(breached);
    }

    /** Applies a desk event; true when the figures changed. */
    boolean apply(DeskEvent event) {
        long aggregateId = event.aggregateId();
        Instant at = event.at();
        Optional<Instant> due = event.instant("dueAt");
        String clock = aggregateId + ":" + event.text("milestone");
        switch (event.type()) {
            case CALLBACK_SCHEDULED, CALLBACK_DUE, CALLBACK_RESCHEDULED -> due.ifPresent(d -> pending.put(aggregateId, d));
            case CALLBACK_MERGED -> due.ifPresent(d -> {
                Instant before = pending.get(aggregateId);
                pending.put(aggregateId, before != null && before.isBefore(d) ? before : d);
            });
            case CALLBACK_RETRY_SCHEDULED -> event.instant("retryAt").ifPresent(d -> pending.put(aggregateId, d));
            case CALLBACK_COMPLETED -> {
                Instant fellDue = pending.remove(aggregateId);
                doneToday++;
                if (fellDue != null && !at.isAfter(fellDue.plus(onTime))) {
                    doneOnTimeToday++;
                }
            }
            case CALLBACK_CANCELLED -> pending.remove(aggregateId);
            case CALLBACK_FAILED, CALLBACK_EXPIRED -> {
                pending.remove(aggregateId);
                failedToday++;
            }
            case SLA_AT_RISK -> {
                if (!breached.contains(clock)) {
                    atRisk.add(clock);
                }
            }
            case SLA_BREACHED -> {
                atRisk.remove(clock);
                breached.add(clock);
            }
            case SLA_MET, SLA_MISSED, SLA_ENDED -> {
                atRisk.remove(clock);
                breached.remove(clock);
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** The callbacks finished earlier today (read when the node starts). */
    void loadToday(long done, long doneOnTime, long failed) {
        doneToday = done;
        doneOnTimeToday = doneOnTime;
        failedToday = failed;
    }

    Duration onTime() {
        return onTime;
    }

    void newDay() {
        doneToday = 0;
        doneOnTimeToday = 0;
        failedToday = 0;
    }

    JsonObject toJson(Instant now) {
        long overdue = pending.overdue(now);
        long soon = pending.dueSoon(now);
        return new JsonObject()
                .put("callbacks", new JsonObject().put("pending", pending.size()).put("dueNext15Minutes", soon).put("overdue", overdue)
                        .put("doneToday", doneToday).put("doneOnTimeToday", doneOnTimeToday).put("failedToday", failedToday))
                .put("slaClocks", new JsonObject().put("atRisk", atRisk.size()).put("breached", breached.size())
                        .put("recordsAtRisk", atRisk.stream().map(c -> c.substring(0, c.indexOf(':'))).distinct().count())
                        .put("recordsBreached", breached.stream().map(c -> c.substring(0, c.indexOf(':'))).distinct().count()));
    }
}
