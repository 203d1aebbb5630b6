package org.hotline.desk.reports;

import java.time.Duration;

/**
 * What a queue is shown by and measured against on the wallboard: its name for people, the
 * service-level threshold and the share it aims at, and the callers waiting and the longest wait
 * that turn it amber (warn) and red (alarm).
 */
public record QueueTargets(String displayName, Duration serviceLevel, int serviceLevelTargetPercent, int waitingWarn,
                           int waitingAlarm, Duration longestWaitWarn, Duration longestWaitAlarm) {

    /** For a queue the queue table does not know: the configured threshold and the shipped defaults. */
    public static QueueTargets defaults(String queue, Duration serviceLevel) {
        return new QueueTargets(queue, serviceLevel, 80, 3, 8, Duration.ofSeconds(60), Duration.ofSeconds(180));
    }
}
