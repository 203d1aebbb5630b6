package org.hotline.desk.records;

import java.util.Optional;

/** Who did something to a record: an agent, the IVR, the system, the customer, a technician. */
public record Actor(String kind, Optional<Long> agentId, String name) {

    public static Actor agent(long agentId, String name) {
        return new Actor("agent", Optional.of(agentId), name);
    }

    public static Actor ivr() {
        return new Actor("ivr", Optional.empty(), "IVR");
    }

    public static Actor system() {
        return new Actor("system", Optional.empty(), "system");
    }
}
