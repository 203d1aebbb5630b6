package org.hotline.desk.sla;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SLA clocks of one record, driven by the record's events: an event starts the clocks of
 * the milestones it starts, and stops, pauses or resumes the running ones. When the record is
 * closed or cancelled ({@link #RECORD_CLOSED}) every clock still running or paused ends,
 * neither met nor missed: nothing is due any more on finished work.
 */
public final class RecordClocks {

    /** The event raised when a record is closed or cancelled. */
    public static final String RECORD_CLOSED = "record_closed";

    /** What an event did to one clock. */
    public record Change(String milestoneCode, Kind kind, SlaClock clock) {
        /** ENDED: the record closed first (state cancelled): left out of met and missed alike. */
        public enum Kind { STARTED, PAUSED, RESUMED, MET, MISSED, ENDED }
    }

    private final Map<String, SlaPolicies.Applicable> milestones;
    private final Map<String, SlaClock> clocks = new LinkedHashMap<>();

    public RecordClocks(Map<String, SlaPolicies.Applicable> milestones, Map<String, SlaClock> existing) {
        this.milestones = Map.copyOf(milestones);
        this.clocks.putAll(existing);
    }

    /** Applies a record event; returns what it changed, in milestone order. */
    public List<Change> on(String event, Instant at) {
        List<Change> changes = new ArrayList<>();
        if (event.equals(RECORD_CLOSED)) {
            for (SlaClock clock : clocks.values()) {
                if (clock.isActive()) {
                    clock.cancel(at);
                    changes.add(new Change(clock.milestone().code(), Change.Kind.ENDED, clock));
                }
            }
            return changes;
        }
        for (SlaClock clock : clocks.values()) {
            Milestone m = clock.milestone();
            if (!clock.isActive()) {
                continue;
            }
            if (m.stopEvent().equals(event)) {
                SlaClock.State outcome = clock.stop(at);
                changes.add(new Change(m.code(), outcome == SlaClock.State.MET ? Change.Kind.MET : Change.Kind.MISSED, clock));
            } else if (clock.state() == SlaClock.State.RUNNING && m.pauseEvents().contains(event)) {
                clock.pause(at);
                changes.add(new Change(m.code(), Change.Kind.PAUSED, clock));
            } else if (clock.state() == SlaClock.State.PAUSED && m.resumeEvents().contains(event)) {
                clock.resume(at);
                changes.add(new Change(m.code(), Change.Kind.RESUMED, clock));
            }
        }
        for (SlaPolicies.Applicable applicable : milestones.values()) {
            Milestone m = applicable.milestone();
            if (m.startEvent().equals(event) && !clocks.containsKey(m.code())) {
                SlaClock clock = SlaClock.start(m, applicable.calendar(), at);
                clocks.put(m.code(), clock);
                changes.add(new Change(m.code(), Change.Kind.STARTED, clock));
            }
        }
        return changes;
    }

    public Map<String, SlaClock> clocks() {
        return Map.copyOf(clocks);
    }

    public SlaClock clock(String milestoneCode) {
        SlaClock clock = clocks.get(milestoneCode);
        if (clock == null) {
            throw new IllegalArgumentException("no " + milestoneCode + " clock has started");
        }
        return clock;
    }
}
