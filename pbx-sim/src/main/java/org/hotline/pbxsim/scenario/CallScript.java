package org.hotline.pbxsim.scenario;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One inbound call as pbx-sim plays it: who calls, the keys they press, which queue, how long
 * they are willing to wait, the agents rung in turn (each rung until the ring timeout unless
 * they answer), and the channel variables its events carry ({@code ChanVariable}, as Asterisk
 * adds them for manager.conf's {@code channelvars}).
 */
public record CallScript(String callerNumber, String callerName, String queue, Duration patience, Duration ringTimeout,
                         List<AgentScript> agents, String dtmf, Map<String, String> variables, QueueKey queueKey) {

    /**
     * A key the caller presses after {@code after} in the queue, sent to the queue's exit context
     * ({@code queues.conf} {@code context =}); the dialplan there sends them back to the queue,
     * at the place they left when it passes Queue's position argument ({@code keepsPlace}),
     * else at the back, as Asterisk 22 does.
     */
    public record QueueKey(char key, Duration after, boolean keepsPlace, org.hotline.pbxsim.agi.AgiCallScript virtualHold) {
    }

    public CallScript(String callerNumber, String callerName, String queue, Duration patience, Duration ringTimeout,
                      List<AgentScript> agents, String dtmf, Map<String, String> variables) {
        this(callerNumber, callerName, queue, patience, ringTimeout, agents, dtmf, variables, null);
    }

    public CallScript {
        agents = List.copyOf(agents);
        variables = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(variables));
    }

    public CallScript(String callerNumber, String callerName, String queue, Duration patience, Duration ringTimeout,
                      List<AgentScript> agents) {
        this(callerNumber, callerName, queue, patience, ringTimeout, agents, "", Map.of());
    }

    /** The keys the caller presses before joining the queue (DTMFBegin / DTMFEnd, as in trace 06). */
    public CallScript pressing(String digits) {
        return new CallScript(callerNumber, callerName, queue, patience, ringTimeout, agents, digits, variables, queueKey);
    }

    /** The same call, the caller pressing {@code key} after {@code after} in the queue (see {@link QueueKey}). */
    public CallScript pressingInQueue(char key, Duration after, boolean keepsPlace) {
        return new CallScript(callerNumber, callerName, queue, patience, ringTimeout, agents, dtmf, variables,
                new QueueKey(key, after, keepsPlace, null));
    }

    /**
     * The same call, the caller pressing 1 after {@code after} in the queue: the shipped exit
     * context runs the {@code virtual-hold} flow over FastAGI on the caller's channel (the caller
     * doing in it what {@code flow} says); the flow either keeps a callback and the call ends
     * ({@code HOTLINE_ACTION=hangup}), or sends the caller back to their place in the queue.
     * Needs {@link ScriptedCalls#withFastAgi}.
     */
    public CallScript takingVirtualHold(Duration after, org.hotline.pbxsim.agi.AgiCallScript flow) {
        return new CallScript(callerNumber, callerName, queue, patience, ringTimeout, agents, dtmf, variables,
                new QueueKey('1', after, true, flow));
    }

    /** The same call, ringing these agents in turn. */
    public CallScript withAgents(List<AgentScript> agents) {
        return new CallScript(callerNumber, callerName, queue, patience, ringTimeout, agents, dtmf, variables, queueKey);
    }

    /** The same call in another queue. */
    public CallScript inQueue(String queue) {
        return new CallScript(callerNumber, callerName, queue, patience, ringTimeout, agents, dtmf, variables, queueKey);
    }

    /** The same call carrying these channel variables on its caller's events. */
    public CallScript withVariables(Map<String, String> variables) {
        return new CallScript(callerNumber, callerName, queue, patience, ringTimeout, agents, dtmf, variables, queueKey);
    }
}
