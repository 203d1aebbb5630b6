package org.hotline.api.wallboard;

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

    /** Applies a domain event; true when the figures changed. */
    boolean apply(String type, long aggregateId, JsonObject payload, Instant at) {
        Optional<Instant> due = Optional.ofNullable(payload.getString("dueAt")).map(Instant::parse);
        String clock = aggregateId + ":" + payload.getString("milestone", "");
        switch (type) {
            case "callback.scheduled", "callback.due", "callback.rescheduled" -> due.ifPresent(d -> pending.put(aggregateId, d));
            case "callback.merged" -> due.ifPresent(d -> {
                Instant before = pending.get(aggregateId);
                pending.put(aggregateId, before != null && before.isBefore(d) ? before : d);
            });
            case "callback.retry_scheduled" -> Optional.ofNullable(payload.getString("retryAt")).map(Instant::parse)
                    .ifPresent(d -> pending.put(aggregateId, d));
            case "callback.completed" -> {
                Instant fellDue = pending.remove(aggregateId);
                doneToday++;
                if (fellDue != null && !at.isAfter(fellDue.plus(onTime))) {
                    doneOnTimeToday++;
                }
            }
            case "callback.cancelled" -> pending.remove(aggregateId);
            case "callback.failed", "callback.expired" -> {
                pending.remove(aggregateId);
                failedToday++;
            }
            case "sla.at_risk" -> {
                if (!breached.contains(clock)) {
                    atRisk.add(clock);
                }
            }
            case "sla.breached" -> {
                atRisk.remove(clock);
                breached.add(clock);
            }
            case "sla.met", "sla.missed" -> {
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
