package org.hotline.bridge.calls;

import org.hotline.desk.sql.RenderedStatement;
import org.hotline.events.CallDirection;
import org.hotline.events.CallOutcome;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.impl.DSL;

import static org.hotline.desk.sql.RenderedStatement.param;
import static org.hotline.schema.jooq.Tables.AGENT;
import static org.hotline.schema.jooq.Tables.CALL;
import static org.hotline.schema.jooq.Tables.CALLBACK;
import static org.hotline.schema.jooq.Tables.CONTACT_RECORD;
import static org.hotline.schema.jooq.Tables.CUSTOMER;
import static org.hotline.schema.jooq.Tables.CUSTOMER_PHONE;
import static org.hotline.schema.jooq.Tables.IVR_SESSION;
import static org.hotline.schema.jooq.Tables.QUEUE;

/**
 * The statements every call's events write to its row, rendered once ({@link RenderedStatement}):
 * a call makes five or six of them. Each names the row by {@link #SERVER} and {@link #LINKEDID};
 * an id looked up in the statement (the queue's, the agent's, the customer's, a record a channel
 * variable names) is looked up there, one round trip, not two; an id that names no row links nothing.
 */
final class CallStatements {

    static final String SERVER = "server";
    static final String LINKEDID = "linkedid";

    private static final Condition ROW = CALL.ASTERISK_SERVER.eq(param(SERVER, CALL.ASTERISK_SERVER))
            .and(CALL.LINKEDID.eq(param(LINKEDID, CALL.LINKEDID)));
    private static final Field<java.time.OffsetDateTime> AT = param("at", CALL.UPDATED_AT);

    private CallStatements() {
    }

    static final RenderedStatement MAKE_ROW = RenderedStatement.of(DSL.insertInto(CALL)
            .set(CALL.ASTERISK_SERVER, param(SERVER, CALL.ASTERISK_SERVER))
            .set(CALL.LINKEDID, param(LINKEDID, CALL.LINKEDID))
            .set(CALL.DIRECTION, CallDirection.INBOUND.dbName()).set(CALL.OFFERED_AT, AT).onConflictDoNothing());

    static final RenderedStatement RINGING = RenderedStatement.of(DSL.update(CALL)
            .set(CALL.FIRST_RING_AT, DSL.coalesce(CALL.FIRST_RING_AT, AT))
            .set(CALL.RING_ATTEMPTS, CALL.RING_ATTEMPTS.plus(1)).set(CALL.UPDATED_AT, AT).where(ROW));

    static final RenderedStatement ANSWERED = RenderedStatement.of(DSL.update(CALL).set(CALL.ANSWERED_AT, AT)
            .set(CALL.AGENT_ID, DSL.field(DSL.select(AGENT.ID).from(AGENT)
                    .where(AGENT.INTERFACE.eq(param("agent", AGENT.INTERFACE))).orderBy(AGENT.ID).limit(1)))
            .set(CALL.WAIT_SECONDS, param("wait", CALL.WAIT_SECONDS))
            .set(CALL.RING_SECONDS, param("ring", CALL.RING_SECONDS))
            .set(CALL.OUTCOME, CallOutcome.ANSWERED.dbName()).set(CALL.UPDATED_AT, AT).where(ROW));

    static final RenderedStatement ABANDONED = RenderedStatement.of(DSL.update(CALL)
            .set(CALL.WAIT_SECONDS, param("wait", CALL.WAIT_SECONDS))
            .set(CALL.ABANDON_POSITION, param("position", CALL.ABANDON_POSITION))
            .set(CALL.OUTCOME, CallOutcome.ABANDONED.dbName()).set(CALL.UPDATED_AT, AT).where(ROW));

    static final RenderedStatement COMPLETED = RenderedStatement.of(DSL.update(CALL)
            .set(CALL.TALK_SECONDS, param("talk", CALL.TALK_SECONDS)).set(CALL.UPDATED_AT, AT).where(ROW));

