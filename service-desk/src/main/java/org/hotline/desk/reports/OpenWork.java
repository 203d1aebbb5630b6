package org.hotline.desk.reports;

import org.hotline.desk.sla.SlaClock;

import org.hotline.events.CallbackStatus;
import org.jooq.DSLContext;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.hotline.schema.jooq.Tables.CALLBACK;
import static org.hotline.schema.jooq.Tables.AGENT;
import static org.hotline.schema.jooq.Tables.QUEUE;
import static org.hotline.schema.jooq.Tables.SLA_CLOCK;

/**
 * The work still open when a wallboard starts: each queue's name and targets, the agents' names
 * by device, the callbacks still to be made with their due times, the running clocks at risk and
 * breached.
 */
public record OpenWork(Map<String, QueueTargets> queues, Map<String, String> agentNames, Map<Long, Instant> pendingCallbacks,
                       Set<Clock> atRisk, Set<Clock> breached) {

    /** A running SLA clock: a record's milestone. */
    public record Clock(long recordId, String milestone) {
    }

    public static OpenWork read(DSLContext db, Instant now) {
        Map<String, QueueTargets> queues = queues(db);
        Map<Long, Instant> pending = new HashMap<>();
        db.select(CALLBACK.ID, CALLBACK.DUE_AT).from(CALLBACK).where(CALLBACK.STATUS.in(CallbackStatus.dbNames(CallbackStatus.OPEN)))
                .forEach(r -> pending.put(r.value1(), r.value2().toInstant()));
        Set<Clock> atRisk = new HashSet<>();
        Set<Clock> breached = new HashSet<>();
        db.select(SLA_CLOCK.RECORD_ID, SLA_CLOCK.MILESTONE_CODE, SLA_CLOCK.BREACHED_AT).from(SLA_CLOCK)
                .where(SLA_CLOCK.STATE.eq(SlaClock.State.RUNNING.dbName()).and(SLA_CLOCK.BREACHED_AT.isNotNull().or(SLA_CLOCK.AT_RISK_AT.le(now.atOffset(ZoneOffset.UTC)))))
                .forEach(r -> (r.value3() != null ? breached : atRisk).add(new Clock(r.value1(), r.value2())));
        return new OpenWork(queues, agentNames(db), pending, atRisk, breached);
    }

    /** Every queue's display name and wallboard targets, by queue name. */
    public static Map<String, QueueTargets> queues(DSLContext db) {
        return db.select(QUEUE.NAME, QUEUE.DISPLAY_NAME, QUEUE.SERVICE_LEVEL_SECONDS, QUEUE.SERVICE_LEVEL_TARGET_PERCENT,
                        QUEUE.WAITING_WARN, QUEUE.WAITING_ALARM, QUEUE.LONGEST_WAIT_WARN_SECONDS, QUEUE.LONGEST_WAIT_ALARM_SECONDS)
                .from(QUEUE)
                .fetchMap(r -> r.value1(), r -> new QueueTargets(r.value2(), Duration.ofSeconds(r.value3()), r.value4(), r.value5(),
                        r.value6(), Duration.ofSeconds(r.value7()), Duration.ofSeconds(r.value8())));
    }

    /** The display names of the agents who have a device, by device (the wallboard shows people, not PJSIP/1003). */
    public static Map<String, String> agentNames(DSLContext db) {
        return db.select(AGENT.INTERFACE, AGENT.DISPLAY_NAME).from(AGENT).where(AGENT.INTERFACE.isNotNull())
                .fetchMap(r -> r.value1(), r -> r.value2());
    }
}
