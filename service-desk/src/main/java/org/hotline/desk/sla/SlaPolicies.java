package org.hotline.desk.sla;

import org.hotline.desk.calendar.BusinessCalendar;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every SLA policy, the calendars they count on and the distance bands they use. A record gets
 * the milestones of every policy that matches it; where two give the same milestone, the more
 * specific policy wins (then the higher rank).
 */
public final class SlaPolicies {

    private final List<SlaPolicy> policies;
    private final Map<String, BusinessCalendar> calendars;
    private final List<DistanceBand> distanceBands;

    public SlaPolicies(List<SlaPolicy> policies, Map<String, BusinessCalendar> calendars, List<DistanceBand> distanceBands) {
        this.policies = List.copyOf(policies);
        this.calendars = Map.copyOf(calendars);
        this.distanceBands = List.copyOf(distanceBands);
        for (SlaPolicy policy : policies) {
            if (!calendars.containsKey(policy.calendar())) {
                throw new IllegalArgumentException("policy " + policy.code() + " uses calendar '" + policy.calendar()
                        + "', which is not defined");
            }
        }
    }

    /** A milestone as it applies to one record: from which policy, on which calendar. */
    public record Applicable(SlaPolicy policy, Milestone milestone, BusinessCalendar calendar) {
    }

    /** The milestones that apply to a record, by milestone code. */
    public Map<String, Applicable> milestonesFor(RecordFacts facts) {
        Optional<String> band = distanceBand(facts.distanceKm());
        Map<String, Applicable> chosen = new LinkedHashMap<>();
        policies.stream()
                .filter(p -> p.selector().matches(facts, band))
                .sorted(Comparator.comparingInt((SlaPolicy p) -> p.selector().specificity()).thenComparingInt(SlaPolicy::rank))
                .forEach(p -> p.milestones().forEach(m -> chosen.put(m.code(), new Applicable(p, m, calendars.get(p.calendar())))));
        return chosen;
    }

    /** The zones the policies name (a record's zone should be one of them, or no on-site clock by zone runs). */
    public java.util.Set<String> zones() {
        return policies.stream().flatMap(p -> p.selector().zone().stream()).collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
    }

    /** The band a distance falls in: the first whose limit it does not exceed. */
    public Optional<String> distanceBand(Optional<Integer> distanceKm) {
        return distanceKm.flatMap(km -> distanceBands.stream()
                .filter(b -> b.upToKm().map(limit -> km <= limit).orElse(true))
                .findFirst().map(DistanceBand::name));
    }

    /** A milestone by its policy's code and its own. */
    public Optional<Milestone> milestone(String policyCode, String milestoneCode) {
        return applicable(policyCode, milestoneCode).map(Applicable::milestone);
    }

    /** A milestone with its policy and calendar, by the policy's code and its own. */
    public Optional<Applicable> applicable(String policyCode, String milestoneCode) {
        return policies.stream().filter(p -> p.code().equals(policyCode)).findFirst()
                .flatMap(p -> p.milestones().stream().filter(m -> m.code().equals(milestoneCode)).findFirst()
                        .map(m -> new Applicable(p, m, calendars.get(p.calendar()))));
    }

    public BusinessCalendar calendar(String code) {
        BusinessCalendar calendar = calendars.get(code);
        if (calendar == null) {
            throw new IllegalArgumentException("no calendar '" + code + "'");
        }
        return calendar;
    }

    /** The names of the business calendars (office, around-the-clock, ...). */
    public java.util.Set<String> calendarNames() {
        return calendars.keySet();
    }

    public List<SlaPolicy> policies() {
        return policies;
    }
}
