package org.hotline.api.wallboard;

import io.vertx.core.json.JsonObject;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.hotline.schema.jooq.Tables.CALL;
import static org.hotline.schema.jooq.Tables.CALLBACK;

/**
 * What the day held before this node started, read once from the database so that a restarted
 * node's wallboard shows the whole day, not only the calls since it started: each queued call
 * today as the call events it gave (joined, answered or abandoned, completed, ended, at the
 * times stored), and the callbacks finished today.
 */
final class TodaySoFar {

    private TodaySoFar() {
    }

    /** The day's queue calls as call event envelopes, in time order. */
    static List<JsonObject> callEvents(DSLContext db, Instant dayStart) {
        List<JsonObject> events = new ArrayList<>();
        db.select(CALL.LINKEDID, CALL.QUEUE_NAME, CALL.QUEUED_AT, CALL.ANSWERED_AT, CALL.WAIT_SECONDS, CALL.OUTCOME,
                        CALL.TALK_SECONDS, CALL.ENDED_AT)
                .from(CALL).where(CALL.QUEUED_AT.ge(dayStart.atOffset(java.time.ZoneOffset.UTC)).and(CALL.QUEUE_NAME.isNotNull()))
                .forEach(r -> {
                    String linkedid = r.value1();
                    Instant queued = r.value3().toInstant();
                    double wait = seconds(r.value5());
                    events.add(event("call.queue_joined", linkedid, queued, new JsonObject().put("queue", r.value2())));
                    if (r.value4() != null) {
                        events.add(event("call.answered", linkedid, r.value4().toInstant(), new JsonObject().put("waitSeconds", wait)));
                        if (r.value7() != null && r.value8() != null) {
                            events.add(event("call.agent_completed", linkedid, r.value8().toInstant(),
                                    new JsonObject().put("talkSeconds", seconds(r.value7()))));
                        }
                    } else if ("abandoned".equals(r.value6())) {
                        events.add(event("call.abandoned", linkedid, queued.plus(Duration.ofMillis(Math.round(wait * 1000))),
                                new JsonObject().put("waitSeconds", wait)));
                    }
                    if (r.value8() != null) {
                        events.add(event("call.ended", linkedid, r.value8().toInstant(), new JsonObject()));
                    }
                });
        events.sort(Comparator.comparing(e -> Instant.parse(e.getString("occurredAt")))); // stable: a call's own events keep their order
        return events;
    }

    /** The callbacks finished since the day began. */
    record Finished(long done, long doneOnTime, long failed) {
    }

    /** The callbacks finished today: done, done within {@code onTime} of their due time, failed or expired. */
    static Finished callbacksDone(DSLContext db, Instant dayStart, Duration onTime) {
        var counts = db.select(
                        DSL.count().filterWhere(CALLBACK.STATUS.eq("done")),
                        DSL.count().filterWhere(CALLBACK.STATUS.eq("done").and(CALLBACK.COMPLETED_AT.le(DSL.field(
                                "{0} + {1} * interval '1 second'", CALLBACK.DUE_AT.getDataType(), CALLBACK.DUE_AT, DSL.val(onTime.toSeconds()))))),
                        DSL.count().filterWhere(CALLBACK.STATUS.in("failed", "expired")))
                .from(CALLBACK).where(CALLBACK.COMPLETED_AT.ge(dayStart.atOffset(java.time.ZoneOffset.UTC))).fetchOne();
        return new Finished(counts.value1(), counts.value2(), counts.value3());
    }

    private static JsonObject event(String type, String linkedid, Instant at, JsonObject payload) {
        return new JsonObject().put("type", type).put("linkedid", linkedid).put("occurredAt", at.toString()).put("payload", payload);
    }

    private static double seconds(BigDecimal value) {
        return value == null ? 0 : value.doubleValue();
    }
}
