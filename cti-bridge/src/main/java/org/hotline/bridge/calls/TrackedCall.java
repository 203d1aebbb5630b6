package org.hotline.bridge.calls;

import org.hotline.events.CallDirection;
import org.hotline.events.CallEvent;
import org.hotline.events.CallOutcome;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** What the tracker knows of one call so far: its channels, and what its events told. */
final class TrackedCall {

    final String linkedid;
    final Instant firstSeen;
    final Set<String> liveChannels = new LinkedHashSet<>();
    final Set<String> hungUpChannels = new LinkedHashSet<>();
    final Set<Class<? extends CallEvent>> emitted = new java.util.HashSet<>();
    final Map<String, String> variables = new HashMap<>();
    String callerNumber;
    String callerName;
    String queue;
    Instant queuedAt;
    Instant answeredAt;
    boolean answered;
    boolean abandoned;
    boolean completed;
    boolean connected; // two parties met in a bridge (a call that never queued, such as a callback)
    Instant connectedAt;
    Integer lastCause;
    String lastCauseText;
    Instant allChannelsGoneAt;
    boolean inIvr;            // AGI commands seen and not yet in a queue
    String ivrUniqueid;       // the channel that ran AGI (the IVR, or the virtual-hold flow from the queue); null: none
    Instant onHoldSince;
    java.time.Duration onHold = java.time.Duration.ZERO;
    String transferredTo;

    TrackedCall(String linkedid, Instant firstSeen) {
        this.linkedid = linkedid;
        this.firstSeen = firstSeen;
    }

    /** A channel takes part in the call, unless its Hangup already came (events may come out of order). */
    void channelSeen(String uniqueid) {
        if (!uniqueid.isEmpty() && !hungUpChannels.contains(uniqueid)) {
            liveChannels.add(uniqueid);
        }
    }

    void channelGone(String uniqueid, java.time.Instant at) {
        hungUpChannels.add(uniqueid);
        liveChannels.remove(uniqueid);
        if (liveChannels.isEmpty()) {
            allChannelsGoneAt = at;
        }
    }

    boolean isOver() {
        return liveChannels.isEmpty() && allChannelsGoneAt != null;
    }

    /**
     * How the call ended: answered; else a callback the caller booked (in the IVR, or leaving the
     * queue for virtual hold: the IVR set {@code HOTLINE_CALLBACK_ID}); else given up in the queue;
     * else hung up in the IVR.
     */
    private boolean hasCallback() {
        return !variables.getOrDefault("HOTLINE_CALLBACK_ID", "").isEmpty();
    }

    /** Hotline's own callback call (its Originate sets the callback on the call; the IVR never ran on it). */
    boolean isHotlinesCallback() {
        return ivrUniqueid == null && hasCallback();
    }

    CallOutcome outcome() {
        if (transferredTo != null && !answered) {
            return CallOutcome.TRANSFERRED;
        }
        if (answered || (queue == null && connected)) {
            return CallOutcome.ANSWERED;
        }
        if (ivrUniqueid != null && hasCallback()) {
            return CallOutcome.CALLBACK_REQUESTED;
        }
        if (abandoned || queue != null) {
            return CallOutcome.ABANDONED;
        }
        return CallOutcome.IVR_HANGUP;
    }

    CallDirection direction() {
        return isHotlinesCallback() ? CallDirection.CALLBACK : CallDirection.INBOUND;
    }
}
