package org.hotline.events;

import java.util.Arrays;

/** What an agent is doing, as the console and the wallboard show it. */
public enum AgentState {
    LOGGED_OUT, READY, RINGING, TALKING, WRAP_UP, PAUSED;

    /** The name on the wire and in the API: {@code wrap_up}. */
    @com.fasterxml.jackson.annotation.JsonValue
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    @com.fasterxml.jackson.annotation.JsonCreator
    public static AgentState ofWireName(String name) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no agent state '" + name + "'"));
    }
}
