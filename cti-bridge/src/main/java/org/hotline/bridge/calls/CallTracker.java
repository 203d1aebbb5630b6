package org.hotline.bridge.calls;

import org.hotline.bridge.ami.wire.AmiMessage;
import org.hotline.events.CallEvent;
import org.hotline.events.CallOutcome;

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
        String name = event.getOrEmpty("Event");
        Optional<TrackedCall> maybe = callOf(event, name);
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
                emit(call, new CallEvent.IvrEntered(server, call.linkedid, now, orEmpty(call.callerNumber), orEmpty(call.callerName)));
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
                emitAgain(call, new CallEvent.Transferred(server, call.linkedid, now, name.equals("BlindTransfer") ? "blind" : "attended",
                        event.getOrEmpty("Extension"), event.getOrEmpty("Context"), event.getOrEmpty("Result")));
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
                    emit(call, new CallEvent.IvrLeft(server, call.linkedid, now, call.queue));
                }
                emit(call, new CallEvent.QueueJoined(server, call.linkedid, now, call.queue, intOf(event, "Position"),
                        orEmpty(call.callerNumber), orEmpty(call.callerName), call.variables));
            }
            case "AgentCalled" -> {
                caller(call, event);
                emitAgain(call, new CallEvent.AgentRinging(server, call.linkedid, now, event.getOrEmpty("Interface"),
                        event.getOrEmpty("MemberName"), event.getOrEmpty("Queue"), orEmpty(call.callerNumber), orEmpty(call.callerName),
                        event.getOrEmpty("DestChannel"), call.variables));
                call.channelSeen(event.getOrEmpty("DestUniqueid"));
            }
            case "AgentRingNoAnswer" -> emitAgain(call, new CallEvent.AgentRingNoAnswer(server, call.linkedid, now,
                    event.getOrEmpty("Interface"), event.getOrEmpty("MemberName"), intOf(event, "RingTime")));
            case "AgentConnect" -> {
                call.answered = true;
                call.answeredAt = now;
                emit(call, new CallEvent.Answered(server, call.linkedid, now, event.getOrEmpty("Interface"),
                        event.getOrEmpty("MemberName"), event.getOrEmpty("Queue"), intOf(event, "HoldTime"), intOf(event, "RingTime"),
                        waitSeconds(call, now, event)));
            }
            case "QueueCallerAbandon" -> {
                call.abandoned = true;
                emit(call, new CallEvent.Abandoned(server, call.linkedid, now, event.getOrEmpty("Queue"), intOf(event, "HoldTime"),
                        intOf(event, "Position"), waitSeconds(call, now, event)));
            }
            case "AgentComplete" -> {
                call.answered = true;
                call.completed = true;
                emit(call, new CallEvent.AgentCompleted(server, call.linkedid, now, event.getOrEmpty("Interface"),
                        event.getOrEmpty("MemberName"), intOf(event, "TalkTime"), intOf(event, "HoldTime"), event.getOrEmpty("Reason")));
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
            call.emitted.add(CallEvent.Offered.class);
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
                    call.emitted.add(CallEvent.Answered.class);
                }
            }
        }
        for (AmiMessage entry : queueEntries) {
            String linkedid = linkedidOfChannel.get(entry.getOrEmpty("Uniqueid"));
            TrackedCall call = linkedid == null ? null : calls.get(linkedid);
            if (call != null) {
                boolean known = call.emitted.contains(CallEvent.QueueJoined.class); // joined while this tracker listened
                call.queue = entry.getOrEmpty("Queue");
                call.queuedAt = now.minusSeconds(intOf(entry, "Wait"));
                call.emitted.add(CallEvent.QueueJoined.class);
                caller(call, entry);
                if (!known) {
                    emit(call, new CallEvent.QueueTakenOver(server, linkedid, now, call.queue, intOf(entry, "Position"),
                            orEmpty(call.callerNumber), orEmpty(call.callerName), intOf(entry, "Wait"), call.queuedAt,
                            startedAt.getOrDefault(linkedid, call.queuedAt), call.variables));
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
            if (!stillActive.contains(call.linkedid) && !call.emitted.contains(CallEvent.Ended.class)) {
                CallOutcome outcome = call.answered || call.abandoned || call.queue != null ? call.outcome() : CallOutcome.UNKNOWN;
                emit(call, new CallEvent.Ended(server, call.linkedid, now, outcome, call.direction(), 0,
                        "ended while the link to Asterisk was down", orEmpty(call.callerNumber), call.queue, Map.of(), null, null, null,
                        0.0, null));
            }
        }
        reset();
    }

    private Optional<TrackedCall> callOf(AmiMessage event, String name) {
        String uniqueid = event.get("Uniqueid").or(() -> event.get("TransfererUniqueid")).orElse("");
        String linkedid = event.get("Linkedid").or(() -> event.get("TransfererLinkedid")).filter(s -> !s.isEmpty())
                .orElseGet(() -> linkedidOfChannel.get(uniqueid));
        if (linkedid == null) {
            return Optional.empty(); // not about a call (QueueMemberStatus, FullyBooted, ...)
        }
        if (!uniqueid.isEmpty() && !name.equals("Hangup")) {
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
            emit(call, new CallEvent.Offered(server, linkedid, now));
        }
        if (!name.equals("Hangup")) {
            call.channelSeen(uniqueid);
        }
        return Optional.of(call);
    }

    private void endIfOver(TrackedCall call, boolean gaveUpWaiting) {
        if (!call.isOver() || call.emitted.contains(CallEvent.Ended.class)) {
            return;
        }
        boolean waitingForAgentComplete = call.answered && !call.completed;
        if (waitingForAgentComplete && !gaveUpWaiting) {
            return;
        }
        Instant now = clock.instant();
        // a call with no queue (a callback): its talk from the bridge to the end
        boolean talkFromBridge = call.queue == null && call.connectedAt != null && !call.completed;
        Duration onHold = call.onHoldSince == null ? call.onHold : call.onHold.plus(Duration.between(call.onHoldSince, now));
        emit(call, new CallEvent.Ended(server, call.linkedid, now, call.outcome(), call.direction(),
                call.lastCause == null ? 0 : call.lastCause, orEmpty(call.lastCauseText), orEmpty(call.callerNumber), call.queue,
                call.variables, call.ivrUniqueid, talkFromBridge ? call.connectedAt : null,
                talkFromBridge ? Duration.between(call.connectedAt, now).toMillis() / 1000.0 : null, onHold.toMillis() / 1000.0,
                call.transferredTo));
        calls.remove(call.linkedid);
        ended.put(call.linkedid, Boolean.TRUE);
    }

    /** Emits {@code event} unless one of its kind was emitted for this call already. */
    private void emit(TrackedCall call, CallEvent event) {
        if (call.emitted.add(event.getClass())) {
            out.accept(event);
        }
    }

    /** For what may happen more than once in a call: an agent rung, then another. */
    private void emitAgain(TrackedCall call, CallEvent event) {
        call.emitted.add(event.getClass());
        out.accept(event);
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
        List<String> pairs = event.all("ChanVariable");
        if (pairs.isEmpty()) {
            return Map.of(); // most events: no map to make
        }
        Map<String, String> variables = new LinkedHashMap<>();
        for (String pair : pairs) {
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
