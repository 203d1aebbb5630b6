package org.hotline.desk.settings;

import org.hotline.desk.customers.PhoneNumbers;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;

/** The service-desk rules of {@code config/service-desk.yaml}. */
public record DeskSettings(
        ZoneId timeZone,
        PhoneNumbers phoneNumbers,
        org.hotline.desk.customers.DiallingPolicy dialling,
        Duration agentWrapUp,
        PauseReasons pauseReasons,
        Map<String, String> complaintRouting,
        int unhappyRounds,
        String unhappyLevel,
        CallDispositions callDispositions,
        String crisisLevel,
        Map<String, Duration> escalationClimbAfter,
        CallbackRules callbacks) {

    /** How callbacks are tried and when return visits are made. */
    public record CallbackRules(int maxAttempts, Duration retryNoAnswer, Duration retryBusy, Duration retryFailed,
                                Duration ownerKeepsFor, Duration offerLease, Duration firstContactDueIn,
                                int returnVisitWorkingDays, LocalTime returnVisitAt, String returnVisitCalendar,
                                java.util.Optional<String> openHoursCalendar, java.util.Optional<Duration> afterAbandon,
                                Duration onTime, java.util.Optional<Duration> escalateOverdueAfter,
                                java.util.Optional<Duration> followUpEvery, java.util.Optional<Duration> surveyEvery,
                                java.util.Optional<Duration> callerReachedWithin) {
    }

    /** The department that handles complaints of {@code type}. */
    public String handlerFor(String complaintType) {
        return complaintRouting.getOrDefault(complaintType, complaintRouting.getOrDefault("other", "service_management"));
    }
}
