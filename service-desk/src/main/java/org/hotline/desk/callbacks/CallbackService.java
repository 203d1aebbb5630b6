package org.hotline.desk.callbacks;

import org.hotline.desk.sql.RenderedStatement;
import org.hotline.events.CallbackStatus;

import org.hotline.events.DeskEvent;
import org.hotline.events.DeskEventType;
import org.hotline.desk.events.EventOutbox;
import org.hotline.desk.settings.DeskSettings;
import org.hotline.schema.jooq.tables.records.CallbackRecord;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.hotline.desk.sql.RenderedStatement.param;
import static org.hotline.schema.jooq.Tables.CALLBACK;
import static org.hotline.schema.jooq.Tables.CALLBACK_ATTEMPT;

/**
 * Schedules callbacks and takes the outcome of each try. Works inside the caller's transaction.
 * A callback for a phone and queue that already has one pending is merged into it (the earlier
 * due time, the higher priority, the notes together), never duplicated. A try that fails is
 * retried by the configured policy until the attempts run out or the window closes.
 */
public final class CallbackService {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(CallbackService.class);

    private final DeskSettings.CallbackRules rules;
    private final org.hotline.desk.customers.DiallingPolicy dialling;
    private final Clock clock;

    public CallbackService(DeskSettings.CallbackRules rules, org.hotline.desk.customers.DiallingPolicy dialling, Clock clock) {
        this.rules = rules;
        this.dialling = dialling;
        this.clock = clock;
    }

    /**
     * A callback the desk makes by itself (a record's first contact, its return visit): none when
     * the dialling policy refuses the number (an international or premium-rate caller), said in the log.
     */
    public Optional<Scheduled> scheduleIfDialable(DSLContext tx, NewCallback c, Optional<Long> createdBy) {
        Optional<String> refusal = dialling.refusal(c.phone());
        if (refusal.isPresent()) {
            log.info("no {} callback for record {}: the number is {}", c.reason().dbName(), c.recordId().orElse(null), refusal.get());
            return Optional.empty();
        }
        return Optional.of(schedule(tx, c, createdBy));
    }

