package org.hotline.ivr.services;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.JsonProcessingException;
import org.hotline.events.CallOutcome;
import org.hotline.ivr.engine.KeyPress;
import org.hotline.ivr.engine.Outcome;
import org.hotline.ivr.engine.SessionResult;
import org.hotline.desk.sql.RenderedStatement;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.impl.DSL;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.hotline.schema.jooq.Tables.CALL;
import static org.hotline.schema.jooq.Tables.IVR_SESSION;

/**
 * One ivr_session row per flow run, named by its Asterisk server, channel and start: written when
 * it starts (its id goes to the queue), completed when it ends; each write makes the row if the
 * other has not, so they may land in either order.
 */
final class IvrSessionLog {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final List<org.jooq.TableField<?, ?>> START_COLUMNS = List.of(IVR_SESSION.ASTERISK_SERVER, IVR_SESSION.UNIQUEID,
            IVR_SESSION.CALLER_NUMBER, IVR_SESSION.FLOW_NAME, IVR_SESSION.FLOW_VERSION, IVR_SESSION.LANGUAGE, IVR_SESSION.STARTED_AT);
    private static final List<org.jooq.TableField<?, ?>> END_COLUMNS = List.of(IVR_SESSION.CUSTOMER_ID, IVR_SESSION.RECORD_ID,
            IVR_SESSION.CALLBACK_ID, IVR_SESSION.PATH, IVR_SESSION.INPUTS, IVR_SESSION.VARIABLES, IVR_SESSION.OUTCOME,
            IVR_SESSION.CALLER_HUNG_UP, IVR_SESSION.ENDED_AT);

    /** A session's start; nothing if its row is there already (its end written first). */
    private static final RenderedStatement START = RenderedStatement.of(DSL.insertInto(IVR_SESSION)
            .set(startColumns()).onConflict(IVR_SESSION.ASTERISK_SERVER, IVR_SESSION.UNIQUEID, IVR_SESSION.STARTED_AT).doNothing()
            .returning(IVR_SESSION.ID));
    /** A session's end: its row completed, or made whole when its start never was. */
    private static final RenderedStatement END = RenderedStatement.of(DSL.insertInto(IVR_SESSION)
            .set(startColumns()).set(endColumns())
            .onConflict(IVR_SESSION.ASTERISK_SERVER, IVR_SESSION.UNIQUEID, IVR_SESSION.STARTED_AT).doUpdate().set(endColumns())
            .returning(IVR_SESSION.ID));

    private static Map<org.jooq.Field<?>, org.jooq.Field<?>> startColumns() {
        return RenderedStatement.parametersNamedAs(START_COLUMNS);
    }

    private static Map<org.jooq.Field<?>, org.jooq.Field<?>> endColumns() {
        return RenderedStatement.parametersNamedAs(END_COLUMNS);
    }

    private static RenderedStatement.Binding start(RenderedStatement statement, SessionStart start) {
        return statement.with(IVR_SESSION.ASTERISK_SERVER.getName(), start.call().server())
                .with(IVR_SESSION.UNIQUEID.getName(), start.call().uniqueid())
                .with(IVR_SESSION.CALLER_NUMBER.getName(), callerNumber(start))
                .with(IVR_SESSION.FLOW_NAME.getName(), start.flowName())
                .with(IVR_SESSION.FLOW_VERSION.getName(), start.flowVersion())
                .with(IVR_SESSION.LANGUAGE.getName(), start.call().language())
                .with(IVR_SESSION.STARTED_AT.getName(), start.at().atOffset(ZoneOffset.UTC));
    }

    long started(DSLContext db, SessionStart start) {
        // the end may have been written first (the start waited for a connection): then the row is there already
        return start(START, start).fetchOptional(db, Long.class)
                .orElseGet(() -> db.select(IVR_SESSION.ID).from(IVR_SESSION).where(row(start)).fetchSingle(IVR_SESSION.ID));
    }

