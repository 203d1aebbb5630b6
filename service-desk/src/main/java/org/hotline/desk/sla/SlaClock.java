package org.hotline.desk.sla;

import org.hotline.desk.calendar.BusinessCalendar;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The clock of one milestone on one record. It keeps the time the milestone allows (its budget,
 * on its clock) and what is left of it; while running, the deadline is "what is left, counted
 * from when it last started running". Pausing keeps what is left; resuming counts it down again.
 * It also keeps how long it stood paused (in calendar and in working time), so that an extension
 * onto another kind of clock can be counted from the start without the pauses.
 */
public final class SlaClock {

    /** CANCELLED: ended because the record was closed or cancelled before the milestone was met. */
    public enum State {
        RUNNING, PAUSED, MET, MISSED, CANCELLED;

        /** The state as {@code sla_clock.state} holds it. */
        public String dbName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Milestone milestone;
    private final BusinessCalendar calendar;
    private final Instant startedAt;
    private Optional<String> extension;
    private Duration budget;
    private Duration remaining;
    private Instant runningSince;
    private Duration pausedCalendarTime;
    private Duration pausedWorkingTime;
    private Instant pausedAt;
    private State state;
    private Instant stoppedAt;

    private SlaClock(Milestone milestone, BusinessCalendar calendar, Snapshot s) {
        this.milestone = milestone;
        this.calendar = calendar;
        this.startedAt = s.startedAt();
        this.extension = s.extension();
        this.budget = s.budget();
        this.remaining = s.remaining();
        this.runningSince = s.runningSince();
        this.pausedCalendarTime = s.pausedCalendarTime();
        this.pausedWorkingTime = s.pausedWorkingTime();
        this.pausedAt = s.pausedAt();
        this.state = s.state();
        this.stoppedAt = s.stoppedAt();
    }

    /** Starts a clock for {@code milestone} at {@code at}. */
    public static SlaClock start(Milestone milestone, BusinessCalendar calendar, Instant at) {
        Duration budget = milestone.allowance().budget(calendar, at);
        return new SlaClock(milestone, calendar, new Snapshot(milestone.code(), State.RUNNING, at, Optional.empty(), budget,
                budget, at, Duration.ZERO, Duration.ZERO, null, null, null, null, null));
    }

    /** A clock as it was stored. */
    public static SlaClock restore(Milestone milestone, BusinessCalendar calendar, Snapshot snapshot) {
        return new SlaClock(milestone, calendar, snapshot);
    }

    /** What is stored of a clock; {@code deadline}, {@code atRiskAt} and {@code breachAt} are derived, kept for queries. */
    public record Snapshot(String milestoneCode, State state, Instant startedAt, Optional<String> extension, Duration budget,
                           Duration remaining, Instant runningSince, Duration pausedCalendarTime, Duration pausedWorkingTime,
                           Instant pausedAt, Instant stoppedAt, Instant deadline, Instant atRiskAt, Instant breachAt) {
    }

    public Snapshot snapshot() {
        boolean running = state == State.RUNNING;
        return new Snapshot(milestone.code(), state, startedAt, extension, budget, remaining, runningSince, pausedCalendarTime,
                pausedWorkingTime, pausedAt, stoppedAt, running ? deadline() : null, running ? atRiskAt() : null,
                running ? breachAt() : null);
    }

    /**
     * The first instant the milestone is late, if nothing stops the clock: one millisecond of the
     * clock's own time past the deadline. Met exactly at the deadline is met; a working-hours clock
     * that runs out at closing time is late only when the office opens again. Only while running.
     */
    public Instant breachAt() {
        requireRunning();
        return remaining.isNegative() ? runningSince : kind().advance(calendar, runningSince, remaining.plusMillis(1));
    }

    /** When the milestone is breached if nothing stops the clock; only while running. */
    public Instant deadline() {
        requireRunning();
        return remaining.isNegative() ? runningSince.plus(remaining) : kind().advance(calendar, runningSince, remaining);
    }

    /** When the time used reaches the milestone's at-risk share (to the millisecond); only while running. */
    public Instant atRiskAt() {
        requireRunning();
        Duration atRiskUse = Duration.ofMillis(Math.round(budget.toMillis() * milestone.atRiskShare()));
        Duration untilAtRisk = remaining.minus(budget.minus(atRiskUse));
        return untilAtRisk.isNegative() ? runningSince : kind().advance(calendar, runningSince, untilAtRisk);
    }

    public void pause(Instant at) {
        requireRunning();
        remaining = remaining.minus(kind().measure(calendar, runningSince, at));
        pausedAt = at;
        state = State.PAUSED;
    }

    public void resume(Instant at) {
        if (state != State.PAUSED) {
            throw new IllegalStateException(milestone.code() + " is " + state + ", not paused");
        }
        pausedCalendarTime = pausedCalendarTime.plus(ClockKind.CALENDAR.measure(calendar, pausedAt, at));
        pausedWorkingTime = pausedWorkingTime.plus(ClockKind.WORKING.measure(calendar, pausedAt, at));
        pausedAt = null;
        runningSince = at;
        state = State.RUNNING;
    }

    /** Stops the clock: met if the milestone was reached in time, missed if not. */
    public State stop(Instant at) {
        if (state == State.RUNNING) {
            remaining = remaining.minus(kind().measure(calendar, runningSince, at));
        } else if (state != State.PAUSED) {
            throw new IllegalStateException(milestone.code() + " is already " + state);
        }
        state = remaining.isNegative() ? State.MISSED : State.MET;
        stoppedAt = at;
        return state;
    }

    /** Ends the clock unmet and unmissed (its record closed first); the time it had left is kept. */
    public void cancel(Instant at) {
        if (state == State.RUNNING) {
            remaining = remaining.minus(kind().measure(calendar, runningSince, at));
        }
        state = State.CANCELLED;
        stoppedAt = at;
    }

    /**
     * Grants, at {@code at}, the longer allowance named {@code extension} (agreed with the
     * customer): counted on its own clock from the clock's start, less the time paused.
     */
    public void extend(String name, Instant at) {
        Allowance longer = milestone.extensions().get(name);
        if (longer == null) {
            throw new IllegalArgumentException(milestone.code() + " has no extension '" + name + "' (it has "
                    + String.join(", ", milestone.extensions().keySet()) + ")");
        }
        if (!isActive()) {
            throw new IllegalStateException(milestone.code() + " is " + state + "; only a running or paused clock can be extended");
        }
        Instant usedUntil = state == State.PAUSED ? pausedAt : at;
        ClockKind kind = longer.clock();
        Duration paused = kind == ClockKind.CALENDAR ? pausedCalendarTime : pausedWorkingTime;
        Duration used = kind.measure(calendar, startedAt, usedUntil).minus(paused);
        extension = Optional.of(name);
        budget = longer.budget(calendar, startedAt);
        remaining = budget.minus(used);
        if (state == State.RUNNING) {
            runningSince = at;
        }
    }

    public Milestone milestone() {
        return milestone;
    }

    public State state() {
        return state;
    }

    public boolean isActive() {
        return state == State.RUNNING || state == State.PAUSED;
    }

    /** The clock counting now: the milestone's, or its extension's once extended. */
    private ClockKind kind() {
        return extension.map(name -> milestone.extensions().get(name).clock()).orElse(milestone.allowance().clock());
    }

    private void requireRunning() {
        if (state != State.RUNNING) {
            throw new IllegalStateException(milestone.code() + " is " + state + ", not running");
        }
    }
}