    /** Schedules {@code c}; {@link org.hotline.desk.customers.NotDialable} when the dialling policy refuses its number. */
    public Scheduled schedule(DSLContext tx, NewCallback c, Optional<Long> createdBy) {
        dialling.refusal(c.phone()).ifPresent(why -> {
            throw new org.hotline.desk.customers.NotDialable("the number cannot be called back: " + why);
        });
        Instant due = c.notBefore().filter(nb -> nb.isAfter(c.dueAt())).orElse(c.dueAt());
        Instant ownedUntil = c.ownerAgentId().isPresent() ? due.plus(rules.ownerKeepsFor()) : null;
        var row = tx.resultQuery("""
                INSERT INTO callback (reason, phone, customer_id, record_id, origin_call_id, queue_id, skill, owner_agent_id,
                                      owned_until, not_before, not_after, due_at, priority, max_attempts,
                                      retry_no_answer_seconds, retry_busy_seconds, retry_failed_seconds, note, created_by_agent_id,
                                      created_at, updated_at)
                VALUES ({0}, {1}, {2}, {3}, {4}, {5}, {6}, {7}, {8}, {9}, {10}, {11}, {12}, {13}, {14}, {15}, {16}, {17}, {18}, {21}, {21})
                ON CONFLICT {19} WHERE status IN ('pending', 'offered', 'dialing') AND {20}
                DO UPDATE SET due_at = LEAST(callback.due_at, EXCLUDED.due_at),
                              priority = GREATEST(callback.priority, EXCLUDED.priority),
                              customer_id = coalesce(callback.customer_id, EXCLUDED.customer_id),
                              note = CASE WHEN EXCLUDED.note IS NULL THEN callback.note
                                          WHEN callback.note IS NULL THEN EXCLUDED.note
                                          ELSE callback.note || E'\\n' || EXCLUDED.note END,
                              updated_at = EXCLUDED.updated_at, version = callback.version + 1
                RETURNING id, (xmax <> 0) AS merged
                """, c.reason().dbName(), c.phone(), c.customerId().orElse(null), c.recordId().orElse(null),
                c.originCallId().orElse(null), c.queueId().orElse(null), c.skill().orElse(null), c.ownerAgentId().orElse(null),
                utc(ownedUntil), c.notBefore().map(CallbackService::utc).orElse(null),
                c.notAfter().map(CallbackService::utc).orElse(null), utc(due), c.priority(), rules.maxAttempts(),
                (int) rules.retryNoAnswer().toSeconds(), (int) rules.retryBusy().toSeconds(), (int) rules.retryFailed().toSeconds(),
                c.note().orElse(null), createdBy.orElse(null),
                // one open callback per purpose: a record's (reaching the customer, its return visit, ...); else a phone's in a queue
                DSL.keyword(c.recordId().isPresent() ? "(record_id, purpose)" : "(phone, coalesce(queue_id, 0))"),
                DSL.keyword(c.recordId().isPresent() ? "record_id IS NOT NULL" : "record_id IS NULL"),
                utc(clock.instant())).fetchOne();
        long id = row.get(0, Long.class);
        boolean merged = row.get(1, Boolean.class);
        Map<String, Object> payload = new HashMap<>();
        payload.put("callbackId", id);
        payload.put("reason", c.reason().dbName());
        payload.put("dueAt", due.toString());
        payload.put("merged", merged);
        c.recordId().ifPresent(r -> payload.put("recordId", r));
        EventOutbox.store(tx, List.of(DeskEvent.of(merged ? DeskEventType.CALLBACK_MERGED : DeskEventType.CALLBACK_SCHEDULED, "callback", id,
                clock.instant(), payload)));
        return new Scheduled(id, merged);
    }

    /** What became of a callback after a try. */
    public record AfterTry(CallbackRecord callback, boolean done, Optional<Instant> retryAt) {
    }

    /**
     * Takes the outcome of one try (begun {@code startedAt}, over {@code at}): answered (or a wrong number) ends the callback; no answer,
     * busy or failed schedule the next try after the configured delay, unless the attempts are
     * used up or the next try would fall after the window.
     */
    public AfterTry recordTry(DSLContext tx, long callbackId, CallOutcome outcome, Optional<Long> agentId,
                              Optional<Long> callId, Instant startedAt, Instant at) {
        CallbackRecord cb = tx.selectFrom(CALLBACK).where(CALLBACK.ID.eq(callbackId)).forUpdate().fetchOptional()
                .orElseThrow(() -> new IllegalArgumentException("no callback " + callbackId));
        if (!CallbackStatus.dbNames(CallbackStatus.OPEN).contains(cb.getStatus())) {
            throw new IllegalStateException("callback " + callbackId + " is " + cb.getStatus() + "; its tries are over");
        }
        int attempt = cb.getAttempts() + 1;
        tx.insertInto(CALLBACK_ATTEMPT, CALLBACK_ATTEMPT.CALLBACK_ID, CALLBACK_ATTEMPT.ATTEMPT_NO, CALLBACK_ATTEMPT.AGENT_ID,
                        CALLBACK_ATTEMPT.CALL_ID, CALLBACK_ATTEMPT.STARTED_AT, CALLBACK_ATTEMPT.ENDED_AT, CALLBACK_ATTEMPT.OUTCOME)
                .values(callbackId, attempt, agentId.orElse(null), callId.orElse(null), utc(startedAt), utc(at), outcome.dbName())
                .execute();
        cb.setAttempts(attempt);
        cb.setLeaseOwner(null);
        cb.setLeaseUntil(null);
        cb.setUpdatedAt(utc(at));
        cb.setVersion(cb.getVersion() + 1);
        Optional<Instant> retryAt = Optional.empty();
        DeskEventType event;
        if (outcome == CallOutcome.ANSWERED || outcome == CallOutcome.WRONG_NUMBER) {
            finish(cb, CallbackStatus.DONE, outcome.dbName(), at);
            event = DeskEventType.CALLBACK_COMPLETED;
        } else {
            Instant next = at.plus(delayAfter(cb, outcome));
            boolean windowClosed = cb.getNotAfter() != null && next.isAfter(cb.getNotAfter().toInstant());
            if (attempt >= cb.getMaxAttempts() || windowClosed) {
                finish(cb, windowClosed && attempt < cb.getMaxAttempts() ? CallbackStatus.EXPIRED : CallbackStatus.FAILED, outcome.dbName(), at);
                event = DeskEventType.CALLBACK_FAILED;
            } else {
                cb.setStatus(CallbackStatus.PENDING.dbName());
                cb.setDueAt(utc(next));
                retryAt = Optional.of(next);
                event = DeskEventType.CALLBACK_RETRY_SCHEDULED;
            }
        }
        cb.update();
        Map<String, Object> payload = new HashMap<>();
        payload.put("callbackId", callbackId);
        payload.put("attempt", attempt);
        payload.put("outcome", outcome.dbName());
        retryAt.ifPresent(r -> payload.put("retryAt", r.toString()));
        if (cb.getRecordId() != null) {
            payload.put("recordId", cb.getRecordId());
        }
        EventOutbox.store(tx, List.of(DeskEvent.of(event, "callback", callbackId, at, payload)));
        return new AfterTry(cb, retryAt.isEmpty(), retryAt);
    }

