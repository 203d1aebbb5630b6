package org.hotline.desk.reports;

import org.jooq.DSLContext;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.hotline.schema.jooq.Tables.QUEUE;

/**
 * What supervisors set of a queue's wallboard targets: the service-level share it aims at, and
 * the callers waiting and the longest wait that turn its tile amber and red. The service-level
 * threshold itself is not set here: today's figures were counted with it.
 */
public final class QueueTargetSettings {

    /** The targets to set; an alarm below its warning is refused. */
    public record Change(int serviceLevelTargetPercent, int waitingWarn, int waitingAlarm, Duration longestWaitWarn,
                         Duration longestWaitAlarm) {

        public Change {
            if (serviceLevelTargetPercent < 1 || serviceLevelTargetPercent > 100) {
                throw new IllegalArgumentException("serviceLevelPercent: from 1 to 100");
            }
            if (waitingWarn < 1 || waitingAlarm < waitingWarn) {
                throw new IllegalArgumentException("waitingAlarm: at least waitingWarn, which is at least 1");
            }
            if (longestWaitWarn.toSeconds() < 1 || longestWaitAlarm.compareTo(longestWaitWarn) < 0) {
                throw new IllegalArgumentException("longestWaitAlarmSeconds: at least longestWaitWarnSeconds, which is at least 1");
            }
        }
    }

    private QueueTargetSettings() {
    }

    /** Every queue's targets, by queue name. */
    public static Map<String, QueueTargets> all(DSLContext db) {
        return OpenWork.queues(db);
    }

    /** Sets queue {@code name}'s targets; its targets as they are now, or empty when there is no such queue. */
    public static Optional<QueueTargets> set(DSLContext db, String name, Change change) {
        int updated = db.update(QUEUE)
                .set(QUEUE.SERVICE_LEVEL_TARGET_PERCENT, change.serviceLevelTargetPercent())
                .set(QUEUE.WAITING_WARN, change.waitingWarn())
                .set(QUEUE.WAITING_ALARM, change.waitingAlarm())
                .set(QUEUE.LONGEST_WAIT_WARN_SECONDS, (int) change.longestWaitWarn().toSeconds())
                .set(QUEUE.LONGEST_WAIT_ALARM_SECONDS, (int) change.longestWaitAlarm().toSeconds())
                .where(QUEUE.NAME.eq(name)).execute();
        return updated == 0 ? Optional.empty() : Optional.ofNullable(all(db).get(name));
    }
}
