package org.hotline.desk.agents;

import org.jooq.DSLContext;

import java.util.Optional;

import static org.hotline.schema.jooq.Tables.AGENT;

/** Who an agent is, by what the PBX knows of them. */
public final class Agents {

    private Agents() {
    }

    /** The active agent whose phone is {@code device} (a queue member's interface, like PJSIP/1001). */
    public static Optional<Long> byDevice(DSLContext db, String device) {
        return db.select(AGENT.ID).from(AGENT).where(AGENT.INTERFACE.eq(device).and(AGENT.ACTIVE)).fetchOptional(AGENT.ID);
    }

    /** The phone (queue member interface) of agent {@code agentId}, when they have one. */
    public static Optional<String> device(DSLContext db, long agentId) {
        return db.select(AGENT.INTERFACE).from(AGENT).where(AGENT.ID.eq(agentId)).fetchOptional(AGENT.INTERFACE);
    }
}
