package org.hotline.bridge.agents;

import org.hotline.events.PauseReasons;

import org.hotline.events.AgentStateChanged;
import org.hotline.events.AgentState;
import org.hotline.bridge.ami.wire.AmiMessage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The state of every queue member (agent) of one Asterisk server, from its AMI events:
 * membership (QueueMemberAdded/Removed), pauses with their reason (QueueMemberPause), calls
 * (AgentCalled, AgentRingNoAnswer, AgentConnect, AgentComplete), then a wrap-up of the configured
 * length. A pause with the reason {@link #WRAP_UP_REASON} is wrap-up too: the bridge pauses an
 * agent so for their wrap-up, so that Asterisk does not ring them meanwhile, and an agent may ask
 * for it themselves; an unpause ends a wrap-up. Pauses are kept per queue membership, as
 * Asterisk sends them: a QueueMemberStatus of one queue sent before the pause reached it (stale)
 * says nothing of the others, so it neither ends a wrap-up nor drops the bridge's hold while
 * another queue still shows the wrap-up pause. Reports each change of state once. Not thread
 * safe: feed it from the AMI event thread.
 */
public final class AgentTracker {

    /** The pause reason that means after-call work (wrap-up), not a break. */
    public static final String WRAP_UP_REASON = PauseReasons.WRAP_UP;
    /** The pause reason of an agent held for a callback they were offered (the dialer's, not a break). */
    public static final String CALLBACK_REASON = PauseReasons.CALLBACK;

    private final String server;
    private final Clock clock;
    private final Duration wrapUp;
    private final Consumer<AgentStateChanged> out;
    private final Map<String, Agent> agents = new HashMap<>();
    private final Map<String, Standing> standings = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile java.util.function.BiConsumer<String, Standing> standingChanged = (device, standing) -> { };

    /** @param wrapUp after-call work time before an agent is ready again (zero: none) */
    public AgentTracker(String server, Clock clock, Duration wrapUp, Consumer<AgentStateChanged> out) {
        this.server = server;
        this.clock = clock;
        this.wrapUp = wrapUp;
        this.out = out;
    }

    private enum Call { IDLE, RINGING, TALKING, WRAP_UP }

    /** A member's place in one queue: the reason of its pause there (null: not paused there) and its penalty. */
    private record Seat(String pausedReason, int penalty) {
        boolean paused() {
            return pausedReason != null;
        }
    }

    /** One member as far as the events told. */
    private static final class Agent {
        final String agentInterface;
        String memberName;
        /** The agent's queues, each as Asterisk last said it: the pause there and the penalty. */
        final Map<String, Seat> queues = new java.util.TreeMap<>();
        Call call = Call.IDLE;
        Instant wrapUpEnds;
        /** Paused in Asterisk by the bridge for this wrap-up ({@link #holding}): to unpause when it is over. */
        boolean held;
        /** That pause has been seen (events sent before it, such as a stale QueueMemberStatus, do not end the hold). */
        boolean holdSeen;
        AgentState reported = AgentState.LOGGED_OUT;

        Agent(String agentInterface) {
            this.agentInterface = agentInterface;
        }

        /** Paused in every queue (no queue can ring them). */
        boolean paused() {
            return !queues.isEmpty() && queues.values().stream().allMatch(Seat::paused);
        }

        /** Paused in some queue. */
        boolean pausedAnywhere() {
            return queues.values().stream().anyMatch(Seat::paused);
        }

        /** Some queue still shows the wrap-up pause. */
        boolean wrapUpPauseAnywhere() {
            return queues.values().stream().anyMatch(seat -> WRAP_UP_REASON.equals(seat.pausedReason()));
        }

        /** The reason of the pause: wrap-up when any queue says so, else the first queue's. */
        String pausedReason() {
            return wrapUpPauseAnywhere() ? WRAP_UP_REASON
                    : queues.values().stream().filter(Seat::paused).map(Seat::pausedReason).findFirst().orElse("");
        }

        AgentState state() {
            if (queues.isEmpty()) {
                return AgentState.LOGGED_OUT;
            }
            if (call == Call.TALKING) {
                return AgentState.TALKING;
            }
            if (call == Call.RINGING) {
                return AgentState.RINGING;
            }
            if (paused()) {
                return WRAP_UP_REASON.equals(pausedReason()) ? AgentState.WRAP_UP : AgentState.PAUSED;
            }
            return call == Call.WRAP_UP ? AgentState.WRAP_UP : AgentState.READY;
        }
    }

    public void on(AmiMessage event) {
        String name = event.getOrEmpty("Event");
        String agentInterface = event.get("Interface").orElse("");
        if (agentInterface.isEmpty()) {
            return;
        }
        Agent agent = agents.computeIfAbsent(agentInterface, Agent::new);
        event.get("MemberName").filter(n -> !n.isEmpty()).ifPresent(n -> agent.memberName = n);
        switch (name) {
            case "QueueMemberAdded", "QueueMemberPause", "QueueMemberStatus" -> membership(agent, event.getOrEmpty("Queue"), event);
            case "QueueMemberRemoved" -> agent.queues.remove(event.getOrEmpty("Queue"));
            case "AgentCalled" -> agent.call = Call.RINGING;
            case "AgentRingNoAnswer" -> {
                if (agent.call == Call.RINGING) {
                    agent.call = Call.IDLE;
                }
            }
            case "AgentConnect" -> agent.call = Call.TALKING;
            case "AgentComplete" -> {
                if (wrapUp.isZero()) {
                    agent.call = Call.IDLE;
                } else {
                    agent.call = Call.WRAP_UP;
                    agent.wrapUpEnds = clock.instant().plus(wrapUp);
                }
            }
            default -> { }
        }
        report(agent);
    }

    /**
     * Ends the wrap-ups whose time is up. Call now and then (every second is plenty). Returns the
     * agents still paused for wrap-up whose time is up: theirs to unpause in Asterisk.
     */
    public List<String> tick() {
        Instant now = clock.instant();
        List<String> toUnpause = new java.util.ArrayList<>();
        for (Agent agent : agents.values()) {
            if (agent.call == Call.WRAP_UP && !now.isBefore(agent.wrapUpEnds)) {
                agent.call = Call.IDLE;
                report(agent);
            }
            // the hold's pause may come after the wrap-up time is up: then it is released at the next tick
            if (agent.held && agent.holdSeen && agent.call != Call.WRAP_UP) {
                agent.held = false;
                agent.holdSeen = false;
                toUnpause.add(agent.agentInterface);
            }
        }
        return toUnpause;
    }

    /** The bridge has asked Asterisk to pause the agent for their wrap-up: {@link #tick} releases them when it is over. */
    public void holding(String agentInterface) {
        Agent agent = agents.get(agentInterface);
        if (agent != null) {
            agent.held = true;
            agent.holdSeen = false;
        }
    }

    /**
     * Takes over the members after a (re)connect from QueueStatus's QueueMember events
     * ({@code Location}, {@code Name}, {@code Paused}, {@code InCall}): members not listed are
     * logged out; changes are reported as usual. A member found paused for wrap-up (held before a
     * restart, when nobody knows since when) is held one more wrap-up from now, then released.
     */
    public void adopt(List<AmiMessage> queueMembers) {
        Map<String, Set<String>> queuesOf = new HashMap<>();
        for (AmiMessage member : queueMembers) {
            String agentInterface = member.getOrEmpty("Location");
            Agent agent = agents.computeIfAbsent(agentInterface, Agent::new);
            agent.memberName = member.getOrEmpty("Name");
            queuesOf.computeIfAbsent(agentInterface, k -> new TreeSet<>()).add(member.getOrEmpty("Queue"));
            membership(agent, member.getOrEmpty("Queue"), member);
            if (member.getOrEmpty("InCall").equals("1")) {
                agent.call = Call.TALKING;
            } else if (agent.call == Call.TALKING || agent.call == Call.RINGING) {
                agent.call = Call.IDLE;
            }
            if (agent.wrapUpPauseAnywhere() && !agent.held && !wrapUp.isZero()) {
                // in wrap-up since before this link (a restart): held from now, for one wrap-up, then released
                agent.held = true;
                agent.holdSeen = true;
                agent.call = Call.WRAP_UP;
                agent.wrapUpEnds = clock.instant().plus(wrapUp);
            }
        }
        for (Agent agent : agents.values()) {
            agent.queues.keySet().retainAll(queuesOf.getOrDefault(agent.agentInterface, Set.of()));
            report(agent);
        }
    }

    /** A member as this tracker knows it: name, queues with penalties, and the reason of their pause (empty: ready). */
    public record Membership(String agentInterface, String memberName, Map<String, Integer> queues, String pausedReason) {
    }

    /** Every member in some queue now. */
    public List<Membership> memberships() {
        List<Membership> all = new java.util.ArrayList<>();
        for (Agent agent : agents.values()) {
            if (!agent.queues.isEmpty()) {
                Map<String, Integer> queues = new java.util.TreeMap<>();
                agent.queues.forEach((queue, seat) -> queues.put(queue, seat.penalty()));
                all.add(new Membership(agent.agentInterface, agent.memberName == null ? "" : agent.memberName, queues,
                        agent.paused() ? agent.pausedReason() : ""));
            }
        }
        return all;
    }

    public AgentState stateOf(String agentInterface) {
        Agent agent = agents.get(agentInterface);
        return agent == null ? AgentState.LOGGED_OUT : agent.state();
    }

    /** One queue's membership as an event or a QueueStatus row gives it (Paused, PausedReason). */
    private static void membership(Agent agent, String queue, AmiMessage event) {
        boolean wasPaused = agent.pausedAnywhere();
        boolean paused = event.getOrEmpty("Paused").equals("1");
        Seat known = agent.queues.get(queue);
        int penalty;
        try {
            penalty = Integer.parseInt(event.getOrEmpty("Penalty").trim());
        } catch (NumberFormatException e) {
            penalty = known == null ? 0 : known.penalty(); // not told: what was known
        }
        agent.queues.put(queue, new Seat(paused ? event.getOrEmpty("PausedReason") : null, penalty));
        if (wasPaused && !agent.pausedAnywhere() && agent.call == Call.WRAP_UP) {
            agent.call = Call.IDLE; // the agent said they are ready (in every queue) before their wrap-up time was up
        }
        if (agent.held && agent.wrapUpPauseAnywhere()) {
            agent.holdSeen = true;
        } else if (agent.held && agent.holdSeen) {
            agent.held = false; // ready again in every queue, or paused for something else (lunch): not ours to release any more
            agent.holdSeen = false;
        }
    }

    /**
     * An agent's state as last reported, for whoever asks from another thread (the API): since
     * when (when this tracker saw it begin: after a restart, when it took the agent over), the
     * pause's reason, and when the bridge's own wrap-up ends.
     */
    public record Standing(AgentState state, String reason, Instant since, Optional<Instant> wrapUpEndsAt) {
    }

    public Optional<Standing> standingOf(String agentInterface) {
        return Optional.ofNullable(standings.get(agentInterface));
    }

    /** Every standing this tracker knows, by device. */
    public Map<String, Standing> standings() {
        return Map.copyOf(standings);
    }

    /** Told each standing made anew (a state, a pause's reason or a wrap-up's end changed), on the event thread. */
    public void onStanding(java.util.function.BiConsumer<String, Standing> listener) {
        this.standingChanged = listener;
    }

    private void report(Agent agent) {
        AgentState now = agent.state();
        Standing was = standings.get(agent.agentInterface);
        String reason = now == AgentState.PAUSED ? agent.pausedReason() : "";
        Optional<Instant> wrapUpEnds = now == AgentState.WRAP_UP && agent.call == Call.WRAP_UP ? Optional.of(agent.wrapUpEnds) : Optional.empty();
        // most events change nothing an agent's console shows: the standing is made anew only when something did
        if (was == null || was.state() != now || !was.reason().equals(reason) || !was.wrapUpEndsAt().equals(wrapUpEnds)) {
            Standing standing = new Standing(now, reason, was == null || was.state() != now ? clock.instant() : was.since(), wrapUpEnds);
            standings.put(agent.agentInterface, standing);
            standingChanged.accept(agent.agentInterface, standing);
        }
        if (now != agent.reported) {
            AgentStateChanged change = new AgentStateChanged(server, agent.agentInterface, agent.memberName == null ? "" : agent.memberName,
                    agent.reported, now, now == AgentState.PAUSED ? agent.pausedReason() : "", new TreeSet<>(agent.queues.keySet()),
                    clock.instant());
            agent.reported = now;
            out.accept(change);
        }
    }
}
