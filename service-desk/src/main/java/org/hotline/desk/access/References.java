package org.hotline.desk.access;

import org.jooq.DSLContext;

import static org.hotline.schema.jooq.Tables.AGENT;
import static org.hotline.schema.jooq.Tables.CONTACT_RECORD;
import static org.hotline.schema.jooq.Tables.CUSTOMER;

/** Ids a request names in its body, checked to name something: {@link UnknownReference} (422) when they do not. */
public final class References {

    private References() {
    }

    public static void customer(DSLContext db, long id) {
        if (!db.fetchExists(CUSTOMER, CUSTOMER.ID.eq(id))) {
            throw new UnknownReference("customerId: no customer " + id);
        }
    }

    /** A product of customer {@code customerId} (any customer's when none is given). */
    public static void assetOf(DSLContext db, long assetId, java.util.Optional<Long> customerId) {
        var owner = db.select(org.hotline.schema.jooq.Tables.ASSET.CUSTOMER_ID).from(org.hotline.schema.jooq.Tables.ASSET)
                .where(org.hotline.schema.jooq.Tables.ASSET.ID.eq(assetId)).fetchOptional(org.hotline.schema.jooq.Tables.ASSET.CUSTOMER_ID);
        if (owner.isEmpty() || (customerId.isPresent() && !customerId.get().equals(owner.get()))) {
            throw new UnknownReference("assetId: no product " + assetId + (customerId.isPresent() ? " of customer " + customerId.get() : ""));
        }
    }

    /** The id of the queue named {@code name}. */
    public static long queue(DSLContext db, String name) {
        return db.select(org.hotline.schema.jooq.Tables.QUEUE.ID).from(org.hotline.schema.jooq.Tables.QUEUE)
                .where(org.hotline.schema.jooq.Tables.QUEUE.NAME.eq(name)).fetchOptional(org.hotline.schema.jooq.Tables.QUEUE.ID)
                .orElseThrow(() -> new UnknownReference("queue: no queue " + name));
    }

    public static void record(DSLContext db, long id) {
        if (!db.fetchExists(CONTACT_RECORD, CONTACT_RECORD.ID.eq(id))) {
            throw new UnknownReference("recordId: no record " + id);
        }
    }

    public static void activeAgent(DSLContext db, long id) {
        if (!db.fetchExists(AGENT, AGENT.ID.eq(id).and(AGENT.ACTIVE))) {
            throw new UnknownReference("agentId: no active agent " + id);
        }
    }
}
