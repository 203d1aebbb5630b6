package org.hotline.api.wallboard;

import org.hotline.desk.reports.OpenWork;
import org.hotline.events.DeskEvent;

import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.time.Instant;
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
    private final RecordClocks atRisk = new RecordClocks();
    private final RecordClocks breached = new RecordClocks();
    private long doneToday;
    private long doneOnTimeToday;
    private long failedToday;

    WorkFigures(Duration onTime) {
        this.onTime = onTime;
    }

    /** What the database says when the node starts. */
    void load(Map<Long, Instant> pendingCallbacks, Set<OpenWork.Clock> clocksAtRisk, Set<OpenWork.Clock> clocksBreached) {
        pendingCallbacks.forEach(pending::put);
        clocksBreached.forEach(clock -> breached.add(clock.recordId(), clock.milestone()));
        clocksAtRisk.stream().filter(clock -> !clocksBreached.contains(clock)).forEach(clock -> atRisk.add(clock.recordId(), clock.milestone()));
    }

    /** Applies a desk event; true when the figures changed. */
    boolean apply(DeskEvent event) {
        long aggregateId = event.aggregateId();
        Instant at = event.at();
        Optional<Instant> due = event.instant("dueAt");
        String milestone = event.text("milestone");
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
                if (!breached.contains(aggregateId, milestone)) {
                    atRisk.add(aggregateId, milestone);
                }
            }
            case SLA_BREACHED -> {
                atRisk.remove(aggregateId, milestone);
                breached.add(aggregateId, milestone);
            }
            case SLA_MET, SLA_MISSED, SLA_ENDED -> {
                atRisk.remove(aggregateId, milestone);
                breached.remove(aggregateId, milestone);
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
                .put("slaClocks", new JsonObject().put("atRisk", atRisk.clocks()).put("breached", breached.clocks())
                        .put("recordsAtRisk", atRisk.records()).put("recordsBreached", breached.records()));
    }
}
