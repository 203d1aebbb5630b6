package org.hotline.desk.sla;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One deadline of an SLA policy: how long it allows, the record event that starts its clock,
 * the one that stops it (met, or breached if late), the events that pause and resume it, when
 * it counts as at risk (share of its time used), who is told if it is breached, and the longer
 * allowances it may be extended to with the customer's agreement (for example "parts", "factory").
 */
public record Milestone(
        String code,
        String name,
        Allowance allowance,
        String startEvent,
        String stopEvent,
        Set<String> pauseEvents,
        Set<String> resumeEvents,
        double atRiskShare,
        Optional<String> escalateOnBreach,
        Map<String, Allowance> extensions) {

    public Milestone {
        if (!(atRiskShare > 0 && atRiskShare < 1)) {
            throw new IllegalArgumentException(code + ": at-risk share must be between 0 and 1, not " + atRiskShare);
        }
        pauseEvents = Set.copyOf(pauseEvents);
        resumeEvents = Set.copyOf(resumeEvents);
        extensions = Map.copyOf(extensions);
    }
}
