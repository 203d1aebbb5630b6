package org.hotline.events;

import java.time.Instant;
import java.util.Set;

/** An agent went from one state to another (reason: the pause reason, when paused), on one Asterisk server. */
public record AgentStateChanged(String server, String agentInterface, String memberName, AgentState from, AgentState to,
                                String reason, Set<String> queues, Instant at) implements HotlineEvent {

    public AgentStateChanged {
        queues = Set.copyOf(queues);
        reason = reason == null ? "" : reason;
    }
}
