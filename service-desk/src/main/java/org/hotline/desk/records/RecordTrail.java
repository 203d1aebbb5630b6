package org.hotline.desk.records;

import org.hotline.desk.sql.RenderedStatement;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.impl.DSL;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import static org.hotline.desk.sql.RenderedStatement.param;
import static org.hotline.schema.jooq.Tables.RECORD_EVENT;

/** A record's append-only audit trail ({@code record_event}): who did what to it, when and why. */
public final class RecordTrail {

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** A line of the trail: written with every record made and every step of one, rendered once. */
    private static final RenderedStatement WRITE = RenderedStatement.of(DSL.insertInto(RECORD_EVENT)
            .set(RECORD_EVENT.RECORD_ID, param("record", RECORD_EVENT.RECORD_ID))
            .set(RECORD_EVENT.OCCURRED_AT, param("at", RECORD_EVENT.OCCURRED_AT))
            .set(RECORD_EVENT.ACTOR_KIND, param("actorKind", RECORD_EVENT.ACTOR_KIND))
            .set(RECORD_EVENT.ACTOR_ID, param("actorId", RECORD_EVENT.ACTOR_ID))
            .set(RECORD_EVENT.ACTOR_NAME, param("actorName", RECORD_EVENT.ACTOR_NAME))
            .set(RECORD_EVENT.EVENT_TYPE, param("type", RECORD_EVENT.EVENT_TYPE))
            .set(RECORD_EVENT.FROM_STATUS, param("from", RECORD_EVENT.FROM_STATUS))
            .set(RECORD_EVENT.TO_STATUS, param("to", RECORD_EVENT.TO_STATUS))
            .set(RECORD_EVENT.REASON, param("reason", RECORD_EVENT.REASON))
            .set(RECORD_EVENT.DETAILS, param("details", RECORD_EVENT.DETAILS)));

    private RecordTrail() {
    }

    public static void write(DSLContext tx, long recordId, Instant at, Actor actor, String type, RecordStatus from, RecordStatus to,
                             String reason, Map<String, Object> details) {
        WRITE.with("record", recordId).with("at", at.atOffset(ZoneOffset.UTC)).with("actorKind", actor.kind())
                .with("actorId", actor.agentId().orElse(null)).with("actorName", actor.name()).with("type", type)
                .with("from", from == null ? null : from.dbName()).with("to", to == null ? null : to.dbName())
                .with("reason", reason).with("details", JSONB.valueOf(toJson(details))).execute(tx);
    }

    private static String toJson(Map<String, Object> details) {
        try {
            return JSON.writeValueAsString(new HashMap<>(details));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
