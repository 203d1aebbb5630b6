package org.hotline.api.wallboard;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.hotline.events.AgentState;
import org.hotline.events.AgentStateChanged;
import org.hotline.events.CallEvent;
import org.hotline.events.DeskEvent;
import org.hotline.events.HotlineEvent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The supervisors' wallboard, computed incrementally from the call and agent events (no
 * database query per viewer or per update): queues with their figures, agents by state with
 * the time they entered it. {@link #apply} returns the parts an event changed, to send to every
 * viewer as deltas; {@link #snapshot} is what a new viewer gets first.
 */
public final class Wallboard {

    private final ServiceLevel serviceLevel;
    private final Duration window;
    private final ZoneId zone;
    private final LocalTime dayStartsAt;
    private final Clock clock;
    private final Map<String, QueueFigures> queues = new TreeMap<>();
    private final Map<String, JsonObject> agents = new TreeMap<>();
    private final Map<String, String> queueOfCall = new java.util.HashMap<>();
    private final WorkFigures work;
    /** Each queue's own service-level threshold (the queue table); the configured one for queues not in it. */
    private final Map<String, Duration> thresholds = new java.util.HashMap<>();
    private LocalDate day;

    /** {@code callbacksOnTime}: a callback done within this long after it fell due is on time (callbacks.on-time). */
    public Wallboard(ServiceLevel serviceLevel, Duration window, ZoneId zone, LocalTime dayStartsAt, Duration callbacksOnTime, Clock clock) {
        this.serviceLevel = serviceLevel;
        this.work = new WorkFigures(callbacksOnTime);
        this.window = window;
        this.zone = zone;
        this.dayStartsAt = dayStartsAt;
        this.clock = clock;
        this.day = businessDay(clock.instant());
    }

    /** The queues' own service-level thresholds (queue.service_level_seconds), before any call is counted. */
    public synchronized void serviceLevels(Map<String, Duration> byQueue) {
        thresholds.putAll(byQueue);
    }

    /** The open work the database holds when the node starts: pending callbacks by due time, clocks (record:milestone) at risk and breached. */
    public synchronized void load(Map<Long, Instant> pendingCallbacks, java.util.Set<String> clocksAtRisk,
                                  java.util.Set<String> clocksBreached) {
        work.load(pendingCallbacks, clocksAtRisk, clocksBreached);
    }

    /**
     * The day so far, from the database, when the node starts: the day's queue calls replayed as
     * their events, and the callbacks finished today (a restarted node shows the whole day).
     */
    public synchronized void loadToday(org.jooq.DSLContext db) {
        Instant dayStart = day.atTime(dayStartsAt).atZone(zone).toInstant();
        org.hotline.desk.reports.DaySoFar.callEvents(db, dayStart).forEach(this::apply);
        var callbacks = org.hotline.desk.reports.DaySoFar.callbacksDone(db, dayStart, clock.instant(), work.onTime());
        work.loadToday(callbacks.done(), callbacks.doneOnTime(), callbacks.failed());
    }

    /** Takes one event (a call's, an agent's, the desk's); returns the changed parts as delta messages. */
    public synchronized List<JsonObject> apply(HotlineEvent event) {
        Instant now = clock.instant();
        rollDay(now);
        Instant at = event.at();
        List<JsonObject> changed = new ArrayList<>();
        switch (event) {
            case CallEvent.QueueJoined joined -> {
                queueOfCall.put(joined.linkedid(), joined.queue());
                changed.add(queue(joined.queue(), q -> q.joined(joined.linkedid(), at), now));
            }
            // found queued at a resync (this node was not listening when they joined): its queue is known, not a new offer
            case CallEvent.QueueTakenOver takenOver -> queueOfCall.put(takenOver.linkedid(), takenOver.queue());
            case CallEvent.Answered answered -> changed.add(queue(queueOf(answered.linkedid(), answered.queue()),
                    q -> q.answered(answered.linkedid(), at, answered.waitSeconds()), now));
            case CallEvent.Abandoned abandoned -> changed.add(queue(queueOf(abandoned.linkedid(), abandoned.queue()),
                    q -> q.abandoned(abandoned.linkedid(), at, abandoned.waitSeconds()), now));
            case CallEvent.AgentCompleted completed -> {
                String queue = queueOfCall.get(completed.linkedid());
                if (queue != null) {
                    changed.add(queue(queue, q -> q.completed(at, completed.talkSeconds()), now));
                }
            }
            case CallEvent.Ended ended -> {
                String queue = queueOfCall.remove(ended.linkedid());
                if (queue != null) {
                    changed.add(queue(queue, q -> q.gone(ended.linkedid()), now));
                }
            }
            case CallEvent other -> { }
            case AgentStateChanged change -> {
                JsonObject agent = new JsonObject().put("interface", change.agentInterface())
                        .put("name", change.memberName()).put("state", change.to().wireName())
                        .put("reason", change.reason()).put("since", at.toString());
                if (change.to() == AgentState.LOGGED_OUT) {
                    agents.remove(change.agentInterface());
                } else {
                    agents.put(change.agentInterface(), agent);
                }
                changed.add(new JsonObject().put("type", "agent").put("agent", agent));
            }
            case DeskEvent desk -> {
                if (work.apply(desk)) {
                    changed.add(new JsonObject().put("type", "work").put("work", work.toJson(now)));
                }
                // pushed live to the supervisors: who must act, on which record, and what became of it
                String escalation = switch (desk.type()) {
                    case RECORD_ESCALATED -> "escalated";
                    case ESCALATION_ACKNOWLEDGED -> "acknowledged";
                    case ESCALATION_RESOLVED -> "resolved";
                    default -> null;
                };
                if (escalation != null) {
                    changed.add(new JsonObject().put("type", "escalation").put("change", escalation).put("recordId", desk.aggregateId())
                            .put("at", at.toString()).put("escalation", new JsonObject(desk.payload())));
                }
            }
        }
        return changed;
    }

    public synchronized JsonObject snapshot() {
        Instant now = clock.instant();
        rollDay(now);
        JsonArray queueList = new JsonArray();
        queues.values().forEach(q -> queueList.add(q.toJson(now)));
        Map<String, Long> byState = new TreeMap<>();
        agents.values().forEach(a -> byState.merge(a.getString("state"), 1L, Long::sum));
        return new JsonObject().put("type", "snapshot").put("at", now.toString()).put("day", day.toString())
                .put("serviceLevelSeconds", serviceLevel.threshold().toSeconds())
                .put("queues", queueList)
                .put("agents", new JsonArray(new ArrayList<>(agents.values())))
                .put("agentsByState", new JsonObject(new java.util.LinkedHashMap<>(byState)))
                .put("work", work.toJson(now));
    }

    private String queueOf(String linkedid, String queue) {
        return Optional.ofNullable(queue).filter(q -> !q.isEmpty()).orElse(queueOfCall.getOrDefault(linkedid, ""));
    }

    private JsonObject queue(String name, java.util.function.Consumer<QueueFigures> change, Instant now) {
        QueueFigures figures = queues.computeIfAbsent(name, n -> new QueueFigures(n,
                thresholds.containsKey(n) ? serviceLevel.withThreshold(thresholds.get(n)) : serviceLevel, window));
        change.accept(figures);
        return new JsonObject().put("type", "queue").put("queue", figures.toJson(now));
    }

    private void rollDay(Instant now) {
        LocalDate current = businessDay(now);
        if (!current.equals(day)) {
            day = current;
            queues.values().forEach(QueueFigures::newDay);
            work.newDay();
        }
    }

    private LocalDate businessDay(Instant instant) {
        var local = instant.atZone(zone);
        return local.toLocalTime().isBefore(dayStartsAt) ? local.toLocalDate().minusDays(1) : local.toLocalDate();
    }
}
