package org.hotline.desk.records;

import org.jooq.DSLContext;
import org.jooq.JSONB;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import static org.hotline.schema.jooq.Tables.RECORD_EVENT;

/** A record's append-only audit trail ({@code record_event}): who did what to it, when and why. */
public final class RecordTrail {

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private RecordTrail() {
    }

    public static void write(DSLContext tx, long recordId, Instant at, Actor actor, String type, RecordStatus from, RecordStatus to,
                             String reason, Map<String, Object> details) {
        tx.insertInto(RECORD_EVENT)
                .set(RECORD_EVENT.RECORD_ID, recordId).set(RECORD_EVENT.OCCURRED_AT, at.atOffset(ZoneOffset.UTC))
                .set(RECORD_EVENT.ACTOR_KIND, actor.kind()).set(RECORD_EVENT.ACTOR_ID, actor.agentId().orElse(null))
                .set(RECORD_EVENT.ACTOR_NAME, actor.name()).set(RECORD_EVENT.EVENT_TYPE, type)
                .set(RECORD_EVENT.FROM_STATUS, from == null ? null : from.dbName())
                .set(RECORD_EVENT.TO_STATUS, to == null ? null : to.dbName()).set(RECORD_EVENT.REASON, reason)
                .set(RECORD_EVENT.DETAILS, JSONB.valueOf(toJson(details))).execute();
    }

    private static String toJson(Map<String, Object> details) {
        try {
            return JSON.writeValueAsString(new HashMap<>(details));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
