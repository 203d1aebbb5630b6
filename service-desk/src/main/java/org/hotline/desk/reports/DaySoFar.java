package org.hotline.desk.reports;


import java.util.Map;

import org.hotline.events.CallDirection;

import org.hotline.events.CallOutcome;

import org.hotline.events.CallEvent;

import org.jooq.DSLContext;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.hotline.schema.jooq.Tables.CALL;

/**
 * What the day held before this node started, read once from the database so that a restarted
 * node's wallboard shows the whole day, not only the calls since it started: each queued call
 * today as the call events it gave (joined, answered or abandoned, completed, ended, at the
 * times stored), and the callbacks finished today.
 */
public final class DaySoFar {

    private DaySoFar() {
    }

    /** The day's queue calls as the call events they gave, in time order ({@code server}: as stored). */
    public static List<CallEvent> callEvents(DSLContext db, Instant dayStart) {
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

    /** The callbacks finished since the day began: done, done within {@code onTime} of their due time, failed or expired. */
    public static KpiReport.CallbackFigures callbacksDone(DSLContext db, Instant dayStart, Instant now, Duration onTime) {
        return KpiQueries.callbacks(db, dayStart.atOffset(java.time.ZoneOffset.UTC), now.atOffset(java.time.ZoneOffset.UTC), onTime);
    }

    private static double seconds(BigDecimal value) {
        return value == null ? 0 : value.doubleValue();
    }
}
