package org.hotline.desk.sla;

import java.util.Optional;

/**
 * Which records a policy applies to. An empty part matches anything; the more parts a selector
 * names, the more specific it is.
 */
public record PolicySelector(java.util.Set<String> recordTypes, Optional<String> priority, Optional<String> zone,
                             Optional<String> distanceBand, Optional<String> warrantyStatus) {

    public static final PolicySelector ANY = new PolicySelector(java.util.Set.of(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty());

    /** {@code recordTypes}: the types it applies to (one or several); empty: any type. */
    public PolicySelector {
        recordTypes = java.util.Set.copyOf(recordTypes);
    }

    boolean matches(RecordFacts facts, Optional<String> factsDistanceBand) {
        return (recordTypes.isEmpty() || recordTypes.contains(facts.recordType()))
                && priority.map(facts.priority()::equals).orElse(true)
                && zone.map(z -> facts.zone().map(z::equals).orElse(false)).orElse(true)
                && distanceBand.map(b -> factsDistanceBand.map(b::equals).orElse(false)).orElse(true)
                && warrantyStatus.map(facts.warrantyStatus()::equals).orElse(true);
    }

    int specificity() {
        return (recordTypes.isEmpty() ? 0 : 1) + (priority.isPresent() ? 1 : 0) + (zone.isPresent() ? 1 : 0)
                + (distanceBand.isPresent() ? 1 : 0) + (warrantyStatus.isPresent() ? 1 : 0);
    }
}
