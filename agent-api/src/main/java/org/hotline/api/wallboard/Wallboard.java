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
    /** Each queue's name, service-level threshold and targets (the queue table); the configured threshold for queues not in it. */
    private final Map<String, org.hotline.desk.reports.QueueTargets> targets = new java.util.HashMap<>();
    /** The agents' display names by device (the agent table); Asterisk's member name for a device not in it. */
    private final Map<String, String> names = new java.util.HashMap<>();
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

    /**
     * The queues' names, service-level thresholds and targets (the queue table): before any call is
     * counted, and again when they change. Returns the deltas of the queues shown whose targets or
     * name changed (a service-level threshold changed applies from the next start: today was counted with the old one).
     */
    public synchronized List<JsonObject> queues(Map<String, org.hotline.desk.reports.QueueTargets> byQueue) {
        targets.putAll(byQueue);
        Instant now = clock.instant();
        List<JsonObject> changed = new ArrayList<>();
        byQueue.forEach((name, known) -> {
            QueueFigures figures = queues.get(name);
            if (figures != null && figures.retarget(known)) {
                changed.add(new JsonObject().put("type", "queue").put("queue", figures.toJson(now)));
            }
        });
        return changed;
    }

    /** Whether the agent table's name of this device is known (else Asterisk's member name is shown). */
    public synchronized boolean knowsName(String device) {
        return names.containsKey(device);
    }

    /** The agents' display names by device; returns the agent messages of those whose name changed. */
    public synchronized List<JsonObject> agentNames(Map<String, String> byDevice) {
        List<JsonObject> changed = new ArrayList<>();
        byDevice.forEach((device, name) -> {
            if (!name.equals(names.put(device, name)) && agents.containsKey(device)) {
                changed.add(new JsonObject().put("type", "agent").put("agent", agents.get(device).put("name", name)));
            }
        });
        return changed;
    }

    /** The open work the database holds when the node starts: pending callbacks by due time, clocks (record:milestone) at risk and breached. */
    public synchronized void load(Map<Long, Instant> pendingCallbacks, java.util.Set<org.hotline.desk.reports.OpenWork.Clock> clocksAtRisk,
                                  java.util.Set<org.hotline.desk.reports.OpenWork.Clock> clocksBreached) {
        work.load(pendingCallbacks, clocksAtRisk, clocksBreached);
    }

    /**
     * The day so far, from the database, when the node starts: the day's queue calls replayed as
     * their events, and the callbacks finished today (a restarted node shows the whole day).
     */
    public synchronized void loadToday(org.jooq.DSLContext db) {
        Instant dayStart = day.atTime(dayStartsAt).atZone(zone).toInstant();
        org.hotline.desk.reports.DaySoFar.callEvents(db, dayStart).forEach(this::apply);
        // a call the database has as not ended may have ended unseen: those still queued are found at takeover
        queues.values().forEach(QueueFigures::forgetWaiting);
        var callbacks = org.hotline.desk.reports.DaySoFar.callbacksDone(db, dayStart, clock.instant(), work.onTime());
        work.loadToday(callbacks.done(), callbacks.doneOnTime(), callbacks.failed());
    }

    /**
     * Catches up with the day as the database has it, after this node may have missed call events
     * (its link to the other nodes, Redis, was lost): a call it never counted is counted from its
     * row, and one it counted as waiting gets the answer, abandon and end its row tells; the calls
     * it counted whole, or that only its events told (not yet written), stay as they are. The
     * callbacks done and failed today are the database's. Returns the new snapshot; when the
     * database cannot be read, nothing changes (and it throws).
     */
    public JsonObject catchUpToday(org.jooq.DSLContext db) {
        LocalDate today;
        synchronized (this) {
            rollDay(clock.instant());
            today = day;
        }
        Instant dayStart = today.atTime(dayStartsAt).atZone(zone).toInstant();
        var calls = org.hotline.desk.reports.DaySoFar.callEvents(db, dayStart); // read first: a failure leaves the figures as they are
        var callbacks = org.hotline.desk.reports.DaySoFar.callbacksDone(db, dayStart, clock.instant(), work.onTime());
        synchronized (this) {
            java.util.Set<String> missed = new java.util.HashSet<>();
            for (CallEvent event : calls) {
                if (event instanceof CallEvent.QueueJoined joined && queues.values().stream()
                        .noneMatch(q -> q.counted(joined.linkedid()) && !q.countedAndOpen(joined.linkedid()))) {
                    missed.add(joined.linkedid());
                }
            }
            calls.stream().filter(e -> missed.contains(e.linkedid())).forEach(this::apply);
            work.loadToday(callbacks.done(), callbacks.doneOnTime(), callbacks.failed());
            return snapshot();
        }
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
                queue(joined.queue(), q -> q.joined(joined.linkedid(), at), now).ifPresent(changed::add);
            }
            // found queued at a resync (this node was not listening when they joined): its queue is known, not a new offer
            case CallEvent.QueueTakenOver takenOver -> {
                queueOfCall.put(takenOver.linkedid(), takenOver.queue());
                Instant since = takenOver.queuedAt() != null ? takenOver.queuedAt() : at;
                queue(takenOver.queue(), q -> q.takenOver(takenOver.linkedid(), since), now).ifPresent(changed::add);
            }
            case CallEvent.Answered answered -> queue(queueOf(answered.linkedid(), answered.queue()),
                    q -> q.answered(answered.linkedid(), at, answered.waitSeconds()), now).ifPresent(changed::add);
            case CallEvent.Abandoned abandoned -> queue(queueOf(abandoned.linkedid(), abandoned.queue()),
                    q -> q.abandoned(abandoned.linkedid(), at, abandoned.waitSeconds()), now).ifPresent(changed::add);
            case CallEvent.AgentCompleted completed -> {
                String queue = queueOfCall.get(completed.linkedid());
                if (queue != null) {
                    queue(queue, q -> q.completed(at, completed.talkSeconds()), now).ifPresent(changed::add);
                }
            }
            case CallEvent.Ended ended -> {
                String queue = queueOfCall.remove(ended.linkedid());
                if (queue != null) {
                    queue(queue, q -> q.gone(ended.linkedid()), now).ifPresent(changed::add);
                }
            }
            case CallEvent other -> { }
            case AgentStateChanged change -> {
                JsonObject agent = new JsonObject().put("interface", change.agentInterface())
                        .put("name", names.getOrDefault(change.agentInterface(), change.memberName())).put("state", change.to().wireName())
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
        // a call counted (offered, answered, abandoned: its queue changed) moves today's hour-by-hour chart too
        // only the hour it fell in: a taken-over call counts as offered when it joined
        Instant counted = switch (event) {
            case CallEvent.QueueTakenOver takenOver -> takenOver.queuedAt() != null ? takenOver.queuedAt() : at;
            case CallEvent.QueueJoined joined -> at;
            case CallEvent.Answered answered -> at;
            case CallEvent.Abandoned abandoned -> at;
            default -> null;
        };
        if (counted != null && !changed.isEmpty()) {
            changed.add(new JsonObject().put("type", "hours").put("hours", new JsonArray().add(hour(counted.atZone(zone).getHour()))));
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
                .put("hours", hours())
                .put("work", work.toJson(now));
    }

    /** Today hour by hour, every queue together: offered, answered, abandoned and the service level. */
    public synchronized JsonArray hours() {
        JsonArray hours = new JsonArray();
        for (int h = 0; h < 24; h++) {
            hours.add(hour(h));
        }
        return hours;
    }

    /** Hour {@code h} of today (0-23 in the hotline's zone), every queue together. */
    private JsonObject hour(int h) {
        long offered = 0, answered = 0, abandoned = 0, answeredWithin = 0, abandonedWithin = 0;
        for (QueueFigures q : queues.values()) {
            QueueFigures.Counts c = q.hour(h);
            offered += c.offered;
            answered += c.answered;
            abandoned += c.abandoned;
            answeredWithin += c.answeredWithin;
            abandonedWithin += c.abandonedWithin;
        }
        return new JsonObject().put("hour", h).put("offered", offered).put("answered", answered).put("abandoned", abandoned)
                .put("serviceLevelPercent", serviceLevel.percent(answeredWithin, answered, abandoned, abandonedWithin));
    }

    private String queueOf(String linkedid, String queue) {
        return Optional.ofNullable(queue).filter(q -> !q.isEmpty()).orElse(queueOfCall.getOrDefault(linkedid, ""));
    }

    /** The queue's figures changed by {@code change}, as a delta; none for a call whose queue is not known (no nameless row). */
    private Optional<JsonObject> queue(String name, java.util.function.Consumer<QueueFigures> change, Instant now) {
        if (name == null || name.isEmpty()) {
            return Optional.empty();
        }
        QueueFigures figures = queues.computeIfAbsent(name, n -> {
            var known = targets.getOrDefault(n, org.hotline.desk.reports.QueueTargets.defaults(n, serviceLevel.threshold()));
            return new QueueFigures(n, serviceLevel.withThreshold(known.serviceLevel()), window, known, zone);
        });
        change.accept(figures);
        return Optional.of(new JsonObject().put("type", "queue").put("queue", figures.toJson(now)));
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