    /** Gives a callback still to be made to an agent (a supervisor's reassignment): theirs to make for {@code ownerKeepsFor}. */
    public CallbackRecord assign(DSLContext tx, long callbackId, long agentId, Optional<Long> by, Instant at) {
        CallbackRecord cb = tx.selectFrom(CALLBACK).where(CALLBACK.ID.eq(callbackId)).forUpdate().fetchOptional()
                .orElseThrow(() -> new IllegalArgumentException("no callback " + callbackId));
        if (!List.of(CallbackStatus.PENDING.dbName(), CallbackStatus.OFFERED.dbName()).contains(cb.getStatus())) {
            throw new IllegalStateException("callback " + callbackId + " is " + cb.getStatus() + "; it cannot be reassigned");
        }
        Instant from = cb.getDueAt().toInstant().isAfter(at) ? cb.getDueAt().toInstant() : at;
        cb.setOwnerAgentId(agentId);
        cb.setOwnedUntil(utc(from.plus(rules.ownerKeepsFor())));
        cb.setUpdatedAt(utc(at));
        cb.setVersion(cb.getVersion() + 1);
        cb.update();
        Map<String, Object> payload = new HashMap<>();
        payload.put("callbackId", callbackId);
        payload.put("ownerAgentId", agentId);
        by.ifPresent(b -> payload.put("by", b));
        EventOutbox.store(tx, List.of(DeskEvent.of(DeskEventType.CALLBACK_ASSIGNED, "callback", callbackId, at, payload)));
        return cb;
    }

    /**
     * The customer of a record has been reached (an agent talked to them, the technician called):
     * the record's callbacks to reach them still waiting (its first contact, one they asked for)
     * are no longer needed and are cancelled,
     * so nobody calls the customer again to say what they already know. A callback being dialled
     * is left to finish.
     */
    public List<Long> cancelFirstContact(DSLContext tx, long recordId, String why, Instant at) {
        return told(tx, CANCEL_FIRST_CONTACT.with("record", recordId).with("why", why).with("at", utc(at)).fetch(tx, CallbackService::cancelled),
                why, at);
    }

    /** The purpose of the callbacks that reach the customer about a record (first contact, asked for, promised). */
    static final String CONTACT_PURPOSE = "contact";