    /**
     * Completes the session's row, or writes it whole when its start never was; and links the
     * call it was on when that call's row came first (written while the flow could not hand its
     * ids on: see CallRows). Each statement stands alone (a write that fills in, never undoes):
     * cut short and run again whole, it leaves the same rows, so it needs no transaction.
     */
    void ended(DSLContext db, SessionStart start, SessionResult result, Instant now) {
        Long record = recordOf(result);
        Long callback = result.callbacksScheduled().isEmpty() ? null : result.callbacksScheduled().getLast();
        long id = start(END, start)
                .with(IVR_SESSION.CUSTOMER_ID.getName(), result.customerId().orElse(null))
                .with(IVR_SESSION.RECORD_ID.getName(), record)
                .with(IVR_SESSION.CALLBACK_ID.getName(), callback)
                .with(IVR_SESSION.PATH.getName(), result.path().toArray(String[]::new))
                .with(IVR_SESSION.INPUTS.getName(), jsonb(result.keys().stream().map(IvrSessionLog::json).toList()))
                .with(IVR_SESSION.VARIABLES.getName(), jsonb(result.handedOn()))
                .with(IVR_SESSION.OUTCOME.getName(), result.outcome().dbName())
                .with(IVR_SESSION.CALLER_HUNG_UP.getName(), result.callerHungUp())
                .with(IVR_SESSION.ENDED_AT.getName(), now.atOffset(ZoneOffset.UTC))
                .fetchOptional(db, Long.class).orElseThrow();
        if (!handedOnLate(result, id, record, callback)) {
            return; // the dialplan had every id: the call's row links them itself
        }
        // the call of the channel's first session only: a survey after the queue runs on the same channel
        var call = CALL.ASTERISK_SERVER.eq(start.call().server()).and(CALL.IVR_CHANNEL.eq(start.call().uniqueid()))
                .andNotExists(DSL.selectOne().from(IVR_SESSION).where(IVR_SESSION.ASTERISK_SERVER.eq(start.call().server())
                        .and(IVR_SESSION.UNIQUEID.eq(start.call().uniqueid()))
                        .and(IVR_SESSION.STARTED_AT.lt(start.at().atOffset(ZoneOffset.UTC)))));
        db.update(CALL)
                .set(CALL.IVR_SESSION_ID, DSL.coalesce(CALL.IVR_SESSION_ID, DSL.val(id)))
                .set(CALL.RECORD_ID, DSL.coalesce(CALL.RECORD_ID, DSL.val(record)))
                .set(CALL.CALLBACK_ID, DSL.coalesce(CALL.CALLBACK_ID, DSL.val(callback)))
                .set(CALL.CUSTOMER_ID, DSL.coalesce(CALL.CUSTOMER_ID, DSL.val(result.customerId().orElse(null))))
                .set(CALL.OUTCOME, result.outcome() == Outcome.CALLBACK
                        ? DSL.when(CALL.OUTCOME.eq(CallOutcome.IVR_HANGUP.dbName()), CallOutcome.CALLBACK_REQUESTED.dbName()).otherwise(CALL.OUTCOME)
                        : CALL.OUTCOME)
                .where(call).execute();
        db.update(IVR_SESSION).set(IVR_SESSION.LINKEDID, DSL.field(DSL.select(CALL.LINKEDID).from(CALL).where(call).limit(1)))
                .where(IVR_SESSION.ID.eq(id).and(IVR_SESSION.LINKEDID.isNull())).execute();
    }

    /** Whether the session, its record or its callback came too late to be handed to the dialplan. */
    private static boolean handedOnLate(SessionResult result, long id, Long record, Long callback) {
        Map<String, String> handed = result.handedOn();
        return !String.valueOf(id).equals(handed.get("HOTLINE_IVR_SESSION_ID"))
                || record != null && !String.valueOf(record).equals(handed.get("HOTLINE_RECORD_ID"))
                || callback != null && !String.valueOf(callback).equals(handed.get("HOTLINE_CALLBACK_ID"));
    }

    private static org.jooq.Condition row(SessionStart start) {
        return IVR_SESSION.ASTERISK_SERVER.eq(start.call().server()).and(IVR_SESSION.UNIQUEID.eq(start.call().uniqueid()))
                .and(IVR_SESSION.STARTED_AT.eq(start.at().atOffset(ZoneOffset.UTC)));
    }

    private static String callerNumber(SessionStart start) {
        return start.phone().orElse(start.call().callerNumber());
    }

    /** The record the session made, else the one it found and handed on to the queue (the caller's open record). */
    private static Long recordOf(SessionResult result) {
        if (!result.recordsCreated().isEmpty()) {
            return result.recordsCreated().getLast();
        }
        String handed = result.handedOn().get("HOTLINE_RECORD_ID");
        return handed != null && handed.matches("[0-9]{1,18}") ? Long.valueOf(handed) : null;
    }

    private static Map<String, String> json(KeyPress key) {
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put("node", key.node());
        entry.put("digits", key.digits());
        entry.put("at", key.at().toString());
        return entry;
    }

    private static JSONB jsonb(Object value) {
        try {
            return JSONB.valueOf(JSON.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
