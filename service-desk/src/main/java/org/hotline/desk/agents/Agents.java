package org.hotline.desk.agents;

import org.jooq.DSLContext;

import java.util.Optional;

import static org.hotline.schema.jooq.Tables.AGENT;

/** Who an agent is, by what the PBX knows of them. */
public final class Agents {

    /** An agent as the admin's list shows them. */
    public record Agent(long id, String username, String displayName, String role, Optional<String> device, boolean active) {
    }

    private Agents() {
    }

    /** Every agent, by user name. */
    public static java.util.List<Agent> all(DSLContext db) {
        return db.select(AGENT.ID, AGENT.USERNAME, AGENT.DISPLAY_NAME, AGENT.ROLE, AGENT.INTERFACE, AGENT.ACTIVE).from(AGENT)
                .orderBy(AGENT.USERNAME).fetch(r -> new Agent(r.value1(), r.value2(), r.value3(), r.value4(), Optional.ofNullable(r.value5()),
                        r.value6()));
    }

    /** An agent's phone and the name the queues know them by (empty name when there is no such agent). */
    public static Agent one(DSLContext db, long agentId) {
        return db.select(AGENT.ID, AGENT.USERNAME, AGENT.DISPLAY_NAME, AGENT.ROLE, AGENT.INTERFACE, AGENT.ACTIVE).from(AGENT)
                .where(AGENT.ID.eq(agentId)).fetchOptional(r -> new Agent(r.value1(), r.value2(), r.value3(), r.value4(),
                        Optional.ofNullable(r.value5()), r.value6()))
                .orElse(new Agent(agentId, "", "", "agent", Optional.empty(), false));
    }

    /** The agents with a phone who may be offered a callback: active, and in the queue when one is given. */
    public static java.util.List<Agent> reachable(DSLContext db, Optional<Long> queueId) {
        org.jooq.Condition where = AGENT.ACTIVE.isTrue().and(AGENT.INTERFACE.isNotNull());
        if (queueId.isPresent()) {
            where = where.and(AGENT.ID.in(org.jooq.impl.DSL.select(org.hotline.schema.jooq.Tables.QUEUE_MEMBERSHIP.AGENT_ID)
                    .from(org.hotline.schema.jooq.Tables.QUEUE_MEMBERSHIP).where(org.hotline.schema.jooq.Tables.QUEUE_MEMBERSHIP.QUEUE_ID.eq(queueId.get()))));
        }
        return db.select(AGENT.ID, AGENT.USERNAME, AGENT.DISPLAY_NAME, AGENT.ROLE, AGENT.INTERFACE, AGENT.ACTIVE).from(AGENT).where(where)
                .orderBy(AGENT.ID).fetch(r -> new Agent(r.value1(), r.value2(), r.value3(), r.value4(), Optional.ofNullable(r.value5()),
                        r.value6()));
    }

    /** The active agent whose phone is {@code device} (a queue member's interface, like PJSIP/1001). */
    public static Optional<Long> byDevice(DSLContext db, String device) {
        return db.select(AGENT.ID).from(AGENT).where(AGENT.INTERFACE.eq(device).and(AGENT.ACTIVE)).fetchOptional(AGENT.ID);
    }

    /** The phone (queue member interface) of agent {@code agentId}, when they have one. */
    public static Optional<String> device(DSLContext db, long agentId) {
        return db.select(AGENT.INTERFACE).from(AGENT).where(AGENT.ID.eq(agentId)).fetchOptional(AGENT.INTERFACE);
    }

    /** The Asterisk server named for the active agent whose phone is {@code device} (empty: none named, or no such agent). */
    public static Optional<String> asteriskServerOf(DSLContext db, String device) {
        return db.select(AGENT.ASTERISK_SERVER).from(AGENT).where(AGENT.INTERFACE.eq(device).and(AGENT.ACTIVE))
                .fetchOptional(AGENT.ASTERISK_SERVER);
    }
}