    /**
     * A caller who hung up waiting has since got through to an agent (they called again): the
     * callbacks still waiting for their number because they hung up are no longer needed.
     */
    public List<Long> cancelAbandoned(DSLContext tx, String phone, String why, Instant at) {
        return told(tx, CANCEL_ABANDONED.with("phone", phone).with("why", why).with("at", utc(at)).fetch(tx, CallbackService::cancelled),
                why, at);
    }

    private static Cancelled cancelled(java.sql.ResultSet row) throws java.sql.SQLException {
        return new Cancelled(row.getLong(1), row.getObject(2, Long.class));
    }

    /** A callback just cancelled. */
    private record Cancelled(long id, Long recordId) {
    }

    /**
     * Every answered call looks for its caller's callbacks to cancel ({@link #cancelAbandoned}):
     * rendered once. The same change as {@link #cancel}'s.
     */
    private static final RenderedStatement CANCEL_ABANDONED = cancellingPending(
            CALLBACK.PHONE.eq(param("phone", CALLBACK.PHONE))
                    .and(CALLBACK.REASON.eq(CallbackReason.ABANDONED_CALL.dbName())));
    /** Every answered call about a record cancels its first-contact callback ({@link #cancelFirstContact}): rendered once. */
    private static final RenderedStatement CANCEL_FIRST_CONTACT = cancellingPending(
            CALLBACK.RECORD_ID.eq(param("record", CALLBACK.RECORD_ID))
                    .and(CALLBACK.PURPOSE.eq(CONTACT_PURPOSE)));

    /** The pending callbacks {@code which} names cancelled ({@code why}, {@code at}): their ids and records answered. */
    private static RenderedStatement cancellingPending(org.jooq.Condition which) {
        return RenderedStatement.of(cancelling(DSL.update(CALLBACK),
                        param("why", CALLBACK.OUTCOME_NOTE), param("at", CALLBACK.UPDATED_AT))
                .where(which.and(CALLBACK.STATUS.eq(CallbackStatus.PENDING.dbName())))
                .returning(CALLBACK.ID, CALLBACK.RECORD_ID));
    }

    /** What cancelling a callback changes. */
    private static org.jooq.UpdateSetMoreStep<CallbackRecord> cancelling(org.jooq.UpdateSetFirstStep<CallbackRecord> update,
                                                                       org.jooq.Field<String> why, org.jooq.Field<OffsetDateTime> at) {
        return update.set(CALLBACK.STATUS, CallbackStatus.CANCELLED.dbName()).set(CALLBACK.OUTCOME, "cancelled")
                .set(CALLBACK.OUTCOME_NOTE, why).set(CALLBACK.COMPLETED_AT, at).set(CALLBACK.LEASE_OWNER, (String) null)
                .set(CALLBACK.LEASE_UNTIL, (OffsetDateTime) null).set(CALLBACK.UPDATED_AT, at)
                .set(CALLBACK.VERSION, CALLBACK.VERSION.plus(1));
    }

    /** The return visit was recorded (by the agent, or an answered survey): its callback is not needed any more. */
    public List<Long> cancelReturnVisit(DSLContext tx, long recordId, String why, Instant at) {
        return cancel(tx, CALLBACK.RECORD_ID.eq(recordId).and(CALLBACK.REASON.eq(CallbackReason.RETURN_VISIT.dbName())),
                List.of(CallbackStatus.PENDING, CallbackStatus.OFFERED), why, at);
    }

    /**
     * The record was closed or cancelled: its callbacks not yet being dialled (pending, or offered
     * to an agent) are not needed any more, whatever their reason (first contact, return visit...).
     */
    public List<Long> cancelForRecord(DSLContext tx, long recordId, String why, Instant at) {
        // the periodic follow-ups and surveys of an installation are the product's: they go on after its record closes
        return cancel(tx, CALLBACK.RECORD_ID.eq(recordId).and(CALLBACK.PURPOSE.notIn(CallbackReason.PERIODIC_FOLLOW_UP.dbName(),
                CallbackReason.SURVEY.dbName())), List.of(CallbackStatus.PENDING, CallbackStatus.OFFERED), why, at);
    }

