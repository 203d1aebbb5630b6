package org.hotline.pbxsim.scenario;

import java.time.Duration;
import java.util.List;

/**
 * One inbound call as pbx-sim plays it: who calls, the keys they press, which queue, how long
 * they are willing to wait, and the agents rung in turn (each rung until the ring timeout unless
 * they answer).
 */
public record CallScript(String callerNumber, String callerName, String queue, Duration patience, Duration ringTimeout,
                         List<AgentScript> agents, String dtmf) {

    public CallScript {
        agents = List.copyOf(agents);
    }

    public CallScript(String callerNumber, String callerName, String queue, Duration patience, Duration ringTimeout,
                      List<AgentScript> agents) {
        this(callerNumber, callerName, queue, patience, ringTimeout, agents, "");
    }

    /** The keys the caller presses before joining the queue (DTMFBegin / DTMFEnd, as in trace 06). */
    public CallScript pressing(String digits) {
        return new CallScript(callerNumber, callerName, queue, patience, ringTimeout, agents, digits);
    }
}
