package org.hotline.bridge.agents;

/** What an agent is doing, as the wallboard shows it. */
public enum AgentState {
    LOGGED_OUT, READY, RINGING, TALKING, WRAP_UP, PAUSED
}
