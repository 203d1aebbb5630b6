package org.hotline.desk.complaints;

import java.util.Optional;
import java.util.Set;

/**
 * What the eight complaint steps find and decide, each part set when its step is reached:
 * validity (upheld or not) and the complaint's type (which routes it to its handling department),
 * cause class, concern and severity; the investigation; the proposed
 * fix; responsibility with its reward or penalty; the improvement measures; the case owner. An
 * empty part leaves what is stored as it is.
 */
public record ComplaintFindings(Optional<String> validity, Optional<String> complaintType, Optional<String> causeClass, Optional<String> concern,
                                Optional<String> severity, Optional<String> investigation, Optional<String> proposedFix,
                                Optional<String> responsibility, Optional<String> rewardPenalty, Optional<String> improvement,
                                Optional<Long> caseOwnerAgentId) {

    public static final Set<String> VALIDITY = Set.of("upheld", "not_upheld");
    public static final Set<String> COMPLAINT_TYPE = Set.of("quality", "transport_damage", "staff_attitude", "contract_dispute",
            "delay", "other");
    public static final Set<String> CAUSE_CLASS = Set.of("quality", "non_quality", "other");
    public static final Set<String> CONCERN = Set.of("product", "service", "packaging", "installation", "other");
    public static final Set<String> SEVERITY = Set.of("minor", "serious");

    public ComplaintFindings {
        check("validity", validity, VALIDITY);
        check("complaintType", complaintType, COMPLAINT_TYPE);
        check("causeClass", causeClass, CAUSE_CLASS);
        check("concern", concern, CONCERN);
        check("severity", severity, SEVERITY);
    }

    private static void check(String name, Optional<String> value, Set<String> allowed) {
        value.filter(v -> !allowed.contains(v)).ifPresent(v -> {
            throw new IllegalArgumentException(name + ": one of " + String.join(", ", new java.util.TreeSet<>(allowed)) + ", not '" + v + "'");
        });
    }
}
