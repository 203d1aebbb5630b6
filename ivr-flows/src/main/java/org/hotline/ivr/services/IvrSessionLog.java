package org.hotline.ivr.services;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.JsonProcessingException;
import org.hotline.ivr.channel.CallInfo;
import org.hotline.ivr.engine.KeyPress;
import org.hotline.ivr.engine.SessionResult;
import org.hotline.ivr.flow.Flow;
import org.jooq.DSLContext;
import org.jooq.JSONB;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.hotline.schema.jooq.Tables.IVR_SESSION;

/** One ivr_session row per flow run: written when it starts (its id goes to the queue), completed when it ends. */
final class IvrSessionLog {

    private static final ObjectMapper JSON = new ObjectMapper();

    long started(DSLContext db, CallInfo call, Flow flow, Optional<String> phone, Instant now) {
        return db.insertInto(IVR_SESSION, IVR_SESSION.ASTERISK_SERVER, IVR_SESSION.UNIQUEID, IVR_SESSION.CALLER_NUMBER,
                        IVR_SESSION.FLOW_NAME, IVR_SESSION.FLOW_VERSION, IVR_SESSION.LANGUAGE, IVR_SESSION.STARTED_AT)
                .values(call.server(), call.uniqueid(), phone.orElse(call.callerNumber()), flow.name(), flow.version(), call.language(),
                        now.atOffset(ZoneOffset.UTC))
                .returning(IVR_SESSION.ID).fetchOne(IVR_SESSION.ID);
    }

    void ended(DSLContext db, long id, SessionResult result, Instant now) {
        List<Map<String, String>> keys = result.keys().stream().map(IvrSessionLog::json).toList();
        db.update(IVR_SESSION)
                .set(IVR_SESSION.CUSTOMER_ID, result.customerId().orElse(null))
                .set(IVR_SESSION.RECORD_ID, recordOf(result))
                .set(IVR_SESSION.PATH, result.path().toArray(String[]::new))
                .set(IVR_SESSION.INPUTS, jsonb(keys))
                .set(IVR_SESSION.VARIABLES, jsonb(result.handedOn()))
                .set(IVR_SESSION.OUTCOME, result.outcome().dbName())
                .set(IVR_SESSION.CALLER_HUNG_UP, result.callerHungUp())
                .set(IVR_SESSION.ENDED_AT, now.atOffset(ZoneOffset.UTC))
                .where(IVR_SESSION.ID.eq(id))
                .execute();
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
