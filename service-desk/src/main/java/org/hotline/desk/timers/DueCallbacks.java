package org.hotline.desk.timers;

import org.hotline.events.CallbackStatus;

import org.hotline.events.DeskEvent;
import org.hotline.events.DeskEventType;
import org.hotline.desk.events.EventOutbox;
import org.hotline.schema.jooq.tables.records.CallbackRecord;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Result;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.hotline.schema.jooq.Tables.CALLBACK;

/**
 * Fires callbacks that fall due: each is offered (status {@code offered}) under a lease held by
 * this node, and a {@code callback.due} event is stored for the dialer. A lease that runs out
 * before the callback is done (its node died, or the offer went unanswered) is taken over and
 * the callback offered again ({@code reclaimed: true}). A callback past its window's end
 * expires instead ({@code callback.expired}).
 */
public final class DueCallbacks implements FiringJob {

    private final String node;
    private final Duration lease;

    /** @param node this scheduler's name, kept as the lease owner */
    public DueCallbacks(String node, Duration lease) {
        this.node = node;
        this.lease = lease;
    }

    @Override
    public String name() {
        return "callbacks";
    }

    @Override
    public Condition anyDue(Instant now) {
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        return FiringJob.firstRow(CALLBACK, leaseRunOut(at), CALLBACK.LEASE_UNTIL).or(FiringJob.firstRow(CALLBACK, due(at), CALLBACK.DUE_AT));
    }

    /** An offer or a dial whose lease ran out: its node is gone, the callback is offered again. */
    private static Condition leaseRunOut(OffsetDateTime at) {
        return CALLBACK.STATUS.in(FiringJob.written(CallbackStatus.OFFERED.dbName()), FiringJob.written(CallbackStatus.DIALING.dbName()))
                .and(CALLBACK.LEASE_UNTIL.lt(at));
    }

    private static Condition due(OffsetDateTime at) {
        return CALLBACK.STATUS.eq(FiringJob.written(CallbackStatus.PENDING.dbName())).and(CALLBACK.DUE_AT.le(at));
    }

    @Override
    public int fireDue(DSLContext tx, Instant now, int limit) {
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        Result<CallbackRecord> leasesRunOut = tx.selectFrom(CALLBACK).where(leaseRunOut(at))
                .orderBy(CALLBACK.LEASE_UNTIL).limit(limit).forUpdate().skipLocked().fetch();
        Result<CallbackRecord> due = leasesRunOut.size() >= limit ? tx.newResult(CALLBACK) : tx.selectFrom(CALLBACK).where(due(at))
                .orderBy(CALLBACK.DUE_AT, CALLBACK.PRIORITY.desc()).limit(limit - leasesRunOut.size())
                .forUpdate().skipLocked().fetch();

        List<Long> offered = new ArrayList<>();
        List<Long> expired = new ArrayList<>();
        List<DeskEvent> events = new ArrayList<>();
        for (CallbackRecord callback : concat(leasesRunOut, due)) {
            boolean reclaimed = !callback.getStatus().equals(CallbackStatus.PENDING.dbName());
            if (callback.getNotAfter() != null && callback.getNotAfter().isBefore(at)) {
                expired.add(callback.getId());
                events.add(DeskEvent.of(DeskEventType.CALLBACK_EXPIRED, "callback", callback.getId(), now, payload(callback, reclaimed)));
            } else {
                offered.add(callback.getId());
                events.add(DeskEvent.of(DeskEventType.CALLBACK_DUE, "callback", callback.getId(), now, payload(callback, reclaimed)));
            }
        }
        if (!offered.isEmpty()) {
            tx.update(CALLBACK).set(CALLBACK.STATUS, CallbackStatus.OFFERED.dbName()).set(CALLBACK.LEASE_OWNER, node)
                    .set(CALLBACK.LEASE_UNTIL, at.plus(lease)).set(CALLBACK.UPDATED_AT, at)
                    .set(CALLBACK.VERSION, CALLBACK.VERSION.plus(1))
                    .where(CALLBACK.ID.in(offered)).execute();
        }
        if (!expired.isEmpty()) {
            tx.update(CALLBACK).set(CALLBACK.STATUS, CallbackStatus.EXPIRED.dbName()).set(CALLBACK.OUTCOME, "expired")
                    .set(CALLBACK.COMPLETED_AT, at).setNull(CALLBACK.LEASE_OWNER).setNull(CALLBACK.LEASE_UNTIL)
                    .set(CALLBACK.UPDATED_AT, at).set(CALLBACK.VERSION, CALLBACK.VERSION.plus(1))
                    .where(CALLBACK.ID.in(expired)).execute();
        }
        EventOutbox.store(tx, events);
        return events.size();
    }

    private static List<CallbackRecord> concat(List<CallbackRecord> a, List<CallbackRecord> b) {
        List<CallbackRecord> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private Map<String, Object> payload(CallbackRecord c, boolean reclaimed) {
        Map<String, Object> payload = new HashMap<>();
        payload.put("callbackId", c.getId());
        payload.put("reason", c.getReason());
        payload.put("phone", c.getPhone());
        payload.put("dueAt", c.getDueAt().toInstant().toString());
        payload.put("priority", c.getPriority());
        payload.put("attempts", c.getAttempts());
        payload.put("reclaimed", reclaimed);
        payload.put("leaseOwner", node);
        if (c.getQueueId() != null) {
            payload.put("queueId", c.getQueueId());
        }
        if (c.getOwnerAgentId() != null) {
            payload.put("ownerAgentId", c.getOwnerAgentId());
        }
        if (c.getOwnedUntil() != null) {
            payload.put("ownedUntil", c.getOwnedUntil().toInstant().toString());
        }
        if (c.getRecordId() != null) {
            payload.put("recordId", c.getRecordId());
        }
        if (c.getCustomerId() != null) {
            payload.put("customerId", c.getCustomerId());
        }
        return payload;
    }
}
