package org.hotline.desk.records;

import org.hotline.desk.sql.RenderedStatement;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.impl.DSL;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import static org.hotline.schema.jooq.Tables.RECORD_EVENT;

/** A record's append-only audit trail ({@code record_event}): who did what to it, when and why. */
public final class RecordTrail {

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** A line of the trail: written with every record made and every step of one, rendered once. */
    private static final RenderedStatement WRITE = RenderedStatement.of(DSL.insertInto(RECORD_EVENT)
            .set(RECORD_EVENT.RECORD_ID, DSL.param("record", RECORD_EVENT.RECORD_ID.getDataType()))
            .set(RECORD_EVENT.OCCURRED_AT, DSL.param("at", RECORD_EVENT.OCCURRED_AT.getDataType()))
            .set(RECORD_EVENT.ACTOR_KIND, DSL.param("actorKind", RECORD_EVENT.ACTOR_KIND.getDataType()))
            .set(RECORD_EVENT.ACTOR_ID, DSL.param("actorId", RECORD_EVENT.ACTOR_ID.getDataType()))
            .set(RECORD_EVENT.ACTOR_NAME, DSL.param("actorName", RECORD_EVENT.ACTOR_NAME.getDataType()))
            .set(RECORD_EVENT.EVENT_TYPE, DSL.param("type", RECORD_EVENT.EVENT_TYPE.getDataType()))
            .set(RECORD_EVENT.FROM_STATUS, DSL.param("from", RECORD_EVENT.FROM_STATUS.getDataType()))
            .set(RECORD_EVENT.TO_STATUS, DSL.param("to", RECORD_EVENT.TO_STATUS.getDataType()))
            .set(RECORD_EVENT.REASON, DSL.param("reason", RECORD_EVENT.REASON.getDataType()))
            .set(RECORD_EVENT.DETAILS, DSL.param("details", RECORD_EVENT.DETAILS.getDataType())));

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
