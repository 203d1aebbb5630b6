package org.hotline.pbxsim.scenario;

import java.time.Duration;
import java.util.List;

/**
 * One inbound call as pbx-sim plays it: who calls, which queue, how long they are willing to
 * wait, and the agents rung in turn (each rung until the ring timeout unless they answer).
 */
public record CallScript(String callerNumber, String callerName, String queue, Duration patience, Duration ringTimeout,
                         List<AgentScript> agents) {

    public CallScript {
        agents = List.copyOf(agents);
    }
}
