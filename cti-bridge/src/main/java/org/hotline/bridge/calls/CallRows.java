package org.hotline.bridge.calls;

import org.hotline.desk.customers.PhoneNumbers;
import org.hotline.events.CallDirection;
import org.hotline.events.CallEvent;
import org.hotline.events.CallOutcome;
import org.hotline.ivr.engine.Outcome;
import org.hotline.schema.jooq.tables.records.IvrSessionRecord;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

import static org.hotline.schema.jooq.Tables.CALL;
import static org.hotline.schema.jooq.Tables.CALLBACK;
import static org.hotline.schema.jooq.Tables.CUSTOMER;
import static org.hotline.schema.jooq.Tables.CONTACT_RECORD;
import static org.hotline.schema.jooq.Tables.IVR_SESSION;
import static org.hotline.schema.jooq.Tables.CUSTOMER_PHONE;
import static org.hotline.schema.jooq.Tables.QUEUE;

/**
 * The SQL of one call event's write to its call row (and the IVR session it came through), in
 * the transaction given: a write that fails half-way leaves nothing, so trying it again is safe.
 * A write of one statement ({@link #oneStatement}) is whole or nothing by itself and needs none.
 */
final class CallRows {

    private static final String SERVER = CallStatements.SERVER;
    private static final String LINKEDID = CallStatements.LINKEDID;

    private final DSLContext tx;
    private final PhoneNumbers numbers;

    CallRows(DSLContext tx, PhoneNumbers numbers) {
        this.tx = tx;
        this.numbers = numbers;
    }

    /** Whether {@code e} only says the call is there (its row made, nothing more to write). */
    static boolean onlyMakesTheRow(CallEvent e) {
        return e instanceof CallEvent.Offered || e instanceof CallEvent.IvrEntered || e instanceof CallEvent.IvrLeft
                || e instanceof CallEvent.AgentRingNoAnswer || e instanceof CallEvent.Transferred;
    }

    /** Whether writing {@code e} takes a single statement (its row known to be there, or only its row to make). */
    static boolean oneStatement(CallEvent e, boolean rowMade) {
        return rowMade ? !(e instanceof CallEvent.Ended) : onlyMakesTheRow(e);
    }

    /** @param rowMade whether this call's row is known to be there (else it is made first, if not) */
    void write(CallEvent e, boolean rowMade) {
        OffsetDateTime at = e.at().atOffset(ZoneOffset.UTC);
        var row = CALL.ASTERISK_SERVER.eq(e.server()).and(CALL.LINKEDID.eq(e.linkedid()));
        if (!rowMade) { // a call taken over after a reconnect has no Offered: any event may be its first
            CallStatements.MAKE_ROW.with("at", at).with(SERVER, e.server()).with(LINKEDID, e.linkedid()).execute(tx);
        }
        switch (e) {
            case CallEvent.QueueJoined joined -> joined(joined, at);
            case CallEvent.QueueTakenOver takenOver -> takenOver(takenOver, at, row);
            case CallEvent.AgentRinging ringing -> CallStatements.RINGING.with("at", at).with(SERVER, e.server())
                    .with(LINKEDID, e.linkedid()).execute(tx);
            case CallEvent.Answered answered -> CallStatements.ANSWERED.with("at", at).with("agent", answered.agentInterface())
                    .with("wait", seconds(answered.waitSeconds())).with("ring", seconds(answered.ringSeconds()))
                    .with(SERVER, e.server()).with(LINKEDID, e.linkedid()).execute(tx);
            case CallEvent.Abandoned abandoned -> CallStatements.ABANDONED.with("at", at).with("wait", seconds(abandoned.waitSeconds()))
                    .with("position", abandoned.position()).with(SERVER, e.server()).with(LINKEDID, e.linkedid()).execute(tx);
            case CallEvent.AgentCompleted completed -> CallStatements.COMPLETED.with("at", at).with("talk", seconds(completed.talkSeconds()))
                    .with(SERVER, e.server()).with(LINKEDID, e.linkedid()).execute(tx);
            case CallEvent.Ended ended -> ended(ended, at, row);
            case CallEvent.Offered o -> { }
            case CallEvent.IvrEntered o -> { }
            case CallEvent.IvrLeft o -> { }
            case CallEvent.AgentRingNoAnswer o -> { }
            case CallEvent.Transferred o -> { }
        }
    }

