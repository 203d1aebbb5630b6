package org.hotline.desk.reports;

import java.util.List;

/**
 * The measures of DOMAIN.md over a period, section by section (built by {@link KpiQueries}): per
 * queue answered / abandoned, service level by the queue's own threshold, speed of answer,
 * longest wait, talk time; per agent; callbacks done, on time, failed; SLA milestones met,
 * missed and ended with their record; records by type; complaints by type and handling
 * department, by outcome (validity and the customer's reactions round by round) and by cause;
 * repeat repairs; per technician; satisfaction.
 */
public record KpiReport(String period, String from, String to, int serviceLevelSeconds, int repeatRepairDays,
                        long callbackOnTimeSeconds, List<QueueFigures> queues, CallRegistration callRegistration, List<AgentFigures> agents,
                        CallbackFigures callbacks, List<MilestoneFigures> slaMilestones, List<RecordsOfType> recordsByType,
                        List<ComplaintsOfType> complaintsByType, List<ComplaintOutcomes> complaintsByOutcome,
                        List<ComplaintCauses> complaintsByCause, RepeatRepairs repeatRepairs,
                        List<TechnicianFigures> technicians, List<SatisfactionFigures> satisfaction) {

    /** The sections, in the order the report and its CSV give them. */
    public static final List<String> SECTIONS = List.of("queues", "callRegistration", "agents", "callbacks", "slaMilestones", "recordsByType",
            "complaintsByType", "complaintsByOutcome", "complaintsByCause", "repeatRepairs", "technicians", "satisfaction");

    /** Calls offered in a queue (a call that never queued: queue "(none)"). */
    public record QueueFigures(String queue, int serviceLevelSeconds, long offered, long answered, long abandoned,
                               Double serviceLevelPercent, Double averageSpeedOfAnswerSeconds, Double longestWaitSeconds,
                               Double averageTalkSeconds) {
    }

    /** Inbound calls answered in the period: registered by a record, by a disposition, or by neither (来电必答: none should be). */
    public record CallRegistration(long answered, long withRecord, long withDisposition, long neither) {
    }

    public record AgentFigures(String agent, long answered, Double talkSeconds, Double averageTalkSeconds) {
    }

    /** Callbacks completed in the period: done, done within the on-time setting of their due time, failed or expired. */
    public record CallbackFigures(long done, long doneOnTime, long failed) {
    }

    /** Clocks whose deadline falls in the period: met, missed (breached, whatever came after), ended with their record. */
    public record MilestoneFigures(String milestone, long met, long missed, long ended) {
    }

    public record RecordsOfType(String type, long created) {
    }

    /** Complaints made in the period by type and the department that handles them, with how they were judged. */
    public record ComplaintsOfType(String complaintType, String handlerDepartment, long complaints, long upheld, long notUpheld,
                                   long pending, long serious, long closed) {
    }

    /**
     * Complaints made in the period by validity, with the customer's reactions: none yet, satisfied at
     * the first round, satisfied after more rounds, unhappy at the last round; the rounds taken.
     */
    public record ComplaintOutcomes(String validity, long complaints, long closed, long noReactionYet, long satisfiedFirstRound,
                                    long satisfiedLater, long unhappyAtLastRound, long rounds) {
    }

    /** Complaints made in the period by cause class and concern (not judged yet: null), serious ones, responsibility assigned. */
    public record ComplaintCauses(String causeClass, String concern, long complaints, long serious, long responsibilityAssigned) {
    }

    public record RepeatRepairs(long repairs, long repeats) {
    }

    public record TechnicianFigures(String technician, long jobs, long onSite, long finished, long onSiteDeadlineMet,
                                    Double averageMinutesToSite, long repairedAgain) {
    }

    public record SatisfactionFigures(String question, long answers, Double averageScore, long excellent, long good, long fair,
                                      long poor) {
    }
}
