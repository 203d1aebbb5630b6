package org.hotline.desk.agents;

import org.hotline.desk.access.UnknownReference;
import org.jooq.DSLContext;

import java.util.ArrayList;
import java.util.List;

import static org.hotline.schema.jooq.Tables.AGENT;
import static org.hotline.schema.jooq.Tables.QUEUE;
import static org.hotline.schema.jooq.Tables.QUEUE_MEMBERSHIP;

/**
 * Which queues an agent logs into, with their penalties ({@code queue_membership}): what
 * Ready logs the agent's device into, read and replaced by supervisors and {@code hotline user}.
 */
public final class AgentQueues {

    private AgentQueues() {
    }

    /** The agent's seats, by queue name. */
    public static List<QueueSeat> of(DSLContext db, long agentId) {
        return db.select(QUEUE.NAME, QUEUE_MEMBERSHIP.PENALTY).from(QUEUE_MEMBERSHIP).join(QUEUE).on(QUEUE.ID.eq(QUEUE_MEMBERSHIP.QUEUE_ID))
                .where(QUEUE_MEMBERSHIP.AGENT_ID.eq(agentId)).orderBy(QUEUE.NAME).fetch(r -> new QueueSeat(r.value1(), r.value2()));
    }

    /** The agent's seats in the queues still in use, by queue name: the ones their Ready logs them into. */
    public static List<QueueSeat> activeOf(DSLContext db, long agentId) {
        return db.select(QUEUE.NAME, QUEUE_MEMBERSHIP.PENALTY).from(QUEUE_MEMBERSHIP).join(QUEUE).on(QUEUE.ID.eq(QUEUE_MEMBERSHIP.QUEUE_ID))
                .where(QUEUE_MEMBERSHIP.AGENT_ID.eq(agentId).and(QUEUE.ACTIVE)).orderBy(QUEUE.NAME)
                .fetch(r -> new QueueSeat(r.value1(), r.value2()));
    }

    /**
     * Makes {@code seats} the agent's queues (others left); {@link UnknownReference} for an agent or
     * a queue that does not exist, and nothing changes then.
     */
    public static void replace(DSLContext tx, long agentId, List<QueueSeat> seats) {
        if (!tx.fetchExists(AGENT, AGENT.ID.eq(agentId))) {
            throw new UnknownReference("no agent " + agentId);
        }
        List<Long> queueIds = new ArrayList<>();
        for (QueueSeat seat : seats) {
            Long id = tx.select(QUEUE.ID).from(QUEUE).where(QUEUE.NAME.eq(seat.queue())).fetchOptional(QUEUE.ID)
                    .orElseThrow(() -> new UnknownReference("queues: no queue '" + seat.queue() + "' (known: "
                            + String.join(", ", tx.select(QUEUE.NAME).from(QUEUE).orderBy(QUEUE.NAME).fetch(QUEUE.NAME)) + ")"));
            queueIds.add(id);
        }
        tx.deleteFrom(QUEUE_MEMBERSHIP).where(QUEUE_MEMBERSHIP.AGENT_ID.eq(agentId)).execute();
        for (int i = 0; i < seats.size(); i++) {
            tx.insertInto(QUEUE_MEMBERSHIP, QUEUE_MEMBERSHIP.QUEUE_ID, QUEUE_MEMBERSHIP.AGENT_ID, QUEUE_MEMBERSHIP.PENALTY)
                    .values(queueIds.get(i), agentId, seats.get(i).penalty()).execute();
        }
    }

    /** Adds the queues of {@code seats} that Hotline does not know yet (named after themselves); the names added. */
    public static List<String> addMissingQueues(DSLContext tx, List<QueueSeat> seats) {
        List<String> added = new ArrayList<>();
        for (QueueSeat seat : seats) {
            int n = tx.insertInto(QUEUE, QUEUE.NAME, QUEUE.DISPLAY_NAME).values(seat.queue(), seat.queue())
                    .onConflict(QUEUE.NAME).doNothing().execute();
            if (n > 0) {
                added.add(seat.queue());
            }
        }
        return added;
    }
}
