package org.hotline.desk.access;

import org.jooq.DSLContext;

import java.time.Instant;

import static org.hotline.schema.jooq.Tables.CALLBACK;
import static org.hotline.schema.jooq.Tables.QUEUE_MEMBERSHIP;

/**
 * Who may act on a callback (claim, complete, reschedule): its owner; while nobody owns it (or
 * the owner's {@code owned_until} has passed), any agent of its queue, and anyone when it is in
 * no queue; supervisors always. Anyone else: {@link NotYours}. A callback that does not exist is
 * {@code IllegalArgumentException("no callback N")} (404), asked before anything else.
 */
public final class CallbackAccess {

    private CallbackAccess() {
    }

    public static void check(DSLContext db, long callbackId, Who who, Instant now) {
        var row = db.select(CALLBACK.OWNER_AGENT_ID, CALLBACK.OWNED_UNTIL, CALLBACK.QUEUE_ID).from(CALLBACK)
                .where(CALLBACK.ID.eq(callbackId)).fetchOne();
        if (row == null) {
            throw new IllegalArgumentException("no callback " + callbackId);
        }
        if (who.supervises()) {
            return;
        }
        Long owner = row.value1();
        if (owner != null && owner == who.agentId()) {
            return;
        }
        boolean ownedStill = owner != null && (row.value2() == null || row.value2().toInstant().isAfter(now));
        if (ownedStill) {
            throw new NotYours("callback " + callbackId + " belongs to another agent");
        }
        Long queue = row.value3();
        if (queue == null || db.fetchExists(QUEUE_MEMBERSHIP, QUEUE_MEMBERSHIP.QUEUE_ID.eq(queue)
                .and(QUEUE_MEMBERSHIP.AGENT_ID.eq(who.agentId())))) {
            return;
        }
        throw new NotYours("callback " + callbackId + " is in a queue you are not a member of");
    }
}