    private void joined(CallEvent.QueueJoined e, OffsetDateTime at) {
        Optional<String> caller = numbers.normalize(e.callerNumber());
        CallStatements.JOINED.with("at", at).with("queue", e.queue()).with("caller", caller.orElse(e.callerNumber()))
                .with("number", caller.orElse(null)).with("record", variable(e.variables(), "HOTLINE_RECORD_ID"))
                .with("session", variable(e.variables(), "HOTLINE_IVR_SESSION_ID"))
                .with(SERVER, e.server()).with(LINKEDID, e.linkedid()).execute(tx);
    }

    /** Found queued at a resync: fills in what is missing, never overwrites what the join itself wrote. */
    private void takenOver(CallEvent.QueueTakenOver e, OffsetDateTime at, org.jooq.Condition row) {
        Optional<String> caller = numbers.normalize(e.callerNumber());
        tx.update(CALL).set(CALL.QUEUE_NAME, DSL.coalesce(CALL.QUEUE_NAME, DSL.val(e.queue())))
                .set(CALL.QUEUE_ID, DSL.coalesce(CALL.QUEUE_ID, queueId(e.queue())))
                .set(CALL.QUEUED_AT, DSL.coalesce(CALL.QUEUED_AT, DSL.val(e.queuedAt().atOffset(ZoneOffset.UTC))))
                .set(CALL.OFFERED_AT, DSL.least(CALL.OFFERED_AT, DSL.val(e.offeredAt().atOffset(ZoneOffset.UTC))))
                .set(CALL.CALLER_NUMBER, DSL.coalesce(CALL.CALLER_NUMBER, DSL.val(caller.orElse(null))))
                .set(CALL.CUSTOMER_ID, DSL.coalesce(CALL.CUSTOMER_ID, customerOf(caller),
                        existing(CUSTOMER, CUSTOMER.ID, variable(e.variables(), "HOTLINE_CUSTOMER_ID"))))
                .set(CALL.RECORD_ID, DSL.coalesce(CALL.RECORD_ID,
                        existing(CONTACT_RECORD, CONTACT_RECORD.ID, variable(e.variables(), "HOTLINE_RECORD_ID"))))
                .set(CALL.IVR_SESSION_ID, DSL.coalesce(CALL.IVR_SESSION_ID,
                        existing(IVR_SESSION, IVR_SESSION.ID, variable(e.variables(), "HOTLINE_IVR_SESSION_ID"))))
                .set(CALL.UPDATED_AT, at).where(row).execute();
    }

