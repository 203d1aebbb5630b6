package org.hotline.bridge.agents;

import java.time.Instant;
import java.util.Set;

/** An agent went from one state to another (reason: the pause reason, when paused). */
public record AgentStateChange(String server, String agentInterface, String memberName, AgentState from, AgentState to,
                               String reason, Set<String> queues, Instant at) {

    public AgentStateChange {
        queues = Set.copyOf(queues);
    }
}