    private List<Long> cancel(DSLContext tx, org.jooq.Condition which, List<CallbackStatus> statuses, String why, Instant at) {
        var cancelled = cancelling(tx.update(CALLBACK), DSL.val(why), DSL.val(utc(at)))
                .where(which.and(CALLBACK.STATUS.in(CallbackStatus.dbNames(statuses))))
                .returning(CALLBACK.ID, CALLBACK.RECORD_ID).fetch(c -> new Cancelled(c.getId(), c.getRecordId()));
        return told(tx, cancelled, why, at);
    }

    /** Stores the events of callbacks cancelled; their ids. */
    private static List<Long> told(DSLContext tx, List<Cancelled> cancelled, String why, Instant at) {
        List<DeskEvent> events = new java.util.ArrayList<>();
        for (Cancelled c : cancelled) {
            Map<String, Object> payload = new HashMap<>();
            payload.put("callbackId", c.id());
            payload.put("reason", why);
            if (c.recordId() != null) {
                payload.put("recordId", c.recordId());
            }
            events.add(DeskEvent.of(DeskEventType.CALLBACK_CANCELLED, "callback", c.id(), at, payload));
        }
        EventOutbox.store(tx, events);
        return cancelled.stream().map(Cancelled::id).toList();
    }

    /** Moves a callback that is still to be made to a new due time (an agent agreed another time with the customer). */
    public CallbackRecord reschedule(DSLContext tx, long callbackId, Instant dueAt, Optional<Long> agentId, String note, Instant at) {
        CallbackRecord cb = tx.selectFrom(CALLBACK).where(CALLBACK.ID.eq(callbackId)).forUpdate().fetchOptional()
                .orElseThrow(() -> new IllegalArgumentException("no callback " + callbackId));
        if (!List.of(CallbackStatus.PENDING.dbName(), CallbackStatus.OFFERED.dbName()).contains(cb.getStatus())) {
            throw new IllegalStateException("callback " + callbackId + " is " + cb.getStatus() + "; it cannot be moved");
        }
        cb.setStatus(CallbackStatus.PENDING.dbName());
        cb.setDueAt(utc(dueAt));
        cb.setLeaseOwner(null);
        cb.setLeaseUntil(null);
        if (cb.getNotAfter() != null && cb.getNotAfter().toInstant().isBefore(dueAt)) {
            cb.setNotAfter(null); // the new time agreed with the customer replaces the old window
        }
        if (!note.isBlank()) {
            cb.setNote(note);
        }
        cb.setUpdatedAt(utc(at));
        cb.setVersion(cb.getVersion() + 1);
        cb.update();
        Map<String, Object> payload = new HashMap<>();
        payload.put("callbackId", callbackId);
        payload.put("dueAt", dueAt.toString());
        agentId.ifPresent(a -> payload.put("agentId", a));
        EventOutbox.store(tx, List.of(DeskEvent.of(DeskEventType.CALLBACK_RESCHEDULED, "callback", callbackId, at, payload)));
        return cb;
    }

    private static void finish(CallbackRecord cb, CallbackStatus status, String outcome, Instant at) {
        cb.setStatus(status.dbName());
        cb.setOutcome(outcome);
        cb.setCompletedAt(utc(at));
    }

    private static Duration delayAfter(CallbackRecord cb, CallOutcome outcome) {
        return Duration.ofSeconds(switch (outcome) {
            case NO_ANSWER -> cb.getRetryNoAnswerSeconds();
            case BUSY -> cb.getRetryBusySeconds();
            default -> cb.getRetryFailedSeconds();
        });
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