    /** The caller's number as given when it is not a number of ours ({@code caller}); its customer by the number normalized ({@code number}). */
    static final RenderedStatement JOINED = RenderedStatement.of(DSL.update(CALL)
            .set(CALL.QUEUE_NAME, param("queue", CALL.QUEUE_NAME))
            .set(CALL.QUEUE_ID, DSL.field(DSL.select(QUEUE.ID).from(QUEUE).where(QUEUE.NAME.eq(param("queue", QUEUE.NAME)))))
            .set(CALL.QUEUED_AT, AT)
            .set(CALL.CALLER_NUMBER, param("caller", CALL.CALLER_NUMBER))
            .set(CALL.CUSTOMER_ID, DSL.field(DSL.select(CUSTOMER_PHONE.CUSTOMER_ID).from(CUSTOMER_PHONE)
                    .where(CUSTOMER_PHONE.NUMBER.eq(param("number", CUSTOMER_PHONE.NUMBER)))
                    .orderBy(CUSTOMER_PHONE.IS_PRIMARY.desc(), CUSTOMER_PHONE.ID).limit(1)))
            .set(CALL.RECORD_ID, DSL.coalesce(CALL.RECORD_ID, existing(CONTACT_RECORD, CONTACT_RECORD.ID, "record")))
            .set(CALL.IVR_SESSION_ID, DSL.coalesce(CALL.IVR_SESSION_ID, existing(IVR_SESSION, IVR_SESSION.ID, "session")))
            .set(CALL.UPDATED_AT, AT).where(ROW));

    /**
     * The call's end: what its channel variables name (if it exists), else what its IVR session made
     * ({@code session...}); never overwrites what an earlier event wrote.
     */
    static final RenderedStatement ENDED = RenderedStatement.of(DSL.update(CALL).set(CALL.ENDED_AT, AT)
            .set(CALL.IVR_CHANNEL, param("channel", CALL.IVR_CHANNEL))
            .set(CALL.RECORD_ID, DSL.coalesce(CALL.RECORD_ID, existing(CONTACT_RECORD, CONTACT_RECORD.ID, "record"),
                    param("sessionRecord", CALL.RECORD_ID)))
            .set(CALL.CALLBACK_ID, DSL.coalesce(CALL.CALLBACK_ID, existing(CALLBACK, CALLBACK.ID, "callback"),
                    param("sessionCallback", CALL.CALLBACK_ID)))
            .set(CALL.CUSTOMER_ID, DSL.coalesce(CALL.CUSTOMER_ID, existing(CUSTOMER, CUSTOMER.ID, "customer"),
                    param("sessionCustomer", CALL.CUSTOMER_ID)))
            .set(CALL.IVR_SESSION_ID, DSL.coalesce(CALL.IVR_SESSION_ID, existing(IVR_SESSION, IVR_SESSION.ID, "session"),
                    param("sessionId", CALL.IVR_SESSION_ID)))
            .set(CALL.OUTCOME, DSL.coalesce(CALL.OUTCOME, param("outcome", CALL.OUTCOME)))
            .set(CALL.CALLER_NUMBER, DSL.coalesce(CALL.CALLER_NUMBER, param("caller", CALL.CALLER_NUMBER)))
            .set(CALL.HOLD_SECONDS, param("hold", CALL.HOLD_SECONDS))
            .set(CALL.TRANSFERRED_TO, param("transferredTo", CALL.TRANSFERRED_TO))
            .set(CALL.HANGUP_CAUSE, param("cause", CALL.HANGUP_CAUSE))
            .set(CALL.HANGUP_CAUSE_TEXT, param("causeText", CALL.HANGUP_CAUSE_TEXT))
            .set(CALL.UPDATED_AT, AT).where(ROW));

    /** The IVR session of the channel that ran the AGI gets the call's Linkedid (Asterisk's AGI request names none). */
    static final RenderedStatement SESSION_LINKED = RenderedStatement.of(DSL.update(IVR_SESSION)
            .set(IVR_SESSION.LINKEDID, param(LINKEDID, IVR_SESSION.LINKEDID))
            .where(IVR_SESSION.ASTERISK_SERVER.eq(param(SERVER, IVR_SESSION.ASTERISK_SERVER))
                    .and(IVR_SESSION.UNIQUEID.eq(param("channel", IVR_SESSION.UNIQUEID)))
                    .and(IVR_SESSION.LINKEDID.isNull())));

    /** The id {@code name} gives, if a row with it exists. */
    private static Field<Long> existing(Table<?> table, TableField<?, Long> id, String name) {
        return DSL.field(DSL.select(id).from(table).where(id.eq(param(name, id))));
    }
}
