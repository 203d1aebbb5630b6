package org.hotline.bridge.calls;

import org.hotline.bridge.ami.wire.AmiMessage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Follows every call of one Asterisk server from its AMI events, keyed by Linkedid, and emits
 * normalized {@link CallEvent}s, each at most once per call. Events may come in any order: an
 * event about a channel not seen yet opens the call; a Hangup before AgentComplete holds the
 * call's end until the AgentComplete arrives (or {@link #sweep} gives up waiting). Not thread
 * safe: feed it from one thread (the AMI client's event thread).
 */
public final class CallTracker {

    /** How long a call whose channels are all gone waits for a late AgentComplete. */
    static final Duration LATE_EVENT_GRACE = Duration.ofSeconds(5);
    private static final String UNKNOWN = "<unknown>";

    private final String server;
    private final Clock clock;
    private final Consumer<CallEvent> out;
    private final Map<String, TrackedCall> calls = new LinkedHashMap<>();
    private final Map<String, String> linkedidOfChannel = new HashMap<>();
    /** Calls ended lately, so that late events about them do not open them again. */
    private final Map<String, Boolean> ended = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > 10_000;
        }
    };

    public CallTracker(String server, Clock clock, Consumer<CallEvent> out) {
        this.server = server;
        this.clock = clock;
        this.out = out;
    }

    public void on(AmiMessage event) {
        String name = event.eventName().orElse("");
        Optional<TrackedCall> maybe = callOf(event);
        if (maybe.isEmpty()) {
            return;
        }
        TrackedCall call = maybe.get();
        Instant now = clock.instant();
        takeVariables(call, event);
        switch (name) {
            case "Newchannel" -> call.channelSeen(event.getOrEmpty("Uniqueid"));
            case "OriginateResponse" -> caller(call, event);
            case "AGIExecStart", "AGIExecEnd" -> {
                caller(call, event);
                call.inIvr = true;
                if (call.ivrUniqueid == null) {
                    call.ivrUniqueid = event.getOrEmpty("Uniqueid");
                }
                emit(call, CallEvent.Type.IVR_ENTERED, now, Map.of("callerNumber", orEmpty(call.callerNumber),
                        "callerName", orEmpty(call.callerName)));
            }
            case "MusicOnHoldStart" -> {
                if (call.answered && call.onHoldSince == null) {
                    call.onHoldSince = now;
                }
            }
            case "MusicOnHoldStop" -> {
                if (call.onHoldSince != null) {
                    call.onHold = call.onHold.plus(Duration.between(call.onHoldSince, now));
                    call.onHoldSince = null;
                }
            }
            case "BlindTransfer", "AttendedTransfer" -> {
                call.transferredTo = event.get("Extension").or(() -> event.get("TransferTargetChannel")).orElse("");
                emitAgain(call, CallEvent.Type.TRANSFERRED, now, Map.of(
                        "kind", name.equals("BlindTransfer") ? "blind" : "attended",
                        "extension", event.getOrEmpty("Extension"), "context", event.getOrEmpty("Context"),
                        "result", event.getOrEmpty("Result")));
            }
            case "QueueCallerJoin" -> {
                caller(call, event);
                call.queue = event.getOrEmpty("Queue");
                if (call.queuedAt == null) {
                    // a caller sent back by the queue's exit context joins again: one caller, waiting since the first join
                    call.queuedAt = now;
                }
                if (call.inIvr) {
                    call.inIvr = false;
                    emit(call, CallEvent.Type.IVR_LEFT, now, Map.of("queue", call.queue));
                }
                emit(call, CallEvent.Type.QUEUE_JOINED, now, Map.of("queue", call.queue,
                        "position", intOf(event, "Position"), "callerNumber", orEmpty(call.callerNumber),
                        "callerName", orEmpty(call.callerName), "variables", Map.copyOf(call.variables)));
            }
            case "AgentCalled" -> {
                caller(call, event);
                emitAgain(call, CallEvent.Type.AGENT_RINGING, now, Map.of("agentInterface", event.getOrEmpty("Interface"),
                        "memberName", event.getOrEmpty("MemberName"), "queue", event.getOrEmpty("Queue"),
                        "callerNumber", orEmpty(call.callerNumber), "callerName", orEmpty(call.callerName),
                        "agentChannel", event.getOrEmpty("DestChannel"), "variables", Map.copyOf(call.variables)));
                call.channelSeen(event.getOrEmpty("DestUniqueid"));
            }
            case "AgentRingNoAnswer" -> emitAgain(call, CallEvent.Type.AGENT_RING_NO_ANSWER, now, Map.of(
                    "agentInterface", event.getOrEmpty("Interface"), "memberName", event.getOrEmpty("MemberName"),
                    "ringMillis", intOf(event, "RingTime")));
            case "AgentConnect" -> {
                call.answered = true;
                call.answeredAt = now;
                emit(call, CallEvent.Type.ANSWERED, now, Map.of("agentInterface", event.getOrEmpty("Interface"),
                        "memberName", event.getOrEmpty("MemberName"), "queue", event.getOrEmpty("Queue"),
                        "holdSeconds", intOf(event, "HoldTime"), "ringSeconds", intOf(event, "RingTime"),
                        "waitSeconds", waitSeconds(call, now, event)));
            }
            case "QueueCallerAbandon" -> {
                call.abandoned = true;
                emit(call, CallEvent.Type.ABANDONED, now, Map.of("queue", event.getOrEmpty("Queue"),
                        "holdSeconds", intOf(event, "HoldTime"), "position", intOf(event, "Position"),
                        "waitSeconds", waitSeconds(call, now, event)));
            }
            case "AgentComplete" -> {
                call.answered = true;
                call.completed = true;
                emit(call, CallEvent.Type.AGENT_COMPLETED, now, Map.of("agentInterface", event.getOrEmpty("Interface"),
                        "memberName", event.getOrEmpty("MemberName"), "talkSeconds", intOf(event, "TalkTime"),
                        "holdSeconds", intOf(event, "HoldTime"), "reason", event.getOrEmpty("Reason")));
            }
            case "BridgeEnter" -> {
                if (intOf(event, "BridgeNumChannels") >= 2) {
                    call.connected = true;
                    if (call.connectedAt == null) {
                        call.connectedAt = now;
                    }
                }
            }
            case "Hangup" -> {
                caller(call, event);
                call.channelGone(event.getOrEmpty("Uniqueid"), now);
                linkedidOfChannel.remove(event.getOrEmpty("Uniqueid"));
                call.lastCause = intOf(event, "Cause");
                call.lastCauseText = event.getOrEmpty("Cause-txt");
            }
            default -> { }
        }
        endIfOver(call, false);
    }

    /** Ends calls whose channels are all gone but whose late events never came. Call now and then. */
    public void sweep() {
        Instant now = clock.instant();
        for (TrackedCall call : List.copyOf(calls.values())) {
            if (call.isOver() && Duration.between(call.allChannelsGoneAt, now).compareTo(LATE_EVENT_GRACE) >= 0) {
                endIfOver(call, true);
            }
        }
    }

    /**
     * Takes over the calls in progress after a (re)connect, from the answers to CoreShowChannels
     * and QueueStatus: what they say happened already is not announced again; what follows is.
     */
    public void adopt(List<AmiMessage> channels, List<AmiMessage> queueEntries) {
        Instant now = clock.instant();
        Map<String, Instant> startedAt = new HashMap<>();
        for (AmiMessage channel : channels) {
            String linkedid = channel.getOrEmpty("Linkedid");
            String uniqueid = channel.getOrEmpty("Uniqueid");
            if (linkedid.isEmpty() || ended.containsKey(linkedid)) {
                continue;
            }
            TrackedCall call = calls.computeIfAbsent(linkedid, id -> new TrackedCall(id, now));
            call.emitted.add(CallEvent.Type.OFFERED);
            call.channelSeen(uniqueid);
            linkedidOfChannel.put(uniqueid, linkedid);
            caller(call, channel);
            takeVariables(call, channel);
            // the call began when its oldest channel did (CoreShowChannel's Duration, HH:MM:SS)
            Instant began = now.minusSeconds(hms(channel.getOrEmpty("Duration")));
            startedAt.merge(linkedid, began, (a, b) -> a.isBefore(b) ? a : b);
            boolean bridged = !channel.getOrEmpty("BridgeId").isEmpty();
            if (bridged) {
                call.connected = true;
                if (channel.getOrEmpty("Application").equals("Queue")) { // the caller talks to an agent
                    call.answered = true;
                    call.emitted.add(CallEvent.Type.ANSWERED);
                }
            }
        }
        for (AmiMessage entry : queueEntries) {
            String linkedid = linkedidOfChannel.get(entry.getOrEmpty("Uniqueid"));
            TrackedCall call = linkedid == null ? null : calls.get(linkedid);
            if (call != null) {
                boolean known = call.emitted.contains(CallEvent.Type.QUEUE_JOINED); // joined while this tracker listened
                call.queue = entry.getOrEmpty("Queue");
                call.queuedAt = now.minusSeconds(intOf(entry, "Wait"));
                call.emitted.add(CallEvent.Type.QUEUE_JOINED);
                caller(call, entry);
                if (!known) {
                    Map<String, Object> details = new LinkedHashMap<>();
                    details.put("queue", call.queue);
                    details.put("position", intOf(entry, "Position"));
                    details.put("callerNumber", orEmpty(call.callerNumber));
                    details.put("callerName", orEmpty(call.callerName));
                    details.put("waitSeconds", (double) intOf(entry, "Wait"));
                    details.put("queuedAt", call.queuedAt.toString());
                    details.put("offeredAt", startedAt.getOrDefault(linkedid, call.queuedAt).toString());
                    details.put("variables", Map.copyOf(call.variables));
                    emit(call, CallEvent.Type.QUEUE_TAKEN_OVER, now, details);
                }
            }
        }
    }

    /** Calls in progress now, by Linkedid. */
    public int activeCalls() {
        return calls.size();
    }

    /** Forgets every call (after a reconnect, before the resync rebuilds them). */
    public void reset() {
        calls.clear();
        linkedidOfChannel.clear();
        ended.clear();
    }

    /**
     * After a reconnect: the calls known before that Asterisk no longer has ended while nobody
     * was listening. Each gets its ENDED (outcome as far as known, else {@code unknown}), so no
     * call is left open; then everything is forgotten for the resync to rebuild.
     */
    public void reset(java.util.Set<String> stillActive) {
        Instant now = clock.instant();
        for (TrackedCall call : List.copyOf(calls.values())) {
            if (!stillActive.contains(call.linkedid) && !call.emitted.contains(CallEvent.Type.ENDED)) {
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("outcome", call.answered || call.abandoned || call.queue != null ? call.outcome() : "unknown");
                details.put("cause", 0);
                details.put("causeText", "ended while the link to Asterisk was down");
                details.put("callerNumber", orEmpty(call.callerNumber));
                if (call.queue != null) {
                    details.put("queue", call.queue);
                }
                emit(call, CallEvent.Type.ENDED, now, details);
            }
        }
        reset();
    }

    private Optional<TrackedCall> callOf(AmiMessage event) {
        String uniqueid = event.get("Uniqueid").or(() -> event.get("TransfererUniqueid")).orElse("");
        String linkedid = event.get("Linkedid").or(() -> event.get("TransfererLinkedid")).filter(s -> !s.isEmpty())
                .orElseGet(() -> linkedidOfChannel.get(uniqueid));
        if (linkedid == null) {
            return Optional.empty(); // not about a call (QueueMemberStatus, FullyBooted, ...)
        }
        if (!uniqueid.isEmpty() && !event.eventName().orElse("").equals("Hangup")) {
            linkedidOfChannel.put(uniqueid, linkedid);
        }
        event.get("DestUniqueid").ifPresent(dest -> linkedidOfChannel.put(dest, event.get("DestLinkedid").orElse(linkedid)));
        if (ended.containsKey(linkedid)) {
            return Optional.empty(); // a straggler after the call ended
        }
        TrackedCall call = calls.get(linkedid);
        if (call == null) {
            Instant now = clock.instant();
            call = new TrackedCall(linkedid, now);
            calls.put(linkedid, call);
            emit(call, CallEvent.Type.OFFERED, now, Map.of());
        }
        if (!event.eventName().orElse("").equals("Hangup")) {
            call.channelSeen(uniqueid);
        }
        return Optional.of(call);
    }

    private void endIfOver(TrackedCall call, boolean gaveUpWaiting) {
        if (!call.isOver() || call.emitted.contains(CallEvent.Type.ENDED)) {
            return;
        }
        boolean waitingForAgentComplete = call.answered && !call.completed;
        if (waitingForAgentComplete && !gaveUpWaiting) {
            return;
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("outcome", call.outcome());
        details.put("cause", call.lastCause == null ? 0 : call.lastCause);
        details.put("causeText", orEmpty(call.lastCauseText));
        details.put("callerNumber", orEmpty(call.callerNumber));
        details.put("variables", Map.copyOf(call.variables));
        if (call.ivrUniqueid != null) {
            details.put("ivrUniqueid", call.ivrUniqueid); // the channel that ran the IVR: its ivr_session
        }
        if (call.isHotlinesCallback()) {
            details.put("direction", "callback");
        }
        if (call.queue == null && call.connectedAt != null && !call.completed) { // a call with no queue (a callback): its talk
            details.put("connectedAt", call.connectedAt.toString());
            details.put("talkSeconds", Duration.between(call.connectedAt, clock.instant()).toMillis() / 1000.0);
        }
        Duration onHold = call.onHoldSince == null ? call.onHold : call.onHold.plus(Duration.between(call.onHoldSince, clock.instant()));
        details.put("onHoldSeconds", onHold.toMillis() / 1000.0);
        if (call.queue != null) {
            details.put("queue", call.queue);
        }
        if (call.transferredTo != null) {
            details.put("transferredTo", call.transferredTo);
        }
        emit(call, CallEvent.Type.ENDED, clock.instant(), details);
        calls.remove(call.linkedid);
        ended.put(call.linkedid, Boolean.TRUE);
    }

    private void emit(TrackedCall call, CallEvent.Type type, Instant at, Map<String, Object> details) {
        if (call.emitted.add(type)) {
            out.accept(new CallEvent(type, 1, server, call.linkedid, at, details));
        }
    }

    /** For what may happen more than once in a call: an agent rung, then another. */
    private void emitAgain(TrackedCall call, CallEvent.Type type, Instant at, Map<String, Object> details) {
        call.emitted.add(type);
        out.accept(new CallEvent(type, 1, server, call.linkedid, at, details));
    }

    private static void caller(TrackedCall call, AmiMessage event) {
        String number = event.getOrEmpty("CallerIDNum");
        if (call.callerNumber == null && !number.isEmpty() && !number.equals(UNKNOWN)) {
            call.callerNumber = number;
            String name = event.getOrEmpty("CallerIDName");
            call.callerName = name.equals(UNKNOWN) ? "" : name;
        }
    }

    /** Channel variables the dialplan exported with the event ({@code ChanVariable: NAME=value}). */
    private static Map<String, String> variables(AmiMessage event) {
        Map<String, String> variables = new LinkedHashMap<>();
        for (String pair : event.all("ChanVariable")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                variables.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return variables;
    }

    /**
     * The wait measured from the join as seen here, to the millisecond; Asterisk's HoldTime
     * (whole seconds) when the join was not seen live (before a reconnect, or a replay).
     */
    private static double waitSeconds(TrackedCall call, Instant now, AmiMessage event) {
        int holdTime = intOf(event, "HoldTime");
        double measured = call.queuedAt == null ? -1 : Duration.between(call.queuedAt, now).toMillis() / 1000.0;
        return measured >= holdTime - 1 ? measured : holdTime;
    }

    /**
     * The channel variables manager.conf's channelvars export with the event: what the IVR set
     * (record, session, callback). The other half of a Local channel reports them empty, which does
     * not unset them.
     */
    private static void takeVariables(TrackedCall call, AmiMessage event) {
        variables(event).forEach((variable, value) -> {
            if (!value.isEmpty()) {
                call.variables.put(variable, value);
            }
        });
    }

    /** {@code 01:02:03} as seconds; 0 when it is not that. */
    private static long hms(String text) {
        String[] parts = text.trim().split(":");
        if (parts.length != 3) {
            return 0;
        }
        try {
            return Long.parseLong(parts[0]) * 3600 + Long.parseLong(parts[1]) * 60 + Long.parseLong(parts[2]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int intOf(AmiMessage event, String name) {
        try {
            return Integer.parseInt(event.getOrEmpty(name).trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

}
