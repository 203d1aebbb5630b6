package org.hotline.desk.callbacks;

import org.hotline.events.CallbackStatus;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.hotline.schema.jooq.Tables.AGENT;
import static org.hotline.schema.jooq.Tables.CALLBACK;
import static org.hotline.schema.jooq.Tables.CONTACT_RECORD;
import static org.hotline.schema.jooq.Tables.CUSTOMER;
import static org.hotline.schema.jooq.Tables.QUEUE;
import static org.hotline.schema.jooq.Tables.QUEUE_MEMBERSHIP;

/**
 * Lists of callbacks, soonest due first: an agent's (still to be made and theirs to make: owned by
 * them, in one of their queues, or in no queue) and the supervisors' (by queue, owner, status,
 * purpose, overdue).
 */
public final class CallbackList {

    /** A callback in a list. */
    public record Row(long id, String reason, String purpose, String phone, CallbackStatus status, Instant dueAt,
                      Optional<Instant> notAfter, int attempts, Optional<Long> ownerAgentId, Optional<String> ownerName,
                      Optional<String> queue, Optional<String> note, Optional<Long> customerId, Optional<String> customerName,
                      Optional<Long> recordId, Optional<String> recordNumber) {
    }

    /** Which callbacks a supervisor lists; empty parts do not filter; no status: the open ones. */
    public record Filter(Optional<String> queue, Optional<Long> owner, List<CallbackStatus> statuses, Optional<String> purpose,
                         boolean overdueOnly) {
    }

    private CallbackList() {
    }

    /** The open callbacks agent {@code agentId} may make: their own, their queues', the queueless ones. */
    public static List<Row> mine(DSLContext db, long agentId, int limit) {
        var myQueues = DSL.select(QUEUE_MEMBERSHIP.QUEUE_ID).from(QUEUE_MEMBERSHIP).where(QUEUE_MEMBERSHIP.AGENT_ID.eq(agentId));
        return rows(db, CALLBACK.STATUS.in(CallbackStatus.PENDING.dbName(), CallbackStatus.OFFERED.dbName())
                .and(CALLBACK.OWNER_AGENT_ID.eq(agentId).or(CALLBACK.QUEUE_ID.in(myQueues)).or(CALLBACK.QUEUE_ID.isNull())), limit);
    }

    /** The callbacks {@code filter} names, as of {@code now} for "overdue". */
    public static List<Row> all(DSLContext db, Filter filter, Instant now, int limit) {
        List<Condition> where = new ArrayList<>();
        List<CallbackStatus> statuses = filter.statuses().isEmpty() ? CallbackStatus.OPEN : filter.statuses();
        where.add(CALLBACK.STATUS.in(CallbackStatus.dbNames(statuses)));
        filter.queue().ifPresent(queue -> where.add(CALLBACK.QUEUE_ID.in(DSL.select(QUEUE.ID).from(QUEUE).where(QUEUE.NAME.eq(queue)))));
        filter.owner().ifPresent(owner -> where.add(CALLBACK.OWNER_AGENT_ID.eq(owner)));
        filter.purpose().ifPresent(purpose -> where.add(CALLBACK.PURPOSE.eq(purpose)));
        if (filter.overdueOnly()) {
            where.add(CALLBACK.DUE_AT.lt(now.atOffset(ZoneOffset.UTC)).and(CALLBACK.STATUS.in(CallbackStatus.dbNames(CallbackStatus.OPEN))));
        }
        return rows(db, DSL.and(where), limit);
    }

    /** Whether callback {@code id} is still offered (by the node holding its lease, when one is named): not made, moved or taken meanwhile. */
    public static boolean stillOffered(DSLContext db, long id, Optional<String> leaseOwner) {
        Condition offered = CALLBACK.ID.eq(id).and(CALLBACK.STATUS.eq(CallbackStatus.OFFERED.dbName()));
        if (leaseOwner.isPresent()) {
            offered = offered.and(CALLBACK.LEASE_OWNER.eq(leaseOwner.get()));
        }
        return db.fetchExists(CALLBACK, offered);
    }

    private static List<Row> rows(DSLContext db, Condition where, int limit) {
        return db.select(CALLBACK.ID, CALLBACK.REASON, CALLBACK.PURPOSE, CALLBACK.PHONE, CALLBACK.STATUS, CALLBACK.DUE_AT, CALLBACK.NOT_AFTER,
                        CALLBACK.ATTEMPTS, CALLBACK.OWNER_AGENT_ID, AGENT.DISPLAY_NAME, QUEUE.NAME, CALLBACK.NOTE, CUSTOMER.ID, CUSTOMER.NAME,
                        CONTACT_RECORD.ID, CONTACT_RECORD.NUMBER)
                .from(CALLBACK).leftJoin(CUSTOMER).on(CUSTOMER.ID.eq(CALLBACK.CUSTOMER_ID))
                .leftJoin(CONTACT_RECORD).on(CONTACT_RECORD.ID.eq(CALLBACK.RECORD_ID))
                .leftJoin(AGENT).on(AGENT.ID.eq(CALLBACK.OWNER_AGENT_ID))
                .leftJoin(QUEUE).on(QUEUE.ID.eq(CALLBACK.QUEUE_ID))
                .where(where).orderBy(CALLBACK.DUE_AT, CALLBACK.ID).limit(limit)
                .fetch(r -> new Row(r.value1(), r.value2(), r.value3(), r.value4(), CallbackStatus.ofDbName(r.value5()),
                        r.value6().toInstant(), Optional.ofNullable(r.value7()).map(OffsetDateTime::toInstant), r.value8(),
                        Optional.ofNullable(r.value9()), Optional.ofNullable(r.value10()), Optional.ofNullable(r.value11()),
                        Optional.ofNullable(r.value12()), Optional.ofNullable(r.value13()), Optional.ofNullable(r.value14()),
                        Optional.ofNullable(r.value15()), Optional.ofNullable(r.value16())));
    }
}
