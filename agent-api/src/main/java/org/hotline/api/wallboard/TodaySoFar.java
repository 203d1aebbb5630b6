package org.hotline.api.wallboard;

import org.hotline.events.CallbackStatus;

import java.util.Map;

import org.hotline.events.CallDirection;

import org.hotline.events.CallOutcome;

import org.hotline.events.CallEvent;

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

    /** The day's queue calls as the call events they gave, in time order ({@code server}: as stored). */
    static List<CallEvent> callEvents(DSLContext db, Instant dayStart) {
        List<CallEvent> events = new ArrayList<>();
        db.select(CALL.LINKEDID, CALL.QUEUE_NAME, CALL.QUEUED_AT, CALL.ANSWERED_AT, CALL.WAIT_SECONDS, CALL.OUTCOME,
                        CALL.TALK_SECONDS, CALL.ENDED_AT, CALL.ASTERISK_SERVER)
                .from(CALL).where(CALL.QUEUED_AT.ge(dayStart.atOffset(java.time.ZoneOffset.UTC)).and(CALL.QUEUE_NAME.isNotNull()))
                .forEach(r -> {
                    String linkedid = r.value1();
                    String server = r.value9();
                    String queue = r.value2();
                    Instant queued = r.value3().toInstant();
                    double wait = seconds(r.value5());
                    events.add(new CallEvent.QueueJoined(server, linkedid, queued, queue, 0, "", "", Map.of()));
                    if (r.value4() != null) {
                        events.add(new CallEvent.Answered(server, linkedid, r.value4().toInstant(), "", "", queue, 0, 0, wait));
                        if (r.value7() != null && r.value8() != null) {
                            events.add(new CallEvent.AgentCompleted(server, linkedid, r.value8().toInstant(), "", "",
                                    (int) Math.round(seconds(r.value7())), 0, ""));
                        }
                    } else if (CallOutcome.ABANDONED.dbName().equals(r.value6())) {
                        events.add(new CallEvent.Abandoned(server, linkedid, queued.plus(Duration.ofMillis(Math.round(wait * 1000))),
                                queue, 0, 0, wait));
                    }
                    if (r.value8() != null) {
                        CallOutcome outcome = r.value6() == null ? CallOutcome.UNKNOWN : CallOutcome.ofDbName(r.value6());
                        events.add(new CallEvent.Ended(server, linkedid, r.value8().toInstant(), outcome, CallDirection.INBOUND, 0, "", "",
                                queue, Map.of(), null, null, null, 0.0, null));
                    }
                });
        events.sort(Comparator.comparing(CallEvent::at)); // stable: a call's own events keep their order
        return events;
    }

    /** The callbacks finished since the day began. */
    record Finished(long done, long doneOnTime, long failed) {
    }

    /** The callbacks finished today: done, done within {@code onTime} of their due time, failed or expired. */
    static Finished callbacksDone(DSLContext db, Instant dayStart, Duration onTime) {
        var counts = db.select(
                        DSL.count().filterWhere(CALLBACK.STATUS.eq(CallbackStatus.DONE.dbName())),
                        DSL.count().filterWhere(CALLBACK.STATUS.eq(CallbackStatus.DONE.dbName()).and(CALLBACK.COMPLETED_AT.le(DSL.field(
                                "{0} + {1} * interval '1 second'", CALLBACK.DUE_AT.getDataType(), CALLBACK.DUE_AT, DSL.val(onTime.toSeconds()))))),
                        DSL.count().filterWhere(CALLBACK.STATUS.in(CallbackStatus.FAILED.dbName(), CallbackStatus.EXPIRED.dbName())))
                .from(CALLBACK).where(CALLBACK.COMPLETED_AT.ge(dayStart.atOffset(java.time.ZoneOffset.UTC))).fetchOne();
        return new Finished(counts.value1(), counts.value2(), counts.value3());
    }

    private static double seconds(BigDecimal value) {
        return value == null ? 0 : value.doubleValue();
    }
}