    private void ended(CallEvent.Ended e, OffsetDateTime at, org.jooq.Condition row) {
        Map<String, String> vars = e.variables();
        // what the IVR session on this call's IVR channel made: for a flow that could not hand its ids on in time
        Optional<IvrSessionRecord> session = e.ivrChannel().flatMap(channel -> tx.selectFrom(IVR_SESSION)
                .where(IVR_SESSION.ASTERISK_SERVER.eq(e.server()).and(IVR_SESSION.UNIQUEID.eq(channel)))
                .orderBy(IVR_SESSION.STARTED_AT).limit(1).fetchOptional()); // the first: the flow before the queue, not a survey after it
        boolean callbackBooked = session.map(IvrSessionRecord::getOutcome).filter(Outcome.CALLBACK.dbName()::equals).isPresent();
        CallOutcome outcome = e.outcome() == CallOutcome.IVR_HANGUP && callbackBooked ? CallOutcome.CALLBACK_REQUESTED : e.outcome();
        CallStatements.ENDED.with("at", at).with("channel", e.ivrChannel().orElse(null))
                .with("record", variable(vars, "HOTLINE_RECORD_ID")).with("sessionRecord", session.map(IvrSessionRecord::getRecordId).orElse(null))
                .with("callback", variable(vars, "HOTLINE_CALLBACK_ID")).with("sessionCallback", session.map(IvrSessionRecord::getCallbackId).orElse(null))
                .with("customer", variable(vars, "HOTLINE_CUSTOMER_ID")).with("sessionCustomer", session.map(IvrSessionRecord::getCustomerId).orElse(null))
                .with("session", variable(vars, "HOTLINE_IVR_SESSION_ID")).with("sessionId", session.map(IvrSessionRecord::getId).orElse(null))
                // a call that ended unseen (outcome unknown) is stored with no outcome
                .with("outcome", outcome == CallOutcome.UNKNOWN ? null : outcome.dbName())
                .with("caller", numbers.normalize(e.callerNumber()).orElse(null))
                .with("hold", seconds(e.onHoldSeconds())).with("transferredTo", e.transferredTo())
                .with("cause", e.cause()).with("causeText", e.causeText())
                .with(SERVER, e.server()).with(LINKEDID, e.linkedid()).execute(tx);
        e.connected().ifPresent(connected -> // no queue: talk from the bridge to the end
                tx.update(CALL).set(CALL.ANSWERED_AT, DSL.coalesce(CALL.ANSWERED_AT, DSL.val(connected.atOffset(ZoneOffset.UTC))))
                        .set(CALL.TALK_SECONDS, DSL.coalesce(CALL.TALK_SECONDS, DSL.val(seconds(e.talk().orElse(0.0)))))
                        .where(row).execute());
        // the IVR session of the channel that ran the AGI (Asterisk's AGI request names no Linkedid)
        e.ivrChannel().ifPresent(ivrChannel -> CallStatements.SESSION_LINKED.with(LINKEDID, e.linkedid()).with(SERVER, e.server())
                .with("channel", ivrChannel).execute(tx));
        Long callback = variable(vars, "HOTLINE_CALLBACK_ID");
        if (callback != null && e.direction() == CallDirection.CALLBACK) {
            // Hotline's own callback call (Originate): the customer it called, and the callback it was for
            tx.update(CALL).set(CALL.DIRECTION, CallDirection.CALLBACK.dbName())
                    .set(CALL.CALLER_NUMBER, DSL.coalesce(DSL.field(DSL.select(CALLBACK.PHONE).from(CALLBACK)
                            .where(CALLBACK.ID.eq(callback))), CALL.CALLER_NUMBER))
                    .set(CALL.CUSTOMER_ID, DSL.coalesce(CALL.CUSTOMER_ID, DSL.field(DSL.select(CALLBACK.CUSTOMER_ID)
                            .from(CALLBACK).where(CALLBACK.ID.eq(callback)))))
                    .set(CALL.RECORD_ID, DSL.coalesce(CALL.RECORD_ID, DSL.field(DSL.select(CALLBACK.RECORD_ID)
                            .from(CALLBACK).where(CALLBACK.ID.eq(callback)))))
                    .where(row.and(CALL.QUEUE_NAME.isNull())).execute();
        }
    }

    /** The id, if a row with it exists: a channel variable naming a record that is not there links nothing. */
    private static org.jooq.Field<Long> existing(org.jooq.Table<?> table, org.jooq.TableField<?, Long> id, Long value) {
        return value == null ? DSL.val((Long) null) : DSL.field(DSL.select(id).from(table).where(id.eq(value)));
    }

    /** A numeric channel variable the dialplan exported with the call's events (manager.conf channelvars). */
    private static Long variable(Map<String, String> variables, String name) {
        String value = variables.get(name);
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException ex) {
            return null;
        }
    }

    // looked up in the statement that uses them: one round trip to the database, not two

    private static org.jooq.Field<Long> queueId(String name) {
        return DSL.field(DSL.select(QUEUE.ID).from(QUEUE).where(QUEUE.NAME.eq(name)));
    }

    /** The customer the number belongs to (their primary number first). */
    private static org.jooq.Field<Long> customerOf(Optional<String> number) {
        return number.<org.jooq.Field<Long>>map(n -> DSL.field(DSL.select(CUSTOMER_PHONE.CUSTOMER_ID).from(CUSTOMER_PHONE)
                        .where(CUSTOMER_PHONE.NUMBER.eq(n)).orderBy(CUSTOMER_PHONE.IS_PRIMARY.desc(), CUSTOMER_PHONE.ID).limit(1)))
                .orElseGet(() -> DSL.val((Long) null));
    }

    private static BigDecimal seconds(double value) {
        return BigDecimal.valueOf(value).setScale(3, java.math.RoundingMode.HALF_UP);
    }
}
